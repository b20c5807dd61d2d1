"""The organiser's list of one date: who comes (in the order they signed up), then the waiting list,
each with a name, their places, a walk-in slot and a phone number to call; someone who phoned in
is added here, and the organiser can cancel anyone's booking (the waiting list moves up).

Only for who may organise the activity (``activities.may_organise``: the hub's coordinator, or the
professional who organises it): anyone else is refused and logged. The phone numbers shown here are
shown nowhere else. Nothing commits: the caller commits, then sends the mails of ``Outcome.moved_up``.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking, BookingStatus, Person
from mantelzorg_app.services.calendar import activities, bookings, schedule
from mantelzorg_app.services.calendar.bookings import NotPossible, Outcome
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform import database
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

ACTION = "calendar-sign-ups"
NAME_MOST = 60  # Booking.name
PHONE_DIGITS = (9, 15)  # a whole number with its area code, up to the longest international one
_PHONE = re.compile(r"\+?[0-9 ()\-./]{8,30}")
COMING_MOST = 6  # the other dates the page offers

NAME_MISSING = N_("Vul de naam in.")
NAME_TOO_LONG = N_("Deze naam is te lang. Gebruik niet meer dan 60 tekens.")
PHONE_MISSING = N_("Vul het telefoonnummer in.")
PHONE_WRONG = N_("Dit lijkt geen telefoonnummer. Typ het nummer met alle cijfers, bijvoorbeeld 06 12345678.")
PHONE_THERE = N_("Dit telefoonnummer staat al op de lijst van deze datum.")
TOO_MANY = N_("U heeft vandaag al heel veel mensen aangemeld. Morgen kan het weer.")


@dataclass(frozen=True)
class Attendee:
    booking_id: int
    name: str
    places: int  # 1, or 2 with someone
    slot_at: datetime | None  # a walk-in hour's booked slot (UTC)
    phone: str  # as typed; "" when none is known
    by_phone: bool  # the organiser added them
    waiting: int  # their place on the waiting list (1, 2, ...); 0 when they have a place


@dataclass(frozen=True)
class Listing:
    activity: Activity
    date: Occurrence
    booked: list[Attendee]
    waiting: list[Attendee]
    taken: int  # places booked
    capacity: int | None  # None: no limit


def _organised(session: Session, actor: Actor, activity_id: object) -> Activity:
    """The hub's activity the actor may organise; refused (logged) for anything else, also for an
    activity of another hub or one another professional organises."""
    activity = activities.one(session, actor.hub_id, activity_id)
    if activity is None or not activities.may_organise(actor, activity):
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"activity {activity_id}")
    return activity


def normalise_phone(text: str) -> str | None:
    """The number as typed, tidied, when it has 9 to 15 digits; None when it cannot be a number."""
    typed = " ".join(text.split())
    digits = re.sub(r"\D", "", typed)
    return typed if _PHONE.fullmatch(typed) and PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1] else None


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def coming(session: Session, activity: Activity, now: datetime, most: int = COMING_MOST) -> list[Occurrence]:
    """The activity's dates that have not ended, first ``most`` (``schedule.coming``); a course (one
    sign-up for all its evenings) has one list: its sign-up date's (``schedule.sign_up_date``), as
    long as the course goes on."""
    changes = bookings.changes_of(session, activity.id)
    zone = bookings.zone_of(session, activity)
    if activity.whole_series:
        first = schedule.sign_up_date(session, activity, activity.starts_at)
        return [first] if first is not None and schedule.goes_on(activity, changes, zone, now) else []
    return schedule.coming(activity, changes, zone, now, most)


def date_for(session: Session, actor: Actor, activity_id: object, occurrence: datetime | None, now: datetime):
    """The organised activity and the date its list is of: the named one, else the first coming one
    (None when it has none, or the name is not one of its dates)."""
    activity = _organised(session, actor, activity_id)
    if occurrence is None:
        found = coming(session, activity, now, 1)
        return activity, (found[0] if found else None)
    return activity, bookings.the_date(session, activity, occurrence)


def sign_ups(session: Session, actor: Actor, activity_id: object, occurrence: datetime) -> Listing | None:
    """The date's list (booked in sign-up order, then the waiting list); None when the activity has
    no such date (an old link, a date cancelled). Refused (logged) unless the actor may organise it."""
    activity = _organised(session, actor, activity_id)
    date = bookings.the_date(session, activity, occurrence)
    if date is None:
        return None
    live = bookings.live(session, activity.id, date.occurrence)
    people = _people(session, [b.person_id for b in live if b.person_id is not None])
    booked, waiting = [], []
    for booking in live:
        person = people.get(booking.person_id)
        is_waiting = booking.status == BookingStatus.waiting
        row = Attendee(
            booking_id=booking.id,
            name=person.first_name if person else booking.name,
            places=booking.places,
            slot_at=booking.slot_at,
            phone=(person.phone or "") if person else booking.phone,
            by_phone=booking.person_id is None,
            waiting=len(waiting) + 1 if is_waiting else 0,
        )
        (waiting if is_waiting else booked).append(row)
    if activity.slot_minutes:  # a walk-in hour: the booked slots by time, then who booked none
        booked.sort(key=lambda a: (a.slot_at is None, a.slot_at or date.starts_at))
    return Listing(activity, date, booked, waiting, bookings.taken(live), activity.capacity)


def _people(session: Session, ids: list[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}


def _added_today(session: Session, actor: Actor, now: datetime) -> int:
    return session.exec(
        select(func.count())
        .select_from(Booking)
        .where(Booking.added_by_id == actor.person_id, Booking.created_at >= now - timedelta(days=1))
    ).one()


def add_by_phone(
    session: Session,
    actor: Actor,
    activity_id: object,
    occurrence: datetime | None,
    name: str,
    phone: str,
    places: int,
    now: datetime,
) -> Outcome:
    """Signs up someone who phoned the organiser: booked when the places fit, else on the waiting
    list. ``Invalid`` by field ("name", "phone", "form") says what to fix; refused (logged) unless
    the actor may organise the activity, or for a date or places the page never offers."""
    activity = _organised(session, actor, activity_id)
    name = " ".join(name.split())
    number = normalise_phone(phone)
    problems = {}
    if not name:
        problems["name"] = NAME_MISSING
    elif len(name) > NAME_MOST:
        problems["name"] = NAME_TOO_LONG
    if not phone.strip():
        problems["phone"] = PHONE_MISSING
    elif number is None:
        problems["phone"] = PHONE_WRONG
    if problems:
        raise Invalid(problems)
    if _added_today(session, actor, now) >= bookings.MOST_BY_PHONE_A_DAY:
        raise Invalid({"form": TOO_MANY})
    date = bookings.the_date(session, activity, occurrence) if occurrence is not None else None
    if date is not None and any(
        b.person_id is None and _digits(b.phone) == _digits(number)
        for b in bookings.live(session, activity.id, date.occurrence)
    ):
        raise Invalid({"phone": PHONE_THERE})
    try:
        return bookings.sign_up(
            session, actor, activity.id, occurrence, now, places=places, by_phone=(name, number)
        )
    except NotPossible as not_possible:
        raise Invalid({"form": not_possible.msgid}) from None


def cancel_for(session: Session, actor: Actor, booking_id: object, now: datetime) -> Outcome:
    """The organiser cancels a live booking of an activity they organise (the waiting list moves up);
    refused (logged) for a booking of anything else."""
    booking = database.row(session, Booking, database.id_of(booking_id))
    activity = session.get(Activity, booking.activity_id) if booking is not None else None
    if activity is None or not activities.may_organise(actor, activity):
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"booking {booking_id}")
    return bookings.cancel(session, booking, now)
