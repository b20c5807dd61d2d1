"""The hub's news feed at ``/feeds/<hub>/nieuws.rss`` on the demo hubs: RSS with its media type,
only published posts and no writer's name, a 304 while nothing changed, a plain 404 for a hub we
do not know; it reads no session and a feed reader without ``Origin`` gets through."""

from datetime import UTC, datetime

import feedparser
import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import news_routes
from mantelzorg_app.asgi import only_our_origin
from mantelzorg_app.models import Hub, NewsPost, Person, PostStatus

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(only_our_origin(Starlette(routes=news_routes.routes)), base_url="http://localhost")


def _posts(db, slug: str = "leusden") -> dict[str, NewsPost]:
    """One post of each state in the hub, written by the demo's Anna (whose name must not show)."""
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == slug)).one()
        anna = session.exec(select(Person).where(Person.first_name == "Anna")).first()
        made = {}
        for status in PostStatus:
            post = NewsPost(
                hub_id=hub.id,
                author_id=anna.id,
                author_name="Anna Geheim",
                title=f"Proefbericht {status.value}",
                body="Tekst van het proefbericht.",
                status=status,
                published_at=NOW if status == PostStatus.published else None,
                updated_at=NOW,
            )
            session.add(post)
            made[status.value] = post
        session.commit()
        for post in made.values():
            session.refresh(post)
            session.expunge(post)
        return made


def test_the_feed_is_rss_with_only_published_posts(client: TestClient, db):
    posts = _posts(db)
    response = client.get("/feeds/leusden/nieuws.rss")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert "set-cookie" not in response.headers
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    titles = [e.title for e in parsed.entries]
    assert "Proefbericht published" in titles
    assert [t for t in titles if t.startswith("Proefbericht")] == ["Proefbericht published"]
    assert "Anna Geheim" not in response.text
    link = next(e.link for e in parsed.entries if e.title == "Proefbericht published")
    assert link == f"http://localhost/leusden/nieuws/{posts['published'].id}"


def test_another_hubs_feed_holds_only_its_own(client: TestClient, db):
    _posts(db)
    assert "Proefbericht" not in client.get("/feeds/poperinge/nieuws.rss").text


def test_asked_again_while_nothing_changed_is_a_304(client: TestClient, db):
    posts = _posts(db)
    first = client.get("/feeds/leusden/nieuws.rss")
    etag = first.headers["etag"]
    for asked in (etag, f"W/{etag}", f'"other", {etag}'):
        again = client.get("/feeds/leusden/nieuws.rss", headers={"if-none-match": asked})
        assert again.status_code == 304 and again.content == b""
    assert client.get("/feeds/leusden/nieuws.rss", headers={"if-none-match": '"old"'}).status_code == 200
    with Session(db) as session:
        session.get(NewsPost, posts["published"].id).status = PostStatus.taken_down
        session.commit()
    changed = client.get("/feeds/leusden/nieuws.rss", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert "Proefbericht" not in changed.text


@pytest.mark.parametrize("slug", ["onbekend", "LEUSDEN-x", "%00", "a" * 200])
def test_an_unknown_hub_is_a_404(client: TestClient, db, slug):
    response = client.get(f"/feeds/{slug}/nieuws.rss")
    assert response.status_code == 404
    assert response.text == "Niet gevonden / Not found"


def test_a_reader_without_origin_and_our_own_page_get_through(client: TestClient, db):
    assert client.get("/feeds/leusden/nieuws.rss").status_code == 200
    assert client.get("/feeds/leusden/nieuws.rss", headers={"origin": "http://localhost"}).status_code == 200
