"""Which organisation a professional keeps the entries of: the hub's coordinator links them
(``Membership.organization_id``), on the beheer page's list of professionals. Only then does
Mijn organisatie show them that organisation's services (services.directory.edits.may_edit) and
does "Klopt dit nog?" (services.directory.checks) mail them.

Only the coordinator of the hub links or unlinks; the membership must be a professional's of
that hub, the organisation one of that hub. Anything else is refused and logged, whoever calls.
Nothing here commits: the State's ``act`` commits the change with its audit row.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mantelzorg_app.models import Membership, Organization, Role
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import audit, database

LINKED = "organization-linked"
NONE = "geen"  # the audit detail when a professional is unlinked


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


def link(session: Session, actor: Actor, membership_id: object, organization_id: object | None) -> Membership:
    """Links the hub's professional (by membership) to one of the hub's organisations; None unlinks."""
    authz.require_role(session, actor, LINKED, Role.coordinator)
    membership = database.row(session, Membership, membership_id)
    if membership is None or membership.hub_id != actor.hub_id or membership.role != Role.professional:
        authz.refuse(session, LINKED, actor.hub_id, actor.person_id, "not a professional of this hub")
    organization = None
    if organization_id is not None:
        organization = database.row(session, Organization, organization_id)
        if organization is None or organization.hub_id != actor.hub_id:
            authz.refuse(session, LINKED, actor.hub_id, actor.person_id, "not an organisation of this hub")
    wanted = organization.id if organization else None
    if membership.organization_id == wanted:
        return membership
    membership.organization_id = wanted
    session.add(membership)
    audit.record(
        session,
        LINKED,
        hub_id=actor.hub_id,
        actor_id=actor.person_id,
        subject_id=membership.person_id,
        detail=str(wanted) if wanted else NONE,
    )
    return membership


def choices(session: Session, actor: Actor) -> list[Choice]:
    """The hub's organisations to link a professional to, by name (the coordinator's)."""
    authz.require_role(session, actor, LINKED, Role.coordinator)
    found = session.exec(
        select(Organization.id, Organization.name)
        .where(Organization.hub_id == actor.hub_id)
        .order_by(col(Organization.name), col(Organization.id))
    ).all()
    return [Choice(oid, name) for oid, name in found]


def linked(session: Session, actor: Actor) -> dict[int, int]:
    """Each linked professional of the hub: membership id to organisation id (the coordinator's)."""
    authz.require_role(session, actor, LINKED, Role.coordinator)
    return dict(
        session.exec(
            select(Membership.id, Membership.organization_id).where(
                Membership.hub_id == actor.hub_id,
                Membership.role == Role.professional,
                col(Membership.organization_id).is_not(None),
            )
        ).all()
    )


def keeps_entries(session: Session, actor: Actor) -> bool:
    """Whether the actor is a professional of their hub linked to one of its organisations: the way to
    Mijn organisatie on Home (that page checks again)."""
    if not actor.has(Role.professional):
        return False
    return (
        session.exec(
            select(Membership.id)
            .join(Organization, col(Organization.id) == col(Membership.organization_id))
            .where(
                Membership.person_id == actor.person_id,
                Membership.hub_id == actor.hub_id,
                Membership.role == Role.professional,
                ~col(Membership.pending),
                Organization.hub_id == actor.hub_id,
            )
        ).first()
        is not None
    )
