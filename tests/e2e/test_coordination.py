"""The coordinator's page on a phone: vetting a volunteer, inviting a professional; others are kept out."""

import re
import time

from playwright.sync_api import Page, expect

from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_sign_in import ask_code, mail_body, type_code
from tests.support.smtp import SmtpServer

YES_LINK = re.compile(r"https?://\S+/auth/ja\?t=\S+")


def sign_in(page: Page, smtp: SmtpServer, address: str, first_name: str) -> None:
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
    expect(page.get_by_role("status")).to_have_text("Opgeslagen.")
    expect(page.get_by_role("listitem").filter(has_text="Daan").filter(has_text="VOG")).to_contain_text(
        "VOG gezien op"
    )

    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("E-mailadres bij de gemeente of organisatie").fill("sanne bij gemeente")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_text("Dit lijkt geen e-mailadres.")).to_be_visible()
    expect(page.get_by_label("Voornaam")).to_have_value("Sanne")
    page.get_by_label("E-mailadres bij de gemeente of organisatie").fill("sanne.voorbeeld@example.org")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_role("status")).to_contain_text("Uitgenodigd. We hebben een mail gestuurd.")
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
