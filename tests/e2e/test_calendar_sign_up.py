"""Signing up on a phone, the issue's bar: a caregiver finds the next Mantelzorgcafé under "Deze
week" or "Volgende week", opens it, taps "Ik kom", sees it in "Mijn aanmeldingen", and downloads a
.ics that icalendar reads back at the right local time. The café is then full: the next person lands
on the waiting list ("nummer 1"), the first cancels, and the next one moves up and gets the mail.
axe on the activity page (before, signed up and on the waiting list) and Mijn aanmeldingen, in
Dutch and in English. "Ik kom niet meer" asks "Zeker weten?" first, on both pages.

The test makes its own café ("Proef-Mantelzorgcafé", one place, two days from now at 14.00 on
Leusden's clock) and its own two caregivers, so it does not depend on today's date or the demo.
"""

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityKind, Hub, Person
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, phone
from tests.e2e.test_chat import FIRST_LOAD, make_person, signed_in
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

TITLE = "Proef-Mantelzorgcafé"
ZONE = ZoneInfo("Europe/Amsterdam")
SHOTS = Path("/tmp/shots14/f3-ui")


def _seed(db_url: str) -> tuple[int, datetime]:
    """The café: one date two days from now, 14.00-16.00 on Leusden's clock, one place."""
    day = datetime.now(ZONE).date() + timedelta(days=2)
    start = datetime.combine(day, time(14), tzinfo=ZONE).astimezone(UTC)
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        cafe = Activity(
            hub_id=hub.id,
            kind=ActivityKind.cafe,
            title=TITLE,
            summary="Koffie, thee en een goed gesprek met andere mantelzorgers.",
            for_whom="Voor mantelzorgers en wie zij meenemen",
            place="Proefbibliotheek",
            address="Hamersveldseweg 55, 3833 GP Leusden",
            cost="Gratis",
            access="Rolstoel kan naar binnen",
            organiser_name="Steunpunt Mantelzorg Leusden",
            starts_at=start,
            minutes=120,
            capacity=1,
        )
        session.add(cafe)
        session.commit()
        found = cafe.id
    db.dispose()
    return found, start


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _both_languages(page: Page, name: str) -> None:
    """axe (and the screenshot) in Dutch, then in English, then back to Dutch."""
    check_page(page, name)
    _shot(page, name)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Read aloud")).to_be_visible()
    check_page(page, f"{name}-en")
    _shot(page, f"{name}-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def _open(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector('div.app[data-ready="true"]', timeout=FIRST_LOAD)


def test_a_caregiver_signs_up_and_the_waiting_list_moves_up(
    browser: Browser, app: RunningApp, smtp: SmtpServer
):
    cafe_id, start = _seed(app.db_url)
    wanda = make_person(app.db_url, "Wanda")
    xander = make_person(app.db_url, "Xander")
    with phone(browser, app.url) as page:
        signed_in(page, app, wanda, app.url)
        _open(page, "/leusden")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").click()
        expect(page.get_by_role("heading", level=1, name="Agenda")).to_be_visible()
        card = page.locator("article", has=page.get_by_role("heading", name=TITLE))
        expect(card).to_be_visible()
        group = page.locator("section.agenda-group", has=card).get_by_role("heading", level=2)
        expect(group).to_have_text(re.compile("^(Deze week|Volgende week)$"))
        expect(card).to_contain_text("Mantelzorgcafé")
        card.get_by_role("link", name="Ik kom").click()

        # The activity's page: everything about it, at that date.
        expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        main = page.get_by_role("main")
        expect(main).to_contain_text(re.compile(r"\w+dag \d+ \w+, 14\.00 tot 16\.00 uur"))
        expect(main).to_contain_text("Proefbibliotheek")
        expect(main.get_by_role("link", name="Route")).to_have_attribute("href", re.compile("openstreetmap"))
        expect(main).to_contain_text("Steunpunt Mantelzorg Leusden")
        expect(main).to_contain_text("Nog 1 plaats")
        expect(page.get_by_role("button", name="Lees voor")).to_be_visible()
        expect(page.get_by_role("switch", name="Ik neem iemand mee")).to_have_attribute(
            "aria-checked", "false"
        )
        _both_languages(page, "activity")

        main.get_by_role("button", name="Ik kom", exact=True).click()
        expect(main.get_by_text("Dank u wel. U bent aangemeld.")).to_be_visible()
        expect(main.get_by_text("U komt", exact=True)).to_be_visible()
        expect(main.get_by_role("button", name="Ik kom niet meer")).to_be_visible()
        _both_languages(page, "activity-signed-up")
        # "Ik kom niet meer" asks first; "Nee, ik kom wel" keeps the place.
        main.get_by_role("button", name="Ik kom niet meer").click()
        expect(main.get_by_role("alert")).to_contain_text("Zeker weten? Dan gaat uw plek naar iemand anders.")
        _shot(page, "activity-asks-first")
        main.get_by_role("button", name="Nee, ik kom wel").click()
        expect(main.get_by_text("U komt", exact=True)).to_be_visible()
        expect(main.get_by_role("button", name="Ja, ik kom niet")).to_have_count(0)

        # "Zet in mijn agenda": the .ics reads back at 14.00 on Leusden's clock.
        with page.expect_download() as download:
            main.get_by_role("link", name="Zet in mijn agenda").click()
        calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
        events = [e for e in calendar.walk("VEVENT")]
        assert len(events) == 1
        begins = events[0].decoded("dtstart")
        assert begins.astimezone(ZONE).replace(tzinfo=None) == start.astimezone(ZONE).replace(tzinfo=None)
        assert begins.astimezone(ZONE).hour == 14
        assert str(events[0]["summary"]) == TITLE

        # Mijn aanmeldingen lists it, with the date in words.
        main.get_by_role("link", name="Mijn aanmeldingen").click()
        expect(page.get_by_role("heading", level=1, name="Mijn aanmeldingen")).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        row = page.get_by_role("main").locator("li.card", has_text=TITLE)
        expect(row).to_contain_text("U komt")
        expect(row).to_contain_text("14.00 tot 16.00 uur")
        # Her own agenda link, once, with its copy button; the feed it opens holds the café.
        page.get_by_role("button", name="Maak mijn agenda-link").click()
        link = page.get_by_label("Uw agenda-link")
        expect(link).to_have_value(re.compile(r"/feeds/leusden/eigen/[A-Za-z0-9_-]+\.ics$"))
        expect(page.get_by_role("button", name="Kopieer de link")).to_be_visible()
        feed = page.request.get(link.input_value())
        assert feed.ok and "text/calendar" in feed.headers["content-type"]
        assert TITLE in feed.text().replace("\r\n ", "")
        _both_languages(page, "my-bookings")

        with phone(browser, app.url) as other:
            # The café is full: Xander lands on the waiting list.
            signed_in(other, app, xander, app.url)
            _open(other, f"/leusden/activiteit/{cafe_id}")
            theirs = other.get_by_role("main")
            expect(theirs).to_contain_text("Vol")
            theirs.get_by_role("button", name="Zet mij op de wachtlijst").click()
            expect(theirs.get_by_text("U staat op de wachtlijst (nummer 1)")).to_be_visible()
            _both_languages(other, "activity-waiting")

            # Wanda cancels on Mijn aanmeldingen; Xander moves up and has the mail.
            row.get_by_role("button", name="Ik kom niet meer").click()
            expect(row.get_by_role("alert")).to_contain_text("Zeker weten?")
            _shot(page, "my-bookings-asks-first")
            row.get_by_role("button", name="Ja, ik kom niet").click()
            expect(page.get_by_text("U bent afgemeld. Fijn dat u het laat weten.")).to_be_visible()
            expect(page.get_by_role("main").locator("li.card", has_text=TITLE)).to_have_count(0)
            _shot(page, "my-bookings-cancelled")

            db = engine(app.db_url)
            with Session(db) as session:
                address = session.get(Person, xander).email
            db.dispose()
            told = smtp.last_to(address)
            assert told["Subject"] == "U heeft een plek"
            assert TITLE in told.get_content()

            _open(other, f"/leusden/activiteit/{cafe_id}")
            expect(theirs.get_by_text("U komt", exact=True)).to_be_visible()


def test_a_visitor_is_asked_to_sign_in_and_a_walk_in_hour_offers_times(browser: Browser, app: RunningApp):
    cafe_id, _start = _seed(app.db_url)
    with phone(browser, app.url) as page:
        _open(page, f"/leusden/activiteit/{cafe_id}")
        main = page.get_by_role("main")
        expect(main.get_by_text("Log in om u aan te melden.")).to_be_visible()
        expect(main.get_by_role("button", name="Ik kom", exact=True)).to_have_count(0)
        check_page(page, "activity-visitor")
        _shot(page, "activity-visitor")

        # Another hub's number or junk: plainly not known.
        _open(page, "/leusden/activiteit/999999")
        expect(page.get_by_role("heading", level=1, name="Deze activiteit kennen wij niet")).to_be_visible()

        # The demo's walk-in hour: who is there, and times to choose (or just walk in).
        db = engine(app.db_url)
        with Session(db) as session:
            hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
            walk_in = session.exec(
                select(Activity.id).where(Activity.hub_id == hub_id, Activity.kind == ActivityKind.walk_in)
            ).first()
        db.dispose()
        someone = make_person(app.db_url, "Yvette")
        signed_in(page, app, someone, app.url)
        _open(page, f"/leusden/activiteit/{walk_in}")
        expect(main.get_by_role("heading", name="Wie is er?")).to_be_visible()
        times = main.get_by_role("radiogroup", name="Kies een tijd")
        expect(times.get_by_role("radio", name="Ik loop gewoon binnen")).to_be_visible()
        check_page(page, "activity-walk-in")
        _shot(page, "activity-walk-in")
        main.get_by_role("button", name="Ik kom", exact=True).click()
        expect(main.get_by_text("Kies eerst een tijd. Of loop gewoon binnen.")).to_be_visible()
        free = times.locator("button[role=radio]:not([disabled])").first
        free.click()
        expect(free).to_have_attribute("aria-checked", "true")
        main.get_by_role("button", name="Ik kom", exact=True).click()
        expect(main.get_by_text("Uw tijd:", exact=False)).to_be_visible()
        _shot(page, "activity-walk-in-booked")


def test_a_course_is_one_sign_up_for_all_its_evenings(browser: Browser, app: RunningApp):
    db = engine(app.db_url)
    with Session(db) as session:
        course = session.exec(select(Activity.id).where(Activity.title == "Omgaan met dementie")).first()
    db.dispose()
    someone = make_person(app.db_url, "Zora")
    with phone(browser, app.url) as page:
        signed_in(page, app, someone, app.url)
        _open(page, f"/leusden/activiteit/{course}")
        main = page.get_by_role("main")
        expect(main.get_by_text("U meldt zich één keer aan, voor alle avonden.")).to_be_visible()
        evenings = main.locator("section", has=page.get_by_role("heading", name="Alle avonden")).locator("li")
        expect(evenings).to_have_count(4)
        expect(evenings.first).to_contain_text("19.30 uur")
        main.get_by_role("button", name="Ik kom", exact=True).click()
        expect(main.get_by_text("U komt", exact=True)).to_be_visible()
        check_page(page, "activity-course")
        _shot(page, "activity-course")
        # the download is the whole course: one event with its rule
        with page.expect_download() as download:
            main.get_by_role("link", name="Zet in mijn agenda").click()
        calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
        (event,) = calendar.walk("VEVENT")
        assert event["rrule"]["COUNT"] == [4]
