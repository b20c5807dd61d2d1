"""Help for caregivers. For now: a call-back a visitor asks for from the Wegwijzer's result page."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class CallbackTask(SQLModel, table=True):
    """A visitor, often without an account, asks the hub's consulent to call them back.

    The phone number is personal data without a person: it is deleted a while after the call.
    """

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    phone: str = Field(max_length=30)
    good_time: str = Field(max_length=20)  # one of services.callbacks.GOOD_TIMES
    band: str = Field(default="", max_length=10)  # the Wegwijzer's light/moderate/heavy, if known
    created_at: datetime = created_at_field()
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
