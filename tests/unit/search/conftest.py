"""A small search world of its own: Leusden with a dozen services in two wijken, Poperinge with a few,
and the app's pages. The services go in as index documents the way services.directory.indexing
puts them (title = name; body = summary, category label, description), so these tests need no
demo data."""

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Hub, Person, Role, Wijk
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.search import app_pages, index

# ref, name, category, summary, description, wijk ("" = the whole hub)
LEUSDEN_SERVICES = (
    (
        "1",
        "Logeerhuis De Linde",
        "respijtzorg",
        "Uw naaste logeert een paar dagen bij ons.",
        "Logeeropvang.",
        "",
    ),
    ("2", "Oppascentrale Leusden", "respijtzorg", "Een vrijwilliger past een middag op.", "", "Centrum"),
    ("3", "Dagbestedingen Het Erf", "dagbesteding", "Een fijne dag op de boerderij.", "", ""),
    ("4", "Boodschappendienst Samen", "boodschappen", "Vrijwilligers doen uw boodschappen.", "", "Zuid"),
    ("5", "Tafeltje Leusden", "maaltijden", "Elke dag een warme maaltijd aan huis.", "", ""),
    ("6", "Regiotaxi Eemland", "vervoer", "Vervoer met de taxi, ook met een rolstoel.", "", ""),
    ("7", "Casemanager Dementie", "dementie", "Hulp als uw naaste dingen vergeet.", "", ""),
    ("8", "Thuiszorg Zuid", "huishoudelijke_hulp", "Huishoudelijke hulp: schoonmaken en wassen.", "", "Zuid"),
    ("9", "Formulierenhulp", "administratie", "Hulp bij brieven en formulieren.", "", "Centrum"),
    ("10", "Food Bank", "maaltijden", "Voedselpakket.", "Bread and food for families.", ""),
    ("11", "Lines of Care", "lotgenoten", "Praten met anderen.", "Care lines for everyone.", ""),
    ("12", "Mantelzorgcafé", "mantelzorgondersteuning", "Koffie en een goed gesprek.", "", ""),
)
POPERINGE_SERVICES = (
    ("101", "Dagcentrum Poperinge", "dagbesteding", "Dagbesteding voor ouderen.", "", ""),
    ("102", "Oppasdienst Westhoek", "respijtzorg", "Respijtzorg aan huis: oppas.", "", ""),
    ("103", "Poetsdienst Poperinge", "huishoudelijke_hulp", "Poetshulp in het huishouden.", "", ""),
)


@dataclass
class World:
    leusden: Hub
    poperinge: Hub
    wijken: dict[str, Wijk]
    coordinator: Actor
    caregiver: Actor
    other_coordinator: Actor


def _put(session: Session, hub: Hub, wijken: dict[str, Wijk], rows) -> None:
    for ref, name, category, summary, description, wijk in rows:
        label = BY_VALUE[category]
        document = index.Document(
            kind="service",
            ref=ref,
            title=name,
            summary=summary,
            icon=label.icon,
            category=category,
            wijk_ids=str(wijken[wijk].id) if wijk else "",
            body=(label.label, description),
        )
        index.put(session, hub.id, document)


@pytest.fixture
def world(session: Session) -> World:
    leusden = Hub(
        slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
    )
    poperinge = Hub(
        slug="poperinge", name="Poperinge", country="BE", timezone="Europe/Brussels", speech_locale="nl-BE"
    )
    session.add_all([leusden, poperinge])
    session.flush()
    wijken = {
        name: Wijk(hub_id=leusden.id, slug=name.lower(), name=name, kind="wijk")
        for name in ("Centrum", "Zuid")
    }
    session.add_all(wijken.values())
    people = [Person(first_name=name) for name in ("Gerrit", "Anna", "Jolien")]
    session.add_all(people)
    session.flush()
    _put(session, leusden, wijken, LEUSDEN_SERVICES)
    _put(session, poperinge, {}, POPERINGE_SERVICES)
    app_pages.index_pages(session)
    session.commit()
    return World(
        leusden,
        poperinge,
        wijken,
        Actor(people[0].id, "Gerrit", leusden.id, frozenset({Role.coordinator})),
        Actor(people[1].id, "Anna", leusden.id, frozenset({Role.caregiver})),
        Actor(people[2].id, "Jolien", poperinge.id, frozenset({Role.coordinator})),
    )
