"""The coordinator's page on a phone: the call-back list, every open request, vetting a volunteer,
inviting a professional; others are kept out."""

import re
import time
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import CallbackTask, HelpRequest, Hub, LoginCode, Membership, Person, Role
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import app_db_url, check_page, open_page
from tests.e2e.test_sign_in import ask_code, mail_body, type_code
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

YES_LINK = re.compile(r"https?://\S+/auth/ja\?t=\S+")


def sign_in(page: Page, smtp: SmtpServer, address: str, first_name: str) -> None:
    """Signs in with a code from the mail. The suite signs Gerrit in more often than the 5 codes an
    hour a real address may ask, so the address's earlier codes are moved back two hours first."""
    db = engine(app_db_url())
    with Session(db) as session:
        for code in session.exec(select(LoginCode).where(LoginCode.email == address)).all():
            code.created_at -= timedelta(hours=2)
            session.add(code)
        session.commit()
    db.dispose()
    type_code(page, ask_code(page, smtp, address))
    expect(page.get_by_role("heading", level=1, name=f"Welkom, {first_name}")).to_be_visible()


def test_coordinator_vets_a_volunteer_and_invites_a_professional(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    page.get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("heading", level=1, name="Beheer")).to_be_visible()
    volunteers = page.get_by_role("listitem").filter(has_text="Daan").filter(has_text="VOG")
    expect(volunteers).to_contain_text("Nog geen VOG gezien")
    check_page(page, "coordination")

    volunteers.get_by_role("button", name="VOG gezien (vandaag)").click()
    expect(page.locator(".done")).to_have_text("Opgeslagen.")
    expect(page.get_by_role("listitem").filter(has_text="Daan").filter(has_text="VOG")).to_contain_text(
        "VOG gezien: vandaag"
    )

    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("E-mailadres bij de gemeente of organisatie").fill("sanne bij gemeente")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_text("Dit lijkt geen e-mailadres.")).to_be_visible()
    expect(page.get_by_label("Voornaam")).to_have_value("Sanne")
    page.get_by_label("E-mailadres bij de gemeente of organisatie").fill("sanne.voorbeeld@example.org")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator(".done")).to_contain_text("Uitgenodigd. We hebben een mail gestuurd.")
    expect(page.get_by_role("listitem").filter(has_text="Sanne")).to_have_count(0)  # not before her yes
    check_page(page, "coordination-after")

    page.goto(YES_LINK.search(mail_body(smtp, "sanne.voorbeeld@example.org")).group(0))
    expect(
        page.get_by_role("heading", level=1, name="Wilt u medewerker zijn bij Mantelzorghub")
    ).to_be_visible()
    check_page(page, "invitation-yes")
    page.get_by_role("button", name="Ja, dat wil ik").click()
    open_page(page, "/leusden/beheer")
    expect(page.get_by_role("listitem").filter(has_text="Sanne")).to_be_visible()

    # Gerrit links Sanne to her organisation; then she keeps its entries on Mijn organisatie.
    sanne = page.get_by_label("Organisatie van Sanne")
    expect(sanne).to_have_value("")  # "Geen organisatie"
    sanne.select_option(label=STEUNPUNT)
    page.get_by_role("listitem").filter(has=sanne).get_by_role("button", name="Organisatie opslaan").click()
    expect(page.locator(".done")).to_have_text("Opgeslagen.")
    expect(page.get_by_label("Organisatie van Sanne")).not_to_have_value("")
    check_page(page, "coordination-linked")

    page.context.clear_cookies()
    sign_in(page, smtp, "sanne.voorbeeld@example.org", "Sanne")
    page.get_by_role("link", name="Mijn organisatie").click()
    expect(page.get_by_role("heading", level=1, name="Mijn organisatie")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=STEUNPUNT)).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Consulent mantelzorg")).to_be_visible()


STEUNPUNT = "Steunpunt Mantelzorg Leusden (voorbeeld)"


def test_a_caregiver_does_not_get_the_coordinators_page(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, "anna.voorbeeld@leusden.example.org", "Anna")
    expect(page.get_by_role("link", name="Beheer")).to_have_count(0)
    open_page(page, "/leusden/beheer")
    expect(page.get_by_text("Deze pagina is alleen voor de coördinator van deze gemeente.")).to_be_visible()
    expect(page.get_by_text("Carla")).to_have_count(0)


def test_staff_signed_in_by_mail_get_twelve_hours(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "mz_sessie"]
    hours_left = (cookie["expires"] - time.time()) / 3600
    assert 11.9 < hours_left <= 12, hours_left
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"


FRESH_REQUEST = "Wie loopt op vrijdag even mee naar de markt?"


def _visitors_asked(app: RunningApp) -> None:
    """Two visitors asked 'Bel mij terug' a few minutes ago (one gave her name), and Anna asked for
    help this morning: as the Wegwijzer and the request form leave them."""
    db = engine(app.db_url)
    now = datetime.now(UTC)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        anna = session.exec(
            select(Membership)
            .join(Person, Person.id == Membership.person_id)
            .where(
                Membership.hub_id == hub.id, Membership.role == Role.caregiver, Person.first_name == "Anna"
            )
        ).one()
        session.add_all(
            [
                CallbackTask(
                    hub_id=hub.id,
                    phone="06 11112222",
                    good_time="middag",
                    band="heavy",
                    name="Marja",
                    cares_for="ouder",
                    wishes="boodschappen vervoer",
                    created_at=now - timedelta(minutes=5),
                ),
                CallbackTask(
                    hub_id=hub.id,
                    phone="06 33334444",
                    good_time="ochtend",
                    band="moderate",
                    created_at=now - timedelta(minutes=3),
                ),
                HelpRequest(
                    hub_id=hub.id,
                    caregiver_id=anna.person_id,
                    wijk_id=anna.wijk_id,
                    category="gezelschap",
                    text=FRESH_REQUEST,
                    created_at=now - timedelta(minutes=20),
                ),
            ]
        )
        session.commit()
    db.dispose()


def test_coordinator_works_through_the_call_back_list(page: Page, smtp: SmtpServer, app: RunningApp):
    _visitors_asked(app)
    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    page.get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("heading", level=1, name="Beheer")).to_be_visible()
    marja = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Marja"))
    for words in (
        "In de middag",
        "Het zorgen is zwaar",
        "Zorgt voor: vader of moeder",
        "Zou fijn vinden: boodschappen en vervoer",
        "Gevraagd vandaag om",
    ):
        expect(marja).to_contain_text(words)
    expect(marja.get_by_role("link", name="06 11112222")).to_have_attribute("href", "tel:0611112222")
    unnamed = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="06 33334444"))
    expect(unnamed).to_contain_text("Het zorgen kost veel")
    fresh = page.get_by_role("listitem").filter(
        has_text=FRESH_REQUEST
    )  # every open request, not only old ones
    expect(fresh).to_contain_text("Gevraagd vandaag om")
    expect(fresh).not_to_contain_text("Wacht al")
    expect(
        page.get_by_role("listitem").filter(has_text="Wie kan ons naar het ziekenhuis brengen?")
    ).to_contain_text("Wacht al 4 dagen op een vrijwilliger.")
    check_page(page, "coordination-callbacks-list")

    marja.get_by_role("button", name="Niet bereikt, later nog eens").click()
    expect(marja).to_contain_text("Genoteerd: niet bereikt. Dit nummer komt lager op de lijst.")
    expect(marja).to_contain_text("1 keer niet bereikt, vandaag om")
    check_page(page, "coordination-not-reached")
    expect(page.locator(".call h3").last).to_have_text("Marja", timeout=15_000)  # a few seconds later
    expect(marja).not_to_contain_text("Genoteerd")

    marja.get_by_role("button", name="Gebeld").click()
    undo = marja.get_by_role("button", name="Ongedaan maken")
    expect(undo).to_be_focused()
    expect(marja).to_contain_text("Gebeld.")
    check_page(page, "coordination-called")
    undo.click()
    expect(marja).to_contain_text("Het nummer staat weer op de lijst.")
    expect(marja.get_by_role("button", name="Gebeld")).to_be_focused()
    marja.get_by_role("button", name="Gebeld").click()
    expect(marja).to_have_count(0, timeout=15_000)
    expect(page.get_by_role("heading", name="Terugbellen")).to_be_focused()

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Manage")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Calls to return")).to_be_visible()
    expect(unnamed).to_contain_text("Caring takes a lot")
    expect(unnamed).to_contain_text("today at")
    check_page(page, "coordination-en")
    unnamed.get_by_role("button", name="Gebeld").or_(unnamed.get_by_role("button", name="Called")).click()
    expect(unnamed).to_have_count(0, timeout=15_000)  # the list is empty again for the other tests
