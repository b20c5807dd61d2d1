"""The agenda: a hub's activities (one date or a repeating series), the dates changed or cancelled
in a series, who is present at a walk-in hour, sign-ups with their waiting list, the reminders sent,
and each person's private feed.

Times are stored in UTC; a series repeats on the hub's clock (services.calendar.recurrence builds
one iCalendar event with its RRULE in the hub's zone and lets ``recurring-ical-events`` expand it,
so "elke eerste dinsdag om 14.00 uur" stays at 14.00 across daylight saving).

One date of a series is named by the moment it would start by the rule (``occurrence``, UTC), as
iCalendar's RECURRENCE-ID does: a moved date keeps that name, so its sign-ups stay with it.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class ActivityKind(StrEnum):
    cafe = "cafe"  # Mantelzorgcafé
    walk_in = "walk_in"  # inloopspreekuur
    course = "course"  # a course of the Mantelzorgacademie
    network = "network"  # netwerkbijeenkomst (Inn-formeel)
    day = "day"  # Dag van de Mantelzorg
    other = "other"


class Audience(StrEnum):
    caregivers = "caregivers"
    professionals = "professionals"
    municipal = "municipal"  # municipal staff
    everyone = "everyone"


class BookingStatus(StrEnum):
    booked = "booked"  # has its places
    waiting = "waiting"  # on the waiting list, in the order of ``created_at``
    cancelled = "cancelled"


class Activity(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    kind: ActivityKind = Field(sa_type=sa.String(12))
    audience: Audience = Field(default=Audience.caregivers, sa_type=sa.String(16))
    title: str = Field(max_length=80)
    summary: str = Field(default="", max_length=600)  # a short text in plain words
    for_whom: str = Field(default="", max_length=200)  # "Voor mantelzorgers en wie zij meenemen"
    place: str = Field(default="", max_length=80)  # "Bibliotheek Leusden"
    address: str = Field(default="", max_length=160)  # "Hamersveldseweg 55, 3833 GP Leusden"
    wijk_id: int | None = Field(default=None, foreign_key="wijk.id")
    cost: str = Field(default="", max_length=80)  # "Gratis"; "" = not said
    access: str = Field(default="", max_length=300)  # accessibility: "Rolstoel kan naar binnen"
    bring: str = Field(default="", max_length=200)  # "Haal uw cadeau op" (Dag van de Mantelzorg)
    organiser_id: int | None = Field(default=None, foreign_key="person.id")  # a coordinator or professional
    organiser_name: str = Field(default="", max_length=80)  # who organises it, as the page says it
    # the first date's start and its length; ``rrule`` is an RFC 5545 RRULE ("FREQ=MONTHLY;BYDAY=1TU"),
    # "" for one date
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    minutes: int = Field(default=120)
    rrule: str = Field(default="", max_length=200)
    capacity: int | None = None  # places per date (per course); None = no limit
    whole_series: bool = False  # one sign-up is for every date (a course's evenings)
    slot_minutes: int = 0  # walk-in hours: slots of this length to book; 0 = none
    pairs: bool = True  # "Ik neem iemand mee" is offered
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the whole activity
    # raised on every change of the activity, its dates or its sign-ups: a sign-up raises it first,
    # which takes the activity's write lock before the places are counted (services.calendar.bookings)
    version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class ActivityChange(SQLModel, table=True):
    """One date of a series cancelled (an EXDATE) or moved (an event with a RECURRENCE-ID)."""

    __table_args__ = (UniqueConstraint("activity_id", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    occurrence: datetime = Field(sa_type=UTCDateTime, nullable=False)  # its start by the rule
    cancelled: bool = False
    starts_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # moved: the new start
    minutes: int | None = None
    place: str = Field(default="", max_length=80)  # moved elsewhere; "" = the activity's place
    note: str = Field(default="", max_length=200)  # "Deze keer in De Deel"
    created_at: datetime = created_at_field()


class ActivityHost(SQLModel, table=True):
    """Someone present at a walk-in hour: on every date (``occurrence`` None) or on one."""

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    occurrence: datetime | None = Field(default=None, sa_type=UTCDateTime)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    first_name: str = Field(max_length=60)
    role: str = Field(max_length=20)  # professional, volunteer (models.people.Role)


class Booking(SQLModel, table=True):
    """One sign-up: one person, or two as one ("Ik neem iemand mee": ``places`` 2), for one date
    (``occurrence``), or for every date of a ``whole_series`` activity (``occurrence`` is then the
    series' first date by the rule). Someone who signed up by phone has no ``person_id``: the
    organiser typed their name and number."""

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    occurrence: datetime = Field(sa_type=UTCDateTime, nullable=False)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    name: str = Field(default="", max_length=60)  # by phone: the name the organiser typed
    phone: str = Field(default="", max_length=30)  # by phone: their number
    places: int = Field(default=1)  # 1, or 2 with someone
    slot_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # a walk-in hour's booked slot
    status: BookingStatus = Field(default=BookingStatus.booked, sa_type=sa.String(10), index=True)
    added_by_id: int | None = Field(default=None, foreign_key="person.id")  # the organiser, by phone
    moved_up_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # from the waiting list
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()  # the waiting list's order


class ActivityReminder(SQLModel, table=True):
    """The reminder the day before one date of a booking: the row is the claim, inserted and committed
    before the mail goes, so two workers or a restart never send it twice."""

    __table_args__ = (UniqueConstraint("booking_id", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="booking.id", index=True)
    occurrence: datetime = Field(sa_type=UTCDateTime, nullable=False)
    created_at: datetime = created_at_field()


class CalendarFeed(SQLModel, table=True):
    """A person's private feed of their own sign-ups in one hub: the secret in its address is kept
    only as a SHA-256 hash; renewing it makes a new one and the old address stops working."""

    __table_args__ = (UniqueConstraint("person_id", "hub_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    hub_id: int = Field(foreign_key="hub.id")
    secret_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
