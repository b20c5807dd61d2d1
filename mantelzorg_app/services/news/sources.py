"""The feeds a hub brings general news from, as the coordinator lists them on the beheer page (and
``manage feeds add`` from the command line): added with their problems in plain words, removed with
their items, and listed with how the last fetch went (services.news.importing records it).

Every call with an actor checks from the database that they are the coordinator of the hub the
feed is in (refused and logged otherwise); the command line passes no actor, with the hub.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, func, select

from mantelzorg_app.models import NewsFeed, NewsItem, Role
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.news.fetching import NO_WEB_ADDRESS, is_web_address
from mantelzorg_app.services.news.posts import NotPossible
from mantelzorg_app.services.platform import audit, database
from mantelzorg_app.services.platform.i18n import N_

ACTION = "news-feeds"
ADDED = "news-feed-added"
REMOVED = "news-feed-removed"
NAME_MOST = 80
ADDRESS_MOST = 500
FEEDS_MOST = 20  # a hub

NO_NAME = N_("Geef de bron een naam. Die staat bij elk bericht.")
LONG_NAME = N_("De naam is te lang. Hoogstens {most} tekens.")
NO_ADDRESS = N_("Vul het adres van de RSS- of Atom-feed in.")
LONG_ADDRESS = N_("Het adres is te lang. Hoogstens {most} tekens.")
ALREADY = N_("Deze bron staat er al.")
TOO_MANY = N_("Er zijn al {most} bronnen. Haal er eerst een weg.")


@dataclass(frozen=True)
class Listed:
    """A feed as the beheer page shows it; ``error`` a msgid ("" when the last fetch went well)."""

    id: int
    name: str
    url: str
    last_tried_at: datetime | None
    last_ok_at: datetime | None
    error: str
    items: int


def _check_coordinator(session: Session, actor: Actor | None, hub_id: int) -> None:
    if actor is not None and (actor.hub_id != hub_id or not actor.has(Role.coordinator)):
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"not the coordinator of hub {hub_id!r}")


def problems(session: Session, hub_id: int, url: str, name: str) -> dict[str, tuple[str, dict[str, object]]]:
    """What keeps the feed from being added, at its field ("name", "url"): a msgid with its values."""
    url, name = url.strip(), name.strip()
    found: dict[str, tuple[str, dict[str, object]]] = {}
    if not name:
        found["name"] = (NO_NAME, {})
    elif len(name) > NAME_MOST:
        found["name"] = (LONG_NAME, {"most": NAME_MOST})
    if not url:
        found["url"] = (NO_ADDRESS, {})
    elif len(url) > ADDRESS_MOST:
        found["url"] = (LONG_ADDRESS, {"most": ADDRESS_MOST})
    elif not is_web_address(url):
        found["url"] = (NO_WEB_ADDRESS, {})
    elif session.exec(select(NewsFeed.id).where(NewsFeed.hub_id == hub_id, NewsFeed.url == url)).first():
        found["url"] = (ALREADY, {})
    elif _count(session, hub_id) >= FEEDS_MOST:
        found["url"] = (TOO_MANY, {"most": FEEDS_MOST})
    return found


def _count(session: Session, hub_id: int) -> int:
    return session.exec(select(func.count()).select_from(NewsFeed).where(NewsFeed.hub_id == hub_id)).one()


def add(session: Session, actor: Actor | None, hub_id: int, url: str, name: str) -> NewsFeed:
    """Adds the feed to the hub (fetched by the next run, or "Nu ophalen"); raises NotPossible with
    the first problem (``problems``)."""
    _check_coordinator(session, actor, hub_id)
    found = problems(session, hub_id, url, name)
    if found:
        msgid, values = next(iter(found.values()))
        raise NotPossible(msgid, **values)
    feed = NewsFeed(hub_id=hub_id, url=url.strip(), name=name.strip())
    session.add(feed)
    try:
        session.flush()
    except IntegrityError:  # added at the same moment in another tab
        session.rollback()
        raise NotPossible(ALREADY) from None
    audit.record(
        session, ADDED, hub_id=hub_id, actor_id=actor.person_id if actor else None, subject_id=feed.id
    )
    session.commit()
    session.refresh(feed)
    return feed


def remove(session: Session, actor: Actor, feed_id: object) -> None:
    """Removes the feed of the actor's hub with its items; a feed already gone is no problem."""
    _check_coordinator(session, actor, actor.hub_id)
    feed = database.row(session, NewsFeed, feed_id)
    if feed is None:
        return
    if feed.hub_id != actor.hub_id:
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"feed {feed.id} of another hub")
    session.exec(delete(NewsItem).where(col(NewsItem.feed_id) == feed.id))
    session.delete(feed)
    audit.record(session, REMOVED, hub_id=actor.hub_id, actor_id=actor.person_id, subject_id=feed.id)
    session.commit()


def listed(session: Session, hub_id: int) -> list[Listed]:
    """The hub's feeds by name, each with its last fetch and how many items it has now."""
    counts = dict(
        session.exec(
            select(NewsItem.feed_id, func.count()).where(NewsItem.hub_id == hub_id).group_by(NewsItem.feed_id)
        ).all()
    )
    feeds = session.exec(
        select(NewsFeed).where(NewsFeed.hub_id == hub_id).order_by(NewsFeed.name, NewsFeed.id)
    )
    return [
        Listed(f.id, f.name, f.url, f.last_tried_at, f.last_ok_at, f.last_error, counts.get(f.id, 0))
        for f in feeds
    ]
