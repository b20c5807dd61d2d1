"""Mijn gegevens on a phone: see what is kept, download it, wipe the account; the old cookie is dead."""

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlmodel import Session, SQLModel

from mantelzorg_app.services.demo import DEMO_HUBS
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_sign_in import ask_code, type_code
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

ADDRESS = "wietske.privacy@example.org"
FIRST_NAME = "Wietske"
DOWNLOAD = "/mijn-gegevens/download"


def sign_up(
    page: Page, smtp: SmtpServer, address: str, first_name: str, role: str = "Ik zorg voor iemand"
) -> None:
    type_code(page, ask_code(page, smtp, address))
    expect(page.get_by_role("heading", level=1, name="Welkom!")).to_be_visible()
    page.get_by_label("Uw voornaam").fill(first_name)
    page.get_by_role("radio", name="Achterveld").check()
    page.get_by_role("radio", name=role).check()
    page.get_by_role("checkbox", name=re.compile("Ik geef toestemming")).check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1, name=f"Welkom, {first_name}")).to_be_visible()


def demo_people() -> list[tuple[str, str]]:
    return [
        (name, f"{name.lower()}.voorbeeld@{hub.slug}.example.org")
        for hub in DEMO_HUBS
        for name, _role, _wijk in hub.people
    ]


def where_in_database(db_url: str, text: str) -> list[str]:
    """The tables that hold ``text`` anywhere in a row."""
    db = engine(db_url)
    with Session(db) as session:
        connection = session.connection()
        found = [
            table.name
            for table in SQLModel.metadata.sorted_tables
            for row in connection.execute(table.select())
            if any(text.lower() in str(value).lower() for value in row)
        ]
    db.dispose()
    return found


def test_a_person_sees_downloads_and_wipes_their_data(page: Page, smtp: SmtpServer, app: RunningApp):
    sign_up(page, smtp, ADDRESS, FIRST_NAME)
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=2, name="Wat wij van u bewaren")).to_be_visible()
    main = page.get_by_role("main")
    for shown in (
        FIRST_NAME,
        ADDRESS,
        "Leusden",
        "Achterveld",
        "Ik zorg voor iemand",
        "U gaf uw toestemming op",
    ):
        expect(main).to_contain_text(shown)
    check_page(page, "privacy-nl")
    switch = page.get_by_role("switch", name="Stuur mij een mail als er een bericht op mij wacht")
    expect(switch).to_have_attribute("aria-checked", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(main).to_contain_text("Uit: u krijgt geen mail.")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=2, name="What we keep about you")).to_be_visible()
    expect(main).to_contain_text("You gave your consent on")
    check_page(page, "privacy-en")
    page.get_by_role("button", name="Nederlands").click()

    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Mijn gegevens downloaden").click()
    assert downloaded.value.suggested_filename == "mijn-gegevens.json"
    text = Path(downloaded.value.path()).read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["person"]["first_name"], data["person"]["email"]) == (FIRST_NAME, ADDRESS)
    assert [(m["hub_slug"], m["wijk"]) for m in data["memberships"]] == [("leusden", "Achterveld")]
    assert data["chat_mail"]["on"] is False  # the switch was stored, on the server
    for name, address in demo_people():
        assert not re.search(rf"\b{name}\b", text), f"{name} is in the download"
        assert address not in text
    response = page.request.get(DOWNLOAD)
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"] == 'attachment; filename="mijn-gegevens.json"'
    assert response.headers["cache-control"] == "no-store"
    old_cookies = page.context.cookies()

    page.get_by_role("button", name="Al mijn gegevens wissen").click()
    expect(page.get_by_text("Weet u het zeker? Dit kan niet ongedaan worden.")).to_be_visible()
    check_page(page, "privacy-confirm")
    page.get_by_role("button", name="Nee, terug").click()
    expect(page.get_by_text("Weet u het zeker?")).to_be_hidden()
    page.get_by_role("button", name="Al mijn gegevens wissen").click()
    page.get_by_role("button", name="Ja, wis al mijn gegevens").click()
    expect(page.get_by_role("heading", level=1, name="Welkom", exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Inloggen")).to_be_visible()
    assert page.url.rstrip("/").endswith("/leusden")
    assert where_in_database(app.db_url, ADDRESS) == []

    type_code(page, ask_code(page, smtp, ADDRESS))  # the same address starts again as a new person
    expect(page.get_by_role("heading", level=1, name="Welkom!")).to_be_visible()
    expect(page.get_by_label("Uw voornaam")).to_have_value("")

    page.context.clear_cookies()
    page.context.add_cookies(old_cookies)
    open_page(page, "/leusden/mijn-gegevens")
    expect(page.get_by_text("U bent niet ingelogd.")).to_be_visible()
    assert page.request.get(DOWNLOAD).status == 403


def test_the_download_is_refused_without_a_session(page: Page):
    response = page.request.get(DOWNLOAD)
    assert response.status == 403
    assert response.text().startswith("U bent niet ingelogd.")
    assert response.headers["cache-control"] == "no-store"
    assert "content-disposition" not in response.headers


def test_a_first_name_shows_as_it_was_typed(page: Page, smtp: SmtpServer):
    """A name is put into a sentence as written: "$'" or "{hub}" in it are no patterns (state.ui.fill)."""
    name = "Jo $' {hub}"
    sign_up(page, smtp, "dollar.name@example.org", name)  # Home says "Welkom, Jo $' {hub}"
    open_page(page, "/leusden/mijn-gegevens")
    expect(page.get_by_text(f"U bent ingelogd als {name}.", exact=True)).to_be_visible()
