"""Signing in without a password on a phone: codes from a real SMTP server, links, and what goes wrong."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import LoginCode
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

CODE = re.compile(r"\b(\d{3}) (\d{3})\b")
LINK = re.compile(r"https?://\S+/auth/link\?t=\S+")


def mail_body(smtp: SmtpServer, address: str) -> str:
    return smtp.last_to(address).get_body(("plain",)).get_content()


def ask_code(page: Page, smtp: SmtpServer, address: str) -> str:
    open_page(page, "/leusden/inloggen")
    page.get_by_label("Uw e-mailadres").fill(address)
    sent = len(smtp.messages)
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_label("De code (6 cijfers)")).to_be_visible()
    assert len(smtp.messages) == sent + 1
    return "".join(CODE.search(mail_body(smtp, address)).groups())


def type_code(page: Page, code: str, label: str = "De code (6 cijfers)", button: str = "Inloggen") -> None:
    page.get_by_label(label).fill(code)
    page.get_by_role("button", name=button, exact=True).click()


def test_new_caregiver_signs_up_with_the_code_from_the_mail(page: Page, smtp: SmtpServer):
    address = "noor.voorbeeld@example.org"
    open_page(page, "/leusden")
    page.get_by_role("link", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Inloggen")).to_be_visible()
    check_page(page, "sign-in-email")
    code = ask_code(page, smtp, address)
    assert smtp.last_to(address)["Subject"] == "Uw code om in te loggen"
    expect(page.get_by_text(f"Wij stuurden een code naar {address}.")).to_be_visible()
    check_page(page, "sign-in-code")
    type_code(page, code)

    expect(page.get_by_role("heading", level=1, name="Welkom!")).to_be_visible()
    page.get_by_label("Uw voornaam").fill("Noor")
    page.get_by_role("button", name="Aanmelden").click()  # wijk, role and consent still missing
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_contain_text("Kies uw wijk of dorp.")
    expect(summary).to_contain_text("Zonder uw toestemming kunnen wij u niet aanmelden.")
    expect(page.get_by_label("Uw voornaam")).to_have_value("Noor")
    check_page(page, "sign-up-problems")

    page.get_by_role("radio", name="Achterveld").check()
    page.get_by_role("radio", name="Ik zorg voor iemand").check()
    page.get_by_role("checkbox", name=re.compile("Ik geef toestemming")).check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1, name="Welkom, Noor")).to_be_visible()
    check_page(page, "home-signed-in")


def test_known_person_signs_in_and_out(page: Page, smtp: SmtpServer):
    code = ask_code(page, smtp, "anna.voorbeeld@leusden.example.org")
    type_code(page, code)
    expect(page.get_by_role("heading", level=1, name="Welkom, Anna")).to_be_visible()
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_text("U bent ingelogd als Anna.")).to_be_visible()
    check_page(page, "account")
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Welkom")).to_be_visible()
    page.reload()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def test_the_link_in_the_mail_signs_in_once(page: Page, smtp: SmtpServer):
    address = "bram.voorbeeld@leusden.example.org"
    ask_code(page, smtp, address)
    link = LINK.search(mail_body(smtp, address)).group(0)
    page.goto(link)  # asks first: opening someone else's link must not sign you in
    expect(page.get_by_role("heading", level=1, name=f"Inloggen als {address}?")).to_be_visible()
    check_page(page, "link-confirm")
    page.get_by_role("button", name="Ja, log in").click()
    expect(page.get_by_role("heading", level=1, name="Welkom, Bram")).to_be_visible()
    page.context.clear_cookies()
    page.goto(link)  # a used link keeps her hub: its own sign-in page, to ask a new code there
    expect(page.get_by_text("Deze link is al gebruikt. Vraag hier een nieuwe code.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Inloggen")).to_be_visible()
    assert page.url.split("?")[0].endswith("/leusden/inloggen")
    check_page(page, "link-used")
    expect(page.get_by_label("Uw e-mailadres")).to_be_visible()


def test_a_tampered_link_gets_a_plain_message(page: Page, smtp: SmtpServer):
    address = "carla.voorbeeld@leusden.example.org"
    ask_code(page, smtp, address)
    link = LINK.search(mail_body(smtp, address)).group(0)
    page.goto(link[:-4] + "AAAA")
    expect(page.get_by_text("Deze link werkt niet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Kies uw gemeente")).to_be_visible()


def test_a_wrong_code_says_so_and_keeps_what_was_typed(page: Page, smtp: SmtpServer):
    code = ask_code(page, smtp, "daan.voorbeeld@leusden.example.org")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    type_code(page, wrong)
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary.get_by_role("link", name="Deze code klopt niet. Probeer het nog eens.")).to_be_visible()
    expect(page.get_by_label("De code (6 cijfers)")).to_have_value(wrong)
    check_page(page, "sign-in-wrong-code")
    type_code(page, code)
    expect(page.get_by_role("heading", level=1, name="Welkom, Daan")).to_be_visible()


def test_a_used_code_does_not_work_again(page: Page, smtp: SmtpServer, browser: Browser, app_url: str):
    address = "eva.voorbeeld@leusden.example.org"
    code = ask_code(page, smtp, address)
    with phone(browser, app_url) as other:  # the mail's link, opened on her phone, used it up
        other.goto(LINK.search(mail_body(smtp, address)).group(0))
        other.get_by_role("button", name="Ja, log in").click()
        expect(other.get_by_role("heading", level=1, name="Welkom, Eva")).to_be_visible()
    type_code(page, code)  # the first tab still waits for a code; this browser is not signed in
    expect(page.get_by_text("Deze code is al gebruikt. Vraag een nieuwe code aan.").first).to_be_visible()


def test_a_locked_code_leads_to_a_button_that_sends_a_new_one(page: Page, smtp: SmtpServer):
    address = "frank.voorbeeld@example.org"
    code = ask_code(page, smtp, address)
    for _ in range(5):
        type_code(page, f"{(int(code) + 1) % 1_000_000:06d}")
        expect(
            page.get_by_text("Deze code klopt niet.").or_(page.get_by_text("U heeft te vaak")).first
        ).to_be_visible()
    expect(
        page.get_by_text("U heeft te vaak een verkeerde code getypt. Vraag een nieuwe code aan.")
    ).to_be_visible()
    check_page(page, "sign-in-locked")
    sent = len(smtp.messages)
    page.get_by_role("button", name="Stuur een nieuwe code").click()
    expect(page.get_by_label("De code (6 cijfers)")).to_be_visible()
    assert len(smtp.messages) == sent + 1
    type_code(page, "".join(CODE.search(mail_body(smtp, address)).groups()))
    expect(page.get_by_role("heading", level=1, name="Welkom!")).to_be_visible()


def heading(page: Page, name: str):
    return page.get_by_role("heading", level=1, name=name)


def start_wegwijzer(page: Page) -> None:
    """The Wegwijzer's answers of a heavy load, up to its result page."""
    from tests.e2e.test_questionnaire import HEAVY, answer  # here: that module imports this one

    open_page(page, "/leusden/hulp")
    for question, taps in HEAVY:  # from the first screen ("Beginnen") on
        expect(heading(page, question)).to_be_visible()
        for tap in taps:
            answer(page, tap)
    expect(heading(page, "Wat past bij u")).to_be_visible()


def ask_code_for_the_request_form(page: Page, smtp: SmtpServer, address: str) -> str:
    """From the result to the request form, which asks to sign in first; the link from the mail."""
    page.get_by_role("link", name="Vraag een vrijwilliger").click()
    expect(heading(page, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Inloggen").click()
    page.get_by_label("Uw e-mailadres").fill(address)
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_text(f"Wij stuurden een code naar {address}.")).to_be_visible()
    return LINK.search(mail_body(smtp, address)).group(0)


def test_the_answers_survive_the_mail_link_in_a_second_tab(page: Page, smtp: SmtpServer):
    """The link usually opens in a new tab, with none of the first tab's state: the server carried
    the way back and the answers, so she lands on the request form, filled in."""
    address = "anna.voorbeeld@leusden.example.org"
    start_wegwijzer(page)
    link = ask_code_for_the_request_form(page, smtp, address)
    code = "".join(CODE.search(mail_body(smtp, address)).groups())
    assert "zorgt" not in link and "boodschappen" not in link.lower()

    second = page.context.new_page()  # the mail app opens the link in a new tab of this browser
    second.goto(link)
    second.get_by_role("button", name="Ja, log in").click()
    expect(heading(second, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    assert second.url.split("?")[0].endswith("/leusden/hulpvragen/nieuw")
    expect(second.get_by_role("button", name="Boodschappen", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    check_page(second, "request-form-from-the-link")

    page.bring_to_front()  # the first tab still shows the code step
    type_code(page, code)
    expect(heading(page, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    expect(page.get_by_text("Log eerst in. Dan kunt u verder.")).to_have_count(0)
    expect(page.get_by_text("Deze code is al gebruikt", exact=False)).to_have_count(0)
    second.close()


def test_the_first_tab_goes_on_when_she_says_she_tapped_the_link(page: Page, smtp: SmtpServer):
    address = "carla.voorbeeld@leusden.example.org"
    ask_code(page, smtp, address)
    link = LINK.search(mail_body(smtp, address)).group(0)
    page.get_by_role("button", name="Heeft u op de link in de mail getikt? Tik dan hier.").click()
    expect(page.get_by_text("U bent hier nog niet ingelogd.", exact=False)).to_be_visible()
    check_page(page, "sign-in-not-yet")
    second = page.context.new_page()
    second.goto(link)
    second.get_by_role("button", name="Ja, log in").click()
    expect(heading(second, "Welkom, Carla")).to_be_visible()
    page.bring_to_front()
    page.get_by_role("button", name="Heeft u op de link in de mail getikt? Tik dan hier.").click()
    expect(heading(page, "Welkom, Carla")).to_be_visible()
    second.close()


def test_sign_up_does_not_ask_what_the_answers_already_said(page: Page, smtp: SmtpServer):
    address = "nieuw.mantelzorger@example.org"
    start_wegwijzer(page)
    link = ask_code_for_the_request_form(page, smtp, address)
    second = page.context.new_page()
    second.goto(link)
    second.get_by_role("button", name="Ja, log in").click()
    expect(heading(second, "Welkom!")).to_be_visible()
    expect(second.get_by_text("U woont in Centrum.")).to_be_visible()
    expect(second.get_by_text("U zorgt voor iemand.")).to_be_visible()
    expect(second.get_by_role("radio", name="Ik zorg voor iemand")).to_have_count(0)
    check_page(second, "sign-up-known")
    second.get_by_label("Uw voornaam").fill("Nel")
    second.get_by_role("checkbox", name=re.compile("Ik geef toestemming")).check()
    second.get_by_role("button", name="Aanmelden").click()
    expect(heading(second, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    expect(second.get_by_role("button", name="Boodschappen", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    second.close()


def test_an_expired_code_asks_for_a_new_one(page: Page, smtp: SmtpServer, app: RunningApp):
    address = "old.voorbeeld@example.org"
    code = ask_code(page, smtp, address)
    db = engine(app.db_url)
    with Session(db) as session:  # ten minutes pass
        row = session.exec(select(LoginCode).where(LoginCode.email == address)).one()
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        session.add(row)
        session.commit()
    db.dispose()
    type_code(page, code)
    expect(page.get_by_text("Deze code is te oud. Vraag een nieuwe code aan.").first).to_be_visible()
    page.get_by_role("button", name="Geen mail gekregen? Vraag een nieuwe code.").click()
    expect(page.get_by_label("Uw e-mailadres")).to_have_value(address)


def test_another_address_keeps_the_one_typed_to_edit(page: Page, smtp: SmtpServer):
    address = "tik.fout@example.org"
    ask_code(page, smtp, address)
    page.get_by_role("button", name="Ander e-mailadres").click()
    expect(page.get_by_label("Uw e-mailadres")).to_have_value(address)


def test_an_empty_field_says_what_to_do(page: Page):
    open_page(page, "/leusden/inloggen")
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_role("link", name="Vul uw e-mailadres in.")).to_be_visible()


def test_not_an_address_gets_a_plain_message(page: Page):
    open_page(page, "/leusden/inloggen")
    page.get_by_label("Uw e-mailadres").fill("anna at home")
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_text("Dit lijkt geen e-mailadres.").first).to_be_visible()
    expect(page.get_by_label("Uw e-mailadres")).to_have_value("anna at home")


@pytest.mark.parametrize("language", ["English"])
def test_sign_in_pages_in_english(page: Page, smtp: SmtpServer, language: str):
    open_page(page, "/leusden/inloggen")
    page.get_by_role("button", name=language).click()
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    check_page(page, "sign-in-email-en")
    page.get_by_label("Your e-mail address").fill("english.voorbeeld@example.org")
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_label("The code (6 digits)")).to_be_visible()
    mail = smtp.last_to("english.voorbeeld@example.org")
    assert mail["Subject"] == "Your code to sign in"
    check_page(page, "sign-in-code-en")
    code = "".join(CODE.search(mail.get_body(("plain",)).get_content()).groups())
    type_code(page, code, "The code (6 digits)", "Sign in")
    expect(page.get_by_role("heading", level=1, name="Welcome!")).to_be_visible()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    check_page(page, "sign-up-en")
