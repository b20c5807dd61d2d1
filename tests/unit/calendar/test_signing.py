"""What one person sees and does on an activity's page (services.calendar.signing): the coming
dates, each date's state for them, a walk-in hour's slots, and cancelling only their own booking."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import BookingStatus
from mantelzorg_app.services.calendar import bookings, signing
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity, at, caregivers, change
from tests.unit.help_fixtures import Help, help_world, refused

CAFE_DAY = at(2025, 3, 4)  # Tuesday 4 March 2025, 14.00 in Leusden: the day after NOW
ZONE = "Europe/Amsterdam"


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _sign(session, who, row, occurrence, **kw) -> bookings.Outcome:
    outcome = bookings.sign_up(session, who, row.id, occurrence, NOW, **kw)
    session.commit()
    return outcome


def test_a_series_shows_its_next_six_dates_without_the_cancelled_one(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, rrule="FREQ=MONTHLY;BYDAY=1TU")
    change(session, cafe, at(2025, 4, 1), cancelled=True)
    listed = signing.coming(session, cafe, ZONE, NOW)
    assert len(listed) == signing.COMING
    assert listed[0].starts_at == CAFE_DAY
    assert at(2025, 4, 1) not in [d.occurrence for d in listed]
    # a date that is over is gone from the list; one going on stays
    assert signing.coming(session, cafe, ZONE, CAFE_DAY + timedelta(hours=1))[0].starts_at == CAFE_DAY
    assert signing.coming(session, cafe, ZONE, CAFE_DAY + timedelta(hours=3))[0].starts_at == at(2025, 5, 6)


def test_a_course_shows_every_evening_and_signs_up_by_its_first(session, world):
    course = activity(
        session, world.leusden, at(2025, 3, 10, 19, 30), rrule="FREQ=WEEKLY;COUNT=4", whole_series=True
    )
    listed = signing.coming(session, course, ZONE, NOW + timedelta(days=9))
    assert len(listed) == 4
    assert signing.sign_up_date(course, listed).occurrence == course.starts_at


def test_each_date_says_what_it_is_for_the_person(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, capacity=3)
    anna, ben, cor = caregivers(session, world.leusden, 3)
    date = signing.coming(session, cafe, ZONE, NOW)[0]
    assert signing.state_of(session, cafe, date, anna.person_id).label() == (signing.PLACES_LEFT, 3)
    _sign(session, anna, cafe, CAFE_DAY)
    assert signing.state_of(session, cafe, date, anna.person_id).label() == (signing.COMING_YOU, 0)
    _sign(session, ben, cafe, CAFE_DAY)
    assert signing.state_of(session, cafe, date, cor.person_id).label() == (signing.ONE_PLACE_LEFT, 1)
    _sign(session, cor, cafe, CAFE_DAY, places=2)  # two do not fit in one place: they wait
    state = signing.state_of(session, cafe, date, cor.person_id)
    assert state.label() == (signing.WAITING, 1) and not state.full
    unlimited = activity(session, world.leusden, CAFE_DAY)
    assert signing.state_of(session, unlimited, date, None).label() == (signing.PLACES_OPEN, 0)


def test_a_full_date_offers_the_waiting_list_and_numbers_it(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, capacity=1)
    first, second, third = caregivers(session, world.leusden, 3)
    date = signing.coming(session, cafe, ZONE, NOW)[0]
    _sign(session, first, cafe, CAFE_DAY)
    assert signing.state_of(session, cafe, date, second.person_id).full
    _sign(session, second, cafe, CAFE_DAY)
    _sign(session, third, cafe, CAFE_DAY)
    assert signing.state_of(session, cafe, date, third.person_id).label() == (signing.WAITING, 2)


def test_a_walk_in_hour_has_its_slots_with_the_taken_ones(session, world):
    walk_in = activity(session, world.leusden, CAFE_DAY, kind="walk_in", minutes=60, slot_minutes=15)
    (anna,) = caregivers(session, world.leusden, 1)
    date = signing.coming(session, walk_in, ZONE, NOW)[0]
    _sign(session, anna, walk_in, CAFE_DAY, slot_at=CAFE_DAY + timedelta(minutes=15))
    slots = signing.state_of(session, walk_in, date, None).slots
    assert [taken for _at, taken in slots] == [False, True, False, False]


def test_only_ones_own_live_booking_is_cancelled_and_who_fits_moves_up(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, capacity=1)
    anna, ben = caregivers(session, world.leusden, 2)
    mine = _sign(session, anna, cafe, CAFE_DAY).booking
    waiting = _sign(session, ben, cafe, CAFE_DAY).booking
    with refused(session, signing.ACTION):
        signing.cancel_own(session, ben, mine.id, NOW)
    session.rollback()
    with refused(session, signing.ACTION):
        signing.cancel_own(session, ben, None, NOW)
    session.rollback()
    outcome = signing.cancel_own(session, anna, mine.id, NOW)
    session.commit()
    assert [b.id for b in outcome.moved_up] == [waiting.id]
    session.refresh(waiting)
    assert waiting.status == BookingStatus.booked
    with refused(session, signing.ACTION):  # no longer live
        signing.cancel_own(session, anna, mine.id, NOW)


def test_another_hubs_person_cannot_cancel(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, capacity=1)
    (anna,) = caregivers(session, world.leusden, 1)
    mine = _sign(session, anna, cafe, CAFE_DAY).booking
    (elsewhere,) = caregivers(session, world.poperinge, 1, prefix="Pop")
    forged = type(elsewhere)(anna.person_id, anna.first_name, world.poperinge.id, elsewhere.roles)
    with refused(session, signing.ACTION):
        signing.cancel_own(session, forged, mine.id, NOW)
