"""'Bel mij terug': anyone may ask; only the hub's own staff read and close the list."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import AuditEvent, CallbackTask, Role
from mantelzorg_app.services import callbacks
from mantelzorg_app.services.authz import Actor, Refused
from tests.unit.auth_fixtures import NOW, add_hub


@pytest.fixture
def hubs(session: Session):
    return add_hub(session, "leusden", "Leusden"), add_hub(session, "poperinge", "Poperinge", "BE")


def actor(hub, *roles: Role, person_id: int = 1) -> Actor:
    return Actor(person_id, "Test", hub.id, frozenset(roles))


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("06 12345678", "06 12345678"),
        ("+31 6 1234 5678", "+31 6 1234 5678"),
        ("  0470  12 34 56 ", "0470 12 34 56"),
        ("12345", None),
        ("bel me", None),
        ("06-1234567890123456", None),
    ],
)
def test_phone_numbers_are_checked_plainly(typed: str, kept: str | None):
    assert callbacks.normalise_phone(typed) == kept


def test_anyone_may_ask_and_problems_come_per_field(session: Session, hubs):
    leusden, _ = hubs
    task = callbacks.ask(session, leusden.id, "06 12345678", "middag", "heavy", NOW)
    assert (task.phone, task.good_time, task.band) == ("06 12345678", "middag", "heavy")
    with pytest.raises(callbacks.Invalid) as invalid:
        callbacks.ask(session, leusden.id, "nee", "om middernacht", "heavy", NOW)
    assert set(invalid.value.problems) == {"phone", "good_time"}
    assert callbacks.ask(session, leusden.id, "06 12345678", "avond", "forged", NOW).band == ""


def test_only_the_hubs_own_staff_read_and_close_the_list(session: Session, hubs):
    leusden, poperinge = hubs
    task = callbacks.ask(session, leusden.id, "06 12345678", "ochtend", "", NOW)
    callbacks.ask(session, poperinge.id, "0470 12 34 56", "ochtend", "", NOW)
    assert [t.phone for t in callbacks.open_tasks(session, actor(leusden, Role.professional))] == [
        "06 12345678"
    ]
    for intruder in (actor(leusden, Role.caregiver, Role.volunteer), actor(poperinge, Role.caregiver)):
        with pytest.raises(Refused):
            callbacks.open_tasks(session, intruder)
    with pytest.raises(Refused):
        callbacks.mark_done(session, actor(poperinge, Role.coordinator), task.id, NOW)
    callbacks.mark_done(session, actor(leusden, Role.coordinator), task.id, NOW)
    assert callbacks.open_tasks(session, actor(leusden, Role.coordinator)) == []
    actions = session.exec(select(AuditEvent.action)).all()
    assert actions.count("refused") == 3 and "called-back" in actions and "viewed-callbacks" in actions


def test_numbers_are_forgotten_a_month_after_the_call(session: Session, hubs):
    leusden, _ = hubs
    called = callbacks.ask(session, leusden.id, "06 12345678", "ochtend", "", NOW)
    waiting = callbacks.ask(session, leusden.id, "06 87654321", "ochtend", "", NOW)
    callbacks.mark_done(session, actor(leusden, Role.coordinator), called.id, NOW)
    assert callbacks.forget_called(session, NOW + timedelta(days=29)) == 0
    assert callbacks.forget_called(session, NOW + timedelta(days=31)) == 1
    assert session.exec(select(CallbackTask.id)).all() == [waiting.id]
