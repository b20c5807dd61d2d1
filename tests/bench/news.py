"""News speed: the Nieuws page's sections, the feed importer, the photo pipeline and the hub's RSS.

`python -m tests.bench.news` fills a throw-away SQLite file (a fixed seed) and times, REPEAT times
after a warm-up:
- ``sections``: the Nieuws page's three sections for a signed-in caregiver of one wijk
  (services.news.listing.sections) in a hub of 10, 100 and 500 published posts (over six wijken and
  the whole hub, a third with a photo) and as many general items of two feeds;
- ``import``: one fetch's 50-item RSS 2.0 feed stored (services.news.importing.load): into a new
  feed (50 items added, each sanitised), the same bytes again (nothing changed), and with every
  item's text changed (50 updated); items a second;
- ``photo``: a 12-megapixel phone JPEG (4000x3000, EXIF orientation) made into the shown photo
  (services.news.photos.make: opened, turned, resized to 1200 px, re-encoded), with the peak
  memory of the process above what it held before (the resident set's high-water mark, reset
  before each run, so Pillow's own buffers count too; Linux only, else tracemalloc's Python peak);
- ``rss``: the hub's RSS 2.0 of its newest 50 published posts (17 with a photo's enclosure) as
  bytes (services.news.rss).
It prints the median and the 95th percentile, one line per case; it asserts nothing.
"""

import io
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw
from sqlmodel import Session, SQLModel, create_engine, delete

import mantelzorg_app.models  # noqa: F401  registers every table
from mantelzorg_app.models import (
    Hub,
    Membership,
    NewsFeed,
    NewsItem,
    NewsPhoto,
    NewsPost,
    Person,
    PostStatus,
    Role,
    Wijk,
)
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import importing, listing, photos, rss

SIZES = (10, 100, 500)
REPEAT = 20
WARM_UP = 2
PHOTO_REPEAT = 5
SEED = 15
NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
WIJKEN = ("Centrum", "Zuid", "Hamersveld", "Rozendaal", "Groenhouten", "Tabaksteeg")
FEED_ITEMS = 50
BASE = "https://example.org"
BODY = (
    "Op dinsdag is er weer koffie in het wijkcentrum. Iedereen die voor een naaste zorgt is welkom.\n\n"
    "U hoeft zich niet aan te melden. Neem gerust iemand mee. Er is ook thee."
)


def _fill(session: Session, size: int) -> tuple[Hub, Actor]:
    """A hub with ``size`` published posts, ``size`` general items, and a caregiver of its first wijk."""
    rng = random.Random(SEED)
    hub = Hub(
        slug=f"nieuws{size}", name="Bench", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
    )
    session.add(hub)
    session.flush()
    wijken = [Wijk(hub_id=hub.id, slug=name.lower(), name=name, kind="wijk") for name in WIJKEN]
    writer, reader = Person(first_name="Eva"), Person(first_name="Anna")
    session.add_all([*wijken, writer, reader])
    session.flush()
    session.add_all(
        [
            Membership(person_id=writer.id, hub_id=hub.id, role=Role.trekker, wijk_id=wijken[0].id),
            Membership(person_id=reader.id, hub_id=hub.id, role=Role.caregiver, wijk_id=wijken[0].id),
        ]
    )
    shown = _shown_jpeg()
    for n in range(size):
        wijk = rng.choice([*wijken, None])
        published = NOW - timedelta(hours=rng.randint(1, 24 * 120))
        photo = None
        if n % 3 == 0:  # a third with a photo: its description on the card, an enclosure in the RSS
            photo = NewsPhoto(
                hub_id=hub.id, author_id=writer.id, data=shown, width=1200, height=900, alt="Koffie"
            )
            session.add(photo)
            session.flush()
        session.add(
            NewsPost(
                hub_id=hub.id,
                wijk_id=wijk.id if wijk else None,
                author_id=writer.id,
                author_name="Eva",
                title=f"Bericht {n} uit de wijk",
                body=BODY,
                status=PostStatus.published,
                photo_id=photo.id if photo else None,
                sent_at=published,
                published_at=published,
                updated_at=published,
            )
        )
    feeds = [NewsFeed(hub_id=hub.id, url=f"{BASE}/{n}.rss", name=f"Bron {n}") for n in range(2)]
    session.add_all(feeds)
    session.flush()
    for n in range(size):
        published = NOW - timedelta(hours=rng.randint(1, 24 * 80))
        session.add(
            NewsItem(
                feed_id=feeds[n % 2].id,
                hub_id=hub.id,
                guid=f"{BASE}/item/{n}",
                link=f"{BASE}/item/{n}",
                title=f"Landelijk nieuws {n}",
                summary=BODY[:300],
                html=f"<p>{escape(BODY)}</p>",
                published_at=published,
            )
        )
    session.commit()
    actor = Actor(reader.id, reader.first_name, hub.id, frozenset({Role.caregiver}))
    return hub, actor


def _feed_bytes(edition: int) -> bytes:
    """An RSS 2.0 feed of FEED_ITEMS items with some HTML each (a link, a list, an image to take out)."""
    items = []
    for n in range(FEED_ITEMS):
        html = (
            f"<p>Nieuws {n}, versie {edition}: <strong>mantelzorgers</strong> krijgen meer steun.</p>"
            f'<ul><li>Een</li><li>Twee</li></ul><p><a href="{BASE}/lees/{n}">Lees meer</a></p>'
            f'<img src="{BASE}/foto/{n}.jpg" alt="">'
        )
        day = NOW - timedelta(hours=n)
        items.append(
            f"<item><title>Bericht {n} ({edition})</title><link>{BASE}/lees/{n}</link>"
            f'<guid isPermaLink="false">bench-{n}</guid>'
            f"<pubDate>{day:%a, %d %b %Y %H:%M:%S} +0000</pubDate>"
            f"<description>{escape(html)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
        f"<link>{BASE}</link><description>Bench</description>{''.join(items)}</channel></rss>"
    ).encode()


def _shown_jpeg() -> bytes:
    """A photo as services.news.photos keeps it: 1200 px wide, re-encoded."""
    out = io.BytesIO()
    Image.linear_gradient("L").resize((1200, 900)).convert("RGB").save(out, "JPEG", quality=82)
    return out.getvalue()


def _phone_jpeg() -> bytes:
    """A 12-megapixel JPEG as a phone takes it (drawn, with a little noise; EXIF orientation 6)."""
    width, height = 4000, 3000
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(picture)
    rng = random.Random(SEED)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + rng.randint(50, 600), y + rng.randint(50, 600)), fill=colour)
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    picture = Image.blend(picture, noise, 0.25)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turned a quarter
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def _timed(case: Callable[[], object], repeat: int = REPEAT) -> list[float]:
    for _ in range(WARM_UP):
        case()
    found = []
    for _ in range(repeat):
        began = time.perf_counter()
        case()
        found.append((time.perf_counter() - began) * 1000)
    return found


def _figures(ms: list[float]) -> str:
    p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) > 1 else ms[0]
    return f"median {statistics.median(ms):8.2f} ms  p95 {p95:8.2f} ms"


def _kib(field: str) -> int | None:
    """A field of /proc/self/status in KiB (VmRSS, VmHWM), None where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _peak_mib(case: Callable[[], object]) -> tuple[float, str]:
    """The process's peak memory during ``case`` above what it held before, in MiB, and how measured."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the present VmRSS
        before = _kib("VmRSS")
    except OSError:
        before = None
    if before is not None:
        case()
        return ((_kib("VmHWM") or before) - before) / 1024, "resident set"
    tracemalloc.start()
    case()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20, "Python heap only"


def _sections(session: Session) -> None:
    for size in SIZES:
        hub, actor = _fill(session, size)
        ms = _timed(lambda: listing.sections(session, hub, actor, None, NOW))  # noqa: B023
        print(f"sections {size:4} posts + {size:4} items  {_figures(ms)}")


def _import_line(name: str, ms: list[float], counts: importing.Counts) -> None:
    rate = FEED_ITEMS / (statistics.median(ms) / 1000)
    done = f"{counts.added} added, {counts.changed} changed, {counts.same} same"
    print(f"import   {name:8} {FEED_ITEMS} items  {_figures(ms)}  {rate:6.0f} items/s  ({done})")


def _import(session: Session) -> None:
    hub = Hub(slug="import", name="Import", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL")
    session.add(hub)
    session.commit()
    first, second = _feed_bytes(1), _feed_bytes(2)
    feeds: list[NewsFeed] = []
    counts: list[importing.Counts] = []

    def new_feed() -> None:
        feed = NewsFeed(hub_id=hub.id, url=f"{BASE}/feed/{len(feeds)}.rss", name="Bench")
        session.add(feed)
        session.commit()
        feeds.append(feed)
        counts.append(importing.load(session, feed, first, NOW))

    def changed() -> None:
        feed = feeds[0]
        session.exec(delete(NewsItem).where(NewsItem.feed_id == feed.id))
        session.commit()
        importing.load(session, feed, first, NOW)
        began = time.perf_counter()
        counts.append(importing.load(session, feed, second, NOW))
        timings.append((time.perf_counter() - began) * 1000)

    for name, case in (
        ("new", new_feed),
        ("again", lambda: counts.append(importing.load(session, feeds[0], first, NOW))),
    ):
        _import_line(name, _timed(case), counts[-1])
    timings: list[float] = []
    for _ in range(WARM_UP + REPEAT):
        changed()
    _import_line("changed", timings[WARM_UP:], counts[-1])


def _photo(session: Session) -> None:
    hub = Hub(slug="foto", name="Foto", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL")
    person = Person(first_name="Eva")
    session.add_all([hub, person])
    session.flush()
    session.add(Membership(person_id=person.id, hub_id=hub.id, role=Role.trekker))
    session.commit()
    actor = Actor(person.id, person.first_name, hub.id, frozenset({Role.trekker}))
    data = _phone_jpeg()

    def make() -> None:
        photo = photos.make(session, actor, data, NOW)
        session.commit()
        session.exec(delete(NewsPhoto).where(NewsPhoto.id == photo.id))
        session.commit()

    ms = _timed(make, PHOTO_REPEAT)
    peak, how = _peak_mib(make)
    print(f"photo    12 MP JPEG of {len(data) / 2**20:.1f} MiB  {_figures(ms)}  peak +{peak:.0f} MiB ({how})")


def _rss(session: Session) -> None:
    hub, _actor = _fill(session, 50)
    ms = _timed(lambda: rss.hub_news(session, hub, BASE).build())
    print(f"rss        50 posts  {_figures(ms)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        print(f"news on SQLite: {REPEAT} runs after {WARM_UP} warm-up ({PHOTO_REPEAT} for the photo)")
        with Session(engine) as session:
            _sections(session)
            _import(session)
            _photo(session)
            _rss(session)


if __name__ == "__main__":
    main()
