"""The importer against a real HTTP server on loopback (tests/support/feed_server.py) serving the
fixture feeds of tests/unit/news/feeds: RSS 2.0 and Atom, a malformed feed, an item with <script>,
onerror= and a javascript: link, a "billion laughs" document, a feed that never answers, a 404, an
endless body and an updated feed. Nothing breaks, nothing is duplicated, nothing unsafe is stored."""

import functools
import logging
import time
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, col, func, select

from mantelzorg_app.models import NewsFeed, NewsItem
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.news import fetching, importing
from mantelzorg_app.services.news.fetching import Fetched
from tests.support import feed_server
from tests.support.feed_server import Reply
from tests.unit.auth_fixtures import NOW, add_hub

FAST = functools.partial(fetching.fetch, timeout=1.0)


@pytest.fixture
def hub_id(session: Session) -> int:
    return add_hub(session, "leusden", "Leusden").id


@pytest.fixture
def server():
    with feed_server.serving(
        {
            "/rss.xml": feed_server.file("rss2.xml"),
            "/atom.xml": feed_server.file("atom.xml", content_type="application/atom+xml"),
            "/kapot.xml": feed_server.file("malformed.xml"),
            "/onveilig.xml": feed_server.file("unsafe.xml"),
            "/lachen.xml": feed_server.file("billion_laughs.xml"),
            "/nooit.xml": Reply(never=True),
            "/groot.xml": Reply(b"<rss>" + b"x" * 65536, endless=True),
            "/lang.xml": Reply(b"x" * (fetching.SIZE_MOST + 1)),
            "/html": Reply(b"<html><body><p>Geen feed</p></body></html>", content_type="text/html"),
            "/storing.xml": Reply(b"", 503, "text/plain"),
        }
    ) as running:
        yield running


def add_feed(session: Session, hub_id: int, url: str, name: str = "Bron") -> NewsFeed:
    feed = NewsFeed(hub_id=hub_id, url=url, name=name)
    session.add(feed)
    session.commit()
    session.refresh(feed)
    return feed


def items(session: Session, feed: NewsFeed | None = None) -> list[NewsItem]:
    query = select(NewsItem).order_by(NewsItem.guid)
    if feed is not None:
        query = query.where(NewsItem.feed_id == feed.id)
    return list(session.exec(query).all())


def test_an_rss_feed_loads_and_a_second_fetch_duplicates_nothing(session, hub_id, server):
    feed = add_feed(session, hub_id, server.url("/rss.xml"), "Mantelzorg Landelijk")
    (first,) = importing.fetch_all(session, NOW, fetch=FAST)
    assert (first.error, first.counts) == ("", importing.Counts(added=3))
    (second,) = importing.fetch_all(session, NOW + timedelta(hours=1), fetch=FAST)
    assert second.counts == importing.Counts(same=3)
    stored = items(session)
    assert [i.guid for i in stored] == ["https://mantelzorg.example.org/nieuws/praten", "mzl-1", "mzl-2"]
    vrij = stored[2]
    assert (vrij.title, vrij.link, vrij.hub_id) == (
        "Even vrij van de zorg",
        "https://mantelzorg.example.org/nieuws/vrij",
        hub_id,
    )
    assert 'href="https://mantelzorg.example.org/uitrusten"' in vrij.html  # relative link made absolute
    assert vrij.summary == "Iemand neemt de zorg even over. Zo kunt u uitrusten."
    assert vrij.published_at == NOW.replace(day=1, hour=9)  # 10.00 +01:00, in UTC
    session.refresh(feed)
    assert (feed.last_tried_at, feed.last_ok_at, feed.last_error) == (NOW + timedelta(hours=1),) * 2 + ("",)


def test_an_updated_feed_updates_adds_and_keeps_what_went(session, hub_id, server):
    feed = add_feed(session, hub_id, server.url("/rss.xml"))
    importing.fetch_all(session, NOW, fetch=FAST)
    server.routes["/rss.xml"] = feed_server.file("rss2_updated.xml")
    later = NOW + timedelta(hours=1)
    (outcome,) = importing.fetch_all(session, later, fetch=FAST)
    assert outcome.counts == importing.Counts(added=1, changed=1, same=1)
    stored = {i.guid: i for i in items(session, feed)}
    assert len(stored) == 4  # "praten" is gone from the feed but kept until it ages out
    assert stored["mzl-1"].title == "Week van de mantelzorg: het programma"
    assert "Het programma" in stored["mzl-1"].html
    assert (stored["mzl-1"].updated_at, stored["mzl-2"].updated_at) == (later, NOW)


def test_an_atom_feed_loads_with_its_headings_below_the_page_title(session, hub_id, server):
    add_feed(session, hub_id, server.url("/atom.xml"))
    (outcome,) = importing.fetch_all(session, NOW, fetch=FAST)
    assert outcome.counts.added == 2
    a1, a2 = items(session)
    assert a1.title == "Hulp bij het huishouden & de boodschappen"
    assert a1.html == "<h2>Hulp thuis</h2><p>Vraag het aan bij de gemeente.</p>"
    assert a2.published_at == NOW.replace(day=1, hour=8, minute=30)


def test_nothing_unsafe_reaches_the_page(session, hub_id, server):
    add_feed(session, hub_id, server.url("/onveilig.xml"))
    importing.fetch_all(session, NOW, fetch=FAST)
    (item,) = items(session)
    stored = " ".join([item.title, item.summary, item.html, item.link]).lower()
    for mark in ("<script", "onerror", "onclick", "javascript:", "<img", "<iframe", "<style", "style="):
        assert mark not in stored
    assert item.link == ""  # a javascript: link is no link
    assert item.image_url == "https://tracker.example.net/pixel.gif"  # loaded only after a tap
    assert (
        '<a href="https://goed.example.org/" target="_blank" rel="noopener noreferrer nofollow">goed</a>'
        in (item.html)
    )


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/kapot.xml", importing.NOT_A_FEED),
        ("/html", importing.NOT_A_FEED),
        ("/lachen.xml", importing.UNSAFE),
        ("/nooit.xml", fetching.TOO_SLOW),
        ("/bestaat-niet.xml", fetching.NOT_FOUND),
        ("/groot.xml", fetching.TOO_BIG),
        ("/lang.xml", fetching.TOO_BIG),
        ("/storing.xml", fetching.SERVER_TROUBLE),
    ],
)
def test_a_failure_is_recorded_in_words_and_stores_nothing(session, hub_id, server, path, error, caplog):
    feed = add_feed(session, hub_id, server.url(path))
    with caplog.at_level(logging.WARNING, "mantelzorg.news"):
        (outcome,) = importing.fetch_all(session, NOW, fetch=FAST)
    assert outcome.error == error
    assert items(session) == []
    session.refresh(feed)
    assert (feed.last_error, feed.last_ok_at, feed.last_tried_at) == (error, None, NOW)
    assert f"news feed {feed.id} of hub {hub_id}" in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_a_feed_that_never_answers_takes_the_timeout_only(server):
    started = time.monotonic()
    assert fetching.fetch(server.url("/nooit.xml"), timeout=1.0).error == fetching.TOO_SLOW
    assert time.monotonic() - started < 3


def test_one_failing_feed_never_stops_the_others_and_the_last_good_fetch_stays(session, hub_id, server):
    good = add_feed(session, hub_id, server.url("/rss.xml"), "A goed")
    for path in ("/nooit.xml", "/bestaat-niet.xml", "/kapot.xml", "/lachen.xml"):
        add_feed(session, hub_id, server.url(path), f"B {path}")
    atom = add_feed(session, hub_id, server.url("/atom.xml"), "C atom")
    outcomes = importing.fetch_all(session, NOW, fetch=FAST)
    assert [o.name for o in outcomes if not o.error] == ["A goed", "C atom"]
    assert len(items(session)) == 5
    server.routes["/rss.xml"] = Reply(b"", 500)
    later = NOW + timedelta(hours=1)
    importing.fetch_all(session, later, fetch=FAST)
    session.refresh(good)
    session.refresh(atom)
    assert (good.last_ok_at, good.last_error, good.last_tried_at) == (NOW, fetching.SERVER_TROUBLE, later)
    assert len(items(session, good)) == 3  # kept: the last good fetch's items stay on the page
    assert (atom.last_ok_at, atom.last_error) == (later, "")


def test_an_unexpected_fault_in_one_feed_is_logged_and_the_next_goes(session, hub_id, server, caplog):
    add_feed(session, hub_id, server.url("/kapot-stuk.xml"), "A")
    add_feed(session, hub_id, server.url("/rss.xml"), "B")

    def fetch(url: str, *args) -> Fetched:
        if url.endswith("/kapot-stuk.xml"):
            raise RuntimeError("a bug")
        return FAST(url, *args)

    with caplog.at_level(logging.ERROR, "mantelzorg.news"):
        outcomes = importing.fetch_all(session, NOW, fetch=fetch)
    assert [(o.name, o.error) for o in outcomes] == [("A", fetching.BAD_ANSWER), ("B", "")]
    assert "failed" in caplog.text
    assert len(items(session)) == 3


def test_etag_and_last_modified_are_sent_back_and_304_changes_nothing(session, hub_id, server):
    body = (feed_server.FEEDS / "rss2.xml").read_bytes()
    seen: list[tuple[str, str]] = []

    def conditional(headers: dict[str, str]) -> Reply:
        seen.append((headers.get("if-none-match", ""), headers.get("if-modified-since", "")))
        if headers.get("if-none-match") == '"v1"':
            return Reply(status=304)
        return Reply(body, headers={"ETag": '"v1"', "Last-Modified": "Sun, 02 Mar 2025 10:00:00 GMT"})

    server.routes["/etag.xml"] = conditional
    feed = add_feed(session, hub_id, server.url("/etag.xml"))
    importing.fetch_all(session, NOW, fetch=FAST)
    later = NOW + timedelta(hours=1)
    (outcome,) = importing.fetch_all(session, later, fetch=FAST)
    assert outcome.unchanged
    assert seen == [("", ""), ('"v1"', "Sun, 02 Mar 2025 10:00:00 GMT")]
    session.refresh(feed)
    assert (feed.last_ok_at, feed.etag) == (later, '"v1"')
    assert len(items(session)) == 3


def test_redirects_are_followed_three_times_at_most(session, hub_id, server):
    for n in range(1, 5):
        server.routes[f"/door{n}"] = Reply(status=302, headers={"Location": f"/door{n + 1}"})
    server.routes["/door5"] = feed_server.file("rss2.xml")
    assert fetching.fetch(server.url("/door3"), timeout=1.0).ok  # two redirects
    assert fetching.fetch(server.url("/door1"), timeout=1.0).error == fetching.TOO_MANY_REDIRECTS
    server.routes["/naar-bestand"] = Reply(status=302, headers={"Location": "file:///etc/passwd"})
    assert fetching.fetch(server.url("/naar-bestand"), timeout=1.0).error == fetching.NO_WEB_ADDRESS


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/feed", "/etc/passwd", "", "http://"]
)
def test_only_web_addresses_are_fetched(url):
    assert fetching.fetch(url).error == fetching.NO_WEB_ADDRESS


def test_the_user_agent_says_who_fetches():
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=request.headers["user-agent"].encode())

    fetched = fetching.fetch("https://feed.example.org/", transport=httpx.MockTransport(answer))
    assert fetched.data == b"Mantelzorghub/1.0"


def _many(count: int, day: int = 2) -> bytes:
    entries = "".join(
        f"<item><title>Bericht {n}</title><guid>g{n}</guid>"
        f"<pubDate>Sun, {day:02d} Mar 2025 {n // 60:02d}:{n % 60:02d}:00 +0000</pubDate></item>"
        for n in range(count)
    )
    return f'<rss version="2.0"><channel><title>Veel</title>{entries}</channel></rss>'.encode()


def test_the_newest_fifty_of_one_fetch_are_kept(session, hub_id):
    feed = add_feed(session, hub_id, "https://veel.example.org/feed")
    assert importing.load(session, feed, _many(60), NOW).added == importing.ITEMS_MOST
    assert min(int(i.guid[1:]) for i in items(session)) == 10


def test_a_feed_keeps_at_most_its_newest_items(session, hub_id, monkeypatch):
    monkeypatch.setattr(importing, "KEPT_MOST", 30)
    feed = add_feed(session, hub_id, "https://veel.example.org/feed")
    importing.load(session, feed, _many(20, day=1), NOW)
    importing.load(session, feed, _many(20, day=2).replace(b"<guid>g", b"<guid>nieuw-g"), NOW)
    stored = items(session)
    assert len(stored) == 30
    assert sum(i.guid.startswith("nieuw-") for i in stored) == 20


def test_a_guid_is_the_id_else_the_link_else_a_hash_of_the_title_and_dates_fall_back_to_now(session, hub_id):
    feed = add_feed(session, hub_id, "https://bron.example.org/feed")
    data = (
        b'<rss version="2.0"><channel><title>x</title>'
        b"<item><title>Met link</title><link>https://bron.example.org/1</link></item>"
        b"<item><title>Alleen een titel</title><pubDate>geen datum</pubDate></item>"
        b"<item><title>In de toekomst</title><guid>t</guid>"
        b"<pubDate>Mon, 01 Jan 2035 00:00:00 +0000</pubDate></item>"
        b"<item><title>Twee keer</title><guid>t</guid></item>"
        b"<item></item></channel></rss>"
    )
    assert importing.load(session, feed, data, NOW).added == 3
    again = importing.load(session, feed, data, NOW + timedelta(hours=1))
    assert (again.added, again.changed) == (0, 0)
    guids = {i.guid: i for i in items(session)}
    assert set(guids) == {
        "https://bron.example.org/1",
        "t",
        next(g for g in guids if g.startswith("sha256:")),
    }
    # none, unreadable, in the future: dated when first seen, a second apart in the feed's order
    assert sorted(i.published_at for i in guids.values()) == [NOW - timedelta(seconds=s) for s in (2, 1, 0)]
    assert guids["https://bron.example.org/1"].published_at == NOW


def test_old_items_age_out_and_are_not_brought_back(session, hub_id):
    feed = add_feed(session, hub_id, "https://bron.example.org/feed")
    importing.load(session, feed, _many(3, day=2), NOW)
    later = NOW + timedelta(days=importing.AGE_OUT_DAYS + 1)
    assert housekeeping.tidy(session, later)["aged-out news items"] == 3
    assert items(session) == []
    assert importing.load(session, feed, _many(3, day=2), later).added == 0  # too old to add again


def test_a_feed_tried_recently_is_skipped_by_a_second_worker(session, hub_id, server):
    add_feed(session, hub_id, server.url("/rss.xml"))
    hour = timedelta(minutes=55)
    assert len(importing.fetch_all(session, NOW, not_tried_within=hour, fetch=FAST)) == 1
    assert importing.fetch_all(session, NOW + timedelta(minutes=1), not_tried_within=hour, fetch=FAST) == []
    assert len(importing.fetch_all(session, NOW + timedelta(hours=1), not_tried_within=hour, fetch=FAST)) == 1
    assert server.hits["/rss.xml"] == 2


def test_fetch_all_for_one_hub_leaves_the_others(session, hub_id, server):
    other = add_hub(session, "poperinge", "Poperinge", country="BE").id
    add_feed(session, hub_id, server.url("/rss.xml"))
    add_feed(session, other, server.url("/atom.xml"))
    assert [o.counts.added for o in importing.fetch_all(session, NOW, other, fetch=FAST)] == [2]
    assert (
        session.exec(select(func.count()).select_from(NewsItem).where(NewsItem.hub_id == hub_id)).one() == 0
    )


def test_the_demo_feed_loads_its_five_items_newest_first_in_its_order(session, hub_id):
    feed = add_feed(session, hub_id, "https://nieuws.mantelzorg.example.org/feed.rss")
    data = (Path(importing.__file__).with_name("demo_feed.xml")).read_bytes()
    assert importing.load(session, feed, data, NOW) == importing.Counts(added=5)
    newest_first = session.exec(select(NewsItem).order_by(col(NewsItem.published_at).desc())).all()
    assert [i.guid for i in newest_first][:2] == ["demo-pauze", "demo-week"]
    assert all(i.summary and i.link.startswith("https://") and "<p>" in i.html for i in newest_first)
    later = NOW + timedelta(days=1)
    assert importing.load(session, feed, data, later) == importing.Counts(same=5)  # keeps its dates


@pytest.mark.parametrize("encoding", ["cp037", "utf-16", "utf-32"])
def test_entities_in_an_unusual_encoding_are_never_read(encoding):
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<rss version="2.0"><channel><title>t</title><item><title>x &b;</title>'
        "<link>https://a.example/1</link></item></channel></rss>"
    )
    refused = importing.parse(doc.encode(encoding), "https://a.example/", NOW)
    assert refused in (importing.UNSAFE, importing.NOT_A_FEED)
