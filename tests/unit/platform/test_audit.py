"""Refusals: one row each for a signed-in person; without one, one counted row per hub, action and hour.
A logged change: `record` only adds its row, and the service commits the change and the row at once."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, SQLModel, create_engine, func, select

from mantelzorg_app.models import AuditEvent, Role
from mantelzorg_app.services.identity import memberships
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import audit
from tests.unit.auth_fixtures import NOW, audit_events, two_hubs
from tests.unit.conftest import postgres_url


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """The audit log's clock, set by the test."""
    times = [NOW.replace(minute=10)]
    monkeypatch.setattr(audit, "utcnow", lambda: times[0])
    return times


def _counts(session: Session) -> list[tuple]:
    return [(e.hub_id, e.actor_id, e.detail, e.count) for e in audit_events(session, audit.REFUSED)]


def test_anonymous_refusals_share_a_row_per_hub_action_and_hour(session: Session, clock):
    world = two_hubs(session)
    leusden, poperinge = world.leusden.id, world.poperinge.id
    for _ in range(3):
        audit.refused(session, "export", hub_id=None)
        audit.refused(session, "callbacks", hub_id=leusden)
    audit.refused(session, "callbacks", hub_id=poperinge)
    audit.refused(session, "delete-account", hub_id=leusden)
    clock[0] += timedelta(hours=1)
    audit.refused(session, "callbacks", hub_id=leusden)
    assert _counts(session) == [
        (None, None, "export", 3),
        (leusden, None, "callbacks", 3),
        (poperinge, None, "callbacks", 1),
        (leusden, None, "delete-account", 1),
        (leusden, None, "callbacks", 1),
    ]
    hour = audit_events(session, audit.REFUSED)[-1].created_at
    assert (hour.minute, hour.second, hour.microsecond) == (0, 0, 0)


def test_a_signed_in_persons_refusals_are_one_row_each(session: Session, clock):
    world = two_hubs(session)
    for _ in range(2):
        audit.refused(
            session, "callbacks not a professional", hub_id=world.leusden.id, actor_id=world.volunteer.id
        )
    assert _counts(session) == [(world.leusden.id, world.volunteer.id, "callbacks not a professional", 1)] * 2


@pytest.fixture
def shared_engine(tmp_path) -> Engine:
    """A database that several workers open at once (a file, or the suite's PostgreSQL)."""
    eng = create_engine(postgres_url() or f"sqlite:///{tmp_path / 'audit.db'}")
    SQLModel.metadata.create_all(eng)
    yield eng
    SQLModel.metadata.drop_all(eng)
    eng.dispose()


def test_workers_refusing_at_once_lose_no_count(shared_engine: Engine):
    workers, each = 4, 25
    start = threading.Barrier(workers)

    def work():
        with Session(shared_engine) as session:
            start.wait()
            for _ in range(each):
                audit.refused(session, "export")

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(shared_engine) as session:
        total = session.exec(
            select(func.sum(AuditEvent.count)).where(AuditEvent.action == audit.REFUSED)
        ).one()
    assert total == workers * each


def test_record_only_adds_the_row_to_the_session(session: Session):
    world = two_hubs(session)
    audit.record(session, audit.SIGN_IN, hub_id=world.leusden.id, actor_id=world.volunteer.id)
    session.rollback()
    assert audit_events(session, audit.SIGN_IN) == []


def test_a_service_commits_its_change_and_its_row_at_once(session: Session, engine: Engine):
    world = two_hubs(session)
    cora = Actor(world.coordinator.id, "Cora", world.leusden.id, frozenset({Role.coordinator}))
    commits = []
    event.listen(session, "after_commit", lambda _session: commits.append(True))
    memberships.grant(session, cora, world.newcomer.id, Role.trekker)
    assert len(commits) == 1
    with Session(engine) as other:  # a fresh session: both are stored
        assert memberships.held(other, world.newcomer.id, world.leusden.id, Role.trekker) is not None
        granted = audit_events(other, audit.ROLE_GRANTED)
        assert [(e.actor_id, e.subject_id, e.detail) for e in granted] == [
            (world.coordinator.id, world.newcomer.id, Role.trekker)
        ]
