"""The date rules every part of the agenda shares (services.calendar.schedule): the date a sign-up
is for and the name it is filed under, the dates still to come, whether an activity goes on; and
the feeds' ETags and download names that follow from them."""

from datetime import timedelta

import pytest

from mantelzorg_app.models import ActivityKind, Hub
from mantelzorg_app.services.calendar import (
    agenda,
    attendees,
    bookings,
    editing,
    ics,
    indexing,
    recurrence,
    schedule,
    signing,
)
from mantelzorg_app.services.calendar.activities import Dated
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import AMSTERDAM, activity, at, caregivers, change, week
from tests.unit.help_fixtures import help_world

FIRST_EVENING = at(2025, 3, 10, 19, 30)  # a Monday, a week after NOW
BASE = "https://x.example"


@pytest.fixture
def world(session):
    return help_world(session)


def _course(session, world):
    return activity(
        session,
        world.leusden,
        FIRST_EVENING,
        kind=ActivityKind.course,
        rrule="FREQ=WEEKLY;COUNT=4",
        whole_series=True,
        minutes=120,
    )


def test_a_course_without_its_first_evening_has_one_sign_up_date_wherever_it_is_asked(session, world):
    course = _course(session, world)
    change(session, course, FIRST_EVENING, cancelled=True)
    second, third = FIRST_EVENING + week(), FIRST_EVENING + week(2)

    for asked in (FIRST_EVENING, second, third):  # any evening names the course's one sign-up
        date = schedule.sign_up_date(session, course, asked)
        assert (date.occurrence, date.starts_at) == (FIRST_EVENING, second)
        assert schedule.sign_up_name(course, asked) == FIRST_EVENING
    assert signing.sign_up_date(course, signing.coming(session, course, AMSTERDAM, NOW)).starts_at == second
    assert [d.occurrence for d in attendees.coming(session, course, NOW)] == [FIRST_EVENING]
    evening = recurrence.all_dates(course, bookings.changes_of(session, course.id), AMSTERDAM)[1]
    assert agenda.sign_up_date(Dated(course, evening)) == FIRST_EVENING
    assert schedule.still_on(session, course, FIRST_EVENING, FIRST_EVENING + week(3)) is not None
    assert schedule.still_on(session, course, FIRST_EVENING, FIRST_EVENING + week(4)) is None


def test_a_series_sign_up_is_for_its_own_date(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 4), rrule="FREQ=MONTHLY;BYDAY=1TU")
    april = at(2025, 4, 1)
    assert schedule.sign_up_name(cafe, april) == april
    assert schedule.sign_up_date(session, cafe, april).starts_at == april
    assert schedule.sign_up_date(session, cafe, april + timedelta(hours=1)) is None
    assert schedule.sign_up_date(session, cafe, None) is None
    assert schedule.still_on(session, cafe, april, april + timedelta(hours=3)) is None


def test_an_endless_series_that_began_years_ago_goes_on_in_the_feed_and_the_search(session, world):
    old = activity(session, world.leusden, at(2018, 1, 2, 10), rrule="FREQ=WEEKLY", title="Inloop")
    hub = session.get(Hub, world.leusden.id)
    assert schedule.goes_on(old, [], AMSTERDAM, NOW)
    assert indexing.goes_on(session, old, NOW)  # all_dates stops five years after the first date
    assert recurrence.uid(old, hub.slug) in ics.hub_feed(session, hub, BASE, NOW).build().decode()
    ended = activity(session, world.leusden, at(2018, 1, 2, 10), rrule="FREQ=WEEKLY;COUNT=3")
    assert not schedule.goes_on(ended, [], AMSTERDAM, NOW)
    assert not indexing.goes_on(session, ended, NOW)


def test_the_coming_dates_are_the_same_on_the_page_the_list_and_the_form(session, world):
    hour = activity(session, world.leusden, at(2025, 3, 3, 10), rrule="FREQ=WEEKLY;COUNT=10", minutes=120)
    change(session, hour, at(2025, 3, 17, 10), cancelled=True)
    during = at(2025, 3, 3, 11)  # the first date is going on
    page = signing.coming(session, hour, AMSTERDAM, during)
    listed = attendees.coming(session, hour, during)
    form = [d for d, gone in editing.coming_dates(session, hour, AMSTERDAM, during) if not gone]
    assert [d.occurrence for d in page] == [d.occurrence for d in listed] == [d.occurrence for d in form][:6]
    assert page[0].starts_at == at(2025, 3, 3, 10) and at(2025, 3, 17, 10) not in [d.occurrence for d in page]
    gone = [d.occurrence for d, gone in editing.coming_dates(session, hour, AMSTERDAM, during) if gone]
    assert gone == [at(2025, 3, 17, 10)]


def test_a_date_two_years_ahead_is_on_its_page(session, world):
    far = NOW + timedelta(days=editing.DAYS_AHEAD - 7)  # the form takes a first date this far ahead
    once = activity(session, world.leusden, far)
    assert [d.starts_at for d in signing.coming(session, once, AMSTERDAM, NOW)] == [far]
    assert [d.starts_at for d in attendees.coming(session, once, NOW)] == [far]


def test_a_sign_up_leaves_the_hub_feed_and_the_download_as_they_were(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 4), rrule="FREQ=MONTHLY;BYDAY=1TU", capacity=5)
    hub = session.get(Hub, world.leusden.id)
    feed = ics.hub_feed(session, hub, BASE, NOW).etag
    download = ics.activity_download(session, hub, cafe.id, None, BASE).etag
    (person,) = caregivers(session, world.leusden, 1)
    bookings.sign_up(session, person, cafe.id, at(2025, 3, 4), NOW)  # raises the version
    session.commit()
    assert ics.hub_feed(session, hub, BASE, NOW).etag == feed
    assert ics.activity_download(session, hub, cafe.id, None, BASE).etag == download
    cafe.updated_at = NOW  # the organiser changed it
    session.add(cafe)
    session.commit()
    assert ics.hub_feed(session, hub, BASE, NOW).etag != feed


def test_a_date_s_download_is_named_by_its_key_not_by_what_the_address_said(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 4), rrule="FREQ=MONTHLY;BYDAY=1TU")
    hub = session.get(Hub, world.leusden.id)
    key = recurrence.key(at(2025, 4, 1))
    typed = ics.activity_download(session, hub, cafe.id, key.lower(), BASE)
    assert typed.filename == f"activiteit-{cafe.id}-{key}.ics"
    assert typed.etag == ics.activity_download(session, hub, cafe.id, key, BASE).etag
