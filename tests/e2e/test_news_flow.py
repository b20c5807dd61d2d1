"""The news issue's headline bar on a phone (390x844): a trekker writes a post with a photo, sees
the writing helper flag a long sentence, and sends it; the coordinator approves it; a caregiver of
that wijk sees it first under "Uit uw wijk", its photo with the description as its alt text. axe on
each page on the way, in both languages; the trekker gets a mail when it is approved.

The test makes its own trekker and caregiver of one Leusden wijk (Tabaksteeg: no demo person lives
there) and signs in the demo's coordinator Gerrit; the post's title is its own, so the demo's
posts and other tests' do not matter.
"""

import io
import re
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Membership, NewsPost, Person, PostStatus, Role, Wijk
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import person_named, signed_in
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

WIJK = "Tabaksteeg"
LONG = (
    "Op dinsdagmiddag komen we met een groep mantelzorgers uit de wijk bij elkaar in het wijkcentrum "
    "om samen koffie te drinken en ervaringen te delen."
)  # 23 words: the writing helper says it is long
SHORT = "Iedereen is welkom. U hoeft zich niet aan te melden."
ALT = "Twee koppen koffie op een tafel in het wijkcentrum"
PHOTO_URL = re.compile(r"/nieuws-foto/\d+\.jpg")  # served by news_photo_routes, not under /_upload
LOADS = 30_000  # ms: the first visit of a page may wait for the build's cold start


def _people(db_url: str) -> tuple[int, int, str]:
    """A trekker and a caregiver of Tabaksteeg, made for this test: (trekker, caregiver, the
    trekker's address)."""
    db = engine(db_url)
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        wijk = session.exec(select(Wijk).where(Wijk.hub_id == hub.id, Wijk.name == WIJK)).one()
        found, addresses = [], []
        for first_name, role in (("Tineke", Role.trekker), ("Ruud", Role.caregiver)):
            person = Person(
                first_name=first_name, email=f"{first_name.lower()}.{uuid.uuid4().hex[:8]}@example.org"
            )
            session.add(person)
            session.flush()
            session.add(Membership(person_id=person.id, hub_id=hub.id, role=role, wijk_id=wijk.id))
            found.append(person.id)
            addresses.append(person.email)
        session.commit()
    db.dispose()
    return found[0], found[1], addresses[0]


def _status(db_url: str, title: str) -> PostStatus | None:
    db = engine(db_url)
    with Session(db) as session:
        status = session.exec(select(NewsPost.status).where(NewsPost.title == title)).first()
    db.dispose()
    return status


def _photo(folder: Path) -> Path:
    """A phone-sized drawn picture (no person in it) as a JPEG file to upload."""
    picture = Image.new("RGB", (1600, 1200), (230, 220, 200))
    draw = ImageDraw.Draw(picture)
    for x in (450, 950):
        draw.ellipse((x, 500, x + 250, 650), fill=(120, 70, 40))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    path = folder / "koffie.jpg"
    path.write_bytes(out.getvalue())
    return path


def _mail_to(smtp: SmtpServer, address: str) -> EmailMessage:
    """The last mail to ``address``; the app sends it just after the commit, so wait a little."""
    for _ in range(50):
        try:
            return smtp.last_to(address)
        except LookupError:
            time.sleep(0.2)
    return smtp.last_to(address)


def both_languages(page: Page, name: str) -> None:
    """check_page in Dutch, then in English (the header's button), then back in Dutch."""
    check_page(page, name)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, f"{name}-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_a_trekkers_post_with_a_photo_reaches_the_caregivers_of_the_wijk(
    browser: Browser, app: RunningApp, smtp: SmtpServer, tmp_path: Path
):
    trekker, caregiver, address = _people(app.db_url)
    title = f"Koffie in {WIJK} {uuid.uuid4().hex[:4]}"

    # The trekker writes on their phone: the helper flags the long sentence while they type.
    with phone(browser, app.url) as page:
        signed_in(page, app, trekker, app.url)
        open_page(page, "/leusden/nieuws/schrijven")
        expect(page.get_by_role("heading", level=1, name="Schrijf een bericht")).to_be_visible(timeout=LOADS)
        expect(page.get_by_text(f"Uw bericht is voor de wijk {WIJK}.")).to_be_visible()  # no choice
        page.get_by_label("Titel", exact=True).fill(title)
        page.get_by_label("Uw bericht", exact=True).fill(f"{LONG}\n\n{SHORT}")
        tips = page.get_by_role("region", name="Tips voor uw tekst")  # only the count is live
        expect(tips).to_contain_text(
            re.compile(r"is lang: \d+ woorden\. Maak er twee zinnen van\."), timeout=10_000
        )
        expect(tips).to_contain_text("Op dinsdagmiddag komen")  # which sentence: its start
        expect(page.get_by_text("Opgeslagen. U kunt later verder schrijven.")).to_be_visible()
        expect(page.get_by_text("Foto toevoegen", exact=True)).to_be_visible()
        both_languages(page, "news-flow-writing-tips")
        page.locator("input[type=file]").set_input_files(_photo(tmp_path))
        alt = page.get_by_label("Wat staat er op de foto?")
        expect(alt).to_be_visible(timeout=15_000)
        expect(page.locator("main section img")).to_have_attribute("src", PHOTO_URL)
        alt.fill(ALT)
        alt.blur()
        expect(page.get_by_role("img", name=ALT)).to_be_visible()  # the preview says the description
        both_languages(page, "news-flow-writing")
        page.get_by_role("button", name="Stuur naar de coördinator").click()
        expect(page.get_by_role("heading", level=1, name="Mijn berichten")).to_be_visible()
        mine = page.locator("main li.card").filter(has=page.get_by_role("heading", name=title))
        expect(mine).to_contain_text("Wacht op de coördinator")
        assert _status(app.db_url, title) == PostStatus.waiting
        page.wait_for_selector('div.app[data-ready="true"]')
        both_languages(page, "news-flow-mine")

    # The coordinator approves it on the beheer page.
    with phone(browser, app.url) as page:
        signed_in(page, app, person_named(app.db_url, "Gerrit"), app.url, sessions.STAFF_EMAIL)
        open_page(page, "/leusden/beheer/nieuws")
        expect(page.get_by_role("heading", level=1, name="Nieuws controleren")).to_be_visible(timeout=LOADS)
        card = page.locator("main li.card").filter(has=page.get_by_role("heading", name=title))
        expect(card).to_contain_text(WIJK)
        expect(card).to_contain_text("Geschreven door Tineke")
        expect(card.get_by_role("img", name=ALT)).to_be_visible()
        expect(card).to_contain_text(SHORT)  # the whole text
        both_languages(page, "news-flow-moderation")
        card.get_by_role("button", name="Goedkeuren").click()
        expect(card.get_by_role("button", name="Haal weg")).to_be_visible()  # now under Gepubliceerd
        expect(card.get_by_role("button", name="Goedkeuren")).to_have_count(0)
        assert _status(app.db_url, title) == PostStatus.published
        told = _mail_to(smtp, address)  # the trekker hears of the decision
        assert told["Subject"] == "Uw bericht staat op de Mantelzorghub"
        assert title in told.get_content()

    # A caregiver of the wijk sees it first under "Uit uw wijk", the photo's alt the description.
    with phone(browser, app.url) as page:
        signed_in(page, app, caregiver, app.url)
        open_page(page, "/leusden/nieuws")
        expect(page.get_by_role("heading", level=1, name="Nieuws")).to_be_visible(timeout=LOADS)
        expect(page.locator("main").get_by_role("heading", level=2).first).to_have_text("Uit uw wijk")
        section = page.get_by_role("region", name="Uit uw wijk")
        first = section.locator("article").first
        expect(first.get_by_role("heading", name=title)).to_be_visible()  # the newest of the wijk first
        expect(first.get_by_role("img", name=ALT)).to_be_visible()
        expect(first).to_contain_text(f"Trekkersgroep {WIJK}")
        both_languages(page, "news-flow-list")
        first.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        expect(page.get_by_role("img", name=ALT)).to_be_visible()
        expect(page.get_by_text(SHORT)).to_be_visible()
        expect(page.get_by_role("button", name="Lees voor").first).to_be_visible()
        both_languages(page, "news-flow-post")
