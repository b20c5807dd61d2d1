"""Booked walk-in slots move with their date (services.calendar.moving): each keeps its place in
the hour, and is always one of the hour's slots, also when the new hour is shorter."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Activity
from mantelzorg_app.services.calendar import bookings, date_changes, editing, recurrence
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import AMSTERDAM, activity, at, caregivers
from tests.unit.help_fixtures import help_world

BASE = "https://hub.example.org"
FIRST = at(2025, 3, 6, 10)
DAY = at(2025, 3, 20, 10)  # the walk-in hour's third date, 10.00 to 12.00


@pytest.fixture
def world(session: Session):
    return help_world(session)


def _walk_in(session, world, starts_at=FIRST, **fields):
    values = {
        "kind": "walk_in",
        "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=7",
        "slot_minutes": 15,
        "minutes": 120,
        "organiser_id": world.petra.id,
    } | fields
    return activity(session, world.leusden, starts_at, **values)


def _book(session, world, walk_in, occurrence, *slots):
    people = caregivers(session, world.leusden, len(slots))
    for n, (person, slot) in enumerate(zip(people, slots, strict=True)):
        bookings.sign_up(session, person, walk_in.id, occurrence, NOW + timedelta(seconds=n), slot_at=slot)
    session.commit()


def _slots_of(session, walk_in, occurrence):
    activity_now = session.get(Activity, walk_in.id)
    date = bookings.the_date(session, activity_now, occurrence)
    return bookings.slots(activity_now, date), [
        b.slot_at for b in bookings.live(session, walk_in.id, occurrence)
    ]


def test_a_date_moved_to_a_shorter_hour_keeps_every_slot_in_the_hour(session, world):
    walk_in = _walk_in(session, world)
    _book(session, world, walk_in, DAY, at(2025, 3, 20, 10), at(2025, 3, 20, 10, 30), at(2025, 3, 20, 11, 45))
    move = {
        "move_date": "2025-03-21",
        "move_start": "13:00",
        "move_end": "13:30",
        "move_place": "",
        "move_note": "",
    }
    date_changes.move_date(session, world.professional, walk_in.id, DAY, move, NOW, BASE)
    session.commit()
    offered, booked = _slots_of(session, walk_in, DAY)
    assert offered == [at(2025, 3, 21, 13), at(2025, 3, 21, 13, 15)]
    # the first stays at its place in the hour; 10.30 would be 13.30, past the end: the last slot;
    # the third finds no slot free and walks in
    assert booked == [at(2025, 3, 21, 13), at(2025, 3, 21, 13, 15), None]


def test_a_one_date_walk_in_moved_by_the_form_to_a_shorter_hour_takes_the_last_slot(session, world):
    walk_in = _walk_in(session, world, rrule="", starts_at=at(2025, 3, 11, 14))
    walk_in = session.get(Activity, walk_in.id)
    _book(session, world, walk_in, walk_in.starts_at, at(2025, 3, 11, 15, 30))
    values = editing.form_of(walk_in, AMSTERDAM) | {"date": "2025-03-12", "start": "14:00", "end": "15:00"}
    editing.save(session, world.coordinator, walk_in.id, values, NOW, BASE)
    session.commit()
    offered, booked = _slots_of(session, walk_in, at(2025, 3, 12, 14))
    assert booked == [at(2025, 3, 12, 14, 45)] and booked[0] in offered


def test_a_shorter_hour_in_the_form_brings_the_slots_of_every_coming_date_in(session, world):
    walk_in = _walk_in(session, world)
    _book(session, world, walk_in, DAY, at(2025, 3, 20, 11, 30))
    values = editing.form_of(session.get(Activity, walk_in.id), AMSTERDAM) | {"end": "11:00"}
    editing.save(session, world.coordinator, walk_in.id, values, NOW, BASE)
    session.commit()
    offered, booked = _slots_of(session, walk_in, DAY)
    assert booked == [at(2025, 3, 20, 10, 45)] and booked[0] in offered


def test_slots_moved_the_same_way_stay_where_they_were_in_the_hour(session, world):
    walk_in = _walk_in(session, world)
    _book(session, world, walk_in, DAY, at(2025, 3, 20, 10, 15), at(2025, 3, 20, 11, 45))
    move = {
        "move_date": "2025-03-20",
        "move_start": "13:00",
        "move_end": "15:00",
        "move_place": "",
        "move_note": "",
    }
    date_changes.move_date(session, world.professional, walk_in.id, DAY, move, NOW, BASE)
    session.commit()
    _offered, booked = _slots_of(session, walk_in, DAY)
    assert booked == [at(2025, 3, 20, 13, 15), at(2025, 3, 20, 14, 45)]
    assert recurrence.key(DAY) in {d.key for d, _ in editing.coming_dates(session, walk_in, AMSTERDAM, NOW)}
