"""The engine for command-line use (migrate, seed). The app itself uses Reflex's session."""

from pathlib import Path

from sqlalchemy import Engine, event, make_url
from sqlmodel import Session, create_engine

from mantelzorg_app import settings

ROW_ID_MOST = 2**31 - 1  # the largest id of a row (a database integer); a larger number names none


def is_row_id(value: object) -> bool:
    """A positive int that fits the database (PostgreSQL refuses a larger one with an error)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= ROW_ID_MOST


def id_of(value: object) -> int | None:
    """A row's id from any value a browser may have sent (an int or a string of ASCII digits), else
    None: 1.5, "1e3", "١٢" (which ``int`` reads as 12) and a number too big for the database are junk."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= len(str(ROW_ID_MOST)):
        value = int(value)
    return value if is_row_id(value) else None


def row(session: Session, model: type, row_id: object):
    """The row of ``model`` with this id; None for a missing row and for anything but a row id (an
    int: services take ids as the state parsed them, never a browser's string)."""
    return session.get(model, row_id) if is_row_id(row_id) else None


def engine(url: str | None = None) -> Engine:
    url = make_url(url or settings.database_url())
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(eng, "connect", _sqlite_foreign_keys)
    return eng


def write_ahead(eng: Engine) -> None:
    """SQLite keeps a write-ahead log (a setting stored in the database file, so every connection
    of the app uses it): readers never wait for a writer, and a commit is one append and sync of
    the log instead of a rollback journal's several. Still synchronous=FULL: a commit survives a
    power cut. Nothing to do on PostgreSQL."""
    if eng.dialect.name == "sqlite" and eng.url.database not in (None, "", ":memory:"):
        with eng.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
