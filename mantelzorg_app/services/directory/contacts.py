"""Wie is wie (the Inn-formeel network): per organisation of the hub, who partners can call.

An organisation's contact person for partners (``Organization.partner_contact``, ``partner_phone``,
``partner_hours``) is for the hub's own professionals and coordinators only: so partners know each
other and call each other directly. Caregivers, volunteers, trekkers and visitors never see it (the
public card and the HSDS API show only a service's public phone); a professional of another hub
holds no role here and is refused too. Every refusal is logged (``authz.require_role``).
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mantelzorg_app.models import Organization, Role
from mantelzorg_app.services.directory import entries
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor

ACTION = "who-is-who"
STAFF = (Role.professional, Role.coordinator)


@dataclass(frozen=True)
class Offered:
    """One published service of the organisation, for a link to its card."""

    id: int
    name: str
    category: str


@dataclass(frozen=True)
class Contact:
    """One organisation on Wie is wie."""

    organization_id: int
    name: str
    informal: bool  # volunteers and neighbours rather than professionals
    contact: str  # the contact person for partners, "" when none is known
    phone: str  # their direct number, as written
    hours: str  # when they are there, in the organisation's own words
    public_phone: str  # the number the public calls (the first of its services that has one), or ""
    services: tuple[Offered, ...]


def partners(session: Session, actor: Actor) -> list[Contact]:
    """Every organisation of the actor's hub, by name, with its contact for partners and its
    published services; refuses (and logs) anyone but a professional or coordinator of this hub."""
    authz.require_role(session, actor, ACTION, *STAFF)
    organizations = session.exec(
        select(Organization).where(Organization.hub_id == actor.hub_id).order_by(col(Organization.id))
    ).all()
    offered: dict[int, list] = {}
    for service in entries.published(session, actor.hub_id):
        offered.setdefault(service.organization_id, []).append(service)
    found = [
        Contact(
            organization_id=org.id,
            name=org.name,
            informal=org.informal,
            contact=org.partner_contact,
            phone=org.partner_phone,
            hours=org.partner_hours,
            public_phone=next((s.phone for s in offered.get(org.id, []) if s.phone), ""),
            services=tuple(Offered(s.id, s.name, s.category) for s in offered.get(org.id, [])),
        )
        for org in organizations
    ]
    return sorted(found, key=lambda contact: (contact.name.casefold(), contact.organization_id))
