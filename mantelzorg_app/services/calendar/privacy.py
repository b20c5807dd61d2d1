"""What the agenda keeps about one person, for the AVG export and wipe (services/privacy.py), and how
long the names and numbers of sign-ups by phone are kept (services/housekeeping.py).

Export: the person's own sign-ups (the activity, the date, booked or waiting, two places, the slot,
when), whether they have a private feed (never its secret: only its hash is stored), the activities
they organise, the walk-in hours where they are named as present, and the sign-ups they typed in
for people who phoned: the activity and the date only, never those people's names or numbers.

Wipe (``forget``, in the caller's transaction):

- their **live sign-ups of dates to come are cancelled first**, so the waiting list moves up as
  for any cancellation; the mails to whoever got the place are returned, for the caller to send
  after the commit;
- then **all their sign-ups go**, with their reminder claims, and their private feeds;
- the activities they organise, the walk-in hours where they are present and the sign-ups they
  typed in for others stay (they are the hub's and those people's): only the link to them is cut.

Retention (``forget_phone_numbers``): a sign-up by phone keeps the name and number the organiser
typed until ``PHONE_KEEP`` after its (last) date; then both are blanked, the row stays for the counts.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update
from sqlmodel import delete as delete_rows

from mantelzorg_app.models import Activity, ActivityHost, ActivityReminder, Booking, CalendarFeed, Hub
from mantelzorg_app.services.calendar import bookings, notices, recurrence
from mantelzorg_app.services.platform import mail

# Every agenda table with a foreign key to person.id (services/privacy.py checks they are all handled).
TABLES = (Activity, ActivityHost, Booking, CalendarFeed)
PHONE_KEEP = timedelta(days=30)  # a by-phone sign-up's name and number, after its date


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def stored(session: Session, person_id: int) -> dict:
    hubs = dict(session.exec(select(Hub.id, Hub.slug)).all())
    own = session.exec(
        select(Booking, Activity)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(Booking.person_id == person_id)
        .order_by(col(Booking.id))
    ).all()
    typed = session.exec(
        select(Booking, Activity)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(Booking.added_by_id == person_id)
        .order_by(col(Booking.id))
    ).all()
    feeds = session.exec(
        select(CalendarFeed).where(CalendarFeed.person_id == person_id).order_by(col(CalendarFeed.id))
    ).all()
    organised = session.exec(
        select(Activity).where(Activity.organiser_id == person_id).order_by(col(Activity.id))
    ).all()
    hosting = session.exec(
        select(ActivityHost, Activity)
        .join(Activity, col(Activity.id) == col(ActivityHost.activity_id))
        .where(ActivityHost.person_id == person_id)
        .order_by(col(ActivityHost.id))
    ).all()
    return {
        "calendar_sign_ups": [
            {
                "hub": hubs.get(a.hub_id),
                "activity": a.title,
                "date": _when(b.occurrence),
                "status": b.status,
                "places": b.places,
                "slot_at": _when(b.slot_at),
                "moved_up_at": _when(b.moved_up_at),
                "cancelled_at": _when(b.cancelled_at),
                "created_at": _when(b.created_at),
            }
            for b, a in own
        ],
        "calendar_private_feeds": [
            {"hub": hubs.get(f.hub_id), "created_at": _when(f.created_at)} for f in feeds
        ],
        "calendar_activities_you_organise": [
            {"hub": hubs.get(a.hub_id), "activity": a.title, "organiser_name": a.organiser_name}
            for a in organised
        ],
        "calendar_walk_in_hours_you_are_present_at": [
            {"hub": hubs.get(a.hub_id), "activity": a.title, "first_name": h.first_name, "role": h.role}
            for h, a in hosting
        ],
        "calendar_sign_ups_you_typed_in_for_callers": [
            {
                "hub": hubs.get(a.hub_id),
                "activity": a.title,
                "date": _when(b.occurrence),
                "created_at": _when(b.created_at),
            }
            for b, a in typed
        ],
    }


def _to_come(session: Session, booking: Booking, now: datetime) -> bool:
    """The booking's date (a course: its last evening) has not ended: it is cancelled first, so the
    waiting list moves up as after any cancellation (bookings' guarantee)."""
    activity = session.get(Activity, booking.activity_id)
    return activity is not None and _last_end(session, activity, booking) > now


def forget(session: Session, person_id: int, now: datetime, base: str | None) -> list[mail.Message]:
    """Wipes the person's agenda rows (not committed); the "U heeft een plek" mails of whoever
    moved up into their places, to send after the commit."""
    live = session.exec(
        select(Booking)
        .where(Booking.person_id == person_id, col(Booking.status).in_(bookings.LIVE))
        .order_by(col(Booking.id))
    ).all()
    moved: list[Booking] = []
    for booking in live:
        if _to_come(session, booking, now):
            moved += bookings.cancel(session, booking, now).moved_up
    mails = notices.moved_up(session, moved, base)
    theirs = select(Booking.id).where(Booking.person_id == person_id)
    session.exec(delete_rows(ActivityReminder).where(col(ActivityReminder.booking_id).in_(theirs)))
    session.exec(delete_rows(Booking).where(col(Booking.person_id) == person_id))
    session.exec(delete_rows(CalendarFeed).where(col(CalendarFeed.person_id) == person_id))
    for table, column in ((Booking, "added_by_id"), (ActivityHost, "person_id"), (Activity, "organiser_id")):
        session.exec(update(table).where(col(getattr(table, column)) == person_id).values({column: None}))
    return mails


def _last_end(session: Session, activity: Activity, booking: Booking) -> datetime:
    """When the booking's (last) date ends; its name's planned end when it has none any more."""
    changes = bookings.changes_of(session, activity.id)
    zone = bookings.zone_of(session, activity)
    if activity.whole_series:
        listed = recurrence.all_dates(activity, changes, zone)
    else:
        found = recurrence.date_of(activity, changes, zone, booking.occurrence)
        listed = [found] if found is not None else []
    planned = booking.occurrence + timedelta(minutes=activity.minutes)
    return max([planned, *(d.ends_at for d in listed)])


def forget_phone_numbers(session: Session, now: datetime) -> int:
    """Blanks the name and number of every sign-up by phone whose (last) date ended ``PHONE_KEEP``
    ago; how many. Committed."""
    rows = session.exec(
        select(Booking, Activity)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(
            col(Booking.person_id).is_(None),
            (Booking.name != "") | (Booking.phone != ""),
            Booking.occurrence < now - PHONE_KEEP,
        )
    ).all()
    blanked = 0
    for booking, activity in rows:
        if _last_end(session, activity, booking) <= now - PHONE_KEEP:
            booking.name, booking.phone = "", ""
            session.add(booking)
            blanked += 1
    session.commit()
    return blanked
