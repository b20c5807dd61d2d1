"""Roles per hub. Only that hub's coordinator grants or takes back a role; never a provider's claim."""

from sqlmodel import Session, select

from mantelzorg_app.models import Membership, Role, Wijk
from mantelzorg_app.services import audit
from mantelzorg_app.services.authz import Actor, refuse, require_role


def grant(session: Session, by: Actor, person_id: int, role: Role, wijk_id: int | None = None) -> Membership:
    """Gives ``person_id`` the role in the coordinator's own hub; a wijk must lie in that hub."""
    require_role(session, by, "grant-role", Role.coordinator)
    if wijk_id is not None and not _wijk_in_hub(session, wijk_id, by.hub_id):
        refuse(session, "grant-role", by.hub_id, by.person_id, "wijk of another hub")
    membership = _membership(session, person_id, by.hub_id, role)
    if membership is None:
        membership = Membership(person_id=person_id, hub_id=by.hub_id, role=role)
    membership.wijk_id = wijk_id
    membership.pending = False
    session.add(membership)
    session.commit()
    _log(session, audit.ROLE_GRANTED, by, person_id, role)
    return membership


def revoke(session: Session, by: Actor, person_id: int, role: Role) -> bool:
    require_role(session, by, "revoke-role", Role.coordinator)
    membership = _membership(session, person_id, by.hub_id, role)
    if membership is None:
        return False
    session.delete(membership)
    session.commit()
    _log(session, audit.ROLE_REVOKED, by, person_id, role)
    return True


def _membership(session: Session, person_id: int, hub_id: int, role: Role) -> Membership | None:
    return session.exec(
        select(Membership).where(
            Membership.person_id == person_id, Membership.hub_id == hub_id, Membership.role == role
        )
    ).first()


def _wijk_in_hub(session: Session, wijk_id: int, hub_id: int) -> bool:
    wijk = session.get(Wijk, wijk_id)
    return wijk is not None and wijk.hub_id == hub_id


def _log(session: Session, action: str, by: Actor, person_id: int, role: Role) -> None:
    audit.record(session, action, hub_id=by.hub_id, actor_id=by.person_id, subject_id=person_id, detail=role)
