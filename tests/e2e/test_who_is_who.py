"""Wie is wie on a phone: a visitor is asked to sign in first and comes back; Fatima (a
professional) sees who to call at each organisation, taps a direct number, filters by category,
opens a service's card; in Dutch and English."""

import re
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import LoginCode
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import app_db_url, check_page, open_page
from tests.e2e.test_sign_in import CODE, mail_body, type_code
from tests.support.smtp import SmtpServer

FATIMA = "fatima.voorbeeld@leusden.example.org"


def _earlier_codes_back(address: str) -> None:
    """Other tests sign Fatima in too: her earlier codes move back, out of the hour's limit."""
    db = engine(app_db_url())
    with Session(db) as session:
        for code in session.exec(select(LoginCode).where(LoginCode.email == address)).all():
            code.created_at -= timedelta(hours=2)
            session.add(code)
        session.commit()
    db.dispose()


def test_a_visitor_signs_in_first_and_a_professional_sees_who_to_call(page: Page, smtp: SmtpServer):
    open_page(page, "/leusden/wie-is-wie")
    expect(page.get_by_role("heading", level=1, name="Wie is wie")).to_be_visible()
    expect(page.get_by_text("Log eerst in. Dan kunt u verder.")).to_be_visible()
    expect(page.get_by_text("Voorbeeld")).to_have_count(0)  # no contact person, no number
    check_page(page, "who-is-who-visitor")

    _earlier_codes_back(FATIMA)
    page.get_by_role("main").get_by_role("link", name="Inloggen").click()
    page.get_by_label("Uw e-mailadres").fill(FATIMA)
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_label("De code (6 cijfers)")).to_be_visible()
    type_code(page, "".join(CODE.search(mail_body(smtp, FATIMA)).groups()))

    # Back on Wie is wie: per organisation the contact for partners, a number to tap, when they are there.
    expect(page.get_by_role("heading", level=1, name="Wie is wie")).to_be_visible()
    welzijn = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", level=2, name="Welzijn Leusden (voorbeeld)")
    )
    expect(welzijn).to_contain_text("Sanne Voorbeeld")
    expect(welzijn).to_contain_text("maandag tot en met vrijdag, 's ochtends")
    expect(welzijn.get_by_role("link", name="033-000 01 02")).to_have_attribute("href", "tel:0330000102")
    expect(welzijn.get_by_role("link", name="Boodschappendienst")).to_have_attribute(
        "href", re.compile(r"^/leusden/sociale-kaart/[0-9]+$")
    )
    check_page(page, "who-is-who")

    # One category: only the organisations with a service in it.
    schakel = page.get_by_role("heading", level=2, name="Thuiszorg De Schakel (voorbeeld)")
    expect(schakel).to_be_visible()
    page.get_by_text("Kies een soort hulp").click()
    page.get_by_role("button", name="Vervoer", exact=True).click()
    expect(page.get_by_role("button", name="Vervoer", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(schakel).to_have_count(0)
    expect(welzijn).to_be_visible()
    check_page(page, "who-is-who-vervoer")
    page.get_by_role("button", name="Alles tonen").click()
    expect(schakel).to_be_visible()

    # Home shows the way here to staff; a service's link opens its card.
    open_page(page, "/leusden")
    page.get_by_role("link", name="Wie is wie").click()
    expect(page.get_by_role("heading", level=1, name="Wie is wie")).to_be_visible()
    welzijn.get_by_role("link", name="Boodschappendienst").click()
    expect(page.get_by_role("heading", level=1, name="Boodschappendienst")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", level=1, name="Wie is wie")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Who is who")).to_be_visible()
    expect(welzijn).to_contain_text("Direct number:")
    check_page(page, "who-is-who-en")
    page.get_by_role("button", name="Nederlands").click()
