"""Opening hours in words: the week ("Maandag tot en met vrijdag: 9.00 tot 17.00 uur") and the
moment ("Nu open tot 17.00 uur"), on the hub's clock, in every language at once (``{lang: ...}``, as
``platform.dates`` does, so switching the language needs no trip to the server).

A schedule is an HSDS ``schedule`` row (``models.ServiceSchedule``): ``freq`` WEEKLY or MONTHLY,
``byday`` as RFC 5545 BYDAY ("MO,TU"; "1TU" the first Tuesday, "-1FR" the last Friday of the month),
``opens_at`` and ``closes_at`` as "HH:MM" on the hub's clock. A closing time at or before the opening
time is the next day (22.00 tot 2.00 uur); "24:00" is midnight. A row that does not read is left out:
the card then shows less, never an error.

The hours are wall-clock times in the hub's zone, so "9.00 uur" stays 9.00 across daylight saving.
"""

import calendar
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_day_names

from mantelzorg_app.services.platform import dates, i18n
from mantelzorg_app.services.platform.i18n import N_

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # Python's weekday() order
WEEKLY, MONTHLY = "WEEKLY", "MONTHLY"

# One line of the week: which days, then their hours.
DAYS_HOURS = N_("{days}: {hours}")
SPAN = N_("{opens} tot {closes}")  # "9.00 tot 17.00 uur"
RUN = N_("{first} tot en met {last}")  # "maandag tot en met vrijdag"
LIST = N_("{items} en {last}")  # "maandag, woensdag en vrijdag"
MONTHLY_DAYS = N_("Elke {nth} {day} van de maand")
NTH = {
    1: N_("eerste"),
    2: N_("tweede"),
    3: N_("derde"),
    4: N_("vierde"),
    5: N_("vijfde"),
    -1: N_("laatste"),
    -2: N_("op een na laatste"),
}
# The moment.
OPEN_NOW = N_("Nu open tot {time}")
OPEN_LATER_TODAY = N_("Vandaag open van {opens} tot {closes}")
OPEN_TOMORROW = N_("Nu gesloten. Morgen open vanaf {time}")
OPEN_ON = N_("Nu gesloten. Open op {day} vanaf {time}")
CHECKED = N_("Laatst gecontroleerd op {day}")

_LOOK_AHEAD = 400  # days: a "5TH" schedule may wait months for a month with five Thursdays
_WEEK_AHEAD = 6  # within this many days the next opening is named by its weekday alone


class Schedule(Protocol):
    freq: str
    byday: str
    opens_at: str
    closes_at: str
    description: str


@dataclass(frozen=True)
class _Rule:
    """One readable schedule: on which days it opens (weekdays 0-6, or (nth, weekday) in a month)."""

    weekly: frozenset[int]
    monthly: frozenset[tuple[int, int]]
    opens: time
    closes: time
    past_midnight: bool  # closes the next day
    description: str

    def opens_on(self, day: date) -> bool:
        if day.weekday() in self.weekly:
            return True
        if not self.monthly:
            return False
        last = calendar.monthrange(day.year, day.month)[1]
        forward, backward = (day.day - 1) // 7 + 1, -((last - day.day) // 7 + 1)
        return (forward, day.weekday()) in self.monthly or (backward, day.weekday()) in self.monthly


def _clock(text: object) -> tuple[time, bool] | None:
    """ "09:30" as a time; "24:00" as midnight (with True: the next day). None when it does not read."""
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return None
    hour, minute = text[:2], text[3:]
    if not (hour.isdigit() and minute.isdigit()):
        return None
    h, m = int(hour), int(minute)
    if (h, m) == (24, 0):
        return time(0, 0), True
    return (time(h, m), False) if h < 24 and m < 60 else None


def _rule(schedule: Schedule) -> _Rule | None:
    opens, closes = _clock(schedule.opens_at), _clock(schedule.closes_at)
    if opens is None or closes is None or opens[1]:
        return None
    weekly, monthly = set(), set()
    freq = (schedule.freq or WEEKLY).upper()
    for token in (schedule.byday or "").upper().replace(" ", "").split(","):
        code, number = token[-2:], token[:-2]
        if code not in WEEKDAYS:
            continue
        day = WEEKDAYS.index(code)
        if freq == MONTHLY and number:
            nth = int(number) if number.lstrip("+-").isdigit() else 0
            if nth in NTH:
                monthly.add((nth, day))
        elif not number:
            weekly.add(day)
    if not weekly and not monthly:
        return None
    past_midnight = closes[1] or closes[0] <= opens[0]
    description = (getattr(schedule, "description", "") or "").strip()
    return _Rule(frozenset(weekly), frozenset(monthly), opens[0], closes[0], past_midnight, description)


def _rules(schedules: Iterable[Schedule]) -> list[_Rule]:
    return [rule for rule in map(_rule, schedules) if rule is not None]


# --- words -----------------------------------------------------------------------------------------


def _say(lang: str, msgid: str, **values: object) -> str:
    return i18n.gettext(lang, msgid, **values)


def listed(items: Sequence[str], lang: str) -> str:
    """ "a", "a en b", "a, b en c" (English "a, b and c")."""
    if len(items) <= 1:
        return "".join(items)
    return _say(lang, LIST, items=", ".join(items[:-1]), last=items[-1])


def _day_name(weekday: int, lang: str) -> str:
    return get_day_names("wide", locale=i18n.supported(lang))[weekday]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _runs(days: Sequence[int]) -> list[list[int]]:
    """Days of the week in runs of days that follow each other: [0, 1, 2, 4] gives [[0, 1, 2], [4]]."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _days_in_words(days: Sequence[int], lang: str) -> str:
    """ "maandag tot en met vrijdag", "maandag en dinsdag", "maandag tot en met woensdag en vrijdag"."""
    parts: list[str] = []
    for run in _runs(days):
        names = [_day_name(day, lang) for day in run]
        if len(run) >= 3:
            parts.append(_say(lang, RUN, first=names[0], last=names[-1]))
        else:
            parts.extend(names)
    return listed(parts, lang)


def _span(rule: _Rule, lang: str) -> str:
    text = _say(
        lang,
        SPAN,
        opens=dates.clock_in_words(rule.opens.hour, rule.opens.minute, lang, unit=False),
        closes=dates.clock_in_words(rule.closes.hour, rule.closes.minute, lang),
    )
    return text


def _hours(rules: Sequence[_Rule], lang: str) -> str:
    return listed([_span(rule, lang) for rule in sorted(rules, key=lambda r: r.opens)], lang)


def week_in_words(schedules: Iterable[Schedule], lang: str) -> list[str]:
    """The opening hours as lines: the weekly days first, days with the same hours together
    ("Maandag tot en met vrijdag: 9.00 tot 17.00 uur"), then each monthly day ("Elke eerste dinsdag
    van de maand: 19.30 tot 21.30 uur"). A schedule's own words ("Bellen om een rit te boeken.",
    as the partner typed them) follow its line, unless they only say what the line says. No lines
    when there are no hours."""
    rules = _rules(schedules)
    lines: list[tuple[tuple, Callable[[str], str], list[_Rule]]] = []  # order, words by language, rules
    by_day = {day: [rule for rule in rules if day in rule.weekly] for day in range(7)}
    same: dict[tuple, list[int]] = {}  # the same hours: which days
    for day, found in by_day.items():
        if found:
            key = tuple(sorted((r.opens, r.closes, r.description) for r in found))
            same.setdefault(key, []).append(day)
    for days in same.values():
        found = by_day[days[0]]
        lines.append(((0, days[0]), functools.partial(_weekly_line, days, found), found))
    monthly: dict[tuple, list[_Rule]] = {}
    for rule in rules:
        if rule.monthly:
            monthly.setdefault(tuple(sorted(rule.monthly, key=_month_order)), []).append(rule)
    for when, found in monthly.items():
        lines.append(((1, _month_order(when[0])), functools.partial(_monthly_line, when, found), found))
    said: list[str] = []
    for _order, line, found in sorted(lines, key=lambda line: line[0]):
        said.append(line(lang))
        # The partner's words are Dutch: compared with the Dutch line in every language.
        said.extend(_more_words(line(i18n.DEFAULT_LANGUAGE), found))
    return said


def _weekly_line(days: Sequence[int], rules: Sequence[_Rule], lang: str) -> str:
    return _say(lang, DAYS_HOURS, days=_capital(_days_in_words(days, lang)), hours=_hours(rules, lang))


def _plain(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def _more_words(line: str, rules: Sequence[_Rule]) -> list[str]:
    """Each schedule's own words that say more than the line ("Elke eerste dinsdag van de maand."
    after "Elke eerste dinsdag van de maand: ..." says nothing more)."""
    found = dict.fromkeys(rule.description for rule in rules if rule.description)
    return [words for words in found if not _plain(line).startswith(_plain(words))]


def _month_order(nth_day: tuple[int, int]) -> tuple[int, int]:
    nth, day = nth_day
    return (nth if nth > 0 else 10 - nth, day)  # the first before the last


def _monthly_line(when: tuple[tuple[int, int], ...], rules: Sequence[_Rule], lang: str) -> str:
    """ "Elke eerste dinsdag van de maand", "Elke eerste en derde dinsdag van de maand"."""
    days: dict[int, list[int]] = {}
    for nth, day in when:
        days.setdefault(day, []).append(nth)
    said = listed(
        [
            _say(
                lang,
                MONTHLY_DAYS,
                nth=listed([_say(lang, NTH[n]) for n in nths], lang),
                day=_day_name(day, lang),
            )
            for day, nths in days.items()
        ],
        lang,
    )
    return _say(lang, DAYS_HOURS, days=said, hours=_hours(rules, lang))


def week_in_words_all(schedules: Iterable[Schedule]) -> dict[str, list[str]]:
    """``week_in_words`` in every language: ``{lang: [line, ...]}``."""
    schedules = list(schedules)
    return {lang: week_in_words(schedules, lang) for lang in i18n.LANGUAGES}


# --- the moment ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Opening:
    start: datetime  # on the hub's clock
    end: datetime


def _openings(rules: Sequence[_Rule], zone: ZoneInfo, first: date, days: int) -> list[_Opening]:
    """Every opening that starts on one of ``days`` days from ``first``, in order; touching or
    overlapping openings become one (9.00 tot 12.00 and 12.00 tot 17.00: open until 17.00)."""
    found: list[_Opening] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        for rule in rules:
            if rule.opens_on(day):
                start = datetime.combine(day, rule.opens, zone)
                end = datetime.combine(day + timedelta(days=rule.past_midnight), rule.closes, zone)
                found.append(_Opening(start, end))
    found.sort(key=lambda opening: opening.start)
    merged: list[_Opening] = []
    for opening in found:
        if merged and opening.start <= merged[-1].end:
            if opening.end > merged[-1].end:
                merged[-1] = _Opening(merged[-1].start, opening.end)
        else:
            merged.append(opening)
    return merged


def _time(moment: datetime, lang: str, *, unit: bool = True) -> str:
    return dates.clock_in_words(moment.hour, moment.minute, lang, unit=unit)


def now_in_words(schedules: Iterable[Schedule], zone: str, now: datetime, lang: str) -> str:
    """Open or not at ``now`` on the hub's clock, and when next: "Nu open tot 17.00 uur", "Vandaag
    open van 13.00 tot 17.00 uur", "Nu gesloten. Morgen open vanaf 9.00 uur", "Nu gesloten. Open op
    donderdag vanaf 9.00 uur"; "" when there are no hours (or none in the coming year)."""
    rules = _rules(schedules)
    if not rules:
        return ""
    clock = ZoneInfo(zone)
    here = now.astimezone(clock)
    today = here.date()
    # A week ahead first: most services open within it; only a rare monthly day needs the long look.
    opening = _ahead(rules, clock, today, here, 9) or _ahead(rules, clock, today, here, _LOOK_AHEAD)
    if opening is None:
        return ""
    if opening.start <= here:
        return _say(lang, OPEN_NOW, time=_time(opening.end, lang))
    day = opening.start.date()
    if day == today:
        opens, closes = _time(opening.start, lang, unit=False), _time(opening.end, lang)
        return _say(lang, OPEN_LATER_TODAY, opens=opens, closes=closes)
    if day == today + timedelta(days=1):
        return _say(lang, OPEN_TOMORROW, time=_time(opening.start, lang))
    near = day - today <= timedelta(days=_WEEK_AHEAD)
    named = _day_name(day.weekday(), lang) if near else dates.day_in_words(day, lang, today)
    return _say(lang, OPEN_ON, day=named, time=_time(opening.start, lang))


def _ahead(
    rules: Sequence[_Rule], clock: ZoneInfo, today: date, here: datetime, days: int
) -> _Opening | None:
    """The opening going on at ``here`` or the next one, within ``days`` days from yesterday (one
    that opened last night may still be open)."""
    for opening in _openings(rules, clock, today - timedelta(days=1), days):
        if opening.end > here:
            return opening
    return None


def now_in_words_all(schedules: Iterable[Schedule], zone: str, now: datetime) -> dict[str, str]:
    """``now_in_words`` in every language: ``{lang: text}``."""
    schedules = list(schedules)
    return {lang: now_in_words(schedules, zone, now, lang) for lang in i18n.LANGUAGES}


def checked_in_words_all(day: date) -> dict[str, str]:
    """When the entry was last checked: ``{lang: "Laatst gecontroleerd op 3 november 2026"}``."""
    return {
        lang: _say(lang, CHECKED, day=format_date(day, "d MMMM y", locale=lang)) for lang in i18n.LANGUAGES
    }
