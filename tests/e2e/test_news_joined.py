"""The news joined up, on a phone with the demo: Zoeken's "wandelen" finds the trekkersgroep's post
under "Nieuws", a link to its page; and a caregiver sends a post to her volunteer, where it shows as
a tappable card ("Lees het bericht") in their conversation. axe on each, in both languages."""

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import NewsPost
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import FIRST_LOAD, lines, make_pair
from tests.e2e.test_chat_cards import signed_in
from tests.e2e.test_search import cards, search_for, titles
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

SHOTS = Path("/tmp/shots15/h7-joined")
WALK = "Samen wandelen op dinsdag"  # the demo's post of Zuid, with the drawn photo


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _post_id(db_url: str, title: str) -> int:
    db = engine(db_url)
    with Session(db) as session:
        found = session.exec(select(NewsPost.id).where(NewsPost.title == title)).one()
    db.dispose()
    return found


def _english(page: Page) -> None:
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_zoeken_finds_a_post_under_nieuws(page: Page, app: RunningApp) -> None:
    open_page(page, "/leusden/zoeken")
    search_for(page, "wandelen")
    assert WALK in titles(page, "Nieuws")
    link = cards(page, "Nieuws").filter(has_text=WALK)
    expect(link).to_have_attribute("href", f"/leusden/nieuws/{_post_id(app.db_url, WALK)}")
    _shot(page, "search-wandelen")
    check_page(page, "news-search-wandelen")
    _english(page)
    expect(cards(page, "News").filter(has_text=WALK)).to_have_count(1)
    check_page(page, "news-search-wandelen-en")

    link = cards(page, "News").filter(has_text=WALK)
    link.click()
    page.wait_for_url(re.compile(r".*/leusden/nieuws/\d+$"))
    expect(page.get_by_role("heading", level=1, name=WALK)).to_be_visible()


def test_a_post_goes_to_the_volunteer_as_a_card(browser: Browser, app: RunningApp, smtp: SmtpServer) -> None:
    pair = make_pair(app.db_url, "Aukje", "Berber")
    post_id = _post_id(app.db_url, WALK)
    with phone(browser, app.url) as aukje:
        signed_in(aukje, smtp, app.db_url, pair.caregiver)
        aukje.goto(f"/leusden/nieuws/{post_id}")
        aukje.wait_for_selector('div.app[data-ready="true"]', timeout=FIRST_LOAD)
        expect(aukje.get_by_role("heading", level=1, name=WALK)).to_be_visible()
        aukje.get_by_role("button", name="Stuur naar mijn vrijwilliger").click()
        aukje.wait_for_url(f"**/leusden/praten/{pair.conversation_id}")
        card = lines(aukje).filter(has_text=WALK)
        expect(card).to_have_count(1)
        expect(card.get_by_role("link")).to_have_attribute("href", f"/leusden/nieuws/{post_id}")
        expect(card).to_contain_text("Lees het bericht")
        _shot(aukje, "chat-post-card")
        check_page(aukje, "news-chat-card")
        _english(aukje)
        expect(aukje.get_by_role("main").get_by_role("link", name=WALK)).to_have_count(1)
        check_page(aukje, "news-chat-card-en")
