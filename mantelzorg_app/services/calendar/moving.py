"""Sign-ups that move with their date: a one-date activity or a course moved takes its sign-ups
to its new name, and a walk-in hour moved (or made shorter) takes its booked slots along, each
kept one of the hour's slots (``bookings.slots``). Used by the organiser's form
(services.calendar.editing) and its date changes (services.calendar.date_changes). Nothing commits.
"""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking
from mantelzorg_app.services.calendar import bookings, schedule


def database_utc(moment: datetime) -> datetime:
    """A moment read as a bare column (SQLite gives it without its zone) in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def move_sign_ups(session: Session, activity: Activity, old: datetime, new: datetime) -> None:
    """A one-date activity or a course moved from ``old`` to ``new``: its sign-ups take the new
    name, and booked walk-in slots move with it (``fit_slots``)."""
    moving = sign_ups_of(session, activity.id, old)
    for booking in moving:
        booking.occurrence = new
        session.add(booking)
    fit_slots(session, activity, moving, new - old)


def sign_ups_of(session: Session, activity_id: int, occurrence: datetime) -> list[Booking]:
    """Every sign-up of the date of this name, cancelled ones too, in the order they were made."""
    return list(
        session.exec(
            select(Booking)
            .where(Booking.activity_id == activity_id, Booking.occurrence == occurrence)
            .order_by(col(Booking.created_at), col(Booking.id))
        ).all()
    )


def fit_slots(session: Session, activity: Activity, moving: list[Booking], by: timedelta) -> None:
    """The booked walk-in slots of one date's sign-ups (``moving``, all of one name) moved by ``by``
    with their date, so each keeps its place in the hour, and always one of the date's slots as it
    is now (``bookings.slots``): a slot the shorter hour no longer has, or one taken by a sign-up
    that kept its own, goes to the nearest slot still free (the last one for a slot past the end),
    in sign-up order; none when no slot is free (they walk in). Call it after the date changed."""
    with_slot = [b for b in moving if b.slot_at is not None]
    if not with_slot:
        return
    date = schedule.sign_up_date(session, activity, with_slot[0].occurrence)
    offered = set(bookings.slots(activity, date)) if date is not None else set()
    wanted = {b.id: b.slot_at + by for b in with_slot}
    live = [b for b in with_slot if b.status in bookings.LIVE]
    free = set(offered)
    misfits = []
    for booking in live:  # first who can stay at their place in the hour
        if wanted[booking.id] in free:
            booking.slot_at = wanted[booking.id]
            free.discard(booking.slot_at)
        else:
            misfits.append(booking)
    for booking in misfits:
        near = min(free, key=lambda slot: (abs(slot - wanted[booking.id]), slot), default=None)
        booking.slot_at = near
        free.discard(near)
    for booking in with_slot:
        if booking.status not in bookings.LIVE:  # a cancelled one holds no slot: only in the hour
            shifted = wanted[booking.id]
            booking.slot_at = min(offered, key=lambda slot: (abs(slot - shifted), slot), default=None)
        session.add(booking)


def fit_all_slots(session: Session, activity: Activity, now: datetime) -> None:
    """After a change of the activity's times or slots: every coming date's booked slots fit it
    (``fit_slots``, moved by nothing)."""
    named = session.exec(
        select(Booking.occurrence)
        .where(Booking.activity_id == activity.id, col(Booking.slot_at).is_not(None))
        .distinct()
    ).all()
    for occurrence in sorted(database_utc(o) for o in named):
        if schedule.still_on(session, activity, occurrence, now) is not None:
            fit_slots(session, activity, sign_ups_of(session, activity.id, occurrence), timedelta(0))
