"""Mijn aanmeldingen: the person's own live bookings of dates not yet ended, in date order."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import ActivityKind, BookingStatus
from mantelzorg_app.services.calendar import bookings
from mantelzorg_app.services.calendar.mine import mine
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity, at, caregivers, change
from tests.unit.help_fixtures import Help, help_world

MONTHLY = "FREQ=MONTHLY;BYDAY=1TU"
CAFE_DAY = at(2025, 3, 4)  # Tuesday 4 March, 14.00


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _sign(session, who, row, occurrence, **kw):
    outcome = bookings.sign_up(session, who, row.id, occurrence, NOW, **kw)
    session.commit()
    return outcome.booking


def test_nothing_signed_up_lists_nothing(session, world):
    activity(session, world.leusden, CAFE_DAY)
    assert mine(session, world.caregiver, NOW) == []


def test_booked_and_waiting_in_date_order_with_what_the_page_shows(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, rrule=MONTHLY, capacity=2)
    walk_in = activity(
        session,
        world.leusden,
        at(2025, 3, 11, 10),
        kind=ActivityKind.walk_in,
        title="Inloopspreekuur",
        minutes=60,
        slot_minutes=15,
    )
    (first,) = caregivers(session, world.leusden, 1)
    _sign(session, first, cafe, at(2025, 4, 1))  # Carla waits for April's
    april = _sign(session, world.caregiver, cafe, at(2025, 4, 1), places=2)
    slot = _sign(session, world.caregiver, walk_in, at(2025, 3, 11, 10), slot_at=at(2025, 3, 11, 10, 30))
    march = _sign(session, world.caregiver, cafe, CAFE_DAY)
    listed = mine(session, world.caregiver, NOW)
    assert [(m.booking_id, m.title, m.kind, m.status, m.places) for m in listed] == [
        (march.id, "Mantelzorgcafé", "cafe", "booked", 1),
        (slot.id, "Inloopspreekuur", "walk_in", "booked", 1),
        (april.id, "Mantelzorgcafé", "cafe", "waiting", 2),
    ]
    assert [m.date.starts_at for m in listed] == [CAFE_DAY, at(2025, 3, 11, 10), at(2025, 4, 1)]
    assert listed[1].slot_at == at(2025, 3, 11, 10, 30) and listed[0].slot_at is None
    assert {m.activity_id for m in listed} == {cafe.id, walk_in.id}
    assert listed[0].date.key == "20250304T130000Z"


def test_only_the_actors_own_in_the_actors_hub(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY)
    elsewhere = activity(session, world.poperinge, CAFE_DAY)
    (other,) = caregivers(session, world.leusden, 1)
    _sign(session, other, cafe, CAFE_DAY)
    _sign(session, world.elsewhere, elsewhere, CAFE_DAY)
    bookings.sign_up(session, world.coordinator, cafe.id, CAFE_DAY, NOW, by_phone=("Truus", "0612345678"))
    session.commit()
    assert mine(session, world.caregiver, NOW) == []
    assert mine(session, world.coordinator, NOW) == []  # whom they signed up by phone is not theirs
    # Bram in Leusden (where he has no booking) sees nothing of his Poperinge one
    bram_in_leusden = world.elsewhere.__class__(
        world.bram.id, "Bram", world.leusden.id, world.elsewhere.roles
    )
    assert mine(session, bram_in_leusden, NOW) == []
    assert [m.activity_id for m in mine(session, world.elsewhere, NOW)] == [elsewhere.id]


def test_cancelled_bookings_and_ended_dates_are_left_out_a_running_one_stays(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, rrule=MONTHLY)
    march = _sign(session, world.caregiver, cafe, CAFE_DAY)
    april = _sign(session, world.caregiver, cafe, at(2025, 4, 1))
    may = _sign(session, world.caregiver, cafe, at(2025, 5, 6))
    bookings.cancel(session, may, NOW)
    session.commit()
    assert [m.booking_id for m in mine(session, world.caregiver, NOW)] == [march.id, april.id]
    during = CAFE_DAY + timedelta(hours=1)  # the café is on: still listed
    assert [m.booking_id for m in mine(session, world.caregiver, during)] == [march.id, april.id]
    after = CAFE_DAY + timedelta(hours=2)
    assert [m.booking_id for m in mine(session, world.caregiver, after)] == [april.id]


def test_a_moved_date_shows_its_new_time_a_cancelled_one_or_activity_is_left_out(session, world):
    cafe = activity(session, world.leusden, CAFE_DAY, rrule=MONTHLY)
    march = _sign(session, world.caregiver, cafe, CAFE_DAY)
    april = _sign(session, world.caregiver, cafe, at(2025, 4, 1))
    change(session, cafe, CAFE_DAY, starts_at=at(2025, 4, 8), place="De Deel")  # past April's
    change(session, cafe, at(2025, 4, 1), cancelled=True)
    listed = mine(session, world.caregiver, NOW)
    assert [(m.booking_id, m.date.starts_at, m.date.moved, m.date.place) for m in listed] == [
        (march.id, at(2025, 4, 8), True, "De Deel")
    ]
    assert april.status == BookingStatus.booked  # still booked: only not listed
    row = session.get(type(cafe), cafe.id)
    row.cancelled_at = NOW
    session.add(row)
    session.commit()
    assert mine(session, world.caregiver, NOW) == []


def test_a_course_shows_its_next_evening_until_the_last_has_ended(session, world):
    first = at(2025, 3, 5, 19, 30)
    course = activity(
        session,
        world.leusden,
        first,
        kind=ActivityKind.course,
        rrule="FREQ=WEEKLY;COUNT=4",
        whole_series=True,
        capacity=12,
    )
    change(session, course, first, cancelled=True)
    booking = _sign(session, world.caregiver, course, first)

    def shown(now):
        return [(m.booking_id, m.date.starts_at) for m in mine(session, world.caregiver, now)]

    assert shown(NOW) == [(booking.id, at(2025, 3, 12, 19, 30))]  # the first evening does not go on
    assert shown(at(2025, 3, 13)) == [(booking.id, at(2025, 3, 19, 19, 30))]
    assert shown(at(2025, 3, 26, 21, 0)) == [(booking.id, at(2025, 3, 26, 19, 30))]  # the last, running
    assert shown(at(2025, 3, 26, 21, 30)) == []
