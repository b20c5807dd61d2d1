"""Home on a phone knows who you are: what is going on in words, your own main action first; a
visitor finds "Inloggen" on the first screen; the bottom bar's "Hulp" opens your requests."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import (
    HelpOffer,
    HelpRequest,
    Hub,
    Membership,
    OfferStatus,
    Person,
    Role,
    Status,
    Wijk,
)
from mantelzorg_app.services.help.overview import moment_word
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import PHONE, check_page, open_page
from tests.e2e.test_coordination import sign_in
from tests.e2e.test_shell import main_menu
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

ADDRESS = "lotte.voorbeeld@leusden.example.org"
CARLA = "carla.voorbeeld@leusden.example.org"


def caregiver_helped_by_carla(db_url: str) -> str:
    """Lotte, a caregiver in Leusden whose request Carla's offer was accepted on, the day after
    tomorrow in the afternoon. The agreed moment as Home words it (a catalogue id: Dutch)."""
    db = engine(db_url)
    now = datetime.now(UTC)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        centrum = session.exec(select(Wijk).where(Wijk.hub_id == hub.id, Wijk.name == "Centrum")).one()
        carla = session.exec(
            select(Person).where(Person.email == "carla.voorbeeld@leusden.example.org")
        ).one()
        lotte = Person(first_name="Lotte", email=ADDRESS, created_at=now)
        session.add(lotte)
        session.flush()
        session.add(Membership(person_id=lotte.id, hub_id=hub.id, role=Role.caregiver, wijk_id=centrum.id))
        agreed = (now + timedelta(days=2)).replace(hour=13, minute=0, second=0, microsecond=0)
        request = HelpRequest(
            hub_id=hub.id,
            caregiver_id=lotte.id,
            category="boodschappen",
            text="Wie kan één keer per week boodschappen voor ons doen?",
            wijk_id=centrum.id,
            status=Status.matched,
            volunteer_id=carla.id,
            agreed_at=agreed,
            created_at=now,
        )
        session.add(request)
        session.flush()
        session.add(
            HelpOffer(
                request_id=request.id, volunteer_id=carla.id, status=OfferStatus.accepted, answered_at=now
            )
        )
        session.commit()
        zone = hub.timezone
    db.dispose()
    return moment_word(agreed, False, zone, now)


def hulp_tab(page: Page):
    return main_menu(page).get_by_role("link", name="Hulp", exact=True)


def bottom(page: Page, locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


def test_a_visitor_finds_inloggen_on_the_first_screen(page: Page):
    open_page(page, "/leusden")
    sign_in_link = page.get_by_role("main").get_by_role("link", name="Inloggen")
    expect(sign_in_link).to_be_visible()
    assert bottom(page, sign_in_link) <= PHONE["height"], "Inloggen is below the fold"
    tiles = page.get_by_role("main").get_by_role("link", name="Hulp vragen", exact=True)
    assert bottom(page, sign_in_link) < tiles.bounding_box()["y"], "Inloggen comes before the tiles"
    expect(main_menu(page).get_by_role("link", name="Start", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(main_menu(page).get_by_role("link", name="Home", exact=True)).to_have_count(0)
    expect(main_menu(page).get_by_role("link", name="Hulp", exact=True)).to_have_attribute(
        "href", "/leusden/hulp"
    )
    check_page(page, "home-visitor")


def test_a_caregiver_reads_who_helps_and_finds_her_requests_first(
    page: Page, smtp: SmtpServer, app: RunningApp
):
    when = caregiver_helped_by_carla(app.db_url)
    sign_in(page, smtp, ADDRESS, "Lotte")
    main = page.get_by_role("main")
    expect(main.locator("ul.overview li").first).to_have_text(f"Carla helpt u, {when}")
    first_link = main.locator("a").first
    expect(first_link).to_have_text("Mijn hulpvragen")
    assert bottom(page, first_link) <= PHONE["height"]
    tile = main.get_by_role("link", name="Hulp vragen", exact=True)
    assert bottom(page, first_link) < tile.bounding_box()["y"], "the main action comes before the tiles"
    expect(main.get_by_role("link", name="Mijn hulpvragen")).to_have_count(1)
    check_page(page, "home-caregiver")

    page.get_by_role("switch", name="Grotere letters").click()
    expect(page.locator("div.app.big-text")).to_be_visible()
    sizes = page.eval_on_selector_all(
        ".bottom-nav a span", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 20, sizes
    check_page(page, "home-caregiver-big-text")
    page.get_by_role("button", name="English").click()
    expect(main_menu(page).get_by_role("link", name="Calendar")).to_be_visible()
    broken = page.eval_on_selector_all(
        ".bottom-nav a span",
        """els => els.filter(e =>
                    e.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(e).lineHeight))
                 .map(e => e.innerText)""",
    )
    assert not broken, f"bottom bar words broken over two lines: {broken}"
    check_page(page, "home-caregiver-big-text-en")
    page.get_by_role("button", name="Nederlands").click()
    page.get_by_role("switch", name="Grotere letters").click()

    # She has a request going on: the bar's "Hulp" opens it, on Home and on every other page.
    hulp = hulp_tab(page)
    expect(hulp).to_have_attribute("href", "/leusden/hulpvragen")
    open_page(page, "/leusden/zoeken")
    hulp.click()
    expect(page.get_by_role("heading", level=1, name="Mijn hulpvragen")).to_be_visible()

    # Signed out, nothing of her stays: Home greets a visitor, "Hulp" is the Wegwijzer again.
    open_page(page, "/leusden/mijn-gegevens")
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Welkom", exact=True)).to_be_visible()
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(main_menu(page).get_by_role("link", name="Hulp", exact=True)).to_have_attribute(
        "href", "/leusden/hulp"
    )
    expect(page.get_by_text("Carla helpt u")).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("link", name="Inloggen")).to_be_visible()
