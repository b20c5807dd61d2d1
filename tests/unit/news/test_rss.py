"""The hub's news as RSS 2.0: parsed back with feedparser (no bozo), every item with its guid, link,
pubDate and the photo's enclosure; only published posts of this hub, newest first; the ETag."""

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from sqlmodel import Session

from mantelzorg_app.models import Hub, NewsPhoto, NewsPost, PostStatus, Wijk
from mantelzorg_app.services.news import rss

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
BASE = "https://mantelzorg.example"


def _hub(session: Session, slug: str, name: str) -> Hub:
    hub = Hub(slug=slug, name=name, country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL")
    session.add(hub)
    session.flush()
    return hub


def _post(session: Session, hub: Hub, title: str, status=PostStatus.published, days=0, **fields) -> NewsPost:
    published = NOW - timedelta(days=days) if status == PostStatus.published else None
    values = {"body": f"Over {title}.\n\nMet koffie & <koek>.", "updated_at": NOW - timedelta(days=days)}
    post = NewsPost(hub_id=hub.id, title=title, status=status, published_at=published, **(values | fields))
    session.add(post)
    session.flush()
    return post


@pytest.fixture
def world(session: Session) -> dict:
    leusden = _hub(session, "leusden", "Leusden")
    other = _hub(session, "poperinge", "Poperinge")
    centrum = Wijk(hub_id=leusden.id, slug="centrum", name="Centrum", kind="wijk")
    session.add(centrum)
    session.flush()
    photo = NewsPhoto(hub_id=leusden.id, data=b"\xff\xd8" + b"x" * 998, width=10, height=10, alt="Een bank")
    session.add(photo)
    session.flush()
    posts = {
        "cafe": _post(session, leusden, "Koffie in de wijk", days=1, wijk_id=centrum.id, photo_id=photo.id),
        "walk": _post(session, leusden, "Samen wandelen", days=3),
        "draft": _post(session, leusden, "Nog een concept", PostStatus.draft),
        "waiting": _post(session, leusden, "Wacht op de coordinator", PostStatus.waiting),
        "changes": _post(session, leusden, "Graag wijzigen", PostStatus.changes),
        "rejected": _post(session, leusden, "Niet geplaatst", PostStatus.rejected),
        "down": _post(session, leusden, "Weggehaald", PostStatus.taken_down),
        "elsewhere": _post(session, other, "Nieuws uit Poperinge"),
    }
    session.commit()
    return {"hub": leusden, "other": other, "photo": photo, "wijk": centrum, **posts}


def _parsed(session: Session, hub: Hub):
    return feedparser.parse(rss.hub_news(session, hub, BASE).build())


def test_it_parses_back_without_bozo_with_guid_link_and_pubdate(session: Session, world: dict):
    parsed = _parsed(session, world["hub"])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Nieuws van Mantelzorghub Leusden"
    assert parsed.feed.link == f"{BASE}/leusden/nieuws"
    assert parsed.feed.language == "nl"
    assert [e.title for e in parsed.entries] == ["Koffie in de wijk", "Samen wandelen"]  # newest first
    for entry in parsed.entries:
        assert entry.id == entry.link
        assert entry.published_parsed is not None
    cafe = parsed.entries[0]
    assert cafe.link == f"{BASE}/leusden/nieuws/{world['cafe'].id}"
    assert datetime(*cafe.published_parsed[:6], tzinfo=UTC) == NOW - timedelta(days=1)
    assert cafe.summary.startswith("Over Koffie in de wijk.")
    assert [t.term for t in cafe.tags] == ["Centrum"]
    assert parsed.entries[1].tags[0].term == "Leusden"  # the whole hub


def test_the_text_is_escaped_plain_text(session: Session, world: dict):
    raw = rss.hub_news(session, world["hub"], BASE).build().decode()
    assert "&lt;koek&gt;" in raw and "<koek>" not in raw
    assert "koffie &amp;" in raw
    assert raw.count('<guid isPermaLink="true">') == 2


def test_a_photo_is_an_enclosure_with_its_length(session: Session, world: dict):
    cafe = _parsed(session, world["hub"]).entries[0]
    [enclosure] = cafe.enclosures
    assert enclosure.href == f"{BASE}/nieuws-foto/{world['photo'].id}.jpg"
    assert enclosure.type == "image/jpeg"
    assert enclosure.length == "1000"
    assert _parsed(session, world["hub"]).entries[1].enclosures == []


def test_only_this_hubs_published_posts(session: Session, world: dict):
    raw = rss.hub_news(session, world["hub"], BASE).build().decode()
    for kept_out in ("draft", "waiting", "changes", "rejected", "down", "elsewhere"):
        assert world[kept_out].title not in raw, kept_out
    assert [e.title for e in _parsed(session, world["other"]).entries] == ["Nieuws uit Poperinge"]


def test_at_most_fifty_newest(session: Session, world: dict):
    for n in range(60):
        _post(session, world["hub"], f"Bericht {n}", days=10 + n)
    session.commit()
    titles = [e.title for e in _parsed(session, world["hub"]).entries]
    assert len(titles) == rss.MOST == 50
    assert titles[:3] == ["Koffie in de wijk", "Samen wandelen", "Bericht 0"]


def test_an_empty_hub_is_a_valid_feed(session: Session, world: dict):
    empty = _hub(session, "leeg", "Leeg")
    parsed = _parsed(session, empty)
    assert parsed.bozo == 0 and parsed.entries == []


def test_the_etag_stays_while_nothing_changes_and_follows_each_change(session: Session, world: dict):
    hub = world["hub"]
    first = rss.hub_news(session, hub, BASE)
    again = rss.hub_news(session, hub, BASE)
    assert first.etag == again.etag and first.etag.startswith('"')
    assert first.build() == again.build()  # the same posts give the same bytes
    assert rss.hub_news(session, hub, "https://elders.example").etag != first.etag

    world["walk"].status = PostStatus.taken_down  # an older post taken down
    session.commit()
    down = rss.hub_news(session, hub, BASE).etag
    assert down != first.etag

    world["cafe"].title, world["cafe"].updated_at = "Koffie en thee", NOW
    session.commit()
    assert rss.hub_news(session, hub, BASE).etag != down

    world["wijk"].name = "Centrum-Oost"
    session.commit()
    renamed = rss.hub_news(session, hub, BASE)
    assert "Centrum-Oost" in renamed.build().decode()
