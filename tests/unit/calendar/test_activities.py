"""The hub's dates as people look for them: a stretch of time filtered by kind and wijk, under "Deze
week", "Volgende week" and the months; the next of a kind; a date in words; hosts; who organises."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import ActivityHost, ActivityKind, Audience, Role
from mantelzorg_app.services.calendar import activities
from mantelzorg_app.services.calendar.recurrence import Occurrence
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import AMSTERDAM, activity, at, change
from tests.unit.help_fixtures import Help, actor, help_world

# NOW is Monday 3 March 2025, 10.00 in Leusden: this week runs to Sunday 9 March, next week to the 16th
END = at(2025, 6, 1, 0)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _titles(found: list[activities.Dated]) -> list[str]:
    return [d.activity.title for d in found]


def test_dated_lists_every_date_of_the_hubs_activities_that_go_on_in_order(session, world):
    activity(session, world.leusden, at(2025, 3, 4), title="Café", rrule="FREQ=MONTHLY;BYDAY=1TU")
    activity(session, world.leusden, at(2025, 3, 11, 10), title="Inloop", rrule="FREQ=WEEKLY;COUNT=2")
    activity(session, world.leusden, at(2025, 3, 4, 10), title="Gestopt", cancelled_at=NOW)
    activity(session, world.poperinge, at(2025, 3, 4), title="Elders")
    activity(session, world.leusden, at(2025, 2, 25), title="Voorbij")
    found = activities.dated(session, world.leusden, NOW, END)
    assert [(d.activity.title, d.date.starts_at) for d in found] == [
        ("Café", at(2025, 3, 4)),
        ("Inloop", at(2025, 3, 11, 10)),
        ("Inloop", at(2025, 3, 18, 10)),
        ("Café", at(2025, 4, 1)),
        ("Café", at(2025, 5, 6)),
    ]


def test_a_series_begun_long_ago_still_gives_its_coming_dates(session, world):
    activity(session, world.leusden, at(2023, 1, 3), title="Café", rrule="FREQ=MONTHLY;BYDAY=1TU")
    found = activities.dated(session, world.leusden, NOW, at(2025, 4, 2, 0))
    assert [d.date.starts_at for d in found] == [at(2025, 3, 4), at(2025, 4, 1)]


def test_a_date_moved_into_the_stretch_is_found_a_cancelled_one_and_a_stray_change_are_not(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 4), title="Café", rrule="FREQ=MONTHLY;BYDAY=1TU")
    change(session, cafe, at(2025, 3, 4), cancelled=True)
    change(session, cafe, at(2025, 2, 4), starts_at=at(2025, 3, 6))  # no such date: before its first
    activity_ = activity(session, world.leusden, at(2025, 2, 4), title="Oud", rrule="FREQ=MONTHLY;BYDAY=1TU")
    change(session, activity_, at(2025, 2, 4), starts_at=at(2025, 3, 6))
    found = activities.dated(session, world.leusden, NOW, at(2025, 3, 10, 0))
    assert [(d.activity.title, d.date.starts_at, d.date.moved) for d in found] == [
        ("Oud", at(2025, 3, 4), False),
        ("Oud", at(2025, 3, 6), True),
    ]


def test_kinds_filter_and_a_wijk_gives_its_own_and_the_whole_hubs(session, world):
    activity(session, world.leusden, at(2025, 3, 4), title="Café Centrum", wijk_id=world.centrum.id)
    activity(session, world.leusden, at(2025, 3, 5), title="Café Zuid", wijk_id=world.zuid.id)
    activity(session, world.leusden, at(2025, 3, 6), title="Café overal")
    activity(session, world.leusden, at(2025, 3, 7), title="Inloop", kind=ActivityKind.walk_in)
    assert _titles(activities.dated(session, world.leusden, NOW, END, ("cafe",))) == [
        "Café Centrum",
        "Café Zuid",
        "Café overal",
    ]
    assert _titles(activities.dated(session, world.leusden, NOW, END, wijk_id=world.centrum.id)) == [
        "Café Centrum",
        "Café overal",
        "Inloop",
    ]
    assert _titles(
        activities.dated(session, world.leusden, NOW, END, ("walk_in", "course"), world.zuid.id)
    ) == ["Inloop"]
    assert activities.dated(session, world.leusden, NOW, END, ("day",)) == []


def test_next_of_kind_is_the_next_that_has_not_begun(session, world):
    activity(session, world.leusden, NOW - timedelta(minutes=30), title="Loopt al", minutes=120)
    activity(session, world.leusden, at(2025, 3, 18), title="Later")
    activity(session, world.leusden, at(2025, 3, 11), title="Eerst")
    activity(session, world.leusden, at(2025, 3, 5), title="Inloop", kind=ActivityKind.walk_in)
    found = activities.next_of_kind(session, world.leusden, "cafe", NOW)
    assert found is not None and found.activity.title == "Eerst"
    assert activities.next_of_kind(session, world.leusden, "course", NOW) is None


def test_next_any_is_for_caregivers_or_everyone(session, world):
    activity(
        session, world.leusden, at(2025, 3, 4), title="Voor professionals", audience=Audience.professionals
    )
    activity(session, world.leusden, at(2025, 3, 5), title="Voor iedereen", audience=Audience.everyone)
    found = activities.next_any(session, world.leusden, NOW)
    assert found is not None and found.activity.title == "Voor iedereen"
    assert activities.next_any(session, world.poperinge, NOW) is None


# --- the headings ------------------------------------------------------------------------------------


def test_groups_this_week_next_week_then_months_on_the_hubs_clock(session, world):
    for title, when in (
        ("maandag", at(2025, 3, 3, 11)),
        ("zondagavond laat", at(2025, 3, 9, 23, 30)),  # 22.30 UTC: still this week in Leusden
        ("maandag vroeg", at(2025, 3, 10, 0, 30)),  # Sunday 23.30 UTC: next week in Leusden
        ("zondag", at(2025, 3, 16, 12)),
        ("maandag daarna", at(2025, 3, 17, 12)),
        ("maart", at(2025, 3, 31, 12)),
        ("april", at(2025, 4, 2, 12)),
    ):
        activity(session, world.leusden, when, title=title)
    found = activities.dated(session, world.leusden, NOW, END)
    grouped = activities.groups(found, AMSTERDAM, NOW)
    assert [(name, words["nl"], _titles(items)) for name, words, items in grouped] == [
        ("this-week", "Deze week", ["maandag", "zondagavond laat"]),
        ("next-week", "Volgende week", ["maandag vroeg", "zondag"]),
        ("2025-03", "maart 2025", ["maandag daarna", "maart"]),
        ("2025-04", "april 2025", ["april"]),
    ]
    assert grouped[2][1]["en"] == "March 2025"
    assert set(grouped[0][1]) == {"nl", "en"}


def test_groups_leave_out_an_empty_week_and_a_sunday_now_counts_its_own_week(session, world):
    activity(session, world.leusden, at(2025, 3, 12), title="volgende week")
    sunday_night = at(2025, 3, 9, 23, 0)  # Sunday 23.00 in Leusden, 22.00 UTC
    grouped = activities.groups(activities.dated(session, world.leusden, NOW, END), AMSTERDAM, sunday_night)
    assert [name for name, _words, _items in grouped] == ["next-week"]
    grouped = activities.groups(activities.dated(session, world.leusden, NOW, END), AMSTERDAM, NOW)
    assert [name for name, _words, _items in grouped] == ["next-week"]
    assert activities.groups([], AMSTERDAM, NOW) == []


# --- in words -------------------------------------------------------------------------------------------


def _date(start, minutes=120) -> Occurrence:
    return Occurrence(
        activity_id=1, occurrence=start, starts_at=start, ends_at=start + timedelta(minutes=minutes)
    )


def test_when_in_words_on_the_hubs_clock_in_summer_and_winter():
    winter, summer = _date(at(2026, 12, 1)), _date(at(2026, 6, 2, 9, 30))
    assert activities.when_in_words(winter, AMSTERDAM, "nl") == "dinsdag 1 december, 14.00 uur"
    assert activities.when_in_words(summer, AMSTERDAM, "nl") == "dinsdag 2 juni, 9.30 uur"
    assert (
        activities.when_in_words(winter, AMSTERDAM, "nl", until=True)
        == "dinsdag 1 december, 14.00 tot 16.00 uur"
    )
    assert activities.when_in_words(summer, AMSTERDAM, "en") == "Tuesday 2 June, 9:30"
    assert activities.when_in_words_all(winter, AMSTERDAM, until=True)["nl"].endswith("14.00 tot 16.00 uur")
    assert "14:00" in activities.when_in_words_all(winter, AMSTERDAM, until=True)["en"]


def test_when_in_words_an_evening_past_midnight_and_the_night_the_clocks_change():
    late = _date(at(2026, 10, 24, 23), minutes=120)
    assert (
        activities.when_in_words(late, AMSTERDAM, "nl", until=True)
        == "zaterdag 24 oktober, 23.00 tot 1.00 uur"
    )
    night = _date(at(2026, 10, 25, 1, 30), minutes=120)  # the clocks go back at 3.00: two hours look as one
    assert (
        activities.when_in_words(night, AMSTERDAM, "nl", until=True) == "zondag 25 oktober, 1.30 tot 2.30 uur"
    )


# --- one, hosts, map, organising ---------------------------------------------------------------------------


def test_one_gives_the_hubs_own_activity_for_any_value_a_browser_sends(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 4))
    assert activities.one(session, world.leusden.id, cafe.id).id == cafe.id
    assert activities.one(session, world.leusden.id, str(cafe.id)).id == cafe.id
    assert activities.one(session, world.poperinge.id, cafe.id) is None
    for junk in (None, "", "1; drop", -1, 0, 10**30, [cafe.id], {"id": cafe.id}, 1.5, "abc"):
        assert activities.one(session, world.leusden.id, junk) is None


def test_hosts_of_every_date_and_of_this_date_only(session, world):
    walk_in = activity(
        session, world.leusden, at(2025, 3, 4, 10), kind=ActivityKind.walk_in, rrule="FREQ=WEEKLY"
    )
    session.add_all(
        [
            ActivityHost(activity_id=walk_in.id, first_name="Petra", role="professional"),
            ActivityHost(activity_id=walk_in.id, first_name="Vera", role="volunteer"),
            ActivityHost(
                activity_id=walk_in.id, first_name="Anton", role="professional", occurrence=at(2025, 3, 4, 10)
            ),
            ActivityHost(
                activity_id=walk_in.id, first_name="Wim", role="volunteer", occurrence=at(2025, 3, 11, 10)
            ),
        ]
    )
    session.commit()
    assert [(h.first_name, h.role) for h in activities.hosts(session, walk_in.id, at(2025, 3, 4, 10))] == [
        ("Anton", "professional"),
        ("Petra", "professional"),
        ("Vera", "volunteer"),
    ]
    assert [h.first_name for h in activities.hosts(session, walk_in.id, at(2025, 3, 18, 10))] == [
        "Petra",
        "Vera",
    ]


def test_map_link_searches_the_address_and_none_without_one(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 4), address="Hamersveldseweg 55, 3833 GP Leusden")
    assert activities.map_link(cafe) == (
        "https://www.openstreetmap.org/search?query=Hamersveldseweg%2055%2C%203833%20GP%20Leusden"
    )
    assert activities.map_link(activity(session, world.leusden, at(2025, 3, 4))) == ""


def test_who_may_organise(session, world):
    theirs = activity(session, world.leusden, at(2025, 3, 4), organiser_id=world.petra.id)
    others = activity(session, world.leusden, at(2025, 3, 4), organiser_id=world.cora.id)
    poperinge = activity(session, world.poperinge, at(2025, 3, 4))
    may = activities.may_organise
    assert may(world.coordinator) and may(world.coordinator, theirs) and may(world.coordinator, others)
    assert may(world.professional) and may(world.professional, theirs) and not may(world.professional, others)
    assert not may(world.coordinator, poperinge) and may(world.other_coordinator, poperinge)
    for nobody in (world.caregiver, world.volunteer, None):
        assert not may(nobody) and not may(nobody, theirs)
    petra_in_poperinge = actor(world.petra, world.poperinge, Role.professional)
    assert not may(petra_in_poperinge, theirs)


def test_local_day_start_is_midnight_on_the_hubs_clock():
    assert activities.local_day_start(date(2026, 10, 25), AMSTERDAM) == at(2026, 10, 25, 0)
    assert activities.local_day_start(date(2026, 10, 26), AMSTERDAM) - at(2026, 10, 25, 0) == timedelta(
        hours=25
    )
