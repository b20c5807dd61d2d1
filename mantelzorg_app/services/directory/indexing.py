"""A sociale kaart service as the search index holds it (services.search.index).

Every change to a service (import, demo, an approved edit) calls ``index_service`` in the same
commit; a service that is not active leaves the index.
"""

from sqlmodel import Session

from mantelzorg_app.models import Organization, Service
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.search import index

KIND = "service"


def document_of(service: Service, organization: Organization | None) -> index.Document:
    category = BY_VALUE.get(service.category)
    return index.Document(
        kind=KIND,
        ref=str(service.id),
        title=service.name,
        summary=service.summary,
        icon=category.icon if category else "",
        category=service.category,
        wijk_ids=service.area_wijk_ids,
        body=(
            category.label if category else "",
            service.description,
            service.application_process,
            service.eligibility_description,
            organization.name if organization else "",
            service.location_name,
        ),
    )


def index_service(session: Session, service: Service) -> None:
    """Puts the service in its hub's index, or takes it out when it is not active."""
    if service.status != "active":
        index.remove(session, service.hub_id, KIND, str(service.id))
        return
    session.flush()  # the service has its id
    organization = session.get(Organization, service.organization_id)
    index.put(session, service.hub_id, document_of(service, organization))


def unindex_service(session: Session, service: Service) -> None:
    index.remove(session, service.hub_id, KIND, str(service.id))
