"""The rules about an activity's dates that every part of the agenda shares, so the activity page,
the organiser's list and form, the feeds, the search index and the mails agree:

- the date a sign-up is for, and the name it is filed under (``sign_up_name``, ``sign_up_date``):
  a date's own name, but for a course (``whole_series``: one sign-up for every evening) its first
  date by the rule, even when that evening is cancelled or moved; the course's sign-up is dated by
  its first evening that goes on (services.calendar.bookings.the_date);
- the dates still to come (``coming``): the ones that have not ended, in order;
- whether an activity goes on (``goes_on``): not cancelled, and a date of it has not ended (an
  endless series always has one).
"""

from datetime import datetime, timedelta

from sqlmodel import Session

from mantelzorg_app.models import Activity, ActivityChange
from mantelzorg_app.services.calendar import bookings, recurrence
from mantelzorg_app.services.calendar.activities import AHEAD
from mantelzorg_app.services.calendar.recurrence import Occurrence

HORIZON = AHEAD + timedelta(days=366)  # how far ``coming`` looks: a new date may be two years ahead
RUNNING = timedelta(days=1)  # a date that began this long ago may still be going on


def sign_up_name(activity: Activity, occurrence: datetime) -> datetime:
    """The name a sign-up for the date named ``occurrence`` is filed under: a course's first date
    by the rule, else the date's own name."""
    return activity.starts_at if activity.whole_series else occurrence


def sign_up_date(session: Session, activity: Activity, occurrence: datetime | None) -> Occurrence | None:
    """The date a sign-up for the date named ``occurrence`` is for, named as its sign-ups are
    (``sign_up_name``): for a course, any of its evenings gives the course's one sign-up date. None
    when the activity has no such date (cancelled, or not a date of its rule)."""
    if occurrence is None:
        return None
    return bookings.the_date(session, activity, sign_up_name(activity, occurrence))


def still_on(session: Session, activity: Activity, occurrence: datetime, now: datetime) -> Occurrence | None:
    """The date a sign-up of this name is for (``sign_up_date``) while it has not ended: a course
    while any of its evenings has not ended. None once it is over, or when there is no such date."""
    date = sign_up_date(session, activity, occurrence)
    if date is None:
        return None
    if activity.whole_series:
        changes, zone = bookings.changes_of(session, activity.id), bookings.zone_of(session, activity)
        return date if goes_on(activity, changes, zone, now) else None
    return date if date.ends_at > now else None


def coming(
    activity: Activity, changes: list[ActivityChange], zone: str, now: datetime, most: int | None = None
) -> list[Occurrence]:
    """The activity's dates that have not ended (one that is going on now too), in order, the first
    ``most``; none for a cancelled activity. Every evening of a course counts as a date here."""
    found = recurrence.occurrences(activity, changes, zone, now - RUNNING, now + HORIZON)
    listed = [d for d in found if d.ends_at > now]
    return listed if most is None else listed[:most]


def goes_on(activity: Activity, changes: list[ActivityChange], zone: str, now: datetime) -> bool:
    """Whether the activity goes on: not cancelled, and a date of it has not ended yet. An endless
    series (no COUNT or UNTIL) always has a date to come, also when it began years ago."""
    if activity.cancelled_at is not None:
        return False
    rule = activity.rrule.upper()
    if rule and "COUNT=" not in rule and "UNTIL=" not in rule:
        return True
    return any(d.ends_at > now for d in recurrence.all_dates(activity, changes, zone))
