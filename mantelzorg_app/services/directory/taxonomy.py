"""The sociale kaart's categories: the value a service stores, its words and pictogram, and which
help categories of the Wegwijzer it answers.

A value is stored and exported as an HSDS taxonomy term (its ``code``; its id is a UUID made from
the value, so it stays the same in every export): never rename one, change its label instead.
"""

import uuid
from dataclasses import dataclass

from mantelzorg_app.services.platform.i18n import N_

# The namespace every stable id of ours is made in (uuid5), for taxonomy terms and demo entries.
NAMESPACE = uuid.UUID("6b1f3c2e-4d5a-4e8b-9c7d-2a1b0c9d8e7f")
TAXONOMY = "mantelzorghub"  # the HSDS taxonomy name of these terms


@dataclass(frozen=True)
class Category:
    value: str  # stable: stored, exported, filtered on
    label: str  # N_-marked words on the card and the filter chip
    icon: str  # a Lucide icon name
    what: str  # N_-marked one line: what you find here
    helps_with: tuple[str, ...] = ()  # services.help.vocabulary CATEGORY_VALUES this answers

    @property
    def term_id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"category:{self.value}"))


CATEGORIES: tuple[Category, ...] = (
    Category(
        "mantelzorgondersteuning",
        N_("Steun voor mantelzorgers"),
        "hand-heart",
        N_("Een consulent, het Mantelzorgcafé en het inloopuur."),
        ("praten",),
    ),
    Category(
        "respijtzorg",
        N_("Even vrij: respijtzorg"),
        "bed",
        N_("Iemand neemt de zorg even over: oppas of logeren."),
        ("oppas",),
    ),
    Category("dagbesteding", N_("Dagbesteding"), "sun", N_("Een fijne dag buiten de deur."), ("gezelschap",)),
    Category("thuiszorg", N_("Zorg thuis"), "stethoscope", N_("Verpleging en verzorging bij u thuis.")),
    Category(
        "huishoudelijke_hulp",
        N_("Hulp in het huishouden"),
        "washing-machine",
        N_("Schoonmaken, wassen en strijken."),
        ("huishouden",),
    ),
    Category("vervoer", N_("Vervoer"), "car", N_("Regiotaxi en vrijwilligers die rijden."), ("vervoer",)),
    Category("maaltijden", N_("Maaltijden"), "utensils", N_("Warm eten aan huis of samen eten.")),
    Category(
        "boodschappen",
        N_("Boodschappen"),
        "shopping-cart",
        N_("Boodschappen laten doen of bezorgen."),
        ("boodschappen",),
    ),
    Category(
        "buurthulp",
        N_("Hulp uit de buurt"),
        "handshake",
        N_("Vrijwilligers voor een klusje of een praatje."),
        ("klusjes", "gezelschap"),
    ),
    Category(
        "lotgenoten",
        N_("Praten met anderen"),
        "users",
        N_("Mensen die hetzelfde meemaken."),
        ("praten",),
    ),
    Category(
        "administratie",
        N_("Papierwerk en geld"),
        "file-text",
        N_("Hulp bij formulieren, brieven en geld."),
        ("papierwerk",),
    ),
    Category(
        "huisarts",
        N_("Huisarts en praktijk"),
        "clipboard-plus",
        N_("De praktijkondersteuner van de huisarts."),
    ),
    Category(
        "dementie",
        N_("Dementie en geheugen"),
        "brain",
        N_("Een casemanager en een ontmoetingscentrum."),
    ),
    Category(
        "jonge_mantelzorgers",
        N_("Jonge mantelzorgers"),
        "backpack",
        N_("Voor kinderen en jongeren die zorgen."),
    ),
    Category(
        "werk_en_mantelzorg",
        N_("Werk en mantelzorg"),
        "briefcase",
        N_("Zorgen en werken samen laten gaan."),
    ),
)

CATEGORY_VALUES = tuple(category.value for category in CATEGORIES)
BY_VALUE = {category.value: category for category in CATEGORIES}
BY_TERM_ID = {category.term_id: category for category in CATEGORIES}


def answering(help_categories: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The sociale kaart's categories that answer the Wegwijzer's chosen help, in this list's order."""
    return tuple(c.value for c in CATEGORIES if set(c.helps_with) & set(help_categories))
