"""'Bel mij terug': anyone may ask; only the hub's own staff read and close the list."""

import contextlib
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import AuditEvent, CallbackTask, Role
from mantelzorg_app.services.help import callbacks
from mantelzorg_app.services.identity.authz import Actor, Refused
from tests.unit.auth_fixtures import NOW, add_hub, audit_events

CLIENT = "192.0.2.10"
# The limits, written here rather than read from the module under test.
PER_CLIENT_PER_HOUR, PER_CLIENT_PER_DAY, PER_NUMBER_PER_DAY, PER_HUB_PER_DAY = 3, 10, 2, 50


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
    task = callbacks.ask(session, leusden.id, "06 12345678", "middag", "heavy", NOW, CLIENT)
    assert (task.phone, task.good_time, task.band) == ("06 12345678", "middag", "heavy")
    with pytest.raises(callbacks.Invalid) as invalid:
        callbacks.ask(session, leusden.id, "nee", "om middernacht", "heavy", NOW, CLIENT)
    assert set(invalid.value.problems) == {"phone", "good_time"}
    assert callbacks.ask(session, leusden.id, "06 12345678", "avond", "forged", NOW, CLIENT).band == ""


def test_only_the_hubs_own_staff_read_and_close_the_list(session: Session, hubs):
    leusden, poperinge = hubs
    task = callbacks.ask(session, leusden.id, "06 12345678", "ochtend", "", NOW, CLIENT)
    callbacks.ask(session, poperinge.id, "0470 12 34 56", "ochtend", "", NOW, CLIENT)
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
    called = callbacks.ask(session, leusden.id, "06 12345678", "ochtend", "", NOW, CLIENT)
    waiting = callbacks.ask(session, leusden.id, "06 87654321", "ochtend", "", NOW, CLIENT)
    callbacks.mark_done(session, actor(leusden, Role.coordinator), called.id, NOW)
    assert callbacks.forget_called(session, NOW + timedelta(days=29)) == 0
    assert callbacks.forget_called(session, NOW + timedelta(days=31)) == 1
    assert session.exec(select(CallbackTask.id)).all() == [waiting.id]


def _ask(session: Session, hub, number: str, at=NOW, client: str = CLIENT) -> CallbackTask:
    return callbacks.ask(session, hub.id, number, "ochtend", "", at, client)


def _numbers():
    return (f"06 1234 {n:04d}" for n in range(1000))


def test_one_client_asks_a_few_times_an_hour_and_a_day(session: Session, hubs):
    leusden, _ = hubs
    numbers = _numbers()
    asked = 0
    for hour in range(5):
        at = NOW + timedelta(minutes=65 * hour)
        for minute in range(PER_CLIENT_PER_HOUR):
            if asked == PER_CLIENT_PER_DAY:
                break
            _ask(session, leusden, next(numbers), at + timedelta(minutes=minute))
            asked += 1
        with pytest.raises(callbacks.TooMany):
            _ask(session, leusden, next(numbers), at + timedelta(minutes=30))
    _ask(session, leusden, next(numbers), NOW + timedelta(hours=4), client="192.0.2.99")
    _ask(session, leusden, next(numbers), NOW + timedelta(days=1, seconds=1))


def test_one_number_is_asked_for_twice_a_day_however_it_is_typed(session: Session, hubs):
    leusden, poperinge = hubs
    _ask(session, leusden, "06 12345678", client="192.0.2.1")
    _ask(session, leusden, "06-1234 5678", client="192.0.2.2")
    for spelling in ("0612345678", "+31 6 12345678", "0031 6 1234 5678", "+31 (0)6 12345678", "31612345678"):
        with pytest.raises(callbacks.TooMany):
            _ask(session, leusden, spelling, client="192.0.2.3")
    _ask(session, poperinge, "06 12345678", client="192.0.2.3")  # in Belgium another number
    _ask(session, leusden, "06 12345678", NOW + timedelta(days=1, seconds=1), client="192.0.2.3")


def test_a_hub_takes_a_day_s_worth_of_call_backs(session: Session, hubs):
    leusden, poperinge = hubs
    numbers = _numbers()
    for n in range(PER_HUB_PER_DAY):
        _ask(session, leusden, next(numbers), NOW + timedelta(minutes=n), client=f"198.51.100.{n}")
    with pytest.raises(callbacks.TooMany):
        _ask(session, leusden, next(numbers), NOW + timedelta(hours=2), client="203.0.113.1")
    _ask(session, poperinge, next(numbers), NOW + timedelta(hours=2), client="203.0.113.1")


def test_refused_call_backs_are_counted_without_the_client(session: Session, hubs):
    leusden, _ = hubs
    numbers = _numbers()
    for minute in range(PER_CLIENT_PER_HOUR + 4):
        with contextlib.suppress(callbacks.TooMany):
            _ask(session, leusden, next(numbers), NOW + timedelta(minutes=minute))
    (event,) = audit_events(session, "refused")
    assert (event.hub_id, event.actor_id, event.count) == (leusden.id, None, 4)
    assert CLIENT not in event.detail
    stored = session.exec(select(CallbackTask.client)).all()
    assert stored and CLIENT not in stored


# --- the coordinator's list ----------------------------------------------------------------------------


def test_a_call_that_did_not_reach_them_counts_and_goes_lower_on_the_list(session: Session, hubs):
    leusden, poperinge = hubs
    coordinator = actor(leusden, Role.coordinator)
    first, second, third = (
        callbacks.ask(
            session, leusden.id, f"06 1234567{n}", "ochtend", "", NOW + timedelta(minutes=n), CLIENT
        )
        for n in range(3)
    )

    def listed() -> list[int]:
        return [task.id for task in callbacks.open_tasks(session, coordinator)]

    callbacks.not_reached(session, coordinator, first.id, NOW + timedelta(hours=1))
    assert listed() == [second.id, third.id, first.id]
    callbacks.not_reached(session, coordinator, second.id, NOW + timedelta(hours=2))
    assert listed() == [third.id, first.id, second.id]  # the longest ago tried comes first
    callbacks.not_reached(session, coordinator, first.id, NOW + timedelta(hours=3))
    assert listed() == [third.id, second.id, first.id]
    stored = session.get(CallbackTask, first.id)
    assert (stored.tries, stored.tried_at, stored.done_at) == (2, NOW + timedelta(hours=3), None)

    for intruder in (actor(poperinge, Role.coordinator), actor(leusden, Role.volunteer)):
        with pytest.raises(Refused):
            callbacks.not_reached(session, intruder, third.id, NOW)
    callbacks.mark_done(session, coordinator, third.id, NOW)
    with pytest.raises(Refused):  # called already: nothing to try again
        callbacks.not_reached(session, coordinator, third.id, NOW)
    assert session.get(CallbackTask, third.id).tries == 0
    assert len(audit_events(session, callbacks.NOT_REACHED)) == 3


def test_gebeld_is_undone_only_by_who_marked_it_and_only_for_a_short_while(session: Session, hubs):
    leusden, poperinge = hubs
    coordinator = actor(leusden, Role.coordinator)
    task = callbacks.ask(session, leusden.id, "06 12345678", "ochtend", "", NOW, CLIENT)
    marked_at = NOW + timedelta(hours=1)
    callbacks.mark_done(session, coordinator, task.id, marked_at)

    with pytest.raises(Refused):
        callbacks.undo_done(session, actor(poperinge, Role.coordinator), task.id, marked_at, marked_at)
    with pytest.raises(Refused):
        callbacks.undo_done(session, actor(leusden, Role.caregiver), task.id, marked_at, marked_at)
    assert not callbacks.undo_done(session, coordinator, task.id, None, marked_at)  # not marked by this tab
    assert not callbacks.undo_done(session, coordinator, task.id, NOW, marked_at)  # another marking
    too_late = marked_at + callbacks.UNDO_WITHIN + timedelta(seconds=1)
    assert not callbacks.undo_done(session, coordinator, task.id, marked_at, too_late)
    assert callbacks.open_tasks(session, coordinator) == []

    assert callbacks.undo_done(session, coordinator, task.id, marked_at, marked_at + timedelta(seconds=5))
    assert [t.id for t in callbacks.open_tasks(session, coordinator)] == [task.id]
    assert not callbacks.undo_done(session, coordinator, task.id, marked_at, marked_at + timedelta(seconds=6))
    assert len(audit_events(session, callbacks.UNDONE)) == 1


def test_the_list_sums_up_the_answers_in_each_language(session: Session, hubs):
    leusden, _ = hubs
    task = CallbackTask(
        hub_id=leusden.id,
        phone="06 12345678",
        good_time="middag",
        band="heavy",
        cares_for="partner ouder forged",
        wishes="klusjes boodschappen forged",
        created_at=NOW,
    )
    assert callbacks.about(task, "nl") == [
        "Het zorgen is zwaar",
        "Zorgt voor: partner en vader of moeder",
        "Zou fijn vinden: klusjes in huis en boodschappen",
    ]
    assert callbacks.about(task, "en")[0] == "Caring feels heavy"
    assert callbacks.about(CallbackTask(hub_id=leusden.id, phone="06", good_time="middag"), "nl") == [
        "Geen vragenlijst ingevuld"
    ]


def test_when_it_was_asked_and_tried_in_words_on_the_hubs_clock(session: Session, hubs):
    leusden, _ = hubs
    zone = "Europe/Amsterdam"
    task = CallbackTask(hub_id=leusden.id, phone="06", good_time="middag", created_at=NOW)  # 10.00 there
    assert (
        callbacks.asked_in_words(task.created_at, zone, "nl", NOW + timedelta(hours=4))
        == "Gevraagd vandaag om 10.00 uur"
    )
    assert callbacks.tried_in_words(task, zone, "nl", NOW) == ""
    task.tries, task.tried_at = 1, NOW + timedelta(hours=4, minutes=5)
    later = NOW + timedelta(hours=5)
    assert callbacks.tried_in_words(task, zone, "nl", later) == "1 keer niet bereikt, vandaag om 14.05 uur"
    task.tries = 3
    assert callbacks.tried_in_words(task, zone, "nl", later + timedelta(days=1)) == (
        "3 keer niet bereikt, laatst gisteren om 14.05 uur"
    )
    assert callbacks.asked_in_words(task.created_at, zone, "en", later).endswith("today at 10:00")
