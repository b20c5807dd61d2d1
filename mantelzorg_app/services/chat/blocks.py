"""Blocks: a person who blocks another gets no more messages from them, in any room or 1:1.

The blocked person is not told. Their messages stay stored (a coordinator may need them after a
report) but never reach the blocker's page, list or badge, and are never pushed to them.
"""

from datetime import datetime

from sqlmodel import Session, col, or_, select

from mantelzorg_app.models import ChatBlock, ChatMessage, Person
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform.database import row

BLOCKS_MOST = 500  # one person's blocks: far more than anyone needs, a stop to a script


def blocked_by(session: Session, person_id: int) -> set[int]:
    """Whom this person has blocked."""
    return set(session.exec(select(ChatBlock.blocked_id).where(ChatBlock.blocker_id == person_id)).all())


def without(query, blocked: set[int]):
    """A query of messages without those these people wrote (a wiped author's stay)."""
    if not blocked:
        return query
    return query.where(or_(col(ChatMessage.author_id).is_(None), col(ChatMessage.author_id).not_in(blocked)))


def block(session: Session, actor: Actor, person_id: object, now: datetime) -> None:
    """The actor blocks ``person_id`` (idempotent); not themselves, not a person who is not there."""
    other = row(session, Person, person_id)
    mine = blocked_by(session, actor.person_id)
    if other is None or other.id == actor.person_id or (other.id not in mine and len(mine) >= BLOCKS_MOST):
        refuse(session, "block-person", actor.hub_id, actor.person_id, f"person {person_id}")
    if other.id not in mine:
        session.add(ChatBlock(blocker_id=actor.person_id, blocked_id=other.id, created_at=now))
        session.flush()


def unblock(session: Session, actor: Actor, person_id: object) -> None:
    """The actor no longer blocks ``person_id`` (nothing when they did not)."""
    found = session.exec(
        select(ChatBlock).where(ChatBlock.blocker_id == actor.person_id, ChatBlock.blocked_id == person_id)
    ).first()
    if found is not None:
        session.delete(found)
        session.flush()
