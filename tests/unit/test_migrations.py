"""The Alembic migrations build exactly the schema the models describe, and can be undone."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel, func, select

from alembic import command
from mantelzorg_app import manage, settings
from mantelzorg_app.models import (
    ChatMember,
    ChatMessage,
    Conversation,
    Hub,
    Kind,
    Membership,
    SearchDocument,
    Wijk,
)  # every table
from mantelzorg_app.models.search import is_full_text
from mantelzorg_app.services.chat.conversations import CAFE
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.platform.database import engine
from mantelzorg_app.services.search import app_pages
from tests.unit.conftest import postgres_url

FIX = "run `python -m mantelzorg_app.manage makemigration '<what changed>'` and check the new file"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh database (SQLite file, or the suite's PostgreSQL emptied); settings point at it."""
    url = postgres_url() or f"sqlite:///{tmp_path / 'mantelzorg.db'}"
    monkeypatch.setenv("REFLEX_DB_URL", url)
    monkeypatch.setenv("MANTELZORG_INSTANCE", str(tmp_path))
    monkeypatch.setattr(settings, "INSTANCE", tmp_path)  # read once at import
    assert settings.database_url() == url
    _empty(url)
    yield url
    _empty(url)


def _empty(url: str) -> None:
    eng = engine(url)
    try:
        SQLModel.metadata.drop_all(eng)
        with eng.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        eng.dispose()


def _tables(url: str) -> set[str]:
    eng = engine(url)
    try:
        return set(sa.inspect(eng).get_table_names()) - {"alembic_version"}
    finally:
        eng.dispose()


def _differences(url: str) -> list:
    eng = engine(url)
    try:
        with eng.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "compare_server_default": True,
                    "include_name": lambda name, _type, _parents: not is_full_text(name),
                },
            )
            return compare_metadata(context, SQLModel.metadata)
    finally:
        eng.dispose()


def _assert_no_differences(url: str) -> None:
    diff = _differences(url)
    assert not diff, f"the models differ from the migrated database; {FIX}:\n" + "\n".join(
        f"  {entry}" for entry in diff
    )


def test_upgrade_creates_every_table(db_url: str) -> None:
    manage.migrate()
    expected = set(SQLModel.metadata.tables)
    assert expected, "no tables registered: is mantelzorg_app.models imported?"
    missing = expected - _tables(db_url)
    assert not missing, f"tables the migrations do not create: {sorted(missing)}; {FIX}"


def test_models_and_migrations_agree(db_url: str) -> None:
    manage.migrate()
    _assert_no_differences(db_url)


def _pages(url: str) -> list[str]:
    eng = engine(url)
    try:
        with Session(eng) as session:
            rows = session.exec(select(SearchDocument).where(SearchDocument.kind == app_pages.KIND)).all()
            assert all(row.hub_id is None for row in rows)
            return sorted(row.ref for row in rows)
    finally:
        eng.dispose()


def test_migrate_puts_the_app_pages_in_the_search_index_without_the_demo(db_url: str) -> None:
    manage.migrate()
    listed = sorted(page.ref for page in app_pages.PAGES)
    assert listed and _pages(db_url) == listed
    manage.migrate()  # again, as every deployment's start does: the same rows, not twice
    assert _pages(db_url) == listed


def test_migrate_keeps_a_write_ahead_log_on_sqlite(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    manage.migrate()
    eng = engine(db_url)
    try:
        with eng.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        eng.dispose()


def test_migrate_twice_is_harmless(db_url: str) -> None:
    manage.migrate()
    manage.migrate()
    assert set(SQLModel.metadata.tables) <= _tables(db_url)


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    manage.migrate()
    command.downgrade(manage._alembic(), "base")
    assert _tables(db_url) == set(), "downgrade to base left tables behind"

    manage.migrate()
    assert set(SQLModel.metadata.tables) <= _tables(db_url)
    _assert_no_differences(db_url)


def test_migrated_database_takes_the_demo(db_url: str) -> None:
    """The migrated schema (not create_all) holds real data, foreign keys on."""
    manage.migrate()
    eng = engine(db_url)
    try:
        with Session(eng) as session:
            assert load_demo(session) == ["leusden", "poperinge"]
            assert session.exec(select(func.count()).select_from(Hub)).one() == 2
            assert session.exec(select(func.count()).select_from(Membership)).one() > 0
    finally:
        eng.dispose()


def test_migrate_gives_every_hub_its_rooms_also_a_new_wijks(db_url: str) -> None:
    """manage migrate, on every start: the hub's online café and a room per wijk, each once."""
    manage.migrate()
    eng = engine(db_url)
    try:
        with Session(eng) as session:
            hub = Hub(
                slug="ergens", name="Ergens", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
            )
            session.add(hub)
            session.flush()
            session.add(Wijk(hub_id=hub.id, slug="oost", name="Oost", kind="wijk", postcodes="1234"))
            session.commit()
            hub_id = hub.id
        manage.migrate()
        manage.migrate()
        with Session(eng) as session:
            rooms = session.exec(
                select(Conversation.title).where(
                    Conversation.hub_id == hub_id, Conversation.kind == Kind.room
                )
            ).all()
            assert sorted(rooms) == sorted([CAFE, "Oost"])
    finally:
        eng.dispose()


def _add(connection, table: sa.Table, **values) -> int:
    """A row as the old schema held it: the given values, plain ones in every other required column."""
    plain = {sa.Integer: 0, sa.String: "", sa.Boolean: False, sa.Date: date(2025, 1, 1), sa.DateTime: _THEN}
    for column in table.columns:
        if (
            column.name in values
            or column.nullable
            or column.primary_key
            or column.server_default is not None
        ):
            continue
        values[column.name] = next(v for kind, v in plain.items() if isinstance(column.type, kind))
    return connection.execute(table.insert().values(**values)).inserted_primary_key[0]


_THEN = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_a_requests_thread_moves_into_its_pair_conversation(db_url: str) -> None:
    """3133a134da9e: each request's thread becomes a pair conversation, numbered in the order it
    was said, with the request's people as members, closed when the request is no longer matched."""
    command.upgrade(manage._alembic(), "b10bc29e99b7")  # the schema just before the chat
    eng = engine(db_url)
    try:
        meta = sa.MetaData()
        meta.reflect(eng)
        t = meta.tables
        with eng.begin() as connection:
            hub = _add(connection, t["hub"], slug="leusden", name="Leusden", country="NL")
            carla, vera, petra, anna, wim = (
                _add(connection, t["person"], first_name=n, email=f"{n.lower()}@example.org")
                for n in ("Carla", "Vera", "Petra", "Anna", "Wim")
            )
            talking = _add(
                connection, t["helprequest"], hub_id=hub, caregiver_id=carla, volunteer_id=vera,
                posted_by_id=petra, status="matched", category="boodschappen",
            )  # fmt: skip
            ended = _add(
                connection, t["helprequest"], hub_id=hub, caregiver_id=anna, volunteer_id=vera,
                status="done", category="boodschappen",
            )  # fmt: skip
            quiet = _add(
                connection, t["helprequest"], hub_id=hub, caregiver_id=anna, volunteer_id=vera,
                status="matched", category="boodschappen",
            )  # fmt: skip
            again = _add(  # Vera's VOG went, Wim helps now
                connection, t["helprequest"], hub_id=hub, caregiver_id=carla, volunteer_id=wim,
                status="matched", category="klusjes", home_visit=True,
            )  # fmt: skip
            _add(
                connection,
                t["helpoffer"],
                request_id=again,
                volunteer_id=vera,
                status="ended",
                created_at=_THEN,
            )
            _add(
                connection,
                t["helpoffer"],
                request_id=again,
                volunteer_id=wim,
                status="accepted",
                created_at=_THEN,
            )
            said = [  # stored out of order: the move numbers them by time
                (again, carla, "De sleutel ligt onder de mat.", _THEN),
                (again, wim, "Ik kom donderdag.", _THEN + timedelta(days=2)),
                (talking, vera, "Prima, tot dan.", _THEN + timedelta(minutes=5)),
                (talking, carla, "Dinsdag om tien uur?", _THEN),
                (ended, anna, "Dank u wel!", _THEN + timedelta(days=1)),
                (talking, petra, "Fijn dat het lukt.", _THEN + timedelta(minutes=9)),
            ]
            for request_id, author, text, at in said:
                _add(
                    connection,
                    t["threadmessage"],
                    request_id=request_id,
                    author_id=author,
                    text=text,
                    created_at=at,
                )
        manage.migrate()
        with Session(eng) as session:
            assert "threadmessage" not in sa.inspect(eng).get_table_names()
            pairs = {
                c.request_id: c
                for c in session.exec(select(Conversation).where(Conversation.kind == Kind.pair))
            }
            assert set(pairs) == {talking, ended, again}
            earlier = pairs[again]  # what was said to Vera: Carla keeps it, Wim never reads it
            assert earlier.last_seq == 2 and earlier.closed_at == _THEN + timedelta(days=2)
            assert {
                m.person_id
                for m in session.exec(select(ChatMember).where(ChatMember.conversation_id == earlier.id))
            } == {carla}
            assert quiet not in pairs  # a request without a thread gets its conversation when opened
            first, done = pairs[talking], pairs[ended]
            rows = session.exec(
                select(ChatMessage).where(ChatMessage.conversation_id == first.id).order_by(ChatMessage.seq)
            ).all()
            assert [(m.seq, m.author_id, m.text) for m in rows] == [
                (1, carla, "Dinsdag om tien uur?"),
                (2, vera, "Prima, tot dan."),
                (3, petra, "Fijn dat het lukt."),
            ]
            assert len({m.local_id for m in rows}) == 3
            assert (first.last_seq, first.closed_at, first.hub_id) == (3, None, hub)
            assert first.last_message_at == _THEN + timedelta(minutes=9)
            members = session.exec(select(ChatMember).where(ChatMember.conversation_id == first.id)).all()
            assert {m.person_id for m in members} == {carla, vera, petra}
            assert {m.read_seq for m in members} == {3}  # what was there was read in the thread
            assert done.last_seq == 1 and done.closed_at == _THEN + timedelta(days=1)
            assert {
                m.person_id
                for m in session.exec(select(ChatMember).where(ChatMember.conversation_id == done.id))
            } == {anna, vera}
        command.downgrade(manage._alembic(), "b10bc29e99b7")
        assert "threadmessage" in _tables(db_url) and "conversation" not in _tables(db_url)
        manage.migrate()  # and up again, with people in the database
        _assert_no_differences(db_url)
    finally:
        eng.dispose()
