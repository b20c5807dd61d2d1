"""The engine for command-line use (migrate, seed). The app itself uses Reflex's session."""

from sqlalchemy import Engine, event
from sqlmodel import create_engine

from mantelzorg_app import settings


def engine(url: str | None = None) -> Engine:
    url = url or settings.database_url()
    if url.startswith("sqlite:///"):
        settings.INSTANCE.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(eng, "connect", _sqlite_foreign_keys)
    return eng


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
