"""Command line for set-up: `python -m mantelzorg_app.manage setup` migrates and loads demo data.

migrate            bring the database schema up to date (Alembic; SQLite with a write-ahead log),
                   then put the app's own pages in the search index and give every hub its chat
                   rooms (the online café, one per wijk) (again: safe every time, also without the demo)
seed               add the demo hubs that are missing
setup              migrate, then seed
makemigration MSG  write a new migration from the models
hsds export HUB FILE  write the hub's sociale kaart (its slug: leusden) as HSDS 3.0 JSON to FILE
hsds import HUB FILE  load FILE into the hub; prints what changed, or each problem and loads nothing
feeds add HUB URL NAME  list an RSS or Atom feed of general news for the hub (NAME: as the cards say it)
feeds fetch [HUB]     fetch every feed now (of HUB only); prints a line per feed, 1 when one failed
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.config import Config
from sqlmodel import Session, col, select

from alembic import command
from mantelzorg_app import settings
from mantelzorg_app.models import Hub
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.calendar import indexing as calendar_indexing
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.directory import transfer
from mantelzorg_app.services.news import importing, sources
from mantelzorg_app.services.news import indexing as news_indexing
from mantelzorg_app.services.news.posts import NotPossible
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.database import engine, write_ahead
from mantelzorg_app.services.platform.hubs import hub_by_slug
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.search import app_pages

CLI_LANGUAGE = "nl"
NO_HUB = N_("Er is geen hub {slug}.")
EXPORTED = N_("{count} diensten van {hub} staan in {path}.")
NO_FILE = N_("Het bestand {path} is er niet, of het kan niet gelezen worden.")
FEED_ADDED = N_("De bron {name} is toegevoegd aan {hub}.")
FEED_FETCHED = N_("{name}: {added} nieuw, {changed} veranderd, {same} hetzelfde.")
FEED_UNCHANGED = N_("{name}: niets nieuws sinds de vorige keer.")
NO_FEEDS = N_("Er zijn geen bronnen om op te halen.")


def _alembic() -> Config:
    cfg = Config(str(settings.ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(settings.ROOT / "alembic"))
    return cfg


def migrate() -> None:
    command.upgrade(_alembic(), "head")
    eng = engine()
    write_ahead(eng)
    try:
        with Session(eng) as session:
            app_pages.index_pages(session)  # idempotent: the pages as this version lists them
            for hub_id in session.exec(select(Hub.id).order_by(col(Hub.id))).all():
                conversations.ensure_rooms(session, hub_id, utcnow())  # idempotent: a new wijk's room
            calendar_indexing.index_all(session)  # idempotent: the activities that go on
            news_indexing.index_all(session)  # idempotent: the published posts
            session.commit()
    finally:
        eng.dispose()


def seed() -> None:
    eng = engine()
    with Session(eng) as session:
        added = load_demo(session)
    eng.dispose()
    print("demo hubs added:", ", ".join(added) or "none (already there)")


def _say(msgid: str, **values: object) -> None:
    print(i18n.gettext(CLI_LANGUAGE, msgid, **values))


@contextmanager
def _session() -> Iterator[Session]:
    """A session on an engine of the command's own, disposed of when the command is done."""
    eng = engine()
    try:
        with Session(eng) as session:
            yield session
    finally:
        eng.dispose()


def _hub(session: Session, slug: str) -> Hub | None:
    """The hub at ``slug``; None once it said there is none."""
    hub = hub_by_slug(session, slug)
    if hub is None:
        _say(NO_HUB, slug=slug)
    return hub


def hsds(action: str, slug: str, path: str) -> int:
    """Export the hub's sociale kaart to ``path``, or import it from there; 1 on any problem."""
    with _session() as session:
        hub = _hub(session, slug)
        if hub is None:
            return 1
        if action == "export":
            records = transfer.export_hub(session, hub.id)
            Path(path).write_text(transfer.dump(records), encoding="utf-8")
            _say(EXPORTED, count=len(records), hub=hub.name, path=path)
            return 0
        try:
            data = Path(path).read_bytes()
        except OSError:
            _say(NO_FILE, path=path)
            return 1
        report = transfer.load_file(session, hub.id, data, None)
        if not report.problems:
            session.commit()
        print("\n".join(transfer.report_in_words(report, CLI_LANGUAGE)))
        return 1 if report.problems else 0


def feeds_add(slug: str, url: str, name: str) -> int:
    """Lists the feed for the hub, as the coordinator's beheer page does; 1 on a problem."""
    with _session() as session:
        hub = _hub(session, slug)
        if hub is None:
            return 1
        try:
            feed = sources.add(session, None, hub.id, url, name)
        except NotPossible as problem:
            _say(problem.msgid, **problem.values)
            return 1
        _say(FEED_ADDED, name=feed.name, hub=hub.name)
        return 0


def feeds_fetch(slug: str | None) -> int:
    """Fetches every feed (of the hub) now; a line per feed, 1 when one failed."""
    with _session() as session:
        hub = _hub(session, slug) if slug else None
        if slug and hub is None:
            return 1
        outcomes = importing.fetch_all(session, utcnow(), hub.id if hub else None)
        for outcome in outcomes:
            counts = outcome.counts
            if outcome.error:
                print(f"{outcome.name}: {i18n.gettext(CLI_LANGUAGE, outcome.error)}")
            elif outcome.unchanged:
                _say(FEED_UNCHANGED, name=outcome.name)
            else:
                _say(
                    FEED_FETCHED,
                    name=outcome.name,
                    added=counts.added,
                    changed=counts.changed,
                    same=counts.same,
                )
        if not outcomes:
            _say(NO_FEEDS)
        return 1 if any(o.error for o in outcomes) else 0


def main(argv: list[str]) -> int:
    match argv:
        case ["migrate"]:
            migrate()
        case ["seed"]:
            seed()
        case ["setup"]:
            migrate()
            seed()
        case ["hsds", ("export" | "import") as action, slug, path]:
            return hsds(action, slug, path)
        case ["feeds", "add", slug, url, name]:
            return feeds_add(slug, url, name)
        case ["feeds", "fetch", *hub] if len(hub) <= 1:
            return feeds_fetch(hub[0] if hub else None)
        case ["makemigration", message]:
            command.revision(_alembic(), message=message, autogenerate=True)
        case _:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
