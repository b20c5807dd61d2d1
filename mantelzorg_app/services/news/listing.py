"""What the Nieuws page, a post's page, a general item's page and Home show.

The Nieuws page has three sections, in this order: "Uit uw wijk" (the wijk chosen with a chip, else
the signed-in person's own wijk from their membership as caregiver, volunteer or trekker; none for a
visitor without a choice), "Uit {hub}" (the hub's other published posts: other wijken and the whole
hub), and "Algemeen nieuws" (the items of the hub's feeds). Each section is newest first and shows
at most ``MOST`` cards at a time; ``section`` gives the next ones ("Meer").

Only published posts are listed; a post's own page (``post_view``) shows a post before that only to
who ``posts.may_see`` allows: its writer and the coordinator. Everything is read in the hub the
caller looked up; an id of another hub is not found. Words in the reader's language come in every
language at once ({lang: text}), so switching the language needs no trip to the server.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app import routes
from mantelzorg_app.models import (
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
from mantelzorg_app.services.calendar import activities, schedule
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import posts, sanitising
from mantelzorg_app.services.platform import database, dates, hubs, i18n
from mantelzorg_app.services.platform.i18n import N_

MOST = 30  # cards a section shows at a time; "Meer" shows the next ones
# What posts and general news are written in: the hub's language, Dutch (the RSS says it too). The
# pages mark their words with it, so "Lees voor" and a screen reader use a Dutch voice on an
# English page.
CONTENT_LANGUAGE = i18n.DEFAULT_LANGUAGE
SUMMARY_MOST = 140  # characters of a card's summary (two lines on a phone)
HOME_ROLES = (Role.caregiver, Role.volunteer, Role.trekker)  # the memberships that name a wijk

POST, ITEM = "post", "item"  # a card's kind
WIJK, HUB, GENERAL = "wijk", "hub", "general"  # the sections, in their order
FROM_YOUR_WIJK = N_("Uit uw wijk")
FROM_WIJK = N_("Uit {wijk}")  # a wijk chosen with a chip that is not the person's own
FROM_HUB = N_("Uit {hub}")
GENERAL_NEWS = N_("Algemeen nieuws")
TREKKERS = N_("Trekkersgroep {wijk}")  # the source of a wijk's post
WHOLE_HUB = N_("Mantelzorghub {hub}")  # the source of a post for the whole hub


@dataclass(frozen=True)
class Card:
    """One post or general item as a card of the list."""

    id: int
    kind: str  # POST or ITEM
    title: str
    summary: str  # plain text, at most SUMMARY_MOST characters
    day: dict[str, str]  # "dinsdag 3 december" (or "vandaag") by language
    source: dict[str, str]  # "Trekkersgroep Centrum" / the feed's name, by language
    photo_url: str = ""  # a post's photo (routes.news_photo), "" without
    photo_alt: str = ""


@dataclass(frozen=True)
class Section:
    name: str  # WIJK, HUB or GENERAL
    heading: str  # a msgid
    values: dict[str, str]  # the heading's {wijk} or {hub}
    cards: list[Card]
    more: bool  # there are more cards than these


@dataclass(frozen=True)
class ActivityLink:
    """The activity a post points to ("Kom ook"): its next date in words, none when it has none."""

    id: int
    title: str
    when: dict[str, str]


@dataclass(frozen=True)
class PostView:
    id: int
    title: str
    paragraphs: list[str]  # the body split at its empty lines
    day: dict[str, str]  # the day it was published; the last change before that
    writer: str  # the writer's first name as the post says it; "" after their account was wiped
    wijk: str  # the wijk's name; "" for the whole hub
    source: dict[str, str]
    photo_url: str
    photo_alt: str
    activity: ActivityLink | None
    published: bool  # False: only its writer and the coordinator see it, with a word that it is not out


@dataclass(frozen=True)
class ItemView:
    id: int
    title: str
    source: str  # the feed's name
    day: dict[str, str]
    html: str  # sanitised when it was imported (services.news.sanitising)
    link: str  # the item at its source, http(s) or ""
    image_url: str  # its first picture, shown only after a tap; "" without


def short(text: str, most: int = SUMMARY_MOST) -> str:
    """The text on one line, cut at a word before ``most`` characters with "…" when longer."""
    return sanitising.shorten(" ".join(text.split()), most)


def paragraphs(body: str) -> list[str]:
    """A post's text as it was written: paragraphs split by an empty line, each on one line. The
    one rule for readers and for the coordinator's check (services.news.moderation)."""
    blocks = [
        " ".join(line.strip() for line in block.splitlines())
        for block in body.replace("\r", "").split("\n\n")
    ]
    return [block.strip() for block in blocks if block.strip()]


def own_wijk(session: Session, hub: Hub, actor: Actor | None) -> int | None:
    """The wijk of the signed-in person's membership in this hub (caregiver, volunteer, trekker)."""
    if actor is None or actor.hub_id != hub.id:
        return None
    return session.exec(
        select(Membership.wijk_id)
        .where(
            Membership.person_id == actor.person_id,
            Membership.hub_id == hub.id,
            col(Membership.role).in_(HOME_ROLES),
            col(Membership.wijk_id).is_not(None),
            ~col(Membership.pending),
        )
        .order_by(col(Membership.id))
    ).first()


def _all(msgid: str, **values: object) -> dict[str, str]:
    return {lang: i18n.gettext(lang, msgid, **values) for lang in i18n.LANGUAGES}


def _day(moment: datetime, hub: Hub, now: datetime) -> dict[str, str]:
    return dates.day_in_words_all(
        dates.local(moment, hub.timezone).date(), dates.local(now, hub.timezone).date()
    )


def _source(hub: Hub, wijk_name: str) -> dict[str, str]:
    return _all(TREKKERS, wijk=wijk_name) if wijk_name else _all(WHOLE_HUB, hub=hub.name)


def _alts(session: Session, photo_ids: set[int]) -> dict[int, str]:
    """The photos' descriptions, without their bytes."""
    if not photo_ids:
        return {}
    rows = session.exec(select(NewsPhoto.id, NewsPhoto.alt).where(col(NewsPhoto.id).in_(photo_ids))).all()
    return {photo_id: alt for photo_id, alt in rows}


def _post_cards(session: Session, hub: Hub, found: list[NewsPost], now: datetime) -> list[Card]:
    names = {w.id: w.name for w in hubs.wijken(session, hub.id)}
    alts = _alts(session, {p.photo_id for p in found if p.photo_id is not None})
    return [
        Card(
            id=post.id,
            kind=POST,
            title=post.title,
            summary=short(post.body),
            day=_day(post.published_at or post.updated_at, hub, now),
            source=_source(hub, names.get(post.wijk_id, "") if post.wijk_id is not None else ""),
            photo_url=routes.news_photo(post.photo_id) if post.photo_id in alts else "",
            photo_alt=alts.get(post.photo_id, "") if post.photo_id is not None else "",
        )
        for post in found
    ]


def _published(session: Session, hub: Hub, wijk_id: int | None, in_wijk: bool, offset: int, most: int):
    """The hub's published posts, newest first: of ``wijk_id`` (``in_wijk``), else all the others."""
    query = select(NewsPost).where(NewsPost.hub_id == hub.id, NewsPost.status == PostStatus.published)
    if in_wijk:
        query = query.where(NewsPost.wijk_id == wijk_id)
    elif wijk_id is not None:
        query = query.where((col(NewsPost.wijk_id).is_(None)) | (col(NewsPost.wijk_id) != wijk_id))
    query = query.order_by(col(NewsPost.published_at).desc(), col(NewsPost.id).desc())
    return list(session.exec(query.offset(offset).limit(most + 1)).all())


def _items(session: Session, hub: Hub, offset: int, most: int) -> list[tuple[NewsItem, str]]:
    query = (
        select(NewsItem, NewsFeed.name)
        .join(NewsFeed, col(NewsFeed.id) == col(NewsItem.feed_id))
        .where(NewsItem.hub_id == hub.id, NewsFeed.hub_id == hub.id)
        .order_by(col(NewsItem.published_at).desc(), col(NewsItem.id).desc())
    )
    return [(item, name) for item, name in session.exec(query.offset(offset).limit(most + 1)).all()]


def chosen_wijk(session: Session, hub: Hub, actor: Actor | None, wijk_id: int | None, own: bool = True):
    """The wijk "Uit uw wijk" is about: ``wijk_id`` when it is one of the hub's, else (with ``own``)
    the person's own; None for none. Returns (the wijk, whether it is the person's own)."""
    wijk = database.row(session, Wijk, wijk_id) if wijk_id is not None else None
    if wijk is not None and wijk.hub_id != hub.id:
        wijk = None
    mine = own_wijk(session, hub, actor)
    if wijk is None and own and mine is not None:
        wijk = session.get(Wijk, mine)
    return wijk, wijk is not None and wijk.id == mine


def section(
    session: Session,
    hub: Hub,
    actor: Actor | None,
    name: str,
    wijk_id: int | None,
    now: datetime,
    offset: int = 0,
    most: int = MOST,
    own: bool = True,
) -> Section | None:
    """One section's cards from ``offset`` on ("Meer" asks for the next ones); None for the wijk
    section when there is no wijk to show."""
    wijk, is_own = chosen_wijk(session, hub, actor, wijk_id, own)
    if name == GENERAL:
        rows = _items(session, hub, max(offset, 0), most)
        cards = [
            Card(
                item.id,
                ITEM,
                item.title,
                short(item.summary),
                _day(item.published_at, hub, now),
                dict.fromkeys(i18n.LANGUAGES, feed),
            )
            for item, feed in rows[:most]
        ]
        return Section(GENERAL, GENERAL_NEWS, {}, cards, len(rows) > most)
    if name == WIJK:
        if wijk is None:
            return None
        found = _published(session, hub, wijk.id, True, max(offset, 0), most)
        heading, values = (FROM_YOUR_WIJK, {}) if is_own else (FROM_WIJK, {"wijk": wijk.name})
        return Section(WIJK, heading, values, _post_cards(session, hub, found[:most], now), len(found) > most)
    if name == HUB:
        found = _published(session, hub, wijk.id if wijk else None, False, max(offset, 0), most)
        cards = _post_cards(session, hub, found[:most], now)
        return Section(HUB, FROM_HUB, {"hub": hub.name}, cards, len(found) > most)
    return None


def sections(
    session: Session,
    hub: Hub,
    actor: Actor | None,
    wijk_id: int | None,
    now: datetime,
    most: int = MOST,
    own: bool = True,
) -> list[Section]:
    """The Nieuws page: "Uit uw wijk" (when there is a wijk), "Uit {hub}", "Algemeen nieuws".
    ``wijk_id``: the wijk chip's choice (None: the person's own, or with ``own`` False none)."""
    found = [section(session, hub, actor, name, wijk_id, now, 0, most, own) for name in (WIJK, HUB, GENERAL)]
    return [s for s in found if s is not None]


def newest_local(session: Session, hub: Hub, actor: Actor | None, now: datetime) -> Card | None:
    """Home's card: the newest published post of the person's own wijk, else of the whole hub."""
    wijk_id = own_wijk(session, hub, actor)
    found = _published(session, hub, wijk_id, True, 0, 1) if wijk_id is not None else []
    if not found:
        found = _published(session, hub, None, False, 0, 1)
    return _post_cards(session, hub, found[:1], now)[0] if found else None


def _activity_link(session: Session, hub: Hub, activity_id: int | None, now: datetime) -> ActivityLink | None:
    activity = activities.one(session, hub.id, activity_id) if activity_id is not None else None
    if activity is None or activity.cancelled_at is not None:
        return None
    changes = activities.changes_by_activity(session, [activity.id])[activity.id]
    coming = schedule.coming(activity, changes, hub.timezone, now, most=1)
    when = (
        activities.when_in_words_all(coming[0], hub.timezone) if coming else dict.fromkeys(i18n.LANGUAGES, "")
    )
    return ActivityLink(activity.id, activity.title, when)


def post_view(
    session: Session, hub: Hub, actor: Actor | None, post_id: object, now: datetime
) -> PostView | None:
    """One post of this hub as its page shows it; None when it is not there or not for this person
    to see (``posts.may_see``: before it is published only its writer and the coordinator)."""
    post = database.row(session, NewsPost, post_id)
    if post is None or post.hub_id != hub.id or not posts.may_see(actor, post):
        return None
    wijk = session.get(Wijk, post.wijk_id) if post.wijk_id is not None else None
    photo = session.exec(select(NewsPhoto.id, NewsPhoto.alt).where(NewsPhoto.id == post.photo_id)).first()
    return PostView(
        id=post.id,
        title=post.title,
        paragraphs=paragraphs(post.body),
        day=_day(post.published_at or post.updated_at, hub, now),
        writer=post.author_name if post.author_id is not None else "",
        wijk=wijk.name if wijk else "",
        source=_source(hub, wijk.name if wijk else ""),
        photo_url=routes.news_photo(photo[0]) if photo else "",
        photo_alt=photo[1] if photo else "",
        activity=_activity_link(session, hub, post.activity_id, now),
        published=post.status == PostStatus.published,
    )


def item_view(session: Session, hub: Hub, item_id: object, now: datetime) -> ItemView | None:
    """One general news item of this hub's feeds; None for a missing one or another hub's."""
    item = database.row(session, NewsItem, item_id)
    feed = session.get(NewsFeed, item.feed_id) if item is not None else None
    if item is None or feed is None or item.hub_id != hub.id or feed.hub_id != hub.id:
        return None
    link = item.link if item.link.startswith(("https://", "http://")) else ""
    image = item.image_url if item.image_url.startswith(("https://", "http://")) else ""
    return ItemView(item.id, item.title, feed.name, _day(item.published_at, hub, now), item.html, link, image)
