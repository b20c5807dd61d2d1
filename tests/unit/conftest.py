"""Shared fixtures for the unit tests: a fresh database per test.

SQLite in memory by default; the PostgreSQL named in REFLEX_DB_URL when the suite runs on it
(tests/support/scale_out.py), with every table dropped again after each test.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import mantelzorg_app.models  # noqa: F401  registers every table on SQLModel.metadata
from tests.unit.auth_fixtures import use_test_outbox, use_test_secret_key


def _foreign_keys_on(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def postgres_url() -> str | None:
    url = os.environ.get("REFLEX_DB_URL", "")
    return url if url.startswith("postgresql") else None


@pytest.fixture
def engine() -> Iterator[Engine]:
    if url := postgres_url():
        eng = create_engine(url)
    else:  # one in-memory database shared by every connection of this engine
        eng = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        event.listen(eng, "connect", _foreign_keys_on)
    SQLModel.metadata.create_all(eng)
    yield eng
    SQLModel.metadata.drop_all(eng)
    eng.dispose()


WORKERS = 6  # threads the PostgreSQL-only tests run at once


@pytest.fixture
def shared_engine() -> Iterator[Engine]:
    """One PostgreSQL database for ``WORKERS`` threads at once (each its own connection)."""
    eng = create_engine(postgres_url(), pool_size=WORKERS + 2)
    SQLModel.metadata.create_all(eng)
    yield eng
    SQLModel.metadata.drop_all(eng)
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s


@pytest.fixture(autouse=True)
def _test_secret_key_and_outbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fixed key for digests and an outbox of the test's own, so no test touches instance/."""
    use_test_secret_key(monkeypatch)
    use_test_outbox(monkeypatch, tmp_path / "outbox")
