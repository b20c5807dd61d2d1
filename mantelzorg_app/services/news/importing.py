"""General news brought in from the RSS and Atom feeds a hub listed (services.news.sources), as the
hourly job, "Nu ophalen" on the beheer page and ``manage feeds fetch`` run it.

- **Safe**: the bytes come from services.news.fetching (timeout, size cap); a document that declares
  entities is refused before any parser sees it (a "billion laughs" document is never expanded);
  feedparser reads bytes only, never a URL or a file; every item's HTML goes through
  services.news.sanitising before it is stored, and its first image is kept apart (shown after a tap).
- **Idempotent**: an item is known by its ``guid`` (the feed's id for it, else its link, else a hash
  of its title): a second fetch adds nothing twice, an item that changed is updated (title, summary,
  HTML, link, date), and an item gone from the feed stays until it ages out (``AGE_OUT_DAYS`` after
  its date; ``forget_old``, from services.housekeeping.tidy). At most ``ITEMS_MOST`` of one fetch
  (the newest) and ``KEPT_MOST`` of a feed are kept.
- **Dates**: feedparser's published or updated date (UTC). An item without one (or with one that
  cannot be read, or lies in the future) is dated when it is first seen, a second apart in the
  feed's order, and keeps that date.
- **One feed's failure never stops the others**: each feed is fetched and loaded on its own, its
  outcome recorded on it (``last_tried_at``, ``last_ok_at``, ``last_error``: a msgid the beheer page
  translates) and failures logged (logger "mantelzorg.news": the feed's and hub's ids, no person).
- **Once an hour across workers**: ``fetch_all(..., not_tried_within=...)`` claims each feed by
  moving its ``last_tried_at`` in one conditional update, so a second worker skips it.
"""

import dataclasses
import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import feedparser
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, or_, select, update

from mantelzorg_app.models import NewsFeed, NewsItem
from mantelzorg_app.services.news import fetching, sanitising
from mantelzorg_app.services.news.fetching import Fetched
from mantelzorg_app.services.platform.i18n import N_

log = logging.getLogger("mantelzorg.news")

AGE_OUT_DAYS = 90
ITEMS_MOST = 50  # taken from one fetch: the newest
KEPT_MOST = 200  # kept of one feed: a feed that renames its items every hour cannot fill the table
GUID_MOST = 500
TITLE_MOST = 300
SUMMARY_MOST = 600
ENTITIES = b"<!entity"

NOT_A_FEED = N_("Geen geldige RSS of Atom.")
UNSAFE = N_("Dit bestand is niet veilig om te lezen. Er is niets geladen.")


@dataclass(frozen=True)
class Counts:
    """What one load did; ``error`` (a msgid) when the document was refused and nothing changed."""

    added: int = 0
    changed: int = 0
    same: int = 0
    error: str = ""


@dataclass(frozen=True)
class Outcome:
    """One feed's fetch: ``unchanged`` when the server said 304; ``error`` a msgid, "" when it went well."""

    feed_id: int
    name: str
    counts: Counts = Counts()
    unchanged: bool = False
    error: str = ""


def _declares_entities(data: bytes) -> bool:
    """``<!ENTITY`` anywhere, also in UTF-16 or UTF-32 (their zero bytes taken out)."""
    lowered = data.lower()
    return ENTITIES in lowered or ENTITIES in lowered.replace(b"\x00", b"")


BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _starts_as_xml(data: bytes) -> bool:
    """The document starts with ``<`` in an ASCII-based encoding or UTF-16/32: what the entity check
    can read. An EBCDIC document (where ``<`` is another byte) would slip past it, so it is no feed."""
    for bom in BOMS:
        data = data.removeprefix(bom)
    return data[:400].replace(b"\x00", b"").lstrip().startswith(b"<")


def _moment(entry, now: datetime) -> datetime | None:
    """feedparser's date of the item (UTC); None when it has none, an unreadable one or one in the
    future (it would stay on top): a new item is then dated now, a known one keeps its date."""
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")  # no fallback warning
    if not parsed:
        return None
    try:
        moment = datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return moment if moment <= now else None


def _raw_html(entry) -> str:
    """The item's fullest text as HTML: its content, else its summary (plain text escaped)."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and detail.get("value"):
            value = detail["value"]
            if detail.get("type") == "text/plain":
                value = "<p>" + value.replace("&", "&amp;").replace("<", "&lt;") + "</p>"
            return value
    return ""


def _image(entry, raw: str, base: str) -> str:
    """The first image in the text, else the item's media or image enclosure; "" when none."""
    if found := sanitising.first_image(raw, base):
        return found
    media = [*entry.get("media_thumbnail", []), *entry.get("media_content", [])]
    media += [e for e in entry.get("enclosures", []) if str(e.get("type", "")).startswith("image/")]
    for item in media:
        if found := sanitising.web_address(item.get("url") or item.get("href") or "", base):
            return found
    return ""


@dataclass(frozen=True)
class _Read:
    guid: str
    link: str
    title: str
    summary: str
    html: str
    image_url: str
    published_at: datetime | None  # None: the feed gives no usable date

    def differs(self, item: NewsItem) -> bool:
        return (item.link, item.title, item.summary, item.html, item.image_url, item.published_at) != (
            self.link,
            self.title,
            self.summary,
            self.html,
            self.image_url,
            self.published_at or item.published_at,
        )


def _read(entry, base_url: str, now: datetime) -> _Read | None:
    """One entry as it is stored, or None for an entry with neither a title nor a text."""
    link = sanitising.web_address(entry.get("link", ""), base_url)
    raw = _raw_html(entry)
    base = link or base_url
    title = sanitising.plain(entry.get("title", ""), TITLE_MOST)
    summary = sanitising.plain(raw, SUMMARY_MOST)
    if not title and not summary:
        return None
    guid = (entry.get("id") or entry.get("link") or "").strip()
    if not guid or len(guid) > GUID_MOST:
        guid = "sha256:" + hashlib.sha256((guid or title).encode("utf-8")).hexdigest()
    return _Read(
        guid=guid,
        link=link,
        title=title or sanitising.shorten(summary, 80),
        summary=summary,
        html=sanitising.clean(raw, base),
        image_url=_image(entry, raw, base),
        published_at=_moment(entry, now),
    )


def parse(data: bytes, base_url: str, now: datetime) -> list[_Read] | str:
    """The document's items, newest first and at most ``ITEMS_MOST``; or the reason (a msgid) it is
    refused. Items older than the age-out are left out (they would be deleted within the hour)."""
    if _declares_entities(data):
        return UNSAFE
    if not _starts_as_xml(data):
        return NOT_A_FEED
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries and (parsed.bozo or not parsed.version):
        return NOT_A_FEED
    oldest = now - timedelta(days=AGE_OUT_DAYS)
    found: dict[str, _Read] = {}
    for entry in parsed.entries:
        read = _read(entry, base_url, now)
        if read is not None and (read.published_at or now) >= oldest:
            found.setdefault(read.guid, read)  # the first of a guid the feed lists twice
    # newest first; undated ones count as now and keep the feed's order (sorted is stable)
    return sorted(found.values(), key=lambda r: r.published_at or now, reverse=True)[:ITEMS_MOST]


def load(session: Session, feed: NewsFeed, data: bytes, now: datetime, base_url: str = "") -> Counts:
    """Upserts the document's items into ``feed`` (see the module docstring) and commits; records a
    good load (``last_ok_at``) or the reason it was refused (``last_error``) on the feed.
    ``base_url``: where the document came from (relative links resolve against it; default its URL)."""
    reads = parse(data, base_url or feed.url, now)
    if isinstance(reads, str):
        feed.last_error = reads
        session.add(feed)
        session.commit()
        return Counts(error=reads)
    guids = [r.guid for r in reads]
    known = {
        item.guid: item
        for item in session.exec(
            select(NewsItem).where(NewsItem.feed_id == feed.id, col(NewsItem.guid).in_(guids))
        ).all()
    }
    added = changed = 0
    for place, read in enumerate(reads):
        item = known.get(read.guid)
        if item is None and read.published_at is None:  # undated: a second apart, in the feed's order
            read = dataclasses.replace(read, published_at=now - timedelta(seconds=place))
        if item is None:
            item = NewsItem(feed_id=feed.id, hub_id=feed.hub_id, guid=read.guid, created_at=now)
            added += 1
        elif read.differs(item):
            changed += 1
        else:
            continue
        item.link, item.title, item.summary = read.link, read.title, read.summary
        item.html, item.image_url = read.html, read.image_url
        item.published_at = read.published_at or item.published_at
        item.updated_at = now
        session.add(item)
    feed.last_ok_at, feed.last_error = now, ""
    session.add(feed)
    session.flush()
    _keep_newest(session, feed.id)
    session.commit()
    return Counts(added=added, changed=changed, same=len(reads) - added - changed)


def _keep_newest(session: Session, feed_id: int) -> None:
    beyond = (
        select(NewsItem.id)
        .where(NewsItem.feed_id == feed_id)
        .order_by(col(NewsItem.published_at).desc(), col(NewsItem.id).desc())
        .offset(KEPT_MOST)
    )
    old = list(session.exec(beyond).all())
    if old:
        session.exec(delete(NewsItem).where(col(NewsItem.id).in_(old)))


def forget_old(session: Session, now: datetime) -> int:
    """Deletes the items dated more than ``AGE_OUT_DAYS`` ago; how many."""
    oldest = now - timedelta(days=AGE_OUT_DAYS)
    result = session.exec(delete(NewsItem).where(col(NewsItem.published_at) < oldest))
    session.commit()
    return result.rowcount


def not_tried_since(moment: datetime):
    """The feeds never tried, or last tried at or before ``moment`` (a where clause)."""
    return or_(col(NewsFeed.last_tried_at).is_(None), col(NewsFeed.last_tried_at) <= moment)


def _claim(session: Session, feed: NewsFeed, now: datetime, not_tried_within: timedelta | None) -> bool:
    """Moves the feed's ``last_tried_at`` to now; with ``not_tried_within``, only when it was tried
    longer ago than that, in one conditional update: of two workers, one gets it."""
    query = update(NewsFeed).where(col(NewsFeed.id) == feed.id).values(last_tried_at=now)
    if not_tried_within is not None:
        query = query.where(not_tried_since(now - not_tried_within))
    claimed = session.exec(query).rowcount == 1
    session.commit()
    return claimed


def fetch_one(
    session: Session, feed: NewsFeed, now: datetime, fetch: Callable[..., Fetched] = fetching.fetch
) -> Outcome:
    """Fetches and loads one feed, its outcome recorded on it; never raises for the feed's fault."""
    url, etag, modified = feed.url, feed.etag, feed.modified
    session.commit()  # no transaction is held open during the fetch
    fetched = fetch(url, etag, modified)
    if fetched.error:
        feed.last_error = fetched.error
        session.add(feed)
        session.commit()
        log.warning("news feed %s of hub %s: %s", feed.id, feed.hub_id, fetched.error)
        return Outcome(feed.id, feed.name, error=fetched.error)
    if fetched.unchanged:
        feed.last_ok_at, feed.last_error = now, ""
        session.add(feed)
        session.commit()
        return Outcome(feed.id, feed.name, unchanged=True)
    try:
        counts = load(session, feed, fetched.data, now, fetched.url)
    except IntegrityError:  # another worker added the same item meanwhile: load again over its rows
        session.rollback()
        counts = load(session, feed, fetched.data, now, fetched.url)
    if counts.error:
        log.warning("news feed %s of hub %s: %s", feed.id, feed.hub_id, counts.error)
    else:  # kept only for a document that loaded: a refused one is fetched whole again next time
        feed.etag, feed.modified = fetched.etag, fetched.modified
        session.add(feed)
        session.commit()
    return Outcome(feed.id, feed.name, counts=counts, error=counts.error)


def fetch_all(
    session: Session,
    now: datetime,
    hub_id: int | None = None,
    *,
    not_tried_within: timedelta | None = None,
    fetch: Callable[..., Fetched] = fetching.fetch,
) -> list[Outcome]:
    """Fetches every feed (of ``hub_id``, else of every hub), each on its own: one feed's failure,
    also an unexpected one, never stops the others. With ``not_tried_within``, a feed tried that
    recently (by this or another worker) is skipped. The outcomes in the order of the feeds' names."""
    query = select(NewsFeed).order_by(NewsFeed.hub_id, NewsFeed.name, col(NewsFeed.id))
    if hub_id is not None:
        query = query.where(NewsFeed.hub_id == hub_id)
    outcomes = []
    for feed in session.exec(query).all():
        feed_id, name, hub = feed.id, feed.name, feed.hub_id
        try:
            if _claim(session, feed, now, not_tried_within):
                outcomes.append(fetch_one(session, feed, now, fetch))
        except Exception:  # a database hiccup or a parser's bug: the next feed goes all the same
            session.rollback()
            log.exception("news feed %s of hub %s failed", feed_id, hub)
            outcomes.append(Outcome(feed_id, name, error=fetching.BAD_ANSWER))
    return outcomes
