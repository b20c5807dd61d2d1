"""Sociale kaart beheren on a phone: the coordinator sees an entry not checked for 6 months and a
partner's change, approves it (the public card shows the new words), refuses another with a
reason; axe clean in Dutch and English."""

import uuid
from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, Membership, Organization, Person, Role, Service
from mantelzorg_app.routes import DIRECTORY_CHECK
from mantelzorg_app.services.directory import edits
from mantelzorg_app.services.identity import handoffs
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import app_db_url, app_instance, check_page, open_page
from tests.e2e.test_coordination import sign_in
from tests.support.smtp import SmtpServer

LONG_AGO = date(2025, 1, 6)
NEW_SUMMARY = "Wij rijden u naar de dokter, ook op zaterdag."


def _service(session: Session, hub: Hub, organization: Organization, name: str) -> Service:
    service = Service(
        hub_id=hub.id,
        organization_id=organization.id,
        uid=str(uuid.uuid4()),
        category="vervoer",
        name=name,
        summary="Wij rijden u naar de dokter.",
        description="Een vrijwilliger rijdt u met de auto.",
        phone="033 000 00 00",
        checked_on=LONG_AGO,
    )
    session.add(service)
    session.flush()
    return service


def _ruud(session: Session, hub: Hub, organization: Organization) -> Person:
    ruud = Person(first_name="Ruud", email=f"ruud.{uuid.uuid4().hex[:6]}@partner.example.org")
    session.add(ruud)
    session.flush()
    session.add(
        Membership(person_id=ruud.id, hub_id=hub.id, role=Role.professional, organization_id=organization.id)
    )
    return ruud


def _partner_and_changes() -> tuple[int, int]:
    """In the app's database: a partner organisation with a professional (Ruud) and two services
    last checked long ago, each with a change he proposed; and an organisation nobody keeps."""
    db = engine(app_db_url())
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        organization = Organization(hub_id=hub.id, uid=str(uuid.uuid4()), name="Rijdende Buren Test")
        alone = Organization(hub_id=hub.id, uid=str(uuid.uuid4()), name="Inloop Zonder Mensen")
        session.add_all([organization, alone])
        session.flush()
        ruud = _ruud(session, hub, organization)
        rides = _service(session, hub, organization, "Buurtauto Test")
        shops = _service(session, hub, organization, "Boodschappenbus Test")
        _service(session, hub, alone, "Inloopuur Test")
        # the hourly run mailed Ruud today: today on the hub's clock, as the run records it
        rides.check_asked_on = dates.local(datetime.now(UTC), hub.timezone).date()
        session.commit()
        actor = Actor(ruud.id, ruud.first_name, hub.id, frozenset({Role.professional}))
        for service, summary in ((rides, NEW_SUMMARY), (shops, "Wij doen uw boodschappen.")):
            fields = {**edits.entry_of(session, service), "summary": summary}
            edits.propose(session, actor, organization.id, service.id, fields)
        session.commit()
        ids = rides.id, shops.id
    db.dispose()
    return ids


def test_the_coordinator_approves_a_change_and_sees_what_is_not_checked(page: Page, smtp: SmtpServer):
    rides, _ = _partner_and_changes()
    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    page.get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Sociale kaart beheren").click()
    expect(page.get_by_role("heading", level=1, name="Sociale kaart beheren")).to_be_visible()

    stale = page.get_by_role("listitem").filter(has_text="Niet gecontroleerd sinds")
    expect(stale.filter(has_text="Buurtauto Test")).to_contain_text(
        "Mail 'Klopt dit nog?' gestuurd: vandaag."
    )
    expect(stale.filter(has_text="Boodschappenbus Test")).to_contain_text("gaat binnen een uur weg")
    expect(stale.filter(has_text="Inloopuur Test")).to_contain_text("Niemand van deze organisatie")
    change = (
        page.get_by_role("listitem").filter(has_text="Buurtauto Test").filter(has_text="Wat verandert er?")
    )
    expect(change).to_contain_text("Was: Wij rijden u naar de dokter.")
    expect(change).to_contain_text(f"Wordt: {NEW_SUMMARY}")
    check_page(page, "directory-manage")

    change.get_by_role("button", name="Goedkeuren").click()
    expect(page.locator(".done")).to_have_text("Goedgekeurd. De dienst staat zo op de sociale kaart.")
    expect(page.get_by_role("listitem").filter(has_text="Buurtauto Test")).to_have_count(0)  # checked today

    other = (
        page.get_by_role("listitem").filter(has_text="Boodschappenbus Test").filter(has_text="Wat verandert")
    )
    other.get_by_role("button", name="Afwijzen").click()
    page.get_by_role("button", name="Afwijzing versturen").click()
    expect(page.get_by_text("Schrijf waarom. Dan kan de partner het verbeteren.")).to_be_visible()
    check_page(page, "directory-manage-refusing")
    page.get_by_label("Waarom niet? De partner leest uw reden in een mail.").fill("Zet er ook de dagen bij.")
    page.get_by_role("button", name="Afwijzing versturen").click()
    expect(page.locator(".done")).to_have_text("Afgewezen. De partner krijgt een mail met uw reden.")
    expect(page.get_by_text("Er wacht niets. Alle wijzigingen zijn bekeken.")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="Read aloud")).to_be_visible()
    check_page(page, "directory-manage-en")
    page.get_by_role("button", name="Nederlands").click()

    open_page(page, f"/leusden/sociale-kaart/{rides}")
    expect(page.get_by_text(NEW_SUMMARY)).to_be_visible()


def test_a_professional_does_not_get_the_coordinators_sociale_kaart_page(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, "fatima.voorbeeld@leusden.example.org", "Fatima")
    open_page(page, "/leusden/beheer/sociale-kaart")
    expect(page.get_by_text("Deze pagina is alleen voor de coördinator van deze gemeente.")).to_be_visible()
    expect(page.get_by_text("Wijzigingen die wachten")).to_have_count(0)


def test_ja_alles_klopt_from_the_mail_renews_the_date(page: Page, monkeypatch: pytest.MonkeyPatch):
    """The link of "Klopt dit nog?" as the hourly run mails it (tests/unit/directory/test_checks.py):
    its page changes nothing; the button renews the date. The ticket is made here with the server's
    own key (in its instance folder), as the run would."""
    page.goto(f"{DIRECTORY_CHECK}?t=made-up")  # the server makes its key at its first digest
    expect(page.get_by_text("Deze link kennen wij niet.")).to_be_visible()
    monkeypatch.setattr(settings, "secret_key", (app_instance() / "secret.key").read_bytes)
    db = engine(app_db_url())
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        organization = Organization(hub_id=hub.id, uid=str(uuid.uuid4()), name="Klopt Het Test")
        session.add(organization)
        session.flush()
        ruud = _ruud(session, hub, organization)
        service = _service(session, hub, organization, "Praatgroep Test")
        token = handoffs.issue(session, handoffs.CHECK, hub.id, ruud.email, datetime.now(UTC), service.id)
        session.commit()
        service_id = service.id

    page.goto(f"{DIRECTORY_CHECK}?t={token}")
    expect(page.get_by_role("heading", level=1, name="Klopt dit nog?")).to_be_visible()
    expect(page.get_by_text("Praatgroep Test")).to_be_visible()
    expect(page.get_by_role("link", name="Er klopt iets niet")).to_have_attribute(
        "href", "/leusden/mijn-organisatie"
    )
    check_page(page, "directory-check")
    with Session(db) as session:
        assert session.get(Service, service_id).checked_on == LONG_AGO, "the page changed nothing"

    page.get_by_role("button", name="Ja, alles klopt").click()
    expect(page.get_by_role("heading", level=1, name="Dank u wel")).to_be_visible()
    check_page(page, "directory-check-done")
    with Session(db) as session:
        assert session.get(Service, service_id).checked_on > LONG_AGO
    page.goto(f"{DIRECTORY_CHECK}?t={token}")
    expect(page.get_by_text("Deze link is al gebruikt.")).to_be_visible()
    db.dispose()
