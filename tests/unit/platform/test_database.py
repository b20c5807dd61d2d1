"""The command-line engine and the test database both enforce foreign keys on SQLite."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mantelzorg_app.models import Wijk
from mantelzorg_app.services.platform.database import engine


def test_session_fixture_enforces_foreign_keys(session: Session) -> None:
    session.add(Wijk(hub_id=999, slug="nergens", name="Nergens", kind="wijk"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_app_engine_turns_foreign_keys_on_for_sqlite() -> None:
    eng = engine("sqlite://")
    try:
        with eng.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        eng.dispose()
