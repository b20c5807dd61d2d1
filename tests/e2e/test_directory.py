"""The sociale kaart on a phone: Leusden's services by category and never Poperinge's; a card opens
from the list with a tel: link that dials and an address that opens a map; "Lees voor" reads the
card in order; an id it does not know (another hub's, or junk) says so; axe on both, in both languages."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Service
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page
from tests.support.server import RunningApp

CAFE = "Mantelzorgcafé Leusden"


def services_of(db_url: str, slug: str) -> list[Service]:
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == slug)).one()
        found = list(
            session.exec(select(Service).where(Service.hub_id == hub.id, Service.status == "active")).all()
        )
        session.expunge_all()
    db.dispose()
    return found


def heading(page: Page, text: str, level: int = 1):
    return page.get_by_role("heading", level=level, name=text, exact=True)


def test_the_list_shows_leusdens_services_by_category_and_never_poperinges(page: Page, app: RunningApp):
    leusden, poperinge = services_of(app.db_url, "leusden"), services_of(app.db_url, "poperinge")
    assert len(leusden) >= 30 and poperinge
    open_page(page, "/leusden")
    page.get_by_role("main").get_by_role("link", name="Sociale kaart").click()
    expect(heading(page, "Sociale kaart")).to_be_visible()
    page.wait_for_selector('div.app[data-ready="true"]')
    main = page.get_by_role("main")
    expect(main.locator("a.service-card")).to_have_count(len(leusden))
    for value in {service.category for service in leusden}:
        expect(heading(page, BY_VALUE[value].label, level=2)).to_be_visible()
    for service in leusden:
        card = main.locator("a.service-card", has_text=service.name)
        expect(card.first).to_have_attribute("href", f"/leusden/sociale-kaart/{service.id}")
    names = {service.name for service in leusden}
    text = main.inner_text()
    assert not [s.name for s in poperinge if s.name not in names and s.name in text]
    # A topic jumps to its category; Zoeken is one tap away.
    topics = page.get_by_role("navigation", name="Onderwerpen")
    topics.get_by_role("link", name="Vervoer").click()
    vervoer = heading(page, "Vervoer", level=2)
    expect(vervoer).to_be_in_viewport()
    box = vervoer.bounding_box()
    assert box is not None and box["y"] < 200, box  # at the top of the screen, not just somewhere on it
    expect(main.get_by_role("link", name="Zoek een dienst")).to_have_attribute("href", "/leusden/zoeken")
    check_page(page, "directory-list")
    page.get_by_role("button", name="English").click()
    expect(heading(page, "Local services")).to_be_visible()
    check_page(page, "directory-list-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(heading(page, "Sociale kaart")).to_be_visible()


def test_a_card_opens_from_the_list_with_a_number_to_tap_and_a_map(page: Page, app: RunningApp):
    cafe = next(s for s in services_of(app.db_url, "leusden") if s.name == CAFE)
    page.add_init_script(
        """window.__spoken = [];
        Object.defineProperty(window, 'speechSynthesis', {value: {
            speaking: false, pending: false, cancel() {}, speak(u) { window.__spoken.push(u.text); }}});"""
    )
    open_page(page, "/leusden/sociale-kaart")
    page.get_by_role("main").locator("a.service-card", has_text=CAFE).click()
    expect(heading(page, CAFE)).to_be_visible()
    assert page.url.endswith(f"/leusden/sociale-kaart/{cafe.id}")
    main = page.get_by_role("main")

    call = main.get_by_role("link", name=f"Bel {cafe.phone}")
    expect(call).to_be_visible()
    digits = "".join(c for c in cafe.phone if c.isdigit())
    expect(call).to_have_attribute("href", f"tel:{digits}")
    box = call.bounding_box()
    assert box is not None and box["height"] >= 48
    # The café is monthly: the week says so, and the now-line says when it opens next.
    expect(main.get_by_text("Elke eerste dinsdag van de maand: 19.30 tot 21.30 uur")).to_be_visible()
    expect(main.locator("p.now-line")).to_have_text(
        re.compile(r"^(Nu open tot|Vandaag open van|Nu gesloten\. )")
    )
    expect(main.get_by_text("Laatst gecontroleerd op ")).to_be_visible()
    expect(main.locator(".informal-badge")).to_have_text("Vrijwilligers")

    map_link = main.get_by_role("link", name="Bekijk op de kaart")
    href = map_link.get_attribute("href") or ""
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/search/"), href
    assert (
        cafe.city in parse_qs(parts.query)["query"][0] and cafe.address_1 in parse_qs(parts.query)["query"][0]
    )

    # "Lees voor" reads the card as it stands: name, hours, the call, what they do, ... last checked.
    page.get_by_role("button", name="Lees voor").click()
    spoken = page.evaluate("window.__spoken.join(' ')")
    order = [
        CAFE,
        "Openingstijden",
        f"Bel {cafe.phone}",
        "Wat doen zij?",
        "Wat kost het?",
        "Laatst gecontroleerd",
    ]
    places = [spoken.find(part) for part in order]
    assert -1 not in places and places == sorted(places), spoken
    assert "Hoofdmenu" not in spoken and "Agenda" not in spoken  # the bottom bar is not read
    check_page(page, "directory-card")

    page.get_by_role("button", name="English").click()
    expect(page).to_have_title(re.compile(f"^{CAFE} - Local services - "))
    check_page(page, "directory-card-en")
    page.get_by_role("button", name="Nederlands").click()
    # Back on the list where she left it: at the café's category.
    main.get_by_role("link", name="Terug naar de sociale kaart").click()
    expect(heading(page, "Sociale kaart")).to_be_attached()
    expect(heading(page, "Steun voor mantelzorgers", level=2)).to_be_in_viewport()


def test_an_id_it_does_not_know_says_so(page: Page, app: RunningApp):
    other_hubs = services_of(app.db_url, "poperinge")[0]
    for dienst in (str(other_hubs.id), "999999", "abc", "1%20OR%201=1"):
        open_page(page, f"/leusden/sociale-kaart/{dienst}")
        expect(heading(page, "Deze dienst kennen wij niet")).to_be_visible()
        expect(page.get_by_text(other_hubs.name)).to_have_count(0)
        expect(page.get_by_role("main").get_by_role("link", name="Naar de sociale kaart")).to_be_visible()
    check_page(page, "directory-card-unknown")
