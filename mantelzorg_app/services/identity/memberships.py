"""Roles per hub and the coordinator's view of them. Only that hub's coordinator grants or takes
back a role; never a provider's claim.

A hub always keeps a coordinator: the last one cannot take back their own role (`LAST_COORDINATOR`).
Every function takes the acting coordinator (from ``authz.require``) and touches only memberships
of that coordinator's own hub; an id from another hub is refused and logged like a missing role.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from mantelzorg_app.models import Membership, Person, Role, Wijk
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

LAST_COORDINATOR = N_(
    "U bent de laatste coördinator van deze gemeente. Maak eerst iemand anders coördinator, "
    "dan kunt u stoppen."
)


def grant(session: Session, by: Actor, person_id: int, role: Role, wijk_id: int | None = None) -> Membership:
    """Gives ``person_id`` the role in the coordinator's own hub; a wijk must lie in that hub."""
    require_role(session, by, "grant-role", Role.coordinator)
    if wijk_id is not None and not _wijk_in_hub(session, wijk_id, by.hub_id):
        refuse(session, "grant-role", by.hub_id, by.person_id, "wijk of another hub")
    membership = held(session, person_id, by.hub_id, role)
    if membership is None:
        membership = Membership(person_id=person_id, hub_id=by.hub_id, role=role)
    membership.wijk_id = wijk_id
    membership.pending = False
    session.add(membership)
    _log(session, audit.ROLE_GRANTED, by, person_id, role)
    session.commit()
    return membership


def revoke(session: Session, by: Actor, person_id: int, role: Role) -> bool:
    """Takes the role back; False when it was not held. Raises Invalid for the last coordinator."""
    require_role(session, by, "revoke-role", Role.coordinator)
    membership = held(session, person_id, by.hub_id, role)
    if membership is None:
        return False
    if role == Role.coordinator and not _other_coordinators(session, by.hub_id, person_id):
        raise Invalid({"role": LAST_COORDINATOR})
    session.delete(membership)
    _log(session, audit.ROLE_REVOKED, by, person_id, role)
    session.commit()
    return True


def held(session: Session, person_id: int, hub_id: int, role: Role) -> Membership | None:
    """The person's membership of ``role`` in the hub (also one that waits for the coordinator)."""
    return session.exec(
        select(Membership).where(
            Membership.person_id == person_id, Membership.hub_id == hub_id, Membership.role == role
        )
    ).first()


@dataclass(frozen=True)
class Member:
    membership_id: int
    first_name: str
    wijk: str
    vog_checked_on: date | None


@dataclass(frozen=True)
class Overview:
    pending_trekkers: list[Member]
    volunteers: list[Member]
    professionals: list[Member]


def overview(session: Session, by: Actor) -> Overview:
    require_role(session, by, "overview", Role.coordinator)
    rows = session.exec(
        select(Membership, Person, Wijk)
        .join(Person, Person.id == Membership.person_id)
        .join(Wijk, Wijk.id == Membership.wijk_id, isouter=True)
        .where(Membership.hub_id == by.hub_id)
        .order_by(Person.first_name)
    ).all()

    def members(role: Role, pending: bool = False) -> list[Member]:
        return [
            Member(m.id, p.first_name, w.name if w else "", m.vog_checked_on)
            for m, p, w in rows
            if m.role == role and m.pending == pending
        ]

    return Overview(members(Role.trekker, pending=True), members(Role.volunteer), members(Role.professional))


def grant_trekker(session: Session, by: Actor, membership_id: int) -> None:
    """Approves a trekker who asked at sign-up, for the wijk they live in."""
    membership = of_hub(session, by, membership_id, Role.trekker, "grant-trekker")
    grant(session, by, membership.person_id, Role.trekker, membership.wijk_id)


def of_hub(session: Session, by: Actor, membership_id: int, role: Role, action: str) -> Membership:
    """The membership of ``role`` in the coordinator's own hub; anything else is refused."""
    require_role(session, by, action, Role.coordinator)
    membership = session.get(Membership, membership_id)
    if membership is None or membership.hub_id != by.hub_id or membership.role != role:
        refuse(session, action, by.hub_id, by.person_id, "membership of another hub or role")
    return membership


def _other_coordinators(session: Session, hub_id: int, person_id: int) -> bool:
    return (
        session.exec(
            select(Membership.id).where(
                Membership.hub_id == hub_id,
                Membership.role == Role.coordinator,
                Membership.person_id != person_id,
                ~col(Membership.pending),
            )
        ).first()
        is not None
    )


def _wijk_in_hub(session: Session, wijk_id: int, hub_id: int) -> bool:
    wijk = session.get(Wijk, wijk_id)
    return wijk is not None and wijk.hub_id == hub_id


def _log(session: Session, action: str, by: Actor, person_id: int, role: Role) -> None:
    audit.record(session, action, hub_id=by.hub_id, actor_id=by.person_id, subject_id=person_id, detail=role)
