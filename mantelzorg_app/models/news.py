"""News: posts a wijk's trekkers write (checked by the hub's coordinator before anyone sees them),
their photos, the RSS and Atom feeds a hub brings general news from, and those feeds' items.

A post's photo is kept in the database, not under Reflex's public ``/_upload``: it is served by
``news_photo_routes`` only to who may see its post (anyone once it is published; before that only its
writer and the coordinator). Every worker reads the same rows, also when scaled out.
"""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class PostStatus(StrEnum):
    draft = "draft"  # being written: saved as the trekker types, seen by no one else
    waiting = "waiting"  # sent: waits for the coordinator
    changes = "changes"  # the coordinator asked for a change (``note`` says which); the trekker edits
    published = "published"  # approved: on the Nieuws page, in the feed and the search
    rejected = "rejected"  # not published (``note`` says why)
    taken_down = "taken_down"  # was published, taken down again by the coordinator


class NewsPost(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    wijk_id: int | None = Field(default=None, foreign_key="wijk.id", index=True)  # None: the whole hub
    author_id: int | None = Field(default=None, foreign_key="person.id", index=True)  # None after a wipe
    author_name: str = Field(default="", max_length=60)  # as the post says it: "Eva, trekkersgroep"
    title: str = Field(default="", max_length=80)
    body: str = Field(default="", max_length=3000)  # plain text; paragraphs split by an empty line
    activity_id: int | None = Field(default=None, foreign_key="activity.id")  # "Kom ook" link
    photo_id: int | None = Field(default=None, foreign_key="newsphoto.id")
    status: PostStatus = Field(default=PostStatus.draft, sa_type=sa.String(12), index=True)
    note: str = Field(default="", max_length=500)  # the coordinator's words with a decision
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # last sent for the check
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    # raised on every save: a save from an older copy of the form (a second tab) is refused
    version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class NewsPhoto(SQLModel, table=True):
    """One photo as it is shown: resized, re-encoded, without EXIF or location (services.news.photos)."""

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    data: bytes = Field(sa_type=sa.LargeBinary, nullable=False)
    media_type: str = Field(default="image/jpeg", max_length=20)
    width: int
    height: int
    alt: str = Field(default="", max_length=200)  # the description a screen reader says
    created_at: datetime = created_at_field()


class NewsFeed(SQLModel, table=True):
    """An RSS or Atom feed the coordinator listed; the last fetch's outcome is kept for the beheer page."""

    __table_args__ = (UniqueConstraint("hub_id", "url"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    url: str = Field(max_length=500)
    name: str = Field(max_length=80)  # the source as the cards say it: "MantelzorgNL"
    etag: str = Field(default="", max_length=200)  # from the last good fetch, sent as If-None-Match
    modified: str = Field(default="", max_length=100)  # Last-Modified, sent as If-Modified-Since
    last_tried_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_ok_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str = Field(default="", max_length=300)  # "" when the last fetch went well
    created_at: datetime = created_at_field()


class NewsItem(SQLModel, table=True):
    """One item of a feed, as the last fetch had it: its HTML sanitised before it was stored."""

    __table_args__ = (UniqueConstraint("feed_id", "guid"),)

    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="newsfeed.id", index=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    guid: str = Field(max_length=500)  # the feed's id for it, else its link, else a hash of its title
    link: str = Field(default="", max_length=1000)  # http(s) only
    title: str = Field(max_length=300)
    summary: str = Field(default="", max_length=600)  # plain text for the card
    html: str = Field(default="", sa_type=sa.Text)  # sanitised (services.news.sanitising)
    image_url: str = Field(default="", max_length=1000)  # shown only after a tap
    published_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    updated_at: datetime = created_at_field()  # the last fetch that changed it
    created_at: datetime = created_at_field()


class NewsDigest(SQLModel, table=True):
    """The coordinator's daily mail that posts wait: the row is the claim, one per hub a day."""

    __table_args__ = (UniqueConstraint("hub_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id")
    day: date  # on the hub's clock
    created_at: datetime = created_at_field()
