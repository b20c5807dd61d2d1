"""Several workers sign up for one date at once, on PostgreSQL (the several-worker setup): the
activity's lock (bookings.lock) lets no two of them take the last place, a pair never squeezes into
one, one person's taps at once are one booking, and a cancellation racing new sign-ups moves up the
ones who waited before them.

Skipped on SQLite, which writes one transaction at a time (the suite runs this file on PostgreSQL
with `pg_virtualenv .venv/bin/python -m tests.support.scale_out tests/unit/calendar`).
"""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, Booking, BookingStatus
from mantelzorg_app.services.calendar import bookings
from mantelzorg_app.services.identity.authz import Actor
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity, at, caregivers
from tests.unit.conftest import WORKERS, postgres_url
from tests.unit.help_fixtures import help_world

pytestmark = pytest.mark.skipif(postgres_url() is None, reason="concurrent writers: PostgreSQL only")

DAY = at(2025, 3, 4)  # Tuesday 4 March, 14.00 in Leusden
BOOKED, WAITING = BookingStatus.booked, BookingStatus.waiting


def _cafe_with(engine: Engine, capacity: int, count: int) -> tuple[int, list[Actor]]:
    with Session(engine) as session:
        world = help_world(session)
        cafe = activity(session, world.leusden, DAY, capacity=capacity, rrule="FREQ=MONTHLY;BYDAY=1TU")
        return cafe.id, caregivers(session, world.leusden, count)


def _sign(engine: Engine, who: Actor, cafe: int, places: int = 1, second: int = 0) -> int:
    with Session(engine) as session:
        outcome = bookings.sign_up(session, who, cafe, DAY, NOW + timedelta(seconds=second), places=places)
        session.commit()
        return outcome.booking.id


def _run_all(work, workers: int = WORKERS) -> list[BaseException]:
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def _live(engine: Engine, cafe: int) -> list[Booking]:
    with Session(engine) as session:
        return bookings.live(session, cafe, DAY)


def test_workers_racing_for_the_last_place_give_it_to_one(shared_engine: Engine):
    cafe, people = _cafe_with(shared_engine, capacity=3, count=WORKERS + 2)
    _sign(shared_engine, people[-2], cafe)
    _sign(shared_engine, people[-1], cafe)  # one place left
    assert _run_all(lambda i: _sign(shared_engine, people[i], cafe, second=1)) == []
    rows = _live(shared_engine, cafe)
    assert len(rows) == WORKERS + 2
    assert [b.status for b in rows].count(BOOKED) == 3
    assert [b.status for b in rows].count(WAITING) == WORKERS - 1
    with Session(shared_engine) as session:  # every sign-up raised the version under the lock
        assert session.get(Activity, cafe).version == WORKERS + 2


def test_pairs_and_singles_racing_for_two_places_never_overfill(shared_engine: Engine):
    cafe, people = _cafe_with(shared_engine, capacity=2, count=WORKERS)
    assert _run_all(lambda i: _sign(shared_engine, people[i], cafe, places=1 + i % 2, second=1)) == []
    rows = _live(shared_engine, cafe)
    assert bookings.taken(rows) <= 2
    free = 2 - bookings.taken(rows)
    assert all(b.places > free for b in rows if b.status == WAITING)
    assert len(rows) == WORKERS


def test_one_persons_taps_at_once_are_one_booking(shared_engine: Engine):
    cafe, (who,) = _cafe_with(shared_engine, capacity=5, count=1)
    answers: list[int] = []
    assert _run_all(lambda _i: answers.append(_sign(shared_engine, who, cafe))) == []
    assert len(set(answers)) == 1 and len(answers) == WORKERS
    assert [b.id for b in _live(shared_engine, cafe)] == answers[:1]


def test_a_cancellation_racing_new_sign_ups_moves_up_who_waited_first(shared_engine: Engine):
    cafe, people = _cafe_with(shared_engine, capacity=1, count=WORKERS + 2)
    holder = _sign(shared_engine, people[-2], cafe)
    first_in_line = _sign(shared_engine, people[-1], cafe, second=1)
    moved: list[list[int]] = []

    def work(i: int) -> None:
        if i == 0:
            with Session(shared_engine) as session:
                outcome = bookings.cancel(session, session.get(Booking, holder), NOW + timedelta(seconds=2))
                session.commit()
                moved.append([b.id for b in outcome.moved_up])
        else:
            _sign(shared_engine, people[i], cafe, second=3)

    assert _run_all(work) == []
    rows = _live(shared_engine, cafe)
    booked = [b.id for b in rows if b.status == BOOKED]
    assert len(booked) == 1
    # whichever came first under the lock, the place goes to the one who waited, never a newcomer
    assert booked == [first_in_line] and moved == [[first_in_line]]
    assert all(b.status == WAITING for b in rows if b.id not in booked)
    with Session(shared_engine) as session:
        assert session.exec(select(Booking).where(Booking.id == holder)).one().status == "cancelled"
