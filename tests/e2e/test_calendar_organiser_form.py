"""The organiser's form on a phone: Fatima (a professional) makes a weekly walk in "Agenda beheren";
the problems are said in plain words and what she typed stays (also after a reload); once saved,
two people sign up for its first date (one place: the second waits), she moves that date and both
get a mail, she makes room for two and the second gets "U heeft een plek", she cancels another
date. axe on the list and the form in Dutch and English; screenshots under /tmp/shots14/h4-form."""

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking, BookingStatus, Hub, Membership, Person, Role
from mantelzorg_app.services.calendar import bookings
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import app_db_url, check_page, open_page
from tests.e2e.test_coordination import sign_in
from tests.support.smtp import SmtpServer

FATIMA = "fatima.voorbeeld@leusden.example.org"
TITLE = "Wandelen in het bos"
SHOTS = Path("/tmp/shots14/h4-form")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _next_tuesday() -> datetime:
    """A Tuesday 8 to 14 days from now on Leusden's clock: always to come, never this week."""
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    day = today + timedelta(days=8)
    while day.weekday() != 1:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 14, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _sign_up_two(title: str) -> tuple[str, str]:
    """Anna and Bram sign up for the first date of the activity (one place: Bram waits)."""
    db = engine(app_db_url())
    with Session(db) as session:
        activity = session.exec(select(Activity).where(Activity.title == title)).one()
        hub = session.get(Hub, activity.hub_id)
        addresses = []
        for first_name in ("Anna", "Bram"):
            person = session.exec(
                select(Person)
                .join(Membership, col(Membership.person_id) == col(Person.id))
                .where(Person.first_name == first_name, Membership.hub_id == hub.id)
            ).first()
            who = Actor(person.id, person.first_name, hub.id, frozenset({Role.caregiver}))
            bookings.sign_up(session, who, activity.id, activity.starts_at, datetime.now(UTC))
            session.commit()
            addresses.append(person.email)
        statuses = [b.status for b in session.exec(select(Booking).where(Booking.activity_id == activity.id))]
    db.dispose()
    assert statuses == [BookingStatus.booked, BookingStatus.waiting]
    return addresses[0], addresses[1]


def test_an_organiser_makes_an_activity_and_changes_its_dates(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, FATIMA, "Fatima")
    open_page(page, "/leusden/beheer/agenda")
    expect(page.get_by_role("heading", level=1, name="Agenda beheren")).to_be_visible()
    check_page(page, "calendar-manage")
    shot(page, "1-manage")

    page.get_by_role("link", name="Nieuwe activiteit").click()
    expect(page.get_by_role("heading", level=1, name="Nieuwe activiteit")).to_be_visible()
    page.wait_for_selector('div.app[data-ready="true"]')
    page.get_by_label("Hoe heet de activiteit?").fill(TITLE)
    page.get_by_label("Datum", exact=True).fill("2020-01-07")
    page.get_by_label("Begintijd", exact=True).fill("14:00")
    page.get_by_label("Eindtijd", exact=True).fill("13:00")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator(".summary")
    expect(summary.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    for words in (
        "Schrijf waar het is. Bijvoorbeeld: Bibliotheek Leusden.",
        "Deze datum is al voorbij. Kies een datum die nog komt.",
        "De eindtijd is vóór de begintijd. Kies een latere eindtijd.",
    ):
        expect(summary.get_by_role("link", name=words)).to_be_visible()
    expect(page.locator("#end-probleem")).to_have_text(
        "De eindtijd is vóór de begintijd. Kies een latere eindtijd."
    )
    expect(page.get_by_label("Hoe heet de activiteit?")).to_have_value(TITLE)
    check_page(page, "calendar-form-problem")
    shot(page, "2-form-problems")

    page.reload()  # the server kept what she typed
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(page.get_by_label("Hoe heet de activiteit?")).to_have_value(TITLE)
    expect(page.get_by_label("Eindtijd", exact=True)).to_have_value("13:00")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, "calendar-form-problem-en")
    shot(page, "3-form-problems-en")
    page.get_by_role("button", name="Nederlands").click()

    first = _next_tuesday()
    page.get_by_role(
        "radio", name="Inloopspreekuur", exact=True
    ).click()  # any kind: its own pictogram and word
    page.get_by_role("radio", name="Activiteit", exact=True).click()
    page.get_by_label("Waar is het?").fill("Bosrand, ingang Den Treek")
    page.get_by_label("Datum", exact=True).fill(first.date().isoformat())
    page.get_by_label("Eindtijd", exact=True).fill("16:00")
    page.get_by_role("radio", name="Elke week", exact=True).click()
    page.get_by_label("Hoe vaak?").fill("4")
    page.get_by_label("Hoeveel plaatsen zijn er?").fill("1")
    shot(page, "4-form-filled")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1, name="Activiteit veranderen")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()
    dates = page.get_by_role("region", name="De datums").get_by_role("listitem")
    expect(dates).to_have_count(4)
    expect(dates.first).to_contain_text("dinsdag")
    expect(dates.first).to_contain_text("14.00 tot 16.00 uur")
    check_page(page, "calendar-form-saved")

    anna, bram = _sign_up_two(TITLE)
    dates.first.get_by_role("button", name="Verzet").click()
    page.get_by_label("Nieuwe datum").fill((first + timedelta(days=1)).date().isoformat())
    page.get_by_label("Begintijd", exact=True).last.fill("19:00")
    page.get_by_label("Eindtijd", exact=True).last.fill("21:00")
    page.get_by_label("Een korte uitleg").fill("Deze keer 's avonds")
    shot(page, "5-move-date")
    page.get_by_role("button", name="Verzet deze datum").click()
    expect(dates.first).to_contain_text("woensdag")
    expect(dates.first).to_contain_text("19.00 tot 21.00 uur")
    expect(dates.first).to_contain_text("Deze keer 's avonds")
    assert _mail(smtp, anna) == f"Er is iets veranderd: {TITLE}"
    assert _mail(smtp, bram) == f"Er is iets veranderd: {TITLE}"

    page.get_by_label("Hoeveel plaatsen zijn er?").fill("2")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()
    assert _mail(smtp, bram, "U heeft een plek").startswith("U heeft een plek")

    dates.nth(1).get_by_role("button", name="Gaat niet door").click()
    expect(dates.nth(1).get_by_role("alert")).to_contain_text("Weet u het zeker?")
    dates.nth(1).get_by_role("button", name="Ja, gaat niet door").click()
    expect(dates.nth(1).locator(".status")).to_have_text("Gaat niet door")
    check_page(page, "calendar-form-dates")
    shot(page, "6-dates")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, "calendar-form-dates-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    open_page(page, "/leusden/beheer/agenda")
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", level=3, name=TITLE))
    expect(card).to_contain_text("woensdag")
    shot(page, "7-manage-after")


def _mail(smtp: SmtpServer, address: str, starts: str = "Er is iets veranderd") -> str:
    """The subject of the last mail to ``address`` once one that starts so has come (10 s at most)."""
    subject = ""
    for _ in range(100):
        try:
            subject = str(smtp.last_to(address)["Subject"])
        except LookupError:
            subject = ""
        if subject.startswith(starts):
            break
        time.sleep(0.1)
    return subject
