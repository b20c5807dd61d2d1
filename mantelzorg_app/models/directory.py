"""The sociale kaart: organisations and the services they offer, shaped after Open Referral HSDS 3.0.

One ``Service`` row is one HSDS ``service`` with its one location, address and public phone kept
inline (the sociale kaart shows one address a service); its opening hours are ``ServiceSchedule``
rows. Every HSDS object keeps its own ``uid`` (the HSDS ``id``, a UUID), so an import of the same file
twice changes nothing and an export gives the same ids back (services.directory.transfer).
A partner's change waits as a ``ServiceEdit`` until the hub's coordinator approves it (Outpost:
only approved entries are published).
"""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field, utcnow


class Organization(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("hub_id", "uid"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    uid: str = Field(max_length=36)  # HSDS id
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=1000)
    website: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    # Volunteers and neighbours (buurthulp, lotgenotengroep) rather than a professional organisation.
    informal: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # Wie is wie: for signed-in professionals and coordinators only, never in the public API.
    partner_contact: str = Field(default="", max_length=80)
    partner_phone: str = Field(default="", max_length=30)
    partner_hours: str = Field(default="", max_length=200)  # "maandag tot en met donderdag"
    created_at: datetime = created_at_field()


class Service(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("hub_id", "uid"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    uid: str = Field(max_length=36)  # HSDS id
    status: str = Field(
        default="active", max_length=20
    )  # HSDS: active, inactive, defunct, temporarily closed
    category: str = Field(max_length=30, index=True)  # services.directory.taxonomy CATEGORY_VALUES
    name: str = Field(max_length=120)
    summary: str = Field(default="", max_length=160)  # one line: what they do (the card)
    description: str = Field(default="", max_length=1500)  # what they do, in plain words
    application_process: str = Field(default="", max_length=800)  # what happens when you call
    fees_description: str = Field(default="", max_length=400)  # what it costs
    eligibility_description: str = Field(default="", max_length=400)  # who it is for
    url: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    languages: str = Field(default="nl", max_length=60)  # space-separated ISO 639-1 codes
    # the public phone (tap to call)
    phone: str = Field(default="", max_length=30)
    phone_uid: str = Field(default="", max_length=36)
    # the one location: its name and address; no address = at home or by phone only
    location_uid: str = Field(default="", max_length=36)
    address_uid: str = Field(default="", max_length=36)
    service_at_location_uid: str = Field(default="", max_length=36)
    location_name: str = Field(default="", max_length=120)
    address_1: str = Field(default="", max_length=120)
    postal_code: str = Field(default="", max_length=10)
    city: str = Field(default="", max_length=60)
    state_province: str = Field(default="", max_length=60)
    country: str = Field(default="", max_length=2)
    wijk_id: int | None = Field(default=None, foreign_key="wijk.id")  # where the address is
    # The wijken it serves, space-separated ids; "" = the whole hub.
    area_wijk_ids: str = Field(default="", max_length=200)
    checked_on: date = Field(default_factory=lambda: utcnow().date())  # HSDS assured_date
    # when "Klopt dit nog?" was mailed for this check; equal to checked_on while the hourly run has
    # claimed it and the mail is on its way (services.directory.checks)
    check_asked_on: date | None = None
    modified_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    created_at: datetime = created_at_field()


class ServiceSchedule(SQLModel, table=True):
    """Opening hours as HSDS schedules: weekly on some days ("MO,TU"), or monthly ("1TU": first Tuesday)."""

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    uid: str = Field(max_length=36)
    freq: str = Field(default="WEEKLY", max_length=10)  # WEEKLY or MONTHLY
    byday: str = Field(max_length=40)  # RFC 5545 BYDAY: "MO,TU,WE" or "1TU" or "-1FR"
    opens_at: str = Field(max_length=5)  # "09:00", in the hub's time zone
    closes_at: str = Field(max_length=5)  # "17:00"
    description: str = Field(default="", max_length=200)  # "Alleen op afspraak"


class EditOutcome(StrEnum):
    """What the coordinator decided about a partner's change; stored, never rename."""

    waiting = "waiting"
    approved = "approved"
    refused = "refused"


class ServiceEdit(SQLModel, table=True):
    """A partner's change to their organisation's service (or a new one), waiting for the coordinator.

    ``fields`` holds the whole proposed entry as JSON (services.directory.edits): what is shown after
    approval is exactly what the coordinator saw.
    """

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)  # None: new
    author_id: int | None = Field(default=None, foreign_key="person.id")
    fields: str = Field(sa_type=sa.Text)
    outcome: EditOutcome = Field(default=EditOutcome.waiting, sa_type=sa.String(10))
    decided_by: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str = Field(default="", max_length=300)  # the coordinator's reason when refusing
    created_at: datetime = created_at_field()
