"""A course is one sign-up for all its evenings, named by its first date by the rule: every part of
the agenda agrees on the date it is for, also when that first evening is cancelled, and a wipe
while the course runs moves the waiting list up."""

from datetime import timedelta

import pytest

from mantelzorg_app.models import ActivityKind, BookingStatus, Hub
from mantelzorg_app.services.calendar import attendees, bookings, ics, mine, privacy, signing
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity, at, caregivers, change
from tests.unit.help_fixtures import help_world

FIRST_EVENING = at(2025, 3, 10, 19, 30)  # a Monday, a week after NOW


@pytest.fixture
def world(session):
    return help_world(session)


def _course(session, world, capacity: int | None):
    return activity(
        session,
        world.leusden,
        FIRST_EVENING,
        kind=ActivityKind.course,
        rrule="FREQ=WEEKLY;COUNT=4",
        whole_series=True,
        capacity=capacity,
    )


def test_with_its_first_evening_cancelled_a_course_is_still_one_sign_up_everywhere(session, world):
    course = _course(session, world, None)
    (person,) = caregivers(session, world.leusden, 1)
    bookings.sign_up(session, person, course.id, course.starts_at, NOW)
    session.commit()
    change(session, course, FIRST_EVENING, cancelled=True)
    hub = session.get(Hub, world.leusden.id)

    second = FIRST_EVENING + timedelta(days=7)
    offered = signing.sign_up_date(course, signing.coming(session, course, hub.timezone, NOW))
    assert (offered.occurrence, offered.starts_at) == (course.starts_at, second)
    assert [d.starts_at for d in attendees.coming(session, course, NOW)] == [second]
    assert len(mine.mine(session, person, NOW)) == 1
    assert (
        "BEGIN:VEVENT" in ics.private_feed(session, hub, person.person_id, "https://x", NOW).build().decode()
    )


def test_a_wipe_while_the_course_runs_gives_the_place_to_who_waits(session, world):
    course = _course(session, world, 1)
    leaving, waiting = caregivers(session, world.leusden, 2)
    bookings.sign_up(session, leaving, course.id, course.starts_at, NOW)
    bookings.sign_up(session, waiting, course.id, course.starts_at, NOW + timedelta(seconds=1))
    session.commit()

    privacy.forget(session, leaving.person_id, FIRST_EVENING + timedelta(days=1), None)
    session.commit()
    (left,) = bookings.live(session, course.id, course.starts_at)
    assert (left.person_id, left.status) == (waiting.person_id, BookingStatus.booked)
