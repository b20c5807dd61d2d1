"""The demo sociale kaart: enough services for both hubs, in every category, plainly fake, with ids
that stay the same, and every service in its own hub's index only."""

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine, select

from mantelzorg_app.models import (
    Hub,
    Membership,
    Organization,
    Person,
    Role,
    SearchDocument,
    SearchWord,
    Service,
    ServiceSchedule,
    Wijk,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.directory import entries, indexing
from mantelzorg_app.services.directory.taxonomy import CATEGORY_VALUES
from mantelzorg_app.services.help.support_lines import tel_href
from mantelzorg_app.services.platform import places
from mantelzorg_app.services.platform.hubs import hub_by_slug

SIX_MONTHS = timedelta(days=183)
# zeros after the area code but for the last two digits (033-000 00 xx, 033-000 01 xx, 057 00 00 xx)
FAKE_NUMBER = {"NL": re.compile(r"033000(00|01)\d\d"), "BE": re.compile(r"05700(00|01)\d\d")}
BYDAY = re.compile(r"(-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*")
TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
# what the issue asks the Leusden demo to hold: words somewhere in a service's name or description
KINDS = (
    "logeer",
    "oppas",
    "dagbesteding",
    "wijkverpleging",
    "huishoudelijke hulp",
    "regiotaxi",
    "vrijwilligersvervoer",
    "maaltijd",
    "boodschappendienst",
    "lotgenot",
    "formulier",
    "consulent mantelzorg",
    "praktijkondersteuner",
    "casemanager dementie",
    "ontmoetingscentrum",
    "jonge mantelzorgers",
    "werk en mantelzorg",
    "buurthulp",
    "mantelzorgcafé",
    "inloopuur",
)
POPERINGE_KINDS = (
    "sociaal huis",
    "dienstencentrum",
    "minder mobielen centrale",
    "thuisverpleging",
    "gezinszorg",
    "oppashulp",
    "kortverblijf",
    "dagverzorgingscentrum",
    "mantelzorgpremie",
    "ziekenfonds",
)


@pytest.fixture
def demo(session: Session) -> Session:
    load_demo(session)
    return session


def _hub(session: Session, slug: str) -> Hub:
    hub = hub_by_slug(session, slug)
    assert hub is not None and hub.id is not None
    return hub


def _services(session: Session, slug: str) -> list[Service]:
    return list(session.exec(select(Service).where(Service.hub_id == _hub(session, slug).id)))


def _text(session: Session, service: Service) -> str:
    organization = entries.organization_of(session, service)
    return f"{service.name} {service.description} {organization.name}".lower()


def test_about_forty_services_for_leusden_and_ten_or_more_for_poperinge(demo: Session) -> None:
    assert 38 <= len(_services(demo, "leusden")) <= 45
    assert len(_services(demo, "poperinge")) >= 10


def test_leusden_uses_every_category(demo: Session) -> None:
    used = {service.category for service in _services(demo, "leusden")}
    assert used == set(CATEGORY_VALUES), f"unused: {sorted(set(CATEGORY_VALUES) - used)}"
    assert {service.category for service in _services(demo, "poperinge")} <= set(CATEGORY_VALUES)


@pytest.mark.parametrize(("slug", "kinds"), [("leusden", KINDS), ("poperinge", POPERINGE_KINDS)])
def test_the_kinds_the_issue_names_are_there(demo: Session, slug: str, kinds: tuple[str, ...]) -> None:
    texts = [_text(demo, service) for service in _services(demo, slug)]
    missing = [kind for kind in kinds if not any(kind in text for text in texts)]
    assert not missing, f"{slug} has nothing for {missing}"


def test_informal_help_stands_beside_professional_organisations(demo: Session) -> None:
    for slug in ("leusden", "poperinge"):
        hub = _hub(demo, slug)
        organizations = demo.exec(select(Organization).where(Organization.hub_id == hub.id)).all()
        informal = [o for o in organizations if o.informal]
        professional = [o for o in organizations if not o.informal]
        assert len(informal) >= 3 and len(professional) >= 5, slug
        for organization in professional:  # plainly made up, with a contact for partners (Wie is wie)
            assert organization.name.endswith("(voorbeeld)"), organization.name
            assert organization.partner_contact.endswith(" Voorbeeld"), organization.name
            assert organization.partner_hours, organization.name
            digits = re.sub(r"\D", "", organization.partner_phone)
            assert FAKE_NUMBER[hub.country].fullmatch(digits), organization.partner_phone
            assert organization.email.endswith(f"@{slug}.example.org"), organization.email
        for organization in informal:
            assert not organization.partner_phone and not organization.email, organization.name


def test_every_service_is_plainly_worded(demo: Session) -> None:
    for service in demo.exec(select(Service)):
        assert 0 < len(service.summary) <= 100, service.name
        for words in (
            service.description,
            service.application_process,
            service.fees_description,
            service.eligibility_description,
        ):
            assert words.strip(), service.name
        assert service.status == "active"
        assert re.fullmatch(r"[a-z]{2}( [a-z]{2})*", service.languages), service.languages
        assert service.languages.split()[0] == "nl"


def test_every_service_has_a_fake_phone_that_dials(demo: Session) -> None:
    for slug in ("leusden", "poperinge"):
        hub = _hub(demo, slug)
        services = _services(demo, slug)
        for service in services:
            assert tel_href(service.phone), service.phone
            assert FAKE_NUMBER[hub.country].fullmatch(re.sub(r"\D", "", service.phone)), service.phone
        assert len({service.phone for service in services}) == len(services)


def test_every_address_is_in_a_wijk_of_its_own_hub(demo: Session) -> None:
    province = {"leusden": ("Utrecht", "NL"), "poperinge": ("West-Vlaanderen", "BE")}
    for slug in ("leusden", "poperinge"):
        hub = _hub(demo, slug)
        hub_wijken = {wijk.id: wijk for wijk in demo.exec(select(Wijk).where(Wijk.hub_id == hub.id))}
        for service in _services(demo, slug):
            assert (service.state_province, service.country) == province[slug], service.name
            assert service.location_name and service.city, service.name
            assert re.fullmatch(r".+ 9\d\d", service.address_1), f"{service.address_1}: made-up number"
            assert places.normalise(service.postal_code) == service.postal_code, service.postal_code
            wijk = hub_wijken.get(service.wijk_id)
            assert wijk is not None, f"{service.name}: no wijk of {slug}"
            areas = {places.area(postcode) for postcode in wijk.postcodes.split()}
            assert places.area(service.postal_code) in areas, (service.name, service.postal_code, wijk.name)
            served = {int(wijk_id) for wijk_id in service.area_wijk_ids.split()}
            assert served <= set(hub_wijken), service.name
    assert any(service.area_wijk_ids for service in _services(demo, "leusden"))


def test_opening_hours_are_weekly_or_monthly(demo: Session) -> None:
    services = demo.exec(select(Service)).all()
    without = [s.name for s in services if not entries.schedules_of(demo, s.id)]
    assert without == ["Mantelzorgwaardering"], "a schedule where it makes sense"
    for schedule in demo.exec(select(ServiceSchedule)):
        assert BYDAY.fullmatch(schedule.byday), schedule.byday
        monthly = any(char.isdigit() for char in schedule.byday)
        assert schedule.freq == ("MONTHLY" if monthly else "WEEKLY"), schedule.byday
        assert TIME.fullmatch(schedule.opens_at) and TIME.fullmatch(schedule.closes_at)
        assert schedule.opens_at < schedule.closes_at


def test_the_mantelzorgcafe_is_monthly_and_the_walk_in_hour_every_14_days(demo: Session) -> None:
    by_name = {service.name: service for service in _services(demo, "leusden")}
    (cafe,) = entries.schedules_of(demo, by_name["Mantelzorgcafé Leusden"].id)
    assert (cafe.freq, cafe.byday, cafe.opens_at, cafe.closes_at) == ("MONTHLY", "1TU", "19:30", "21:30")
    assert entries.organization_of(demo, by_name["Mantelzorgcafé Leusden"]).informal
    (walk_in,) = entries.schedules_of(demo, by_name["Inloopuur mantelzorg"].id)
    assert (walk_in.freq, walk_in.byday) == ("MONTHLY", "1TH,3TH")
    assert "14 dagen" in walk_in.description


def test_a_few_entries_wait_for_a_check(demo: Session) -> None:
    today = utcnow().date()
    for slug, expected in (("leusden", 2), ("poperinge", 1)):
        services = _services(demo, slug)
        stale = [service for service in services if service.checked_on < today - SIX_MONTHS]
        assert len(stale) == expected, [service.name for service in stale]
        assert all(service.checked_on <= today for service in services)
        assert all(service.check_asked_on is None for service in services)


def test_each_hub_has_a_professional_who_keeps_an_organisation(demo: Session) -> None:
    for slug, first_name, organization_name in (
        ("leusden", "Fatima", "Steunpunt Mantelzorg Leusden (voorbeeld)"),
        ("poperinge", "Koen", "Sociaal Huis Poperinge (voorbeeld)"),
    ):
        hub = _hub(demo, slug)
        membership = demo.exec(
            select(Membership)
            .join(Person, Person.id == Membership.person_id)
            .where(Person.first_name == first_name, Membership.hub_id == hub.id)
        ).one()
        assert membership.role == Role.professional
        organization = demo.get(Organization, membership.organization_id)
        assert organization is not None
        assert (organization.hub_id, organization.name) == (hub.id, organization_name)
        assert organization.partner_contact == f"{first_name} Voorbeeld"
        assert demo.exec(select(Service).where(Service.organization_id == organization.id)).first()


def test_every_service_is_indexed_in_its_own_hub_only(demo: Session) -> None:
    for slug in ("leusden", "poperinge"):
        hub = _hub(demo, slug)
        services = {str(service.id): service for service in _services(demo, slug)}
        documents = demo.exec(
            select(SearchDocument).where(
                SearchDocument.hub_id == hub.id, SearchDocument.kind == indexing.KIND
            )
        ).all()
        assert {document.ref for document in documents} == set(services)
        for document in documents:
            service = services[document.ref]
            assert (document.title, document.category) == (service.name, service.category)
            assert document.terms_title and document.terms_body


def test_nothing_of_poperinge_in_leusden_s_index(demo: Session) -> None:
    leusden = _hub(demo, "leusden")
    poperinge_names = {service.name for service in _services(demo, "poperinge")}
    titles = set(demo.exec(select(SearchDocument.title).where(SearchDocument.hub_id == leusden.id)))
    assert not titles & poperinge_names
    words = set(demo.exec(select(SearchWord.word).where(SearchWord.hub_id == leusden.id)))
    assert {"respijtzorg", "boodschappendienst", "mantelzorgcafé"} & {w.lower() for w in words}
    for flemish in ("watou", "poperinge", "ziekenfonds", "gezinszorg", "kortverblijf"):
        assert flemish not in {word.lower() for word in words}, flemish


def _uids(session: Session) -> dict[str, set[str]]:
    services = session.exec(select(Service)).all()
    return {
        "organization": set(session.exec(select(Organization.uid))),
        "service": {s.uid for s in services},
        "phone": {s.phone_uid for s in services},
        "location": {s.location_uid for s in services},
        "address": {s.address_uid for s in services},
        "service_at_location": {s.service_at_location_uid for s in services},
        "schedule": set(session.exec(select(ServiceSchedule.uid))),
    }


def _other_engine() -> Engine:
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA foreign_keys=ON"))
    SQLModel.metadata.create_all(engine)
    return engine


def test_ids_are_the_same_in_two_databases(demo: Session) -> None:
    first = _uids(demo)
    other = _other_engine()
    try:
        with Session(other) as session:
            load_demo(session)
            assert _uids(session) == first
    finally:
        other.dispose()
    every = [uid for uids in first.values() for uid in uids]
    assert len(every) == len(set(every)), "an id used twice"
    assert all(uuid.UUID(uid).version == 5 for uid in every)
    assert len(first["service"]) == len(demo.exec(select(Service)).all())
