"""Chat: conversations (1:1, with an organisation, group rooms), their members and messages,
reports to the hub's coordinator, and blocks between two people.

Every message has a number within its conversation (``seq``, 1, 2, 3, ...): ``Conversation.last_seq``
is raised in the same transaction that stores the message, so numbers follow the order of the
commits, with no gap and no repeat, and a page that reconnects asks for everything after the last
number it holds (services.chat.messages). A message also keeps the id the browser gave it
(``local_id``): the same id sent twice is stored once.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class Kind(StrEnum):
    pair = (
        "pair"  # 1:1 (or 1:1 with the professional who asked for the caregiver): a help request, a call-back
    )
    organisation = "organisation"  # a caregiver with the professionals of one organisation
    room = "room"  # a group room of the hub (the online Mantelzorgcafé) or of one wijk


class Reason(StrEnum):
    rude = "rude"
    unsafe = "unsafe"
    spam = "spam"
    other = "other"


class Conversation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    kind: Kind = Field(sa_type=sa.String(12))
    title: str = Field(default="", max_length=80)  # rooms only: "Online Mantelzorgcafé"
    wijk_id: int | None = Field(default=None, foreign_key="wijk.id")  # a wijk's room
    # what the conversation is about (at most one): the help request, the call-back, or the
    # organisation asked through "Stel een vraag" (and the service on whose card it was asked)
    # a request's conversation is with the volunteer of its match: another match gets another one
    request_id: int | None = Field(default=None, foreign_key="helprequest.id", index=True)
    callback_id: int | None = Field(default=None, foreign_key="callbacktask.id", unique=True)
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id")
    last_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # readable, takes no messages
    last_message_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    created_at: datetime = created_at_field()


class ChatMember(SQLModel, table=True):
    """One person in one conversation, with how far they have read. A room's member who left has no
    row; one the coordinator removed keeps a row with ``removed_at`` and cannot join again."""

    __table_args__ = (UniqueConstraint("conversation_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    read_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # the unread mail: when it went for the message numbered ``mailed_seq`` (one mail an unread stretch)
    mailed_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    joined_at: datetime = created_at_field()


class ChatMessage(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq"),
        UniqueConstraint("conversation_id", "local_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    seq: int
    local_id: str = Field(max_length=36)  # the browser's id for this message: a retry is one message
    author_id: int | None = Field(default=None, foreign_key="person.id", index=True)  # None: wiped
    text: str = Field(default="", max_length=1000)
    # a card shared into the conversation: a sociale kaart service or an activity, its title and path
    card_kind: str = Field(default="", max_length=12)
    card_title: str = Field(default="", max_length=120)
    card_path: str = Field(default="", max_length=200)
    hidden_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # the coordinator hid it
    created_at: datetime = created_at_field()


class ChatReport(SQLModel, table=True):
    """One person's report of one message, for the hub's coordinator."""

    __table_args__ = (UniqueConstraint("message_id", "reporter_id"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    message_id: int = Field(foreign_key="chatmessage.id", index=True)
    reporter_id: int = Field(foreign_key="person.id", index=True)
    reason: Reason = Field(sa_type=sa.String(10))
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    outcome: str = Field(default="", max_length=12)  # hidden, warned, removed, kept
    created_at: datetime = created_at_field()


class ChatBlock(SQLModel, table=True):
    """``blocker`` gets no more messages from ``blocked``, in any room or 1:1."""

    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: int | None = Field(default=None, primary_key=True)
    blocker_id: int = Field(foreign_key="person.id", index=True)
    blocked_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = created_at_field()
