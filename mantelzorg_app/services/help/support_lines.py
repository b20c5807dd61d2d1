"""The words of the Wegwijzer's answer to a heavy load: who calls back and when, the number to call
now, and, when she often thinks "ik kan het niet meer aan", the huisarts and the national line.

Everything comes from the hub's own settings (``Hub.callback_caller``, ``Hub.callback_workdays``,
``Hub.phone``, ``Hub.country``), so a hub that promises something else changes a row, not a page.
Each text is given in every language at once (``{lang: text}``), as ``platform.dates`` does, so a
page picks the reader's and switching the language needs no trip to the server.

The tone is calm: a fact, a number, a time. Never "crisis", never "direct", never an alarm colour.
The national lines are free, day and night: that is said, because it is what lowers the step.
"""

import re
from dataclasses import dataclass

from mantelzorg_app.models import Hub
from mantelzorg_app.services.help import wegwijzer
from mantelzorg_app.services.help.vocabulary import DAYPART_PHRASES
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_

# Who calls back, by Hub.callback_caller; the start of a sentence, so with a capital.
CALLERS = {
    "consulent": N_("Een mantelzorgconsulent van {hub}"),
    "steunpunt": N_("Iemand van het steunpunt mantelzorg in {hub}"),
    "gemeente": N_("Iemand van de gemeente {hub}"),
    "sociaal_huis": N_("Iemand van het Sociaal Huis van {hub}"),
}
DEFAULT_CALLER = "consulent"
# The promise, as one sentence: within one working day or several, with the chosen time or without.
WITHIN_ONE_DAY = N_("{caller} belt u binnen 1 werkdag.")
WITHIN_DAYS = N_("{caller} belt u binnen {days} werkdagen.")
WITHIN_ONE_DAY_AT = N_("{caller} belt u binnen 1 werkdag, {time}.")
WITHIN_DAYS_AT = N_("{caller} belt u binnen {days} werkdagen, {time}.")
CALL_NOW = N_("Wilt u nu meteen iemand spreken? Bel ons.")
# Only after "Vaak" on "Hoe vaak denkt u: ik kan het niet meer aan?".
TALK_HEADING = N_("Praten kan altijd")
HUISARTS = N_("U denkt vaak: ik kan het niet meer aan. Praat daarover met iemand. Dat kan met uw huisarts.")


@dataclass(frozen=True)
class Line:
    """A number to call: the sentence that says what it is ({lang: text}), the number as people
    write it, and the ``tel:`` link a phone dials with one tap."""

    text: dict[str, str]
    number: str
    href: str


# The national line of each country, free and open day and night.
_NATIONAL = {
    "NL": (
        N_("U kunt ook praten met 113 Zelfmoordpreventie. Bel gratis 0800-0113, dag en nacht."),
        "0800-0113",
    ),
    "BE": (N_("U kunt ook praten met de Zelfmoordlijn 1813. Bel gratis 1813, dag en nacht."), "1813"),
}
# The answer on the scale that says "most often": the last of the scale ("Vaak").
MOST_OFTEN = wegwijzer.SCALE[-1].value
CANNOT_COPE = "op"  # "Hoe vaak denkt u: ik kan het niet meer aan?"


def _all(msgid: str, **values: object) -> dict[str, str]:
    return {lang: i18n.gettext(lang, msgid, **values) for lang in i18n.LANGUAGES}


def tel_href(number: str) -> str:
    """The ``tel:`` link of a number as written ("033-000 0000" gives "tel:0330000000"); "" for none."""
    digits = re.sub(r"[^0-9+]", "", number)
    return f"tel:{digits}" if re.fullmatch(r"\+?[0-9]{3,15}", digits) else ""


def caller(hub: Hub) -> str:
    """The catalogue id of who calls back for this hub; an unknown setting falls back to the consulent."""
    return CALLERS.get(hub.callback_caller, CALLERS[DEFAULT_CALLER])


def promise(hub: Hub, good_time: str = "") -> dict[str, str]:
    """Who calls back and when, in every language: "Een mantelzorgconsulent van Leusden belt u binnen
    2 werkdagen, in de middag." Without a ``good_time`` (or with "altijd") the time is left out."""
    days = max(1, hub.callback_workdays or 1)
    time = DAYPART_PHRASES.get(good_time)  # "altijd" says no time
    if time is None:
        sentence = WITHIN_ONE_DAY if days == 1 else WITHIN_DAYS
    else:
        sentence = WITHIN_ONE_DAY_AT if days == 1 else WITHIN_DAYS_AT
    return {
        lang: i18n.gettext(
            lang,
            sentence,
            caller=i18n.gettext(lang, caller(hub), hub=hub.name),
            days=days,
            time=i18n.gettext(lang, time) if time else "",
        )
        for lang in i18n.LANGUAGES
    }


def call_now(hub: Hub) -> Line | None:
    """The hub's own number to call now; None when the hub has none (or one a phone cannot dial)."""
    href = tel_href(hub.phone)
    return Line(_all(CALL_NOW), hub.phone.strip(), href) if href else None


def needs_line(found: wegwijzer.Screen) -> bool:
    """True when she answered "Vaak" on "ik kan het niet meer aan" (and that question is shown)."""
    return CANNOT_COPE in found.shown and found.answers.get(CANNOT_COPE) == MOST_OFTEN


def national_line(country: str) -> Line | None:
    """The free national line of the hub's country, day and night; None for a country we do not know."""
    found = _NATIONAL.get(country)
    if found is None:
        return None
    text, number = found
    return Line(_all(text), number, tel_href(number))
