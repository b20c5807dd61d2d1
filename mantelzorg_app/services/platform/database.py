"""The engine for command-line use (migrate, seed). The app itself uses Reflex's session."""

from pathlib import Path

from sqlalchemy import Engine, event, make_url
from sqlmodel import create_engine

from mantelzorg_app import settings


def engine(url: str | None = None) -> Engine:
    url = make_url(url or settings.database_url())
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(eng, "connect", _sqlite_foreign_keys)
    return eng


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
