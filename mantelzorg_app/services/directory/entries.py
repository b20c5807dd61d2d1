"""Reading the sociale kaart of one hub: every query filters on the hub, so nothing leaks between hubs."""

import re

from sqlmodel import Session, col, select

from mantelzorg_app.models import Organization, Service, ServiceSchedule
from mantelzorg_app.services.directory.taxonomy import CATEGORY_VALUES

ACTIVE = "active"
_ID = re.compile(r"[0-9]{1,15}")  # ASCII digits only: str.isdigit() takes "١٢" too


def published(session: Session, hub_id: int) -> list[Service]:
    """The hub's active services, by category in the taxonomy's order, then by name."""
    rows = session.exec(
        select(Service).where(Service.hub_id == hub_id, Service.status == ACTIVE).order_by(col(Service.name))
    ).all()
    order = {value: number for number, value in enumerate(CATEGORY_VALUES)}
    return sorted(rows, key=lambda service: order.get(service.category, len(order)))


def one(session: Session, hub_id: int, service_id: object) -> Service | None:
    """The hub's service with this id (any value a browser sent), or None: also for another hub's."""
    if isinstance(service_id, str) and _ID.fullmatch(service_id):
        service_id = int(service_id)
    if not isinstance(service_id, int) or isinstance(service_id, bool) or not 0 < service_id < 2**53:
        return None
    service = session.get(Service, service_id)
    return service if service is not None and service.hub_id == hub_id else None


def organization_of(session: Session, service: Service) -> Organization:
    organization = session.get(Organization, service.organization_id)
    assert organization is not None and organization.hub_id == service.hub_id
    return organization


def schedules_of(session: Session, service_id: int) -> list[ServiceSchedule]:
    return list(
        session.exec(
            select(ServiceSchedule)
            .where(ServiceSchedule.service_id == service_id)
            .order_by(col(ServiceSchedule.id))
        ).all()
    )
