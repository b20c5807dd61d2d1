"""Builders for the chat tests, on top of help_fixtures' two hubs.

``say`` goes the way a handler goes: ``conversations.access`` (the check), ``messages.send``, commit.
"""

import itertools
from datetime import datetime

from sqlmodel import Session, select

from mantelzorg_app.models import ChatMessage, Hub, Membership, Organization, Person, Role
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.identity.authz import Actor
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import actor

_ids = itertools.count(1)


def local_id() -> str:
    """A fresh id as the browser makes one (assets/chat.js)."""
    return f"msg-{next(_ids):08d}"


def say(
    session: Session,
    who: Actor,
    conversation_id: int,
    text: str,
    now: datetime = NOW,
    *,
    local: str | None = None,
    share_contact: bool = False,
    card: messages.Card | None = None,
) -> tuple[ChatMessage, bool]:
    found = conversations.access(session, who, conversation_id, "send-message")
    sent, new = messages.send(
        session,
        found,
        who.person_id,
        text,
        local_id() if local is None else local,
        now,
        share_contact=share_contact,
        card=card,
    )
    session.commit()
    return sent, new


def read(session: Session, who: Actor, conversation_id: int, seq: int = 0) -> list[messages.Shown]:
    found = conversations.access(session, who, conversation_id, "read-conversation")
    return messages.after(session, found, who.person_id, seq)


def texts(session: Session, who: Actor, conversation_id: int, seq: int = 0) -> list[str]:
    return [m.text for m in read(session, who, conversation_id, seq)]


def stored(session: Session, conversation_id: int) -> list[tuple[int, str]]:
    return [
        (m.seq, m.text)
        for m in session.exec(
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation_id)
            .order_by(ChatMessage.seq)
        )
    ]


def organisation(session: Session, hub: Hub, name: str) -> Organization:
    org = Organization(hub_id=hub.id, uid=f"org-{name.lower()}", name=name)
    session.add(org)
    session.commit()
    session.refresh(org)
    return org


def link(session: Session, person: Person, hub: Hub, org: Organization | None) -> Actor:
    """The coordinator links the professional to ``org`` (None: to none)."""
    membership = session.exec(
        select(Membership).where(
            Membership.person_id == person.id,
            Membership.hub_id == hub.id,
            Membership.role == Role.professional,
        )
    ).one()
    membership.organization_id = org.id if org else None
    session.add(membership)
    session.commit()
    return actor(person, hub, Role.professional)


def add_professional(session: Session, hub: Hub, first_name: str, org: Organization | None) -> Actor:
    person = Person(first_name=first_name, email=f"{first_name.lower()}@{hub.slug}.example.org")
    session.add(person)
    session.flush()
    session.add(
        Membership(
            person_id=person.id,
            hub_id=hub.id,
            role=Role.professional,
            organization_id=org.id if org else None,
        )
    )
    session.commit()
    session.refresh(person)
    return actor(person, hub, Role.professional)
