"""A small sociale kaart of our own for the Wie is wie and Wegwijzer tests (not the demo's)."""

import uuid

from sqlmodel import Session

from mantelzorg_app.models import Hub, Organization, Service
from mantelzorg_app.services.directory.taxonomy import NAMESPACE


def add_organization(
    session: Session, hub: Hub, name: str, *, informal: bool = False, **fields
) -> Organization:
    organization = Organization(
        hub_id=hub.id,
        uid=str(uuid.uuid5(NAMESPACE, f"test-org:{hub.id}:{name}")),
        name=name,
        informal=informal,
        **fields,
    )
    session.add(organization)
    session.commit()
    session.refresh(organization)
    return organization


def add_service(
    session: Session, organization: Organization, name: str, category: str, *, wijken=(), **fields
) -> Service:
    service = Service(
        hub_id=organization.hub_id,
        organization_id=organization.id,
        uid=str(uuid.uuid5(NAMESPACE, f"test-service:{organization.id}:{name}")),
        category=category,
        name=name,
        summary=fields.pop("summary", f"Over {name}."),
        area_wijk_ids=" ".join(str(w.id) for w in wijken),
        **fields,
    )
    session.add(service)
    session.commit()
    session.refresh(service)
    return service
