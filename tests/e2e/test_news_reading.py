"""Reading the news on a phone: the Home tile "Nieuws" opens "Uit {hub}" and "Algemeen nieuws" for a
visitor; a wijk chip puts that wijk first; a signed-in caregiver sees their own wijk first under "Uit
uw wijk", with the photo's description as its alt text; a post's page has its paragraphs and "Kom
ook"; a general item's page links to its source in a new tab; Home shows the newest local post. axe
on each, in both languages.

The test makes its own posts and item (titles starting "Proef"), published a moment ago, beside the
demo's."""

import io
import re
from datetime import UTC, datetime, timedelta

from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Activity,
    Hub,
    Membership,
    NewsFeed,
    NewsItem,
    NewsPhoto,
    NewsPost,
    PostStatus,
    Role,
    Wijk,
)
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import make_person, signed_in
from tests.support.server import RunningApp

OWN, OTHER, WHOLE, ITEM = "Proef-buurtsoep", "Proef-wandeling", "Proef-voor-iedereen", "Proef-landelijk"
ALT = "Een pan soep op een tafel in het buurthuis"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def seed(db_url: str, person_id: int, writer_id: int) -> dict[str, object]:
    """Leusden's first wijk is the person's own: a post there with a photo and a link to an activity;
    a post of another wijk, one for the whole hub, and a general item of a feed."""
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        own, other = session.exec(select(Wijk).where(Wijk.hub_id == hub.id).order_by(Wijk.name)).all()[:2]
        membership = session.exec(
            select(Membership).where(Membership.person_id == person_id, Membership.hub_id == hub.id)
        ).one()
        membership.wijk_id = own.id
        activity = session.exec(
            select(Activity).where(Activity.hub_id == hub.id, Activity.cancelled_at.is_(None))  # type: ignore[union-attr]
        ).first()
        photo = NewsPhoto(hub_id=hub.id, data=_jpeg(), width=120, height=80, alt=ALT)
        session.add_all([membership, photo])
        session.flush()
        now = datetime.now(UTC)

        def post(title: str, wijk: Wijk | None, minutes: int, **fields) -> NewsPost:
            row = NewsPost(
                hub_id=hub.id,
                wijk_id=wijk.id if wijk else None,
                author_id=writer_id,
                author_name="Eva",
                title=title,
                body="Wij koken soep voor de buurt.\n\nKom gerust langs. Neem een kom mee.",
                status=PostStatus.published,
                published_at=now - timedelta(minutes=minutes),
                **fields,
            )
            session.add(row)
            return row

        mine = post(OWN, own, 3, photo_id=photo.id, activity_id=activity.id if activity else None)
        post(OTHER, other, 2)
        post(WHOLE, None, 1)
        feed = NewsFeed(
            hub_id=hub.id, url=f"https://example.org/proef-nieuws-{person_id}.rss", name="Proefbron"
        )
        session.add(feed)
        session.flush()
        item = NewsItem(
            feed_id=feed.id,
            hub_id=hub.id,
            guid=f"proef-landelijk-{person_id}",
            link="https://example.org/proef-landelijk",
            title=ITEM,
            summary="Landelijk nieuws over zorgen voor iemand.",
            html="<p>Landelijk nieuws over <strong>zorgen voor iemand</strong>.</p>",
            published_at=now - timedelta(minutes=5),
        )
        session.add(item)
        session.commit()
        found = {
            "own": own.name,
            "other": other.name,
            "post": mine.id,
            "item": item.id,
            "activity": bool(activity),
        }
    db.dispose()
    return found


def card_of(page: Page, title: str):
    return page.locator("main article.news-card", has=page.get_by_role("heading", name=title, exact=True))


def section_of(page: Page, heading: str):
    return page.get_by_role("region", name=heading, exact=True)


def test_the_news_page_for_a_visitor_and_a_caregiver(browser: Browser, app: RunningApp):
    me = make_person(app.db_url, "Nieuwsanne")
    seeded = seed(app.db_url, me, make_person(app.db_url, "Eva", Role.trekker))
    with phone(browser, app.url) as page:
        # A visitor: the hub's posts and the general news; no "Uit uw wijk".
        open_page(page, "/leusden")
        page.get_by_role("link", name="Nieuws", exact=True).click()
        expect(page.get_by_role("heading", level=1, name="Nieuws")).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        hub = section_of(page, "Uit Leusden")
        for title in (OWN, OTHER, WHOLE):
            expect(
                hub.locator("article.news-card", has=page.get_by_role("heading", name=title))
            ).to_be_visible()
        expect(section_of(page, "Uit uw wijk")).to_have_count(0)
        general = section_of(page, "Algemeen nieuws")
        expect(card_of(page, ITEM)).to_contain_text("Proefbron")
        expect(general).to_contain_text(ITEM)
        own = card_of(page, OWN)
        expect(own.get_by_role("img", name=ALT)).to_be_visible()
        expect(own).to_contain_text(f"Trekkersgroep {seeded['own']}")
        expect(own).to_contain_text(re.compile(r"vandaag|gisteren"))
        expect(card_of(page, WHOLE)).to_contain_text("Mantelzorghub Leusden")
        follow = section_of(page, "Voor wie een nieuwslezer gebruikt")
        feed = follow.get_by_role("link", name="Volg dit nieuws")
        expect(feed).to_have_attribute("href", "/feeds/leusden/nieuws.rss")
        expect(section_of(page, "Zelf schrijven")).to_have_count(0)  # a visitor writes nothing
        expect(page.get_by_role("link", name="Schrijf een bericht")).to_have_count(0)
        check_page(page, "news")

        # A wijk chip puts that wijk first.
        page.get_by_text("Kies een wijk").click()
        chips = page.get_by_role("radiogroup", name="Nieuws uit welke wijk?")
        chips.get_by_role("radio", name=seeded["other"], exact=True).click()
        first = page.locator("section.news-section").first
        expect(first.get_by_role("heading", level=2)).to_have_text(f"Uit {seeded['other']}")
        expect(first).to_contain_text(OTHER)
        expect(first).not_to_contain_text(OWN)
        expect(chips.get_by_role("radio", name=seeded["other"], exact=True)).to_have_attribute(
            "aria-checked", "true"
        )
        check_page(page, "news-chip")
        # in the address, so a reload (or Back from a post) keeps it
        expect(page).to_have_url(re.compile(r"/leusden/nieuws\?wijk=\d+$"))
        page.reload()
        page.wait_for_selector('div.app[data-ready="true"]')
        first = page.locator("section.news-section").first
        expect(first.get_by_role("heading", level=2)).to_have_text(f"Uit {seeded['other']}")

        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", level=1, name="News")).to_be_visible()
        expect(page.get_by_role("region", name="General news")).to_be_visible()
        # the posts' own words stay marked Dutch on the English page, for a Dutch voice
        expect(card_of(page, OWN).locator("h3")).to_have_attribute("lang", "nl")
        expect(card_of(page, OWN).locator(".news-summary")).to_have_attribute("lang", "nl")
        check_page(page, "news-en")
        page.get_by_role("button", name="Nederlands").click()
        expect(page.locator("html")).to_have_attribute("lang", "nl")

        # Signed in: the caregiver's own wijk first, under "Uit uw wijk".
        signed_in(page, app, me, app.url)
        open_page(page, "/leusden/nieuws")
        first = page.locator("section.news-section").first
        expect(first.get_by_role("heading", level=2)).to_have_text("Uit uw wijk")
        mine = first.locator("article.news-card").first
        expect(mine.get_by_role("heading", name=OWN)).to_be_visible()
        expect(mine.get_by_role("img")).to_have_attribute("alt", ALT)
        expect(section_of(page, "Uit Leusden")).not_to_contain_text(OWN)
        check_page(page, "news-signed-in")

        # The post's own page.
        mine.get_by_role("link", name=OWN).click()
        expect(page.get_by_role("heading", level=1, name=OWN)).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        expect(page.get_by_role("img", name=ALT)).to_be_visible()
        expect(page.locator("main .news-body p")).to_have_count(2)
        expect(page.get_by_text(f"Eva, Trekkersgroep {seeded['own']}")).to_be_visible()
        expect(page.get_by_role("button", name="Lees voor")).to_be_visible()
        if seeded["activity"]:
            expect(
                page.get_by_role("region", name="Kom ook").get_by_role("link", name="Naar de activiteit")
            ).to_be_visible()
        check_page(page, "news-post")
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("link", name="Back to the news")).to_be_visible()
        expect(page.locator("main h1 [lang='nl']")).to_have_text(OWN)
        expect(page.locator("main .news-body")).to_have_attribute("lang", "nl")
        check_page(page, "news-post-en")
        page.get_by_role("button", name="Nederlands").click()
        expect(page.locator("html")).to_have_attribute("lang", "nl")

        # Home: the newest post of the caregiver's wijk.
        open_page(page, "/leusden")
        home = page.get_by_role("region", name="Nieuws uit de buurt")
        expect(home.get_by_role("heading", name=OWN)).to_be_visible()
        home.scroll_into_view_if_needed()
        check_page(page, "news-home")


def test_a_general_item_links_to_its_source(browser: Browser, app: RunningApp):
    me = make_person(app.db_url, "Nieuwsbert")
    seeded = seed(app.db_url, me, me)
    with phone(browser, app.url) as page:
        open_page(page, f"/leusden/nieuws/algemeen/{seeded['item']}")
        expect(page.get_by_role("heading", level=1, name=ITEM)).to_be_visible()
        expect(page.locator("main .news-html strong")).to_have_text("zorgen voor iemand")
        source = page.get_by_role("link", name="Lees verder bij Proefbron")
        expect(source).to_have_attribute("href", "https://example.org/proef-landelijk")
        expect(source).to_have_attribute("target", "_blank")
        expect(source).to_have_attribute("rel", "noopener noreferrer")
        check_page(page, "news-item")
        page.get_by_role("button", name="English").click()
        check_page(page, "news-item-en")
        page.get_by_role("button", name="Nederlands").click()
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        open_page(page, "/leusden/nieuws/999999999")
        expect(page.get_by_role("heading", level=1, name="Dit bericht kennen wij niet")).to_be_visible()
        check_page(page, "news-unknown")
