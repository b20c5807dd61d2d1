"""The hub's own news as RSS 2.0 for feed readers: its published posts, newest first (feedgen).

Only what the Nieuws page shows anyone is in it: a published post's title, its text as plain text
(feedgen escapes it), the link to its page (also its guid), the day it was published, its wijk as
the category and its photo as an enclosure (``/nieuws-foto/<id>.jpg``, public once the post is).
No drafts, nothing waiting, rejected or taken down, and no writer's name.

``hub_news`` returns a ``Feed`` (the calendar's: an ETag and a builder) so a reader that asks
again with ``If-None-Match`` gets a 304 without the feed being written. The ETag is made from what
the feed is made of: the hub, the address links point to, and each listed post's id, last change,
publication and wijk; a post taken down drops out of the list, so that changes it too.
"""

from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from sqlmodel import Session, col, func, select

from mantelzorg_app import routes
from mantelzorg_app.models import Hub, NewsPhoto, NewsPost, PostStatus, Wijk
from mantelzorg_app.services.calendar.ics import Feed
from mantelzorg_app.services.platform import digests, i18n
from mantelzorg_app.services.platform.i18n import N_

MOST = 50  # posts in the feed, newest first
FORMAT = "1"  # raise when what is written changes, so every ETag changes with it
LANGUAGE = "nl"  # the posts are written in Dutch
PHOTO_TYPE = "image/jpeg"  # every photo is re-encoded as JPEG (services.news.photos)
TITLE = N_("Nieuws van Mantelzorghub {hub}")
DESCRIPTION = N_("Nieuws uit de wijken van {hub}, geschreven door de trekkers en de coördinator.")


def _link(base: str, hub: Hub, part: str) -> str:
    return f"{base.rstrip('/')}/{hub.slug}/{part}"


def published(session: Session, hub_id: int, most: int = MOST) -> list[NewsPost]:
    """The hub's published posts, newest first."""
    return list(
        session.exec(
            select(NewsPost)
            .where(NewsPost.hub_id == hub_id, NewsPost.status == PostStatus.published)
            .order_by(col(NewsPost.published_at).desc(), col(NewsPost.id).desc())
            .limit(most)
        ).all()
    )


def _wijk_names(session: Session, hub_id: int) -> dict[int, str]:
    return dict(session.exec(select(Wijk.id, Wijk.name).where(Wijk.hub_id == hub_id)).all())


def _photo_sizes(session: Session, photo_ids: list[int]) -> dict[int, int]:
    """Each photo's length in bytes, counted by the database (the photos themselves stay there)."""
    if not photo_ids:
        return {}
    rows = session.exec(
        select(NewsPhoto.id, func.length(NewsPhoto.data)).where(col(NewsPhoto.id).in_(photo_ids))
    ).all()
    return {photo_id: int(size or 0) for photo_id, size in rows}


def _etag(*parts: object) -> str:
    return digests.etag(FORMAT, *parts)


def _moment(value: datetime | None) -> datetime:
    """Stored timestamps are UTC; SQLite hands them back without a zone."""
    value = value or datetime(1970, 1, 1, tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def hub_news(session: Session, hub: Hub, base: str) -> Feed:
    """The hub's newest published posts as RSS 2.0."""
    posts = published(session, hub.id)
    wijken = _wijk_names(session, hub.id)
    etag = _etag(
        "news",
        hub.id,
        hub.slug,
        hub.name,
        base,
        [
            (p.id, _moment(p.updated_at).isoformat(), _moment(p.published_at).isoformat(), p.photo_id)
            for p in posts
        ],
        sorted((wijk_id, name) for wijk_id, name in wijken.items() if wijk_id in {p.wijk_id for p in posts}),
    )

    def build() -> bytes:
        sizes = _photo_sizes(session, [p.photo_id for p in posts if p.photo_id])
        feed = FeedGenerator()
        feed.title(i18n.gettext(LANGUAGE, TITLE, hub=hub.name))
        feed.description(i18n.gettext(LANGUAGE, DESCRIPTION, hub=hub.name))
        # self first: feedgen writes the last link given as the channel's <link>
        feed.link(href=f"{base.rstrip('/')}{routes.news_feed(hub.slug)}", rel="self")
        feed.link(href=_link(base, hub, routes.NEWS), rel="alternate")
        feed.language(LANGUAGE)
        feed.generator("Mantelzorghub")
        # the newest post's day, not the clock's: the same posts give the same bytes
        feed.lastBuildDate(_moment(max((p.updated_at for p in posts), default=None, key=_moment)))
        for post in posts:
            _add(feed, post, hub, base, wijken, sizes)
        return feed.rss_str(pretty=True)

    return Feed(etag, build)


def _add(
    feed: FeedGenerator, post: NewsPost, hub: Hub, base: str, wijken: dict[int, str], sizes: dict[int, int]
) -> None:
    link = _link(base, hub, routes.post_part(post.id))
    entry = feed.add_entry(order="append")
    entry.title(post.title)
    entry.link(href=link)
    entry.guid(link, permalink=True)
    entry.pubDate(_moment(post.published_at))
    entry.description(post.body)
    entry.category(term=wijken.get(post.wijk_id, hub.name) if post.wijk_id else hub.name)
    if post.photo_id and post.photo_id in sizes:
        url = f"{base.rstrip('/')}{routes.news_photo(post.photo_id)}"
        entry.enclosure(url, str(sizes[post.photo_id]), PHOTO_TYPE)
