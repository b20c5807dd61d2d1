"""Dates and times in words, in the hub's time zone and the reader's language.

"vandaag om 8.13 uur", "gisteren om 14.05 uur", "dinsdag 3 december"; in English "today at 8:13",
"Tuesday 1 December". Babel's CLDR data gives the names of days and months; the words around them
("vandaag", "om ... uur") are ours, because CLDR's relative formats read like a clock, not a person.
Pages get every language at once (``*_all``), so switching the language needs no trip to the server.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_

TODAY = N_("vandaag")
YESTERDAY = N_("gisteren")
TOMORROW = N_("morgen")
AT_TIME = N_("{day} om {time}")
# The time of day as people write it: "8.13 uur" in Dutch, "8:13" in English; the clock alone
# ("9.00") where a span says "uur" once: "9.00 tot 17.00 uur".
_CLOCK = {"nl": "{hour}.{minute:02d}", "en": "{hour}:{minute:02d}"}
_TIME = {"nl": "{clock} uur", "en": "{clock}"}
# A day in words: the weekday and the date, the year only when it is not this year.
_DAY, _DAY_WITH_YEAR = "EEEE d MMMM", "EEEE d MMMM y"


def local(moment: datetime, zone: str) -> datetime:
    """A stored (UTC, aware) moment on the hub's clock."""
    return moment.astimezone(ZoneInfo(zone))


def clock_in_words(hour: int, minute: int, lang: str, *, unit: bool = True) -> str:
    """A time of day as people write it: "9.00 uur" / "9:00"; without ``unit`` "9.00" / "9:00"."""
    lang = i18n.supported(lang)
    clock = _CLOCK[lang].format(hour=hour, minute=minute)
    return _TIME[lang].format(clock=clock) if unit else clock


def time_in_words(moment: datetime, zone: str, lang: str) -> str:
    """The time of day on the hub's clock: "8.13 uur" / "8:13"."""
    shown = local(moment, zone)
    return clock_in_words(shown.hour, shown.minute, lang)


def clock_in_words_all(moment: datetime | None, zone: str) -> dict[str, str]:
    """``time_in_words`` in every language ("10.15 uur" / "10:15"); "" in each for no moment."""
    return {lang: time_in_words(moment, zone, lang) if moment else "" for lang in i18n.LANGUAGES}


def day_in_words(day: date, lang: str, today: date | None = None) -> str:
    """A calendar day: "vandaag", "gisteren", "morgen", else "dinsdag 3 december" (with the year
    when it is not ``today``'s year). Without ``today`` it always names the day."""
    lang = i18n.supported(lang)
    if today is not None:
        near = {today: TODAY, today - timedelta(days=1): YESTERDAY, today + timedelta(days=1): TOMORROW}
        if day in near:
            return i18n.gettext(lang, near[day])
    pattern = _DAY if today is None or day.year == today.year else _DAY_WITH_YEAR
    return format_date(day, pattern, locale=lang)


def in_words(moment: datetime, zone: str, lang: str, now: datetime) -> str:
    """A moment as a person says it, seen from ``now``: "vandaag om 8.13 uur", "gisteren om 14.05
    uur", "dinsdag 3 december om 9.00 uur". "Today" is today on the hub's clock, not in UTC."""
    day = day_in_words(local(moment, zone).date(), lang, local(now, zone).date())
    return i18n.gettext(lang, AT_TIME, day=day, time=time_in_words(moment, zone, lang))


def in_words_all(moment: datetime, zone: str, now: datetime) -> dict[str, str]:
    """``in_words`` in every language, for a page to pick the reader's: ``row["when"][lang]``."""
    return {lang: in_words(moment, zone, lang, now) for lang in i18n.LANGUAGES}


def day_in_words_all(day: date, today: date | None = None) -> dict[str, str]:
    """``day_in_words`` in every language."""
    return {lang: day_in_words(day, lang, today) for lang in i18n.LANGUAGES}
