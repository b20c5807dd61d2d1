"""The Agenda tab on a phone: the bottom bar's "Agenda" opens the dates under "Deze week" and
"Volgende week"; a card says the kind, the day and time in words, the place and the places left, and
"Ik kom" opens the activity at that date; a full date says "Vol"; the person's own sign-up says "U
komt"; chips narrow to one kind and one wijk; Home shows the next activity; the month prints on one
A4 sheet without the bars. axe on each, in both languages.

The test makes its own activities (names starting "Proef"), a few days from now, beside the demo's.
"""

import io
import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pypdf
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityKind, Booking, Hub, Wijk
from mantelzorg_app.services.calendar import recurrence
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import SCREENSHOTS, check_page, open_page, phone
from tests.e2e.test_chat import make_person, signed_in
from tests.support.server import RunningApp

CAFE, FULL = "Proef-koffie-uurtje", "Proef-netwerkavond"


def _local(days: int, hour: int) -> datetime:
    day = datetime.now(ZoneInfo("Europe/Amsterdam")).date() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)


def seed(db_url: str, person_id: int) -> dict[str, tuple[int, str, str]]:
    """Two activities of Leusden: a café with 5 places (2 taken by phone, 1 by the person) and a
    network evening in a wijk, full. By title: (id, date key, wijk name)."""
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        wijk = session.exec(select(Wijk).where(Wijk.hub_id == hub.id).order_by(Wijk.name)).first()
        cafe = Activity(
            hub_id=hub.id,
            kind=ActivityKind.cafe,
            title=CAFE,
            place="Proefbibliotheek",
            starts_at=_local(2, 14),
            capacity=5,
        )
        full = Activity(
            hub_id=hub.id,
            kind=ActivityKind.network,
            title=FULL,
            place="Proefwijkcentrum",
            wijk_id=wijk.id,
            starts_at=_local(3, 19),
            capacity=1,
        )
        session.add_all([cafe, full])
        session.flush()
        now = datetime.now(UTC)
        session.add_all(
            [
                Booking(
                    activity_id=cafe.id,
                    occurrence=cafe.starts_at,
                    name="Bel",
                    phone="0612345678",
                    places=2,
                    created_at=now,
                ),
                Booking(activity_id=cafe.id, occurrence=cafe.starts_at, person_id=person_id, created_at=now),
                Booking(
                    activity_id=full.id,
                    occurrence=full.starts_at,
                    name="Bel",
                    phone="0612345678",
                    created_at=now,
                ),
            ]
        )
        session.commit()
        found = {a.title: (a.id, recurrence.key(a.starts_at), wijk.name) for a in (cafe, full)}
    db.dispose()
    return found


def card_of(page: Page, title: str):
    return page.locator("main article.agenda-card", has=page.get_by_role("heading", name=title, exact=True))


def test_the_agenda_shows_this_week_and_next_with_big_cards(browser: Browser, app: RunningApp):
    me = make_person(app.db_url, "Agendalien")
    seeded = seed(app.db_url, me)
    with phone(browser, app.url) as page:
        # A visitor: "Ik kom" on every card that is not full, "Vol" on the full one.
        open_page(page, "/leusden")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").click()
        expect(page.get_by_role("heading", level=1, name="Agenda")).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        cafe = card_of(page, CAFE)
        expect(cafe).to_be_visible()
        group = page.locator(
            "section.agenda-group", has=page.get_by_role("heading", name=CAFE, exact=True)
        ).get_by_role("heading", level=2)
        expect(group).to_have_text(re.compile("^(Deze week|Volgende week)$"))
        expect(cafe).to_contain_text("Mantelzorgcafé")
        expect(cafe).to_contain_text(
            re.compile(
                r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) "
                r"\d+ \w+, 14\.00 uur"
            )
        )
        expect(cafe).to_contain_text("Proefbibliotheek")
        expect(cafe).to_contain_text("Nog 2 plaatsen")
        cafe_id, cafe_key, wijk = seeded[CAFE]
        ik_kom = cafe.get_by_role("link", name="Ik kom")
        expect(ik_kom).to_have_attribute("href", f"/leusden/activiteit/{cafe_id}?datum={cafe_key}")
        full = card_of(page, FULL)
        expect(full).to_contain_text("Vol")
        expect(full).to_contain_text("Netwerkbijeenkomst")
        expect(full.get_by_role("link", name="Zet mij op de wachtlijst")).to_be_visible()
        check_page(page, "agenda")

        # Chips: one kind, then one wijk, then everything again.
        page.get_by_text("Kies een soort of een wijk").click()
        page.get_by_role("radiogroup", name="Soort activiteit").get_by_role(
            "radio", name="Netwerkbijeenkomst"
        ).click()
        expect(card_of(page, CAFE)).to_have_count(0)
        expect(card_of(page, FULL)).to_be_visible()
        expect(page.get_by_text("Alleen Netwerkbijeenkomst.")).to_be_visible()
        page.get_by_role("radiogroup", name="Soort activiteit").get_by_role("radio", name="Alles").click()
        expect(card_of(page, CAFE)).to_be_visible()
        page.get_by_role("radiogroup", name="Wijk").get_by_role("radio", name=wijk, exact=True).click()
        expect(page.get_by_text(f"Alleen in {wijk}.")).to_be_visible()
        expect(card_of(page, FULL)).to_be_visible()
        expect(card_of(page, CAFE)).to_be_visible()  # for the whole of Leusden, so in every wijk
        check_page(page, "agenda-chips")
        page.get_by_role("button", name="Alles tonen").click()
        expect(page.get_by_text(f"Alleen in {wijk}.")).to_have_count(0)

        more = page.get_by_role("region", name="Meer")
        expect(more.get_by_role("link", name="Mijn aanmeldingen")).to_have_attribute(
            "href", "/leusden/mijn-aanmeldingen"
        )
        expect(more.get_by_role("link", name="Zet de agenda in uw telefoon")).to_have_attribute(
            "href", "/feeds/leusden/agenda.ics"
        )
        month = f"{datetime.now(ZoneInfo('Europe/Amsterdam')):%Y-%m}"
        expect(more.get_by_role("link", name="Print deze maand")).to_have_attribute(
            "href", f"/leusden/agenda/maand/{month}"
        )

        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", level=1, name="Calendar")).to_be_visible()
        check_page(page, "agenda-en")
        page.get_by_role("button", name="Nederlands").click()

        # Signed in: the person's own sign-up says "U komt".
        signed_in(page, app, me, app.url)
        open_page(page, "/leusden/agenda")
        mine = card_of(page, CAFE)
        expect(mine.get_by_role("link", name="U komt")).to_be_visible()
        expect(mine.get_by_role("link", name="Ik kom")).to_have_count(0)
        check_page(page, "agenda-signed-in")


def test_home_shows_the_next_activity(page: Page):
    open_page(page, "/leusden")
    section = page.get_by_role("region", name="Binnenkort in de agenda")
    expect(section.locator("article.agenda-card")).to_have_count(1)
    expect(
        section.get_by_role("link", name=re.compile("^(Ik kom|U komt|U staat op de wachtlijst)$"))
    ).to_be_visible()
    section.scroll_into_view_if_needed()
    check_page(page, "agenda-home")
    section.get_by_role("link", name="Bekijk de hele agenda").click()
    expect(page.get_by_role("heading", level=1, name="Agenda")).to_be_visible()


def test_the_month_prints_on_one_a4_sheet_without_the_bars(page: Page):
    open_page(page, "/leusden/agenda")
    page.get_by_role("link", name="Print deze maand").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Agenda van "))).to_be_visible()
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    check_page(page, "agenda-month")
    for n in range(2):  # this month and the next: each on one sheet
        page.emulate_media(media="print")
        expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
        expect(page.get_by_role("button", name="Print")).to_be_hidden()
        page.screenshot(path=SCREENSHOTS / f"agenda-month-print-{n}.png", full_page=True)
        pdf = page.pdf(format="A4")
        (SCREENSHOTS / f"agenda-month-{n}.pdf").write_bytes(pdf)
        assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
        page.emulate_media(media="screen")
        heading = page.get_by_role("heading", level=1).inner_text()
        page.get_by_role("link", name="Volgende maand").click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text(heading)
        page.wait_for_selector('div.app[data-ready="true"]')
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    check_page(page, "agenda-month-en")
    page.get_by_role("button", name="Nederlands").click()


def test_a_month_it_does_not_know_says_so(page: Page):
    for month in ("2026-13", "zomaar", "1999-01"):
        open_page(page, f"/leusden/agenda/maand/{month}")
        expect(page.get_by_text("Deze maand kunnen wij niet laten zien.")).to_be_visible()
    check_page(page, "agenda-month-unknown")


BUSY = "Proef-bewegen"


def _busy_month(db_url: str) -> str:
    """A walk every day and an evening talk on eleven days of one month, eight months from now:
    36 dates (the test's own, a kind the Wegwijzer and Home do not pick). Its name, "2027-08"."""
    here = ZoneInfo("Europe/Amsterdam")
    today = datetime.now(here).date()
    index = today.year * 12 + today.month - 1 + 8
    first = today.replace(year=index // 12, month=index % 12 + 1, day=1)
    start = datetime.combine(first, time(10), tzinfo=here).astimezone(UTC)
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        walk = Activity(
            hub_id=hub.id,
            kind=ActivityKind.other,
            title=BUSY,
            place="Proefpark",
            starts_at=start,
            rrule="FREQ=DAILY;COUNT=25",
        )
        talk = Activity(
            hub_id=hub.id,
            kind=ActivityKind.other,
            title="Proef-praatavond over zorg en werk",
            place="Proefwijkcentrum De Deel",
            starts_at=start + timedelta(hours=9),
            rrule="FREQ=DAILY;INTERVAL=2;COUNT=11",
        )
        session.add_all([walk, talk])
        session.commit()
    db.dispose()
    return f"{first:%Y-%m}"


def test_a_busy_month_prints_on_one_a4_sheet_in_two_columns(page: Page, app: RunningApp):
    # From 22 dates the print goes to two columns of 11pt (a usual month of about 12 dates prints
    # large): at 12pt a month of 37 dates takes two sheets, and one sheet is what people hang up.
    month = _busy_month(app.db_url)
    open_page(page, f"/leusden/agenda/maand/{month}")
    lines = page.locator("main li.month-line")
    expect(lines.filter(has_text=BUSY)).to_have_count(25)
    assert lines.count() >= 36  # and the demo's own dates of that month
    page.emulate_media(media="print")
    sizes = lines.evaluate_all("items => items.map(li => parseFloat(getComputedStyle(li).fontSize))")
    assert min(sizes) >= 14.6  # 11pt is 14.67 CSS pixels
    page.screenshot(path="/tmp/shots14/f3-ui/agenda-busy-month-print.png", full_page=True)
    pdf = page.pdf(format="A4")
    (SCREENSHOTS / "agenda-busy-month.pdf").write_bytes(pdf)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    page.emulate_media(media="screen")
