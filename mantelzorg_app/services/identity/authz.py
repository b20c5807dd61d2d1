"""The one authorisation check: who is signed in, in which hub, with which role.

Every State handler and API route calls ``require`` first, with the session token from the
cookie and the hub the server looked up; never with an id or role the browser sent.
Each refusal is written to the audit log.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app.models import Membership, Role
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import audit


class Refused(Exception):
    """The asker may not do this. The message is for the log, never shown as is."""


@dataclass(frozen=True)
class Actor:
    person_id: int
    first_name: str
    hub_id: int
    roles: frozenset[Role]

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))


def actor(
    session: Session, token: str | None, hub_id: int | None, now: datetime, touch: bool = True
) -> Actor | None:
    """The signed-in person with their roles in this hub, or None when nobody is signed in.
    ``touch`` False reads the session only (``sessions.holder``): its idle limit does not start
    again, for what the person did not do themselves."""
    person = sessions.person(session, token, now) if touch else sessions.holder(session, token, now)
    if person is None or hub_id is None:
        return None
    return Actor(person.id, person.first_name, hub_id, roles(session, person.id, hub_id))


def roles(session: Session, person_id: int, hub_id: int) -> frozenset[Role]:
    """The roles the person holds in this hub (granted, not waiting for the coordinator)."""
    found = session.exec(
        select(Membership.role).where(
            Membership.person_id == person_id, Membership.hub_id == hub_id, ~col(Membership.pending)
        )
    ).all()
    return frozenset(Role(r) for r in found)


def require(
    session: Session,
    token: str | None,
    hub_id: int | None,
    action: str,
    now: datetime,
    roles: Iterable[Role] = (),
) -> Actor:
    """The actor when signed in (and, if ``roles`` are given, holding one of them in this hub)."""
    found = actor(session, token, hub_id, now)
    wanted = tuple(roles)
    if found is None or (wanted and not found.has(*wanted)):
        refuse(session, action, hub_id, found.person_id if found else None)
    return found


def require_role(session: Session, actor: Actor, action: str, *roles: Role) -> None:
    """Refuses (and logs) an actor who holds none of ``roles`` in their hub: the check services make
    again, whoever called them."""
    if not actor.has(*roles):
        refuse(session, action, actor.hub_id, actor.person_id, f"not a {' or '.join(roles)}")


def refuse(session: Session, action: str, hub_id: int | None, actor_id: int | None, why: str = ""):
    audit.refused(session, f"{action} {why}".strip(), hub_id=hub_id, actor_id=actor_id)
    raise Refused(action)
