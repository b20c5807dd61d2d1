"""An organiser's changes to the dates of an activity: one date cancelled ("Gaat niet door"), one
date moved to another day, time or place ("Verzet"), the whole activity cancelled. Who may is
``editing.editable``'s; the form itself is services.calendar.editing.

Everyone signed up for a date that changes gets a mail (services.calendar.notices), returned for
the caller to send after its commit; a moved walk-in hour takes its booked slots along
(services.calendar.moving). Every change sets ``updated_at`` (the feeds follow it) and reindexes.
Nothing here commits.
"""

from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, ActivityChange, Booking, BookingStatus
from mantelzorg_app.services.calendar import bookings, editing, indexing, moving, notices, recurrence
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform import mail
from mantelzorg_app.services.platform.problems import Invalid


def _the_date(
    session: Session, activity: Activity, zone: str, occurrence: datetime | None, now: datetime
) -> Occurrence | None:
    """The date of this name (one evening of a course too) while it has not ended."""
    if occurrence is None:
        return None
    found = recurrence.date_of(activity, bookings.changes_of(session, activity.id), zone, occurrence)
    return found if found is not None and found.ends_at > now else None


def cancel_date(
    session: Session,
    actor: Actor,
    activity_id: int,
    occurrence: datetime | None,
    now: datetime,
    base: str | None,
) -> list[mail.Message]:
    """ "Gaat niet door" for one coming date: everyone signed up for it gets a mail, and their
    sign-up ends (a course's stay: its other evenings go on). One date only: the whole activity."""
    activity = editing.editable(session, actor, activity_id)
    if not activity.rrule:
        return cancel_activity(session, actor, activity_id, now, base)
    activity = bookings.lock(session, activity.id)
    zone = bookings.zone_of(session, activity)
    if activity.cancelled_at is not None or _the_date(session, activity, zone, occurrence, now) is None:
        refuse(session, editing.ACTION, actor.hub_id, actor.person_id, f"activity {activity_id} date")
    change = _change_of(session, activity.id, occurrence, now)
    change.cancelled, change.starts_at, change.minutes = True, None, None
    session.add(change)
    session.flush()
    told = notices.changed(session, activity, occurrence, base, cancelled=True, now=now)
    if not activity.whole_series:
        for booking in bookings.live(session, activity.id, occurrence):
            booking.status, booking.cancelled_at = BookingStatus.cancelled, now
            session.add(booking)
    activity.updated_at = now
    session.add(activity)
    indexing.index(session, activity, now)
    return told


def _change_of(session: Session, activity_id: int, occurrence: datetime, now: datetime) -> ActivityChange:
    found = session.exec(
        select(ActivityChange).where(
            ActivityChange.activity_id == activity_id, ActivityChange.occurrence == occurrence
        )
    ).first()
    return found or ActivityChange(activity_id=activity_id, occurrence=occurrence, created_at=now)


def move_date(
    session: Session,
    actor: Actor,
    activity_id: int,
    occurrence: datetime | None,
    form: dict,
    now: datetime,
    base: str | None,
) -> list[mail.Message]:
    """ "Verzet": one coming date to another day or time (and place, with a note); its sign-ups stay
    with it and get a mail. One date only: the activity itself moves."""
    activity = editing.editable(session, actor, activity_id)
    if activity.cancelled_at is not None:
        raise Invalid({"move_date": editing.GONE})
    activity = bookings.lock(session, activity.id)
    zone = bookings.zone_of(session, activity)
    current = _the_date(session, activity, zone, occurrence, now)
    if current is None:
        refuse(session, editing.ACTION, actor.hub_id, actor.person_id, f"activity {activity_id} date")
    problems, starts_at, minutes = editing.read_when(form, zone, now, ("move_date", "move_start", "move_end"))
    texts = {name: str(form.get(name, "")).strip() for name in editing.MOVE_TEXTS}
    for name, most in editing.MOVE_TEXTS.items():
        if len(texts[name]) > most:
            problems[name] = editing.TOO_LONG
    if problems or starts_at is None:
        raise Invalid(problems)
    if not activity.rrule:
        old = activity.starts_at
        activity.starts_at, activity.minutes = starts_at, minutes
        if texts["move_place"]:
            activity.place = texts["move_place"]
        activity.updated_at = now
        session.add(activity)
        session.flush()
        moving.move_sign_ups(session, activity, old, starts_at)
        indexing.index(session, activity, now)
        return notices.changed(session, activity, None, base, now=now)
    change = _change_of(session, activity.id, occurrence, now)
    change.cancelled, change.starts_at, change.minutes = False, starts_at, minutes
    change.place, change.note = texts["move_place"], texts["move_note"]
    session.add(change)
    activity.updated_at = now
    session.add(activity)
    session.flush()
    # the date keeps its name; its booked slots move with it
    by = starts_at - current.starts_at
    moving.fit_slots(session, activity, moving.sign_ups_of(session, activity.id, occurrence), by)
    indexing.index(session, activity, now)
    return notices.changed(session, activity, occurrence, base, now=now)


def cancel_activity(
    session: Session, actor: Actor, activity_id: int, now: datetime, base: str | None
) -> list[mail.Message]:
    """The whole activity does not go on: everyone signed up for a coming date gets a mail, their
    sign-ups end, and it leaves the Agenda and the search."""
    activity = editing.editable(session, actor, activity_id)
    activity = bookings.lock(session, activity.id)
    if activity.cancelled_at is not None:
        return []
    told = notices.changed(session, activity, None, base, cancelled=True, now=now)
    activity.cancelled_at = activity.updated_at = now
    session.add(activity)
    for booking in session.exec(
        select(Booking).where(Booking.activity_id == activity.id, col(Booking.status).in_(bookings.LIVE))
    ).all():
        booking.status, booking.cancelled_at = BookingStatus.cancelled, now
        session.add(booking)
    session.flush()
    indexing.unindex(session, activity)
    return told
