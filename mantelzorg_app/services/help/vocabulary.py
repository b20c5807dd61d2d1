"""The help categories, days and dayparts: the values requests and volunteer profiles store, and the
words and pictograms people see for them. The Wegwijzer asks with them, matching ranks by them.

A value is stored (space-separated in the columns, see ``models.base.joined``): never rename one;
change its label instead. Days are in ``datetime.weekday()`` order, dayparts in the day's order.
"""

from dataclasses import dataclass

from mantelzorg_app.services.platform.i18n import N_


@dataclass(frozen=True)
class Choice:
    value: str  # stable: stored, matched and counted; never change it for a wording change
    label: str  # N_-marked Dutch word or short phrase shown on the button
    icon: str  # a Lucide icon name, shown beside the label


HELP_CATEGORIES: tuple[Choice, ...] = (
    Choice("boodschappen", N_("Boodschappen"), "shopping-cart"),
    Choice("vervoer", N_("Vervoer"), "car"),
    Choice("gezelschap", N_("Gezelschap"), "users"),
    Choice("klusjes", N_("Klusjes in huis"), "hammer"),
    Choice("oppas", N_("Iemand die even oppast"), "hand-heart"),
    Choice("huishouden", N_("Huishouden"), "washing-machine"),
    Choice("papierwerk", N_("Papierwerk"), "file-text"),
    Choice("praten", N_("Even praten"), "message-circle"),
)
DAYS: tuple[Choice, ...] = (
    Choice("maandag", N_("Maandag"), "calendar"),
    Choice("dinsdag", N_("Dinsdag"), "calendar"),
    Choice("woensdag", N_("Woensdag"), "calendar"),
    Choice("donderdag", N_("Donderdag"), "calendar"),
    Choice("vrijdag", N_("Vrijdag"), "calendar"),
    Choice("zaterdag", N_("Zaterdag"), "calendar"),
    Choice("zondag", N_("Zondag"), "calendar"),
)
DAYPARTS: tuple[Choice, ...] = (
    Choice("ochtend", N_("Ochtend"), "sunrise"),
    Choice("middag", N_("Middag"), "sun"),
    Choice("avond", N_("Avond"), "moon"),
)

CATEGORY_VALUES = tuple(choice.value for choice in HELP_CATEGORIES)
DAY_VALUES = tuple(choice.value for choice in DAYS)
DAYPART_VALUES = tuple(choice.value for choice in DAYPARTS)
# A daypart inside a sentence: "belt u binnen 2 werkdagen, in de middag", "dinsdag, in de middag".
DAYPART_PHRASES = {
    "ochtend": N_("in de ochtend"),
    "middag": N_("in de middag"),
    "avond": N_("in de avond"),
}
CATEGORY_LABELS = {choice.value: choice.label for choice in HELP_CATEGORIES}  # for sentences in mails
