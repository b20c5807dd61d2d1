"""An activity's dates: one iCalendar event per activity, expanded by ``recurring-ical-events``.

The same events are what the feeds and the .ics downloads write (services.calendar.ics), so a phone's
calendar shows the times the Agenda tab shows. A series is one VEVENT with its DTSTART on the hub's
clock (TZID), its RRULE, an EXDATE per cancelled date, and one VEVENT with a RECURRENCE-ID per moved
date; the library does the rest (daylight saving, COUNT, INTERVAL, BYDAY=1TU). No date loops here.

A date is named by its start by the rule in UTC (``occurrence``), as RECURRENCE-ID names it; the
browser gets that name as text (``key``) and gives it back (``parse_key``).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from mantelzorg_app.models import Activity, ActivityChange

KEY_FORMAT = "%Y%m%dT%H%M%SZ"  # iCalendar's UTC form: 20261201T130000Z
UID_DOMAIN = "mantelzorghub"


@dataclass(frozen=True)
class Occurrence:
    activity_id: int
    occurrence: datetime  # UTC: its start by the rule, the date's name
    starts_at: datetime  # UTC: when it starts (moved or not)
    ends_at: datetime
    moved: bool = False
    place: str = ""  # moved elsewhere; "" = the activity's place
    note: str = ""

    @property
    def key(self) -> str:
        return key(self.occurrence)


def key(moment: datetime) -> str:
    """A date's name as text, for a page or a link: 20261201T130000Z."""
    return moment.astimezone(UTC).strftime(KEY_FORMAT)


def parse_key(value: object) -> datetime | None:
    """A date's name from the browser; None for anything that is not one."""
    if not isinstance(value, str) or len(value) != 16:
        return None
    try:
        return datetime.strptime(value, KEY_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def uid(activity: Activity, hub_slug: str) -> str:
    """The event's UID, the same in every feed and download for as long as the activity exists."""
    return f"activity-{activity.id}@{hub_slug}.{UID_DOMAIN}"


def _on_clock(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def events_of(
    activity: Activity, changes: list[ActivityChange], zone: str, hub_slug: str
) -> list[icalendar.Event]:
    """The activity as iCalendar events: the series (or the one date) and one per moved date. Only
    the times, the rule and the UID: services.calendar.ics adds the words, the place and the URL."""
    start = _on_clock(activity.starts_at, zone)
    master = icalendar.Event()
    master.add("uid", uid(activity, hub_slug))
    master.add("dtstart", start)
    master.add("dtend", start + timedelta(minutes=activity.minutes))
    if activity.rrule:
        master.add("rrule", icalendar.vRecur.from_ical(activity.rrule))
        cancelled = [_on_clock(c.occurrence, zone) for c in changes if c.cancelled]
        if cancelled:
            master.add("exdate", cancelled)
    events = [master]
    for change in changes:
        if change.cancelled or change.starts_at is None or not activity.rrule:
            continue
        if not _of_the_rule(master, zone, change.occurrence):
            continue  # a date the rule no longer has (its start or rule edited since): not an extra date
        moved = icalendar.Event()
        moved.add("uid", uid(activity, hub_slug))
        moved.add("recurrence-id", _on_clock(change.occurrence, zone))
        new_start = _on_clock(change.starts_at, zone)
        moved.add("dtstart", new_start)
        moved.add("dtend", new_start + timedelta(minutes=change.minutes or activity.minutes))
        events.append(moved)
    return events


def _of_the_rule(master: icalendar.Event, zone: str, occurrence: datetime) -> bool:
    """Whether the series (without its moved dates) has a date that starts at ``occurrence``."""
    calendar = icalendar.Calendar()
    calendar.add_component(master)
    at = _on_clock(occurrence, zone)
    found = recurring_ical_events.of(calendar).between(at, at + timedelta(seconds=1))
    return any(e.decoded("dtstart").astimezone(UTC) == occurrence for e in found)


def occurrences(
    activity: Activity, changes: list[ActivityChange], zone: str, start: datetime, end: datetime
) -> list[Occurrence]:
    """The activity's dates that start in [start, end), in order; none for a cancelled activity."""
    if activity.cancelled_at is not None:
        return []
    calendar = icalendar.Calendar()
    for event in events_of(activity, changes, zone, "expand"):
        calendar.add_component(event)
    by_name = {c.occurrence: c for c in changes}
    found = []
    for event in recurring_ical_events.of(calendar).between(_on_clock(start, zone), _on_clock(end, zone)):
        starts_at = event.decoded("dtstart").astimezone(UTC)
        if starts_at < start or starts_at >= end:
            continue  # the library also gives a date that began before ``start`` and runs into it
        named = event.get("recurrence-id")
        occurrence = named.dt.astimezone(UTC) if named is not None and activity.rrule else activity.starts_at
        change = by_name.get(occurrence)
        found.append(
            Occurrence(
                activity_id=activity.id,
                occurrence=occurrence,
                starts_at=starts_at,
                ends_at=event.decoded("dtend").astimezone(UTC),
                moved=change is not None and change.starts_at is not None,
                place=change.place if change else "",
                note=change.note if change else "",
            )
        )
    return sorted(found, key=lambda o: o.starts_at)


def date_of(
    activity: Activity, changes: list[ActivityChange], zone: str, occurrence: datetime
) -> Occurrence | None:
    """The date of the activity with this name (moved or not); None when the rule has no such date,
    it is cancelled, or the activity is."""
    plain = occurrences(activity, [], zone, occurrence, occurrence + timedelta(seconds=1))
    if not plain or plain[0].occurrence != occurrence:
        return None
    change = next((c for c in changes if c.occurrence == occurrence), None)
    if change is None:
        return plain[0]
    if change.cancelled:
        return None
    start = change.starts_at or occurrence
    return Occurrence(
        activity_id=activity.id,
        occurrence=occurrence,
        starts_at=start,
        ends_at=start + timedelta(minutes=change.minutes or activity.minutes),
        moved=change.starts_at is not None,
        place=change.place,
        note=change.note,
    )


def all_dates(
    activity: Activity, changes: list[ActivityChange], zone: str, most: int = 400
) -> list[Occurrence]:
    """Every date of the activity from its first, at most ``most`` within five years: all of a series
    that ends (a course's evenings, COUNT or UNTIL) or of one date. Bound an endless one by time."""
    if not activity.rrule:
        return occurrences(
            activity, changes, zone, activity.starts_at, activity.starts_at + timedelta(seconds=1)
        )
    far = activity.starts_at + timedelta(days=366 * 5)
    moved = [c.starts_at for c in changes if c.starts_at is not None]
    end = max([far, *moved]) + timedelta(seconds=1)
    return occurrences(activity, changes, zone, min([activity.starts_at, *moved]), end)[:most]
