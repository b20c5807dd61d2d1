"""When, in words, on the cards of a request: the days and dayparts the caregiver chose, and the
first moment both can do once a volunteer helps.

Whole sentences in every language at once (``*_all``: a page picks the reader's), so switching the
language needs no trip to the server. Day names and "of"/"or" lists come from Babel's CLDR data;
the sentences around them are catalogue entries with named values, never glued fragments.
"""

from datetime import datetime

from babel.dates import get_day_names
from babel.lists import format_list

from mantelzorg_app.models import HelpRequest
from mantelzorg_app.models.base import split
from mantelzorg_app.services.help import matching
from mantelzorg_app.services.help.vocabulary import DAY_VALUES, DAYPART_PHRASES, DAYPART_VALUES
from mantelzorg_app.services.platform import dates, i18n
from mantelzorg_app.services.platform.i18n import N_

WHEN_LINE = N_("Wanneer: {when}")
WHEN_DAYS_DAYPARTS = N_("{days}, {dayparts}")  # "dinsdag of donderdag, in de middag"
WHEN_EVERY_DAY = N_("elke dag, {dayparts}")
WHEN_ANY = N_("het maakt niet uit")
FIRST_MOMENT = N_("Eerste moment dat past: {day}, {daypart}")  # "morgen, in de middag"


def when_in_words(days: str, dayparts: str, lang: str) -> str:
    """Stored ``days`` and ``dayparts`` (space-separated) as the card says them: "Wanneer: dinsdag
    of donderdag, in de middag"; nothing chosen: "Wanneer: het maakt niet uit"."""
    lang = i18n.supported(lang)
    names = get_day_names("wide", locale=lang)  # 0 is Monday, as DAY_VALUES
    chosen_days, chosen_parts = set(split(days)), set(split(dayparts))
    day_words = [names[i] for i, day in enumerate(DAY_VALUES) if day in chosen_days]
    part_words = [i18n.gettext(lang, DAYPART_PHRASES[p]) for p in DAYPART_VALUES if p in chosen_parts]
    on_days = format_list(day_words, style="or", locale=lang) if day_words else ""
    in_parts = format_list(part_words, style="or", locale=lang) if part_words else ""
    if on_days and in_parts:
        when = i18n.gettext(lang, WHEN_DAYS_DAYPARTS, days=on_days, dayparts=in_parts)
    elif in_parts:
        when = i18n.gettext(lang, WHEN_EVERY_DAY, dayparts=in_parts)
    else:
        when = on_days or i18n.gettext(lang, WHEN_ANY)
    return i18n.gettext(lang, WHEN_LINE, when=when)


def when_all(request: HelpRequest) -> dict[str, str]:
    """``when_in_words`` of the request, by language."""
    return {lang: when_in_words(request.days, request.dayparts, lang) for lang in i18n.LANGUAGES}


def first_moment_all(request: HelpRequest, zone: str, now: datetime) -> dict[str, str]:
    """The first moment both can do (``agreed_at``: the start of a daypart, see follow_ups.plan), by
    language: "Eerste moment dat past: morgen, in de middag". Empty when there is none yet."""
    if request.agreed_at is None:
        return {}
    local = dates.local(request.agreed_at, zone)
    daypart = DAYPART_PHRASES[DAYPART_VALUES[matching.slot_of(local) % len(DAYPART_VALUES)]]
    today = dates.local(now, zone).date()
    return {
        lang: i18n.gettext(
            lang,
            FIRST_MOMENT,
            day=dates.day_in_words(local.date(), lang, today),
            daypart=i18n.gettext(lang, daypart),
        )
        for lang in i18n.LANGUAGES
    }
