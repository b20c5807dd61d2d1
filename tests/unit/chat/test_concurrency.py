"""Several workers send into one conversation at once, on PostgreSQL (the several-worker setup):
numbers 1..n with no gap and no repeat, and a retry racing its own first try is still one message.

Skipped on SQLite, which writes one transaction at a time (the suite runs this file on PostgreSQL
with `pg_virtualenv .venv/bin/python -m tests.support.scale_out tests/unit/chat`).
"""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMessage, Conversation, Kind
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.identity.authz import Actor
from tests.unit.auth_fixtures import NOW
from tests.unit.conftest import WORKERS, postgres_url
from tests.unit.help_fixtures import add_volunteer, help_world

pytestmark = pytest.mark.skipif(postgres_url() is None, reason="concurrent writers: PostgreSQL only")

EACH = 8  # under messages.BURST: the flood limit is not what this tests


def _room_with(engine: Engine, count: int) -> tuple[int, list[Actor]]:
    with Session(engine) as session:
        world = help_world(session)
        people = [add_volunteer(session, world.leusden, f"Schrijver{i}") for i in range(count)]
        conversations.ensure_rooms(session, world.leusden.id, NOW)
        session.commit()
        room = session.exec(
            select(Conversation.id).where(Conversation.kind == Kind.room, Conversation.wijk_id == None)  # noqa: E711
        ).one()
        for who in people:
            conversations.join(session, who, room, NOW)
        session.commit()
        return room, people


def _send(engine: Engine, who: Actor, room: int, text: str, local: str) -> tuple[int, bool]:
    with Session(engine) as session:
        found = conversations.access(session, who, room, "send-message")
        sent, new = messages.send(session, found, who.person_id, text, local, NOW + timedelta(seconds=1))
        session.commit()
        return sent.seq, new


def _run_all(work) -> list[BaseException]:
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_workers_sending_at_once_number_1_to_n_without_gap_or_repeat(shared_engine: Engine):
    room, people = _room_with(shared_engine, WORKERS)
    answered: dict[int, list[int]] = {i: [] for i in range(WORKERS)}

    def work(i: int) -> None:
        for k in range(EACH):
            seq, new = _send(shared_engine, people[i], room, f"{i}:{k}", f"w{i:02d}-m{k:04d}")
            assert new
            answered[i].append(seq)

    assert _run_all(work) == []
    total = WORKERS * EACH
    with Session(shared_engine) as session:
        rows = session.exec(
            select(ChatMessage).where(ChatMessage.conversation_id == room).order_by(ChatMessage.seq)
        ).all()
        assert [m.seq for m in rows] == list(range(1, total + 1))
        assert session.get(Conversation, room).last_seq == total
    for i in range(WORKERS):
        assert answered[i] == sorted(answered[i])  # each worker's own messages in the order it sent them
        assert [int(m.text.split(":")[1]) for m in rows if m.text.startswith(f"{i}:")] == list(range(EACH))
    assert sorted(s for seqs in answered.values() for s in seqs) == list(range(1, total + 1))


def test_retries_racing_their_first_try_store_one_message(shared_engine: Engine):
    """The browser sent, heard nothing, sent again: both tries arrive at the same moment."""
    room, people = _room_with(shared_engine, 1)
    (writer,) = people
    answers: list[tuple[int, bool]] = []

    def work(_i: int) -> None:
        for k in range(EACH):
            answers.append(_send(shared_engine, writer, room, f"bericht {k}", f"retry-{k:04d}"))

    assert _run_all(work) == []
    with Session(shared_engine) as session:
        rows = session.exec(
            select(ChatMessage).where(ChatMessage.conversation_id == room).order_by(ChatMessage.seq)
        ).all()
        assert [(m.seq, m.text) for m in rows] == [(k + 1, f"bericht {k}") for k in range(EACH)]
        assert session.get(Conversation, room).last_seq == EACH
    assert len(answers) == WORKERS * EACH  # every try answered, none failed
    assert sorted(seq for seq, new in answers if new) == list(range(1, EACH + 1))  # each stored once
    assert sorted(seq for seq, _new in answers) == sorted(list(range(1, EACH + 1)) * WORKERS)
    for k in range(EACH):  # a retry after the race answers the stored message
        assert _send(shared_engine, writer, room, "x", f"retry-{k:04d}") == (k + 1, False)
