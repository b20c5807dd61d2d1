"""Reading the sociale kaart of one hub: every query filters on the hub, so nothing leaks between hubs."""

from sqlmodel import Session, col, select

from mantelzorg_app.models import Organization, Service, ServiceSchedule
from mantelzorg_app.services.directory.taxonomy import CATEGORY_VALUES
from mantelzorg_app.services.platform import database

ACTIVE = "active"
_CATEGORY_ORDER = {value: number for number, value in enumerate(CATEGORY_VALUES)}


def in_order(service: Service) -> tuple[int, str, int]:
    """The sociale kaart's order: category as in the taxonomy, then name (case-folded, so not each
    database's own collation), then id: one order on SQLite and PostgreSQL, and never a tie."""
    return _CATEGORY_ORDER.get(service.category, len(_CATEGORY_ORDER)), service.name.casefold(), service.id


def published(session: Session, hub_id: int) -> list[Service]:
    """The hub's active services in the sociale kaart's order (``in_order``)."""
    rows = session.exec(select(Service).where(Service.hub_id == hub_id, Service.status == ACTIVE)).all()
    return sorted(rows, key=in_order)


def one(session: Session, hub_id: int, service_id: object) -> Service | None:
    """The hub's service with this id (any value a browser sent), or None: also for another hub's."""
    service = database.row(session, Service, database.id_of(service_id))
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
