"""Mijn organisatie on a phone: Fatima (Steunpunt Mantelzorg) changes a service's phone; a wrong
number is said in words with what she typed kept (also after a reload); the fixed one waits for the
coordinator and the public card stays as it was. axe on the form in Dutch and English."""

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Service
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import app_db_url, check_page, open_page
from tests.e2e.test_coordination import sign_in
from tests.support.smtp import SmtpServer

FATIMA = "fatima.voorbeeld@leusden.example.org"
SERVICE = "Consulent mantelzorg"
WRONG = "Dit telefoonnummer klopt niet. Typ alleen cijfers, spaties of een streepje."


def _service() -> Service:
    db = engine(app_db_url())
    with Session(db) as session:
        found = session.exec(
            select(Service)
            .join(Hub, Hub.id == Service.hub_id)
            .where(Hub.slug == "leusden", Service.name == SERVICE)
        ).one()
    db.dispose()
    return found


def test_a_partner_changes_a_phone_and_it_waits_for_the_coordinator(page: Page, smtp: SmtpServer):
    service = _service()
    sign_in(page, smtp, FATIMA, "Fatima")
    open_page(page, "/leusden/mijn-organisatie")
    expect(page.get_by_role("heading", level=1, name="Mijn organisatie")).to_be_visible()
    expect(
        page.get_by_role("heading", level=2, name="Steunpunt Mantelzorg Leusden (voorbeeld)")
    ).to_be_visible()
    check_page(page, "partner-list")

    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", level=3, name=SERVICE))
    card.get_by_role("button", name="Wijzigen").click()
    expect(page.get_by_role("heading", level=2, name=f"{SERVICE} wijzigen")).to_be_visible()
    phone = page.get_by_label("Telefoonnummer")
    expect(phone).to_have_value(service.phone)
    phone.fill("033-000 O1 50")  # a letter O for a zero
    page.get_by_role("button", name="Versturen naar de coördinator").click()
    summary = page.locator(".summary")
    expect(summary.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(summary.get_by_role("link", name=WRONG)).to_be_visible()
    expect(page.locator("#phone-probleem")).to_have_text(WRONG)
    expect(phone).to_have_value("033-000 O1 50")
    expect(phone).to_have_attribute("aria-invalid", "true")
    check_page(page, "partner-form-problem")

    page.reload()  # the server kept the form and what she typed
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(page.get_by_label("Telefoonnummer")).to_have_value("033-000 O1 50")
    page.get_by_role("button", name="Versturen naar de coördinator").click()  # the problem again
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator("#phone")).to_have_value("033-000 O1 50")
    check_page(page, "partner-form-en")
    page.get_by_role("button", name="Nederlands").click()
    check_page(page, "partner-form")

    page.get_by_label("Telefoonnummer").fill("033-000 0150")
    page.get_by_role("button", name="Versturen naar de coördinator").click()
    expect(page.get_by_role("heading", level=2, name="Verstuurd. Dank u wel!")).to_be_visible()
    expect(
        page.get_by_text("De coördinator kijkt ernaar. Pas daarna staat het op de sociale kaart.")
    ).to_be_visible()
    check_page(page, "partner-sent")
    page.get_by_role("button", name="Terug naar mijn organisatie").click()
    waiting = page.get_by_role("region", name="Wacht op de coördinator")
    expect(waiting.get_by_role("heading", level=3, name=SERVICE)).to_be_visible()
    expect(card.first).to_contain_text("Er wacht een wijziging op de coördinator.")

    open_page(page, f"/leusden/sociale-kaart/{service.id}")  # not on the public card yet
    expect(page.get_by_role("heading", level=1, name=SERVICE)).to_be_visible()
    expect(page.get_by_text(service.phone).first).to_be_visible()
    expect(page.get_by_text("033-000 0150")).to_have_count(0)


def test_a_caregiver_does_not_get_mijn_organisatie(page: Page, smtp: SmtpServer):
    open_page(page, "/leusden/mijn-organisatie")
    expect(page.get_by_text("Log eerst in. Dan kunt u verder.")).to_be_visible()
    sign_in(page, smtp, "anna.voorbeeld@leusden.example.org", "Anna")
    open_page(page, "/leusden/mijn-organisatie")
    expect(
        page.get_by_text("Deze pagina is voor medewerkers van organisaties op de sociale kaart.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Wijzigen")).to_have_count(0)
