"""What the Agenda tab and the printable month show: each date of the hub's activities with the
places still free and whether the person looking comes ("U komt", on the waiting list), the kinds
and wijken its filter chips offer, and one month on the hub's clock.

A course (``whole_series``) is signed up for once, on its first date by the rule: each of its
evenings shows that sign-up's places and the person's own booking.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking, BookingStatus, Hub
from mantelzorg_app.services.calendar import activities, bookings, recurrence, schedule
from mantelzorg_app.services.calendar.activities import AHEAD, Dated
from mantelzorg_app.services.calendar.vocabulary import KINDS
from mantelzorg_app.services.platform import dates, i18n
from mantelzorg_app.services.platform.i18n import N_

MONTH = re.compile(r"^(\d{4})-(\d{2})$")  # a month in an address: 2026-12
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a month outside these is no month of ours


@dataclass(frozen=True)
class Card:
    """One date as the agenda shows it."""

    dated: Dated
    free: int | None  # places still free; None when there is no limit
    mine: str  # the person's own live booking: "booked", "waiting", or ""
    evening: tuple[int, int] | None = None  # a course's evening: (2, 4) is the second of four


def sign_up_date(item: Dated) -> datetime:
    """The name a sign-up for this date is filed under (``schedule.sign_up_name``): a course's first
    date by the rule, else the date's own."""
    return schedule.sign_up_name(item.activity, item.date.occurrence)


def cards(
    session: Session,
    hub: Hub,
    person_id: int | None,
    now: datetime,
    kind: str = "",
    wijk_id: int | None = None,
) -> list[Card]:
    """The hub's coming dates (up to ``AHEAD``), only of ``kind`` and for ``wijk_id`` (the wijk's
    and the whole hub's) when given, each with its places and the person's own booking."""
    kinds = (kind,) if kind else ()
    found = activities.dated(session, hub, now, now + AHEAD, kinds, wijk_id)
    return with_places(session, found, person_id, hub.timezone)


def with_places(session: Session, items: list[Dated], person_id: int | None, zone: str) -> list[Card]:
    """The dates with their free places, the person's own booking, and a course's evening number."""
    if not items:
        return []
    evenings = _evenings(session, [item.activity for item in items if item.activity.whole_series], zone)
    names = {(item.activity.id, sign_up_date(item)) for item in items}
    moments = [moment for _, moment in names]
    rows = session.exec(
        select(Booking).where(
            col(Booking.activity_id).in_({activity_id for activity_id, _ in names}),
            col(Booking.status).in_(bookings.LIVE),
            Booking.occurrence >= min(moments),
            Booking.occurrence <= max(moments),
        )
    ).all()
    taken: dict[tuple[int, datetime], int] = {}
    mine: dict[tuple[int, datetime], str] = {}
    for booking in rows:
        name = (booking.activity_id, booking.occurrence)
        if booking.status == BookingStatus.booked:
            taken[name] = taken.get(name, 0) + booking.places
        if person_id is not None and booking.person_id == person_id:
            mine[name] = str(booking.status)
    found = []
    for item in items:
        name = (item.activity.id, sign_up_date(item))
        capacity = item.activity.capacity
        free = None if capacity is None else max(capacity - taken.get(name, 0), 0)
        evening = None
        if item.activity.whole_series and item.date.occurrence in evenings.get(item.activity.id, []):
            dates_of = evenings[item.activity.id]
            evening = (dates_of.index(item.date.occurrence) + 1, len(dates_of))
        found.append(Card(item, free, mine.get(name, ""), evening))
    return found


def _evenings(session: Session, courses: list[Activity], zone: str) -> dict[int, list[datetime]]:
    """Each course's dates by name, in order: the second of four evenings is "Avond 2 van 4"."""
    unique = {course.id: course for course in courses}
    changes = activities.changes_by_activity(session, list(unique))
    return {
        course_id: [d.occurrence for d in recurrence.all_dates(course, changes[course_id], zone)]
        for course_id, course in unique.items()
    }


def choices(session: Session, hub: Hub, now: datetime) -> tuple[list[str], list[int]]:
    """The kinds (in the chips' order) and the wijk ids of the hub's coming dates: the filter chips
    offer only what would find something."""
    items = activities.dated(session, hub, now, now + AHEAD)
    present = {item.activity.kind for item in items}
    wijken = sorted({item.activity.wijk_id for item in items if item.activity.wijk_id is not None})
    return [kind for kind in KINDS if kind in present], wijken


def parse_month(value: object) -> date | None:
    """The first day of a month from an address ("2026-12"); None for anything else."""
    found = MONTH.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    year, month = int(found[1]), int(found[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def month_name(first: date) -> str:
    """A month as its address says it: "2026-12"."""
    return f"{first:%Y-%m}"


def this_month(now: datetime, zone: str) -> date:
    """The first day of the month it is now on the hub's clock."""
    return dates.local(now, zone).date().replace(day=1)


def shifted(first: date, months: int) -> date:
    """The first day of the month ``months`` later (or earlier)."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month(session: Session, hub: Hub, first: date) -> list[Dated]:
    """Every date of the month on the hub's clock, past ones too, in order."""
    start = activities.local_day_start(first, hub.timezone)
    end = activities.local_day_start(shifted(first, 1), hub.timezone)
    return activities.dated(session, hub, start, end)


def in_month(first: date, now: datetime, zone: str) -> bool:
    """Whether a month is one the printable month offers: from a year back to ``AHEAD`` on."""
    today = this_month(now, zone)
    return shifted(today, -12) <= first <= (dates.local(now + AHEAD, zone).date() + timedelta(days=31))


def place_of(item: Dated) -> str:
    """Where this date is: a moved date's own place, else the activity's."""
    return item.date.place or item.activity.place


TIME_UNTIL = N_("{start} tot {end}")  # "14.00 tot 16.00 uur": a line of the printed month


def times_in_words_all(item: Dated, zone: str) -> dict[str, str]:
    """ "14.00 tot 16.00 uur" in every language: the printed month says the day once, above."""
    start, end = dates.local(item.date.starts_at, zone), dates.local(item.date.ends_at, zone)
    return {
        lang: i18n.gettext(
            lang,
            TIME_UNTIL,
            start=dates.clock_in_words(start.hour, start.minute, lang, unit=False),
            end=dates.clock_in_words(end.hour, end.minute, lang),
        )
        for lang in i18n.LANGUAGES
    }


def day_of(item: Dated, zone: str) -> date:
    """The date's day on the hub's clock."""
    return dates.local(item.date.starts_at, zone).date()
