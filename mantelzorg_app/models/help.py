"""Help for caregivers: call-backs, help requests, volunteers' offers and profiles, follow-ups.

The enums are the values the status and answer columns hold: stored, never rename them.
"""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class Band(StrEnum):
    """How heavy the care feels, as the Wegwijzer scores it (services.help.wegwijzer.score)."""

    light = "light"
    moderate = "moderate"
    heavy = "heavy"


class Status(StrEnum):
    """A help request's status."""

    waiting = "waiting"  # posted for someone with an account: waits for their yes by mail (confirmations)
    open = "open"  # looking for a volunteer
    matched = "matched"  # a volunteer helps
    done = "done"  # it worked out
    closed = "closed"  # the caregiver stopped it


class OfferStatus(StrEnum):
    suggested = "suggested"  # the coordinator asked this volunteer; not yet offered
    offered = "offered"  # "Ik help": waits for the caregiver
    accepted = "accepted"
    declined = "declined"
    ended = "ended"  # was accepted, until the coordinator took back the volunteer's VOG
    # "Ik kan toch niet helpen" before the caregiver answered: kept, so a new "Ik help" takes the row
    # again without mailing the caregiver, who was told once (services.help.volunteering.offer).
    withdrawn = "withdrawn"


class Answer(StrEnum):
    """An answer to "Is het gelukt?" (services.help.follow_ups)."""

    yes = "yes"
    no = "no"
    not_yet = "not_yet"


class CallbackTask(SQLModel, table=True):
    """A visitor, often without an account, asks the hub's consulent to call them back.

    The phone number is personal data without a person: it is deleted a while after the call.
    """

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    phone: str = Field(max_length=30)
    good_time: str = Field(max_length=20)  # one of services.help.callbacks.GOOD_TIMES
    band: str = Field(default="", max_length=10)  # a Band, if known
    # For the coordinator's list: a name when one was given, and a short summary of the answers.
    name: str = Field(default="", max_length=60)
    cares_for: str = Field(default="", max_length=60)  # space separated "voor_wie" answers
    wishes: str = Field(default="", max_length=200)  # space separated kinds of help
    # the signed-in person who asked, if any: the consulent can then also write to them (services.chat)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    tries: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # calls that did not reach them
    tried_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the last of those
    # Digests for the limits in services.help.callbacks: of the asker's address, and of the number
    # however typed.
    client: str = Field(default="", index=True, max_length=64)
    number: str = Field(default="", index=True, max_length=64)
    created_at: datetime = created_at_field()
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HelpRequest(SQLModel, table=True):
    """A caregiver asks for volunteer help: one category, a short text, where and when.

    ``days``, ``dayparts`` are space-separated values of services.help.vocabulary (empty: any).
    ``posted_by_id`` is the professional who posted it on the caregiver's behalf, with the
    caregiver's consent recorded in `Consent`.
    """

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    caregiver_id: int = Field(foreign_key="person.id", index=True)
    posted_by_id: int | None = Field(default=None, foreign_key="person.id")
    # The caregiver's first name as the poster typed it: what the poster sees, never the stored one.
    caregiver_name: str = Field(default="", max_length=60)
    category: str = Field(max_length=20)
    text: str = Field(max_length=300)
    wijk_id: int | None = Field(default=None, foreign_key="wijk.id")
    postcode: str | None = Field(default=None, max_length=10)
    days: str = Field(default="", max_length=80)
    dayparts: str = Field(default="", max_length=30)
    recurring: bool = False
    home_visit: bool = False
    status: str = Field(default="open", max_length=10, index=True)  # a Status
    volunteer_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    agreed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the first agreed moment
    needs_attention: bool = False  # someone answered "Is het gelukt?" with no: the coordinator looks
    created_at: datetime = created_at_field()


class HelpOffer(SQLModel, table=True):
    """A volunteer's "Ik help" on a request, or a coordinator's suggestion of a volunteer."""

    __table_args__ = (UniqueConstraint("request_id", "volunteer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="helprequest.id", index=True)
    volunteer_id: int = Field(foreign_key="person.id", index=True)
    status: str = Field(max_length=10)  # an OfferStatus
    created_at: datetime = created_at_field()
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class FollowUp(SQLModel, table=True):
    """ "Is het gelukt?" for one person about one matched request, due a day after the agreed moment."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="helprequest.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    due_at: datetime = Field(sa_type=UTCDateTime)
    answer: str | None = Field(default=None, max_length=10)  # an Answer
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mailed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # asked by mail too


class VolunteerProfile(SQLModel, table=True):
    """What a volunteer likes to do, where and when, in one hub. Space-separated value lists
    (services.help.vocabulary; wijk ids; language codes)."""

    __table_args__ = (UniqueConstraint("person_id", "hub_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    categories: str = Field(default="", max_length=200)
    wijk_ids: str = Field(default="", max_length=400)
    postcode: str | None = Field(default=None, max_length=10)
    max_km: int | None = None
    days: str = Field(default="", max_length=80)
    dayparts: str = Field(default="", max_length=30)
    languages: str = Field(default="", max_length=60)
    updated_at: datetime = created_at_field()
