"""Signing up for a date: places, the waiting list, two as one, walk-in slots.

What it guarantees, after every change (the property test in tests/unit/calendar holds it):
- a date never has more places booked than its capacity;
- the waiting list never holds a booking that fits in the free places: a cancellation (or more
  places) moves up, in the order they signed up, every waiting booking that now fits, and a pair
  waits or moves up together;
- one person has at most one live booking (booked or waiting) per date; a second tap gives the first;
- the waiting list moves up only while a date is still ahead (``may_move_up``): no "U heeft een
  plek" for a date that began (or ended, or is cancelled); a course moves up while any of its
  evenings has not begun (who moves up comes to the evenings still to come);
- a booking never asks for more places than the date has (a pair where there is one place);
- one person makes at most ``MOST_A_DAY`` new bookings a day in a hub (taps on and off).

Every change first raises ``Activity.version`` (an UPDATE): that takes the activity's write lock on
PostgreSQL and SQLite alike before the places are counted, so two sign-ups at once cannot both take
the last place. Nothing here commits: the caller commits, then sends the mails of ``Outcome``.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select, update

from mantelzorg_app.models import Activity, ActivityChange, Booking, BookingStatus, Hub
from mantelzorg_app.services.calendar import recurrence
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform.i18n import N_

LIVE = (BookingStatus.booked, BookingStatus.waiting)
PLACES = (1, 2)
MOST_LIVE = 30  # live bookings one person may hold in a hub at once, of dates to come
COUNTED_BACK = timedelta(days=1)  # a date named this long ago may still be on (a moved one, a course)
MOST_BY_PHONE_A_DAY = 200  # sign-ups one organiser may type in a day
MOST_A_DAY = 60  # new Booking rows one person may make in a hub in DAY (each sign-up tap makes one)
DAY = timedelta(hours=24)
ACTION = "calendar-booking"

SLOT_TAKEN = N_("Deze tijd is net bezet. Kies een andere tijd.")
TOO_MANY = N_("U bent al voor veel activiteiten aangemeld. Meld u eerst af voor iets anders.")
PAST = N_("Deze activiteit is al begonnen. Aanmelden kan niet meer.")
TOO_OFTEN = N_("U heeft zich vandaag al heel vaak aangemeld. Probeer het morgen weer.")
TOO_FEW_PLACES = N_("Er is maar één plaats. Meld u alleen aan.")


class NotPossible(Exception):
    """A sign-up that cannot be: ``msgid`` says why in plain words, for the page to show."""

    def __init__(self, msgid: str):
        super().__init__(msgid)
        self.msgid = msgid


@dataclass
class Outcome:
    booking: Booking
    moved_up: list[Booking] = field(default_factory=list)  # got a place: each gets a mail


def lock(session: Session, activity_id: int) -> Activity | None:
    """The activity, locked for this transaction (its ``version`` raised); None when there is none."""
    session.exec(update(Activity).where(col(Activity.id) == activity_id).values(version=Activity.version + 1))
    activity = session.get(Activity, activity_id)
    if activity is not None:
        session.refresh(activity)
    return activity


def changes_of(session: Session, activity_id: int) -> list[ActivityChange]:
    return list(session.exec(select(ActivityChange).where(ActivityChange.activity_id == activity_id)).all())


def zone_of(session: Session, activity: Activity) -> str:
    return session.get(Hub, activity.hub_id).timezone


def the_date(session: Session, activity: Activity, occurrence: datetime | None) -> Occurrence | None:
    """The date a sign-up is for: the named one, or the series' first for a ``whole_series`` activity."""
    if occurrence is None:
        return None
    changes, zone = changes_of(session, activity.id), zone_of(session, activity)
    if activity.whole_series:
        if occurrence != activity.starts_at:
            return None
        return course_date(activity, recurrence.all_dates(activity, changes, zone))
    return recurrence.date_of(activity, changes, zone, occurrence)


def course_date(activity: Activity, dates: list[Occurrence]) -> Occurrence | None:
    """The date a course's one sign-up is for, from its ``dates`` (recurrence.all_dates): named by its
    first date by the rule, even when that evening is cancelled or moved, and starting with its
    first evening that goes on. Every part of the agenda asks this, so they all agree."""
    first = next(iter(dates), None)
    return None if first is None else dataclasses.replace(first, occurrence=activity.starts_at)


def live(session: Session, activity_id: int, occurrence: datetime) -> list[Booking]:
    """The date's booked and waiting bookings, in the order they signed up."""
    return list(
        session.exec(
            select(Booking)
            .where(
                Booking.activity_id == activity_id,
                Booking.occurrence == occurrence,
                col(Booking.status).in_(LIVE),
            )
            .order_by(col(Booking.created_at), col(Booking.id))
        ).all()
    )


def taken(bookings: list[Booking]) -> int:
    return sum(b.places for b in bookings if b.status == BookingStatus.booked)


def free(activity: Activity, bookings: list[Booking]) -> int | None:
    """The places still free on a date; None when there is no limit."""
    return None if activity.capacity is None else max(activity.capacity - taken(bookings), 0)


def slots(activity: Activity, date: Occurrence) -> list[datetime]:
    """A walk-in hour's slots to book (UTC), every ``slot_minutes`` from its start."""
    if not activity.slot_minutes:
        return []
    step = timedelta(minutes=activity.slot_minutes)
    found, at = [], date.starts_at
    while at + step <= date.ends_at:
        found.append(at)
        at += step
    return found


def may_move_up(session: Session, activity: Activity, occurrence: datetime, now: datetime) -> bool:
    """Whether a freed place on the date of this name goes to who waits: while the date has not
    begun (and goes on); for a course, while any of its evenings that go on has not begun."""
    changes, zone = changes_of(session, activity.id), zone_of(session, activity)
    if activity.whole_series:
        every = recurrence.all_dates(activity, changes, zone) if occurrence == activity.starts_at else []
        return any(d.starts_at > now for d in every)
    date = recurrence.date_of(activity, changes, zone, occurrence)
    return date is not None and date.starts_at > now


def move_up(activity: Activity, bookings: list[Booking], now: datetime) -> list[Booking]:
    """Gives a place to every waiting booking that fits, in sign-up order; the ones moved up."""
    room = free(activity, bookings)
    moved = []
    for booking in bookings:
        if booking.status != BookingStatus.waiting:
            continue
        if room is None or booking.places <= room:
            booking.status, booking.moved_up_at = BookingStatus.booked, now
            moved.append(booking)
            if room is not None:
                room -= booking.places
    return moved


def _own(bookings: list[Booking], person_id: int | None) -> Booking | None:
    return next((b for b in bookings if person_id is not None and b.person_id == person_id), None)


def sign_up(
    session: Session,
    actor: Actor,
    activity_id: int,
    occurrence: datetime | None,
    now: datetime,
    *,
    places: int = 1,
    slot_at: datetime | None = None,
    by_phone: tuple[str, str] | None = None,
) -> Outcome:
    """Signs the actor up (or, with ``by_phone`` (name, number), someone the organiser took on the
    phone): booked when the places fit, else on the waiting list. Refused (logged) for what the page
    never offers; ``NotPossible`` for what can happen to anyone (a slot taken a moment ago)."""
    activity = lock(session, activity_id)
    if activity is None or activity.hub_id != actor.hub_id or not actor.roles:
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"activity {activity_id}")
    date = the_date(session, activity, occurrence)
    if date is None or places not in PLACES or (places == 2 and not activity.pairs):
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"activity {activity_id} date or places")
    if date.starts_at <= now:
        raise NotPossible(PAST)
    bookings = live(session, activity.id, date.occurrence)
    person_id = None if by_phone else actor.person_id
    mine = _own(bookings, person_id)
    if mine is not None:
        return Outcome(mine)
    if activity.capacity is not None and places > activity.capacity:
        raise NotPossible(TOO_FEW_PLACES)  # two would wait for ever
    if slot_at is not None:
        if slot_at not in slots(activity, date):
            refuse(session, ACTION, actor.hub_id, actor.person_id, f"activity {activity_id} slot")
        if any(b.slot_at == slot_at for b in bookings):
            raise NotPossible(SLOT_TAKEN)
    if person_id is not None and _live_count(session, actor, now) >= MOST_LIVE:
        raise NotPossible(TOO_MANY)
    if person_id is not None and _made_today(session, actor, now) >= MOST_A_DAY:
        raise NotPossible(TOO_OFTEN)
    room = free(activity, bookings)
    fits = room is None or places <= room
    name, phone = by_phone or ("", "")
    booking = Booking(
        activity_id=activity.id,
        occurrence=date.occurrence,
        person_id=person_id,
        name=name,
        phone=phone,
        places=places,
        slot_at=slot_at,
        status=BookingStatus.booked if fits else BookingStatus.waiting,
        added_by_id=actor.person_id if by_phone else None,
        created_at=now,
    )
    session.add(booking)
    session.flush()
    return Outcome(booking)


def _live_count(session: Session, actor: Actor, now: datetime) -> int:
    """The actor's live bookings in the hub of dates to come (by their name): the ones of dates gone
    by stay "booked" for good and must not count, or a regular would be stopped after MOST_LIVE."""
    return session.exec(
        select(func.count())
        .select_from(Booking)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(
            Booking.person_id == actor.person_id,
            Activity.hub_id == actor.hub_id,
            col(Booking.status).in_(LIVE),
            Booking.occurrence > now - COUNTED_BACK,
        )
    ).one()


def _made_today(session: Session, actor: Actor, now: datetime) -> int:
    """The bookings the actor made in the hub in the last ``DAY``, cancelled ones too: signing up and
    off again and again must not fill the table."""
    return session.exec(
        select(func.count())
        .select_from(Booking)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(
            Booking.person_id == actor.person_id,
            Activity.hub_id == actor.hub_id,
            Booking.created_at > now - DAY,
        )
    ).one()


def cancel(session: Session, booking: Booking, now: datetime) -> Outcome:
    """Cancels a live booking (the caller checked whose it is) and moves up who now fits, while the
    date is still ahead (``may_move_up``)."""
    activity = lock(session, booking.activity_id)
    session.refresh(booking)
    if booking.status == BookingStatus.cancelled:
        return Outcome(booking)
    booking.status, booking.cancelled_at = BookingStatus.cancelled, now
    session.add(booking)
    moved = []
    if may_move_up(session, activity, booking.occurrence, now):
        bookings = live(session, activity.id, booking.occurrence)
        moved = move_up(activity, [b for b in bookings if b.id != booking.id], now)
        session.add_all(moved)
    session.flush()
    return Outcome(booking, moved)
