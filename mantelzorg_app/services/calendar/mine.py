"""What one person signed up for ("Mijn aanmeldingen"): their live bookings in the hub of the dates
that have not ended yet, in date order.

A course's booking (``whole_series``) is for every evening: it shows its next evening that has not
ended, and goes when the last one has. A date that was cancelled (or a cancelled activity) is left
out: the people signed up had the mail that it does not go on (services.calendar.notices).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking, Hub
from mantelzorg_app.services.calendar import activities, recurrence
from mantelzorg_app.services.calendar.bookings import LIVE
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.identity.authz import Actor

# how far back a live booking's date name may lie and its date still come: a course's first
# evening, a date moved later. Older bookings are history and are not read at all.
LOOKBACK = timedelta(days=366)


@dataclass(frozen=True)
class Mine:
    booking_id: int
    activity_id: int
    title: str
    kind: str
    date: Occurrence  # the date (a course: its next evening not ended); moved or not
    status: str  # booked | waiting
    places: int  # 1, or 2 with someone
    slot_at: datetime | None  # a walk-in hour's booked slot (UTC)


def mine(session: Session, actor: Actor, now: datetime) -> list[Mine]:
    """The actor's live bookings in their hub of the dates not yet ended, in date order."""
    rows = session.exec(
        select(Booking, Activity)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(
            Booking.person_id == actor.person_id,
            Activity.hub_id == actor.hub_id,
            col(Booking.status).in_(LIVE),
            col(Activity.cancelled_at).is_(None),
            Booking.occurrence >= now - LOOKBACK,
        )
        .order_by(col(Booking.id))
    ).all()
    if not rows:
        return []
    zone = session.get(Hub, actor.hub_id).timezone
    changes = activities.changes_by_activity(session, sorted({a.id for _b, a in rows}))
    found = []
    for booking, activity in rows:
        date = _date(activity, changes[activity.id], zone, booking.occurrence, now)
        if date is None:
            continue
        found.append(
            Mine(
                booking_id=booking.id,
                activity_id=activity.id,
                title=activity.title,
                kind=str(activity.kind),
                date=date,
                status=str(booking.status),
                places=booking.places,
                slot_at=booking.slot_at,
            )
        )
    return sorted(found, key=lambda m: (m.date.starts_at, m.booking_id))


def _date(
    activity: Activity, changes: list, zone: str, occurrence: datetime, now: datetime
) -> Occurrence | None:
    if activity.whole_series:
        coming = [d for d in recurrence.all_dates(activity, changes, zone) if d.ends_at > now]
        return coming[0] if coming else None
    date = recurrence.date_of(activity, changes, zone, occurrence)
    return date if date is not None and date.ends_at > now else None
