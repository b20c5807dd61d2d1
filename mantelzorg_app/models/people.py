"""People and their roles per hub. One person can be a caregiver in one hub and a volunteer in another."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class Role(StrEnum):
    caregiver = "caregiver"
    volunteer = "volunteer"
    trekker = "trekker"
    professional = "professional"
    coordinator = "coordinator"


# Roles of people who work for the hub: shorter sessions, municipal sign-in.
STAFF_ROLES = (Role.professional, Role.coordinator)


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    first_name: str = Field(max_length=60)
    email: str | None = Field(default=None, unique=True, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    # a mail when a chat message waits unread for an hour (at most one a day; Mijn gegevens switches it)
    chat_mail: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    chat_mailed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()


class Membership(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("person_id", "hub_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    role: Role = Field(sa_type=sa.String(20))
    wijk_id: int | None = Field(default=None, foreign_key="wijk.id")
    # asked for at sign-up (trekker), not yet granted by the coordinator
    pending: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # volunteers: the day the coordinator saw their VOG (certificate of conduct); None = not vetted
    vog_checked_on: date | None = None
    # professionals: the organisation on the sociale kaart whose entries they keep
    organization_id: int | None = Field(default=None, foreign_key="organization.id")
    created_at: datetime = created_at_field()
