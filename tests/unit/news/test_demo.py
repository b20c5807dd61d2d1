"""The demo news (services.news.demo through services.demo): a few posts per Leusden wijk from its
trekkersgroep, one with a drawn photo and its description, one linked to the Inn-formeel meeting,
one waiting; the general news from the fixture feed; a post in Flemish words for Poperinge. Every
post is one its writer may write by the rules, every published one is in the search, and loading
the demo again adds nothing."""

import io
from collections import Counter

import pytest
from PIL import Image
from sqlalchemy import func
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Activity,
    ActivityKind,
    NewsFeed,
    NewsItem,
    NewsPhoto,
    NewsPost,
    PostStatus,
    SearchDocument,
)
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.news import demo as news_demo
from mantelzorg_app.services.news import posts, writing_help
from mantelzorg_app.services.platform.hubs import hub_by_slug, wijken


@pytest.fixture
def demo(session: Session) -> Session:
    assert load_demo(session) == ["leusden", "poperinge"]
    return session


def _posts(session: Session, slug: str) -> list[NewsPost]:
    hub = hub_by_slug(session, slug)
    return list(session.exec(select(NewsPost).where(NewsPost.hub_id == hub.id)).all())


def test_every_leusden_wijk_has_two_or_three_published_posts(demo: Session) -> None:
    hub = hub_by_slug(demo, "leusden")
    published = Counter(p.wijk_id for p in _posts(demo, "leusden") if p.status == PostStatus.published)
    few = {w.name: published[w.id] for w in wijken(demo, hub.id) if published[w.id] not in (2, 3)}
    assert few == {}, "wijken with fewer or more posts"
    assert published[None] == 1, "the coordinator's post for the whole hub"


def test_one_waits_one_has_a_photo_one_links_the_network_meeting(demo: Session) -> None:
    leusden = _posts(demo, "leusden")
    (waiting,) = [p for p in leusden if p.status == PostStatus.waiting]
    assert waiting.published_at is None and waiting.sent_at is not None
    (with_photo,) = [p for p in leusden if p.photo_id]
    photo = demo.get(NewsPhoto, with_photo.photo_id)
    assert with_photo.status == PostStatus.published and photo.alt.strip()
    image = Image.open(io.BytesIO(photo.data))
    assert image.format == "JPEG" and not image.getexif() and photo.width == image.width <= 1200
    (linked,) = [p for p in leusden if p.activity_id]
    network = demo.get(Activity, linked.activity_id)
    assert network.kind == ActivityKind.network and "Inn-formeel" in network.title


def test_each_post_is_one_its_writer_may_write(demo: Session) -> None:
    for slug in ("leusden", "poperinge"):
        hub = hub_by_slug(demo, slug)
        for post in _posts(demo, slug):
            actor = authz.Actor(
                post.author_id, post.author_name, hub.id, authz.roles(demo, post.author_id, hub.id)
            )
            assert posts.may_write(demo, actor, post.wijk_id), post.title


def test_the_posts_are_plain_words(demo: Session) -> None:
    """The writing helper finds nothing to say, but for the Flemish name of the premium."""
    for post in _posts(demo, "leusden"):
        assert writing_help.hints(f"{post.title}\n\n{post.body}", "nl") == [], post.title
    (flemish,) = _posts(demo, "poperinge")
    assert "Sociaal Huis" in flemish.body and flemish.status == PostStatus.published


def test_every_published_post_is_in_the_search(demo: Session) -> None:
    published = {
        str(p.id) for p in demo.exec(select(NewsPost).where(NewsPost.status == PostStatus.published))
    }
    indexed = set(demo.exec(select(SearchDocument.ref).where(SearchDocument.kind == "post")).all())
    assert indexed == published and len(published) == 19


def test_the_general_news_comes_from_the_fixture_feed(demo: Session) -> None:
    hub = hub_by_slug(demo, "leusden")
    (feed,) = demo.exec(select(NewsFeed).where(NewsFeed.hub_id == hub.id)).all()
    assert feed.url.startswith("https://") and ".example.org/" in feed.url
    assert feed.last_ok_at is not None and feed.last_error == ""
    items = demo.exec(select(NewsItem).where(NewsItem.feed_id == feed.id)).all()
    assert len(items) >= 3 and all(i.title and i.link for i in items)


def test_loading_again_adds_nothing(demo: Session) -> None:
    def counts() -> dict[str, int]:
        return {
            t.__name__: demo.exec(select(func.count()).select_from(t)).one()
            for t in (NewsPost, NewsPhoto, NewsFeed, NewsItem, SearchDocument)
        }

    before = counts()
    assert load_demo(demo) == []
    assert counts() == before


def test_the_photo_is_a_drawing_through_the_upload_pipeline() -> None:
    image = Image.open(io.BytesIO(news_demo.drawn_picture()))
    assert image.format == "JPEG" and image.size == (800, 600)
