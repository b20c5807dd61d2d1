"""What one person sees and does on an activity's page: its coming dates, each with its state for
them ("U komt", "U staat op de wachtlijst (nummer 2)", "Vol", "Nog 3 plaatsen"), a walk-in hour's
slots, and cancelling their own booking (with the move-up it causes).

A series shows its next ``COMING`` dates; a course (``whole_series``) shows all its evenings, and
its one sign-up is for all of them, named by the series' first date (services.calendar.schedule).
Nothing here commits; the caller commits, then sends the mails of the move-up.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking, BookingStatus
from mantelzorg_app.services.calendar import bookings, recurrence, schedule
from mantelzorg_app.services.calendar.bookings import LIVE, Outcome
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform.i18n import N_

COMING = 6  # the dates of a series the page shows
ACTION = "calendar-own-booking"

FULL = N_("Vol")
PLACES_LEFT = N_("Nog {n} plaatsen")
ONE_PLACE_LEFT = N_("Nog 1 plaats")
PLACES_OPEN = N_("Er is plek")
COMING_YOU = N_("U komt")
WAITING = N_("U staat op de wachtlijst (nummer {n})")


@dataclass(frozen=True)
class DateState:
    """One date as one person sees it."""

    date: Occurrence
    free: int | None  # places still free; None = no limit
    mine: Booking | None  # the person's live booking of this date
    waiting_number: int  # their place on the waiting list (1 = next), 0 when not waiting
    slots: tuple[tuple[datetime, bool], ...]  # a walk-in hour's slots (UTC) and whether taken

    @property
    def full(self) -> bool:
        return self.free is not None and self.free == 0

    def label(self) -> tuple[str, int]:
        """What the date says (a msgid) and its number: "U komt", "U staat op de wachtlijst (nummer
        {n})", "Vol", "Nog {n} plaatsen", "Er is plek"."""
        if self.mine is not None:
            if self.mine.status == BookingStatus.waiting:
                return WAITING, self.waiting_number
            return COMING_YOU, 0
        if self.free is None:
            return PLACES_OPEN, 0
        if self.free == 0:
            return FULL, 0
        return (ONE_PLACE_LEFT, 1) if self.free == 1 else (PLACES_LEFT, self.free)


def coming(session: Session, activity: Activity, zone: str, now: datetime) -> list[Occurrence]:
    """The dates the page lists: every evening of a course (also the ones gone by, so its whole
    course shows), else the next ``COMING`` dates that have not ended (``schedule.coming``)."""
    changes = bookings.changes_of(session, activity.id)
    if activity.whole_series:
        return recurrence.all_dates(activity, changes, zone)
    return schedule.coming(activity, changes, zone, now, COMING)


def sign_up_date(activity: Activity, dates: list[Occurrence]) -> Occurrence | None:
    """The date a course's one sign-up is for, from the evenings the page lists (``coming``): the
    rule of ``schedule.sign_up_date`` (bookings.course_date, which bookings.the_date applies), without
    asking for the dates again; None for a series, whose every date has its own."""
    return bookings.course_date(activity, dates) if activity.whole_series else None


def state_of(session: Session, activity: Activity, date: Occurrence, person_id: int | None) -> DateState:
    """The date's free places, the person's own live booking and place on the waiting list, and
    the walk-in hour's slots with whether each is taken."""
    live = bookings.live(session, activity.id, date.occurrence)
    mine = next((b for b in live if person_id is not None and b.person_id == person_id), None)
    number = 0
    if mine is not None and mine.status == BookingStatus.waiting:
        waiting = [b for b in live if b.status == BookingStatus.waiting]
        number = waiting.index(mine) + 1
    taken = {b.slot_at for b in live if b.slot_at is not None}
    slots = tuple((at, at in taken) for at in bookings.slots(activity, date))
    return DateState(date, bookings.free(activity, live), mine, number, slots)


def own_live(session: Session, actor: Actor, activity_id: int) -> list[Booking]:
    """The actor's live bookings of one activity (any date)."""
    return list(
        session.exec(
            select(Booking).where(
                Booking.activity_id == activity_id,
                Booking.person_id == actor.person_id,
                col(Booking.status).in_(LIVE),
            )
        ).all()
    )


def cancel_own(session: Session, actor: Actor, booking_id: int | None, now: datetime) -> Outcome:
    """ "Ik kom niet meer": cancels the actor's own live booking in their hub, moving up who now
    fits. Refused (logged) for anyone else's booking, another hub's, or one no longer live."""
    booking = session.get(Booking, booking_id) if booking_id is not None else None
    activity = session.get(Activity, booking.activity_id) if booking is not None else None
    if (
        booking is None
        or activity is None
        or activity.hub_id != actor.hub_id
        or booking.person_id is None
        or booking.person_id != actor.person_id
        or booking.status not in LIVE
    ):
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"booking {booking_id}")
    return bookings.cancel(session, booking, now)
