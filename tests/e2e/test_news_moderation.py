"""Nieuws controleren on a phone: the coordinator reads a waiting post whole (photo with its
description, the text in paragraphs), approves one, asks a change on another (the note is required,
nothing is decided without it), and takes a published one down after "Zeker weten?"; axe and a
screenshot of each screen, in both languages."""

import io
import uuid
from datetime import UTC, datetime

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, NewsPhoto, NewsPost, PostStatus, Wijk
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_chat import in_language, person_named, signed_in
from tests.support.server import RunningApp

DUTCH = {
    "heading": "Nieuws controleren",
    "approve": "Goedkeuren",
    "change": "Vraag een wijziging",
    "reject": "Niet plaatsen",
    "approved": "Goedgekeurd. Het bericht staat nu bij Nieuws.",
    "change_label": "Wat moet er anders? De schrijver leest dit in een mail.",
    "send_change": "Stuur uw vraag",
    "no_note": "Schrijf in een paar woorden wat de schrijver moet weten.",
    "asked": "De schrijver krijgt een mail met uw vraag.",
    "published": "Gepubliceerd",
    "take_down": "Haal weg",
    "sure": "Zeker weten? Dan staat het bericht niet meer bij Nieuws.",
    "yes_down": "Ja, haal weg",
    "taken_down": "Het bericht is weggehaald. De schrijver krijgt een mail.",
    "feeds": "Nieuwsbronnen",
}
ALT = "Twee koppen koffie op een tafel in het buurthuis"


def _words(language: str) -> dict[str, str]:
    return {key: i18n.gettext(language, msgid) for key, msgid in DUTCH.items()}


def _waiting_posts(db_url: str, tag: str) -> tuple[str, str]:
    """Two posts of Anna (a demo caregiver of Leusden) waiting for the check, the first with a
    photo; their titles."""
    db = engine(db_url)
    anna = person_named(db_url, "Anna")
    titles = (f"Koffie in de wijk {tag}", f"Markt op zaterdag {tag}")
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        wijk = session.exec(select(Wijk).where(Wijk.hub_id == hub.id).order_by(Wijk.name)).first()
        out = io.BytesIO()
        Image.new("RGB", (600, 400), (200, 140, 60)).save(out, "JPEG")
        photo = NewsPhoto(hub_id=hub.id, author_id=anna, data=out.getvalue(), width=600, height=400, alt=ALT)
        session.add(photo)
        session.flush()
        now = datetime.now(UTC)
        for n, title in enumerate(titles):
            session.add(
                NewsPost(
                    hub_id=hub.id,
                    wijk_id=wijk.id,
                    author_id=anna,
                    author_name="Anna",
                    title=title,
                    body="Elke dinsdag is er koffie in het buurthuis.\n\nU bent welkom vanaf tien uur.",
                    photo_id=photo.id if n == 0 else None,
                    status=PostStatus.waiting,
                    sent_at=now,
                )
            )
        session.commit()
    db.dispose()
    return titles


def _status_of(db_url: str, title: str) -> tuple[PostStatus, str]:
    db = engine(db_url)
    with Session(db) as session:
        post = session.exec(select(NewsPost).where(NewsPost.title == title)).one()
        found = (PostStatus(post.status), post.note)
    db.dispose()
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_coordinator_approves_asks_a_change_and_takes_down(page: Page, app: RunningApp, language: str):
    words = _words(language)
    first, second = _waiting_posts(app.db_url, f"{language}-{uuid.uuid4().hex[:6]}")
    signed_in(page, app, person_named(app.db_url, "Gerrit"), app.url, sessions.STAFF_EMAIL)

    open_page(page, "/leusden/beheer/nieuws")
    in_language(page, language)
    expect(page.get_by_role("heading", level=1, name=words["heading"])).to_be_visible()
    card = page.locator("li.card").filter(has=page.get_by_role("heading", name=first))
    expect(card.get_by_role("img", name=ALT)).to_be_visible()
    expect(card.get_by_text("U bent welkom vanaf tien uur.")).to_be_visible()
    expect(card.locator(".news-body")).to_have_attribute("lang", "nl")  # a Dutch voice, also in English
    expect(page.get_by_role("link", name=words["feeds"])).to_be_visible()
    check_page(page, f"news-moderation-{language}")

    card.get_by_role("button", name=words["approve"]).click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(words["approved"])
    published = page.get_by_role("region", name=words["published"])
    expect(published.get_by_role("heading", name=first)).to_be_visible()
    assert _status_of(app.db_url, first)[0] == PostStatus.published

    other = page.locator("li.card").filter(has=page.get_by_role("heading", name=second))
    other.get_by_role("button", name=words["change"]).click()
    note = other.get_by_role("textbox", name=words["change_label"])
    expect(note).to_be_focused()  # straight into the field that opened
    other.get_by_role("button", name=words["send_change"]).click()  # without words: nothing decided
    expect(other.get_by_role("alert")).to_have_text(words["no_note"])
    assert _status_of(app.db_url, second)[0] == PostStatus.waiting
    check_page(page, f"news-moderation-note-{language}")
    note.fill("Zet er de tijd bij, graag.")
    other.get_by_role("button", name=words["send_change"]).click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(words["asked"])
    assert _status_of(app.db_url, second) == (PostStatus.changes, "Zet er de tijd bij, graag.")
    expect(page.locator("li.card").filter(has=page.get_by_role("heading", name=second))).to_have_count(0)

    shown = published.locator("li.card").filter(has=page.get_by_role("heading", name=first))
    shown.get_by_role("button", name=words["take_down"]).click()
    expect(shown.get_by_text(words["sure"])).to_be_visible()
    check_page(page, f"news-moderation-take-down-{language}")
    shown.get_by_role("button", name=words["yes_down"]).click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(words["taken_down"])
    assert _status_of(app.db_url, first)[0] == PostStatus.taken_down
    check_page(page, f"news-moderation-decided-{language}")
