"""A hub is one municipality's own place; a wijk is a neighbourhood or village inside it."""

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import created_at_field


class Hub(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=40)
    name: str = Field(max_length=80)
    country: str = Field(max_length=2)  # ISO 3166: NL, BE
    timezone: str = Field(max_length=40)  # Europe/Amsterdam, Europe/Brussels
    speech_locale: str = Field(max_length=10)  # BCP 47 for read aloud: nl-NL, nl-BE
    # The hub's own number to call now, and who calls back after 'Bel mij terug', within how many
    # working days (services.help.support_lines words it).
    phone: str = Field(default="", max_length=30)
    callback_caller: str = Field(default="consulent", max_length=20)
    callback_workdays: int = Field(default=2, sa_column_kwargs={"server_default": "2"})
    # months a 1:1 conversation is kept after its last message (housekeeping removes older ones)
    chat_keep_months: int = Field(default=12, sa_column_kwargs={"server_default": "12"})
    active: bool = True
    created_at: datetime = created_at_field()


class Wijk(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("hub_id", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    slug: str = Field(max_length=40)
    name: str = Field(max_length=80)
    kind: str = Field(max_length=20)  # wijk, kern or deelgemeente
    postcodes: str = Field(default="", max_length=200)  # space separated, e.g. "3831 3832"
