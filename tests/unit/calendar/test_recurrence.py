"""An activity's dates, expanded by recurring-ical-events: daylight saving, "om de 14 dagen, 7 keer",
a cancelled date, a moved date (also past the next one), and a date by its name."""

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mantelzorg_app.models import Activity, ActivityChange
from mantelzorg_app.services.calendar import recurrence
from tests.unit.calendar.core_fixtures import AMSTERDAM, at

BRUSSELS = "Europe/Brussels"
FIRST_TUESDAY = "FREQ=MONTHLY;BYDAY=1TU"
EVERY_14_DAYS_7_TIMES = "FREQ=DAILY;INTERVAL=14;COUNT=7"


def _activity(starts_at: datetime, rrule: str = "", minutes: int = 120, **fields) -> Activity:
    return Activity(
        id=7, hub_id=1, kind="cafe", title="Café", starts_at=starts_at, minutes=minutes, rrule=rrule, **fields
    )


def _cancelled(occurrence: datetime) -> ActivityChange:
    return ActivityChange(activity_id=7, occurrence=occurrence, cancelled=True)


def _moved(occurrence: datetime, starts_at: datetime, **fields) -> ActivityChange:
    return ActivityChange(activity_id=7, occurrence=occurrence, starts_at=starts_at, **fields)


def _local(moment: datetime, zone: str = AMSTERDAM) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def _walk_in() -> Activity:
    """Tuesday 15 September 2026, 10.00, and six more every 14 days: the last on 8 December."""
    return _activity(at(2026, 9, 15, 10), EVERY_14_DAYS_7_TIMES)


# --- daylight saving ------------------------------------------------------------------------------


def test_a_monthly_cafe_stays_at_two_across_the_last_sundays_of_october_and_march():
    cafe = _activity(at(2026, 9, 1), FIRST_TUESDAY)
    dates = recurrence.occurrences(cafe, [], AMSTERDAM, at(2026, 9, 1, 0), at(2027, 5, 1, 0))
    assert [_local(d.starts_at).date().isoformat() for d in dates] == [
        "2026-09-01",
        "2026-10-06",
        "2026-11-03",  # after 25 October: winter time
        "2026-12-01",
        "2027-01-05",
        "2027-02-02",
        "2027-03-02",
        "2027-04-06",  # after 28 March: summer time
    ]
    assert {(_local(d.starts_at).hour, _local(d.starts_at).minute) for d in dates} == {(14, 0)}
    assert {(_local(d.ends_at).hour, _local(d.ends_at).minute) for d in dates} == {(16, 0)}
    assert [d.starts_at.hour for d in dates] == [12, 12, 13, 13, 13, 13, 13, 12]  # UTC moves, the clock not
    assert all(d.occurrence == d.starts_at and not d.moved for d in dates)


def test_a_date_on_the_night_the_clocks_go_back_keeps_its_length():
    """Sunday 25 October 2026 has 25 hours: an evening date that day still lasts two hours."""
    evening = _activity(at(2026, 10, 18, 19, 30), "FREQ=WEEKLY;COUNT=3")
    dates = recurrence.all_dates(evening, [], AMSTERDAM)
    assert [
        (_local(d.starts_at).day, _local(d.starts_at).hour, _local(d.starts_at).minute) for d in dates
    ] == [
        (18, 19, 30),
        (25, 19, 30),
        (1, 19, 30),
    ]
    assert {d.ends_at - d.starts_at for d in dates} == {timedelta(hours=2)}


def test_brussels_keeps_its_own_clock():
    cafe = _activity(at(2027, 3, 16, 14, zone=BRUSSELS), "FREQ=WEEKLY;COUNT=3")
    dates = recurrence.all_dates(cafe, [], BRUSSELS)
    assert [_local(d.starts_at, BRUSSELS).hour for d in dates] == [14, 14, 14]
    assert [d.starts_at.hour for d in dates] == [13, 13, 12]


# --- "om de 14 dagen, 7 keer" ---------------------------------------------------------------------


def test_every_14_days_7_times_gives_seven_dates_and_no_more():
    dates = recurrence.all_dates(_walk_in(), [], AMSTERDAM)
    assert len(dates) == 7
    days = [_local(d.starts_at).date() for d in dates]
    assert [b - a for a, b in itertools.pairwise(days)] == [timedelta(days=14)] * 6
    assert days[0].isoformat() == "2026-09-15" and days[-1].isoformat() == "2026-12-08"
    assert {_local(d.starts_at).hour for d in dates} == {10}  # across 25 October too
    assert recurrence.occurrences(_walk_in(), [], AMSTERDAM, at(2026, 12, 9, 0), at(2027, 12, 9, 0)) == []


def test_occurrences_gives_only_the_dates_that_start_in_the_stretch():
    walk_in = _walk_in()
    # 29 September 10.00 begins before the stretch and runs into it: not in it
    found = recurrence.occurrences(walk_in, [], AMSTERDAM, at(2026, 9, 29, 11), at(2026, 10, 13, 10))
    assert found == []
    found = recurrence.occurrences(walk_in, [], AMSTERDAM, at(2026, 9, 29, 10), at(2026, 10, 13, 10, 1))
    assert [_local(d.starts_at).day for d in found] == [29, 13]


# --- a cancelled date -----------------------------------------------------------------------------


def test_a_cancelled_date_is_left_out_and_the_count_still_ends_on_the_seventh():
    walk_in = _walk_in()
    gone = at(2026, 10, 13, 10)
    dates = recurrence.all_dates(walk_in, [_cancelled(gone)], AMSTERDAM)
    assert gone not in [d.occurrence for d in dates]
    assert len(dates) == 6
    assert _local(dates[-1].starts_at).date().isoformat() == "2026-12-08"  # no date added at the end
    assert recurrence.date_of(walk_in, [_cancelled(gone)], AMSTERDAM, gone) is None


def test_a_cancelled_date_in_winter_time_is_matched_by_its_own_moment():
    """The EXDATE is written on the hub's clock: the date after the clocks went back still goes."""
    cafe = _activity(at(2026, 9, 1), FIRST_TUESDAY)
    gone = at(2026, 11, 3)
    dates = recurrence.occurrences(cafe, [_cancelled(gone)], AMSTERDAM, at(2026, 10, 1, 0), at(2027, 1, 1, 0))
    assert [_local(d.starts_at).date().isoformat() for d in dates] == ["2026-10-06", "2026-12-01"]


def test_a_cancelled_activity_has_no_dates():
    walk_in = _walk_in()
    walk_in.cancelled_at = at(2026, 9, 1)
    assert recurrence.all_dates(walk_in, [], AMSTERDAM) == []
    assert recurrence.date_of(walk_in, [], AMSTERDAM, at(2026, 9, 29, 10)) is None


# --- a moved date ---------------------------------------------------------------------------------


def test_a_moved_date_shows_once_at_its_new_time_and_keeps_its_name():
    walk_in = _walk_in()
    name = at(2026, 9, 29, 10)
    moved = _moved(name, at(2026, 9, 30, 13), minutes=60, place="De Deel", note="Deze keer in De Deel")
    dates = recurrence.all_dates(walk_in, [moved], AMSTERDAM)
    assert len(dates) == 7
    (that,) = [d for d in dates if d.occurrence == name]
    assert that.moved and that.starts_at == at(2026, 9, 30, 13) and that.ends_at == at(2026, 9, 30, 14)
    assert (that.place, that.note) == ("De Deel", "Deze keer in De Deel")
    assert at(2026, 9, 29, 10) not in [d.starts_at for d in dates]  # not also at the old time
    others = [d for d in dates if d.occurrence != name]
    assert all(
        not d.moved and d.place == "" and d.ends_at - d.starts_at == timedelta(hours=2) for d in others
    )


def test_a_date_moved_past_the_next_one_comes_after_it_and_is_found_at_its_new_time():
    walk_in = _walk_in()
    name = at(2026, 10, 27, 10)
    moved = _moved(name, at(2026, 11, 12, 15))  # after 10 November, the next date
    dates = recurrence.all_dates(walk_in, [moved], AMSTERDAM)
    assert [_local(d.starts_at).date().isoformat() for d in dates] == [
        "2026-09-15",
        "2026-09-29",
        "2026-10-13",
        "2026-11-10",
        "2026-11-12",
        "2026-11-24",
        "2026-12-08",
    ]
    assert dates[4].occurrence == name and dates[4].moved
    assert dates[4].ends_at - dates[4].starts_at == timedelta(hours=2)  # the activity's length
    on_12th = recurrence.occurrences(walk_in, [moved], AMSTERDAM, at(2026, 11, 12, 0), at(2026, 11, 13, 0))
    assert [d.occurrence for d in on_12th] == [name]
    on_27th = recurrence.occurrences(walk_in, [moved], AMSTERDAM, at(2026, 10, 27, 0), at(2026, 10, 28, 0))
    assert on_27th == []


def test_the_last_date_moved_after_the_series_end_is_still_there():
    walk_in = _walk_in()
    last = at(2026, 12, 8, 10)
    dates = recurrence.all_dates(walk_in, [_moved(last, at(2027, 1, 12, 10))], AMSTERDAM)
    assert len(dates) == 7 and dates[-1].occurrence == last and dates[-1].starts_at == at(2027, 1, 12, 10)


def test_the_first_date_moved_earlier_is_still_there():
    walk_in = _walk_in()
    first = at(2026, 9, 15, 10)
    dates = recurrence.all_dates(walk_in, [_moved(first, at(2026, 9, 14, 10))], AMSTERDAM)
    assert len(dates) == 7 and dates[0].occurrence == first and dates[0].starts_at == at(2026, 9, 14, 10)


def test_a_change_of_a_date_the_rule_no_longer_has_adds_no_date():
    """The organiser moved the series from 10.00 to 10.30 after putting one date off: the old
    change names no date of the rule any more, so it is not shown as an extra date."""
    walk_in = _walk_in()
    stray = _moved(at(2026, 10, 27, 10), at(2026, 11, 12, 15))
    walk_in.starts_at = at(2026, 9, 15, 10, 30)
    dates = recurrence.all_dates(walk_in, [stray], AMSTERDAM)
    assert len(dates) == 7 and not any(d.moved for d in dates)
    assert at(2026, 11, 12, 15) not in [d.starts_at for d in dates]
    assert len(recurrence.events_of(walk_in, [stray], AMSTERDAM, "leusden")) == 1
    assert recurrence.date_of(walk_in, [stray], AMSTERDAM, at(2026, 10, 27, 10)) is None


# --- date_of --------------------------------------------------------------------------------------


def test_date_of_names_a_date_of_the_rule_and_nothing_else():
    walk_in = _walk_in()
    date = recurrence.date_of(walk_in, [], AMSTERDAM, at(2026, 10, 27, 10))
    assert (
        date is not None and date.starts_at == at(2026, 10, 27, 10) and date.ends_at == at(2026, 10, 27, 12)
    )
    assert recurrence.date_of(walk_in, [], AMSTERDAM, at(2026, 10, 27, 11)) is None  # not a start of the rule
    assert recurrence.date_of(walk_in, [], AMSTERDAM, at(2026, 10, 20, 10)) is None  # the week between
    assert recurrence.date_of(walk_in, [], AMSTERDAM, at(2026, 12, 22, 10)) is None  # an eighth date
    assert recurrence.date_of(walk_in, [], AMSTERDAM, at(2026, 9, 1, 10)) is None  # before the first


def test_date_of_a_moved_date_gives_its_new_time_place_and_length():
    walk_in = _walk_in()
    name = at(2026, 10, 27, 10)
    moved = _moved(name, at(2026, 11, 12, 15), minutes=45, place="De Deel")
    date = recurrence.date_of(walk_in, [moved], AMSTERDAM, name)
    assert date == recurrence.Occurrence(
        activity_id=7,
        occurrence=name,
        starts_at=at(2026, 11, 12, 15),
        ends_at=at(2026, 11, 12, 15, 45),
        moved=True,
        place="De Deel",
        note="",
    )
    # the same date as the listing gives it
    (listed,) = [d for d in recurrence.all_dates(walk_in, [moved], AMSTERDAM) if d.occurrence == name]
    assert listed.starts_at == date.starts_at and listed.ends_at == date.ends_at
    # its new start is not a date's name
    assert recurrence.date_of(walk_in, [moved], AMSTERDAM, at(2026, 11, 12, 15)) is None


def test_date_of_a_date_with_only_a_note_is_not_moved():
    walk_in = _walk_in()
    name = at(2026, 10, 27, 10)
    noted = ActivityChange(activity_id=7, occurrence=name, note="Neem uw pas mee")
    date = recurrence.date_of(walk_in, [noted], AMSTERDAM, name)
    assert date is not None and not date.moved and date.starts_at == name and date.note == "Neem uw pas mee"


def test_one_date_without_a_rule():
    day = _activity(at(2026, 11, 10, 10), minutes=300)
    assert [(d.starts_at, d.ends_at) for d in recurrence.all_dates(day, [], AMSTERDAM)] == [
        (at(2026, 11, 10, 10), at(2026, 11, 10, 15))
    ]
    assert recurrence.date_of(day, [], AMSTERDAM, at(2026, 11, 10, 10)) is not None
    assert recurrence.date_of(day, [], AMSTERDAM, at(2026, 11, 10, 11)) is None


# --- the events and the date's name as text -------------------------------------------------------


def test_the_series_is_one_event_on_the_hubs_clock_with_its_exdate_and_one_per_moved_date():
    walk_in = _walk_in()
    changes = [_cancelled(at(2026, 10, 13, 10)), _moved(at(2026, 10, 27, 10), at(2026, 11, 12, 15))]
    master, moved = recurrence.events_of(walk_in, changes, AMSTERDAM, "leusden")
    assert master["uid"] == moved["uid"] == "activity-7@leusden.mantelzorghub"
    assert str(master.decoded("dtstart").tzinfo) == AMSTERDAM
    assert master["rrule"] == icalendar.vRecur.from_ical(EVERY_14_DAYS_7_TIMES)
    assert [d.dt for d in master["exdate"].dts] == [_local(at(2026, 10, 13, 10))]
    assert moved["recurrence-id"].dt == _local(at(2026, 10, 27, 10))
    text = icalendar.Calendar.from_ical(_calendar([master, moved]).to_ical())
    assert len(list(text.walk("VEVENT"))) == 2


def _calendar(events: list[icalendar.Event]) -> icalendar.Calendar:
    found = icalendar.Calendar()
    for event in events:
        found.add_component(event)
    return found


def test_one_date_is_one_event_without_a_rule_even_with_a_change():
    day = _activity(at(2026, 11, 10, 10))
    (event,) = recurrence.events_of(day, [_moved(at(2026, 11, 10, 10), at(2026, 11, 11, 10))], AMSTERDAM, "x")
    assert "rrule" not in event and "exdate" not in event


def test_a_key_goes_there_and_back():
    moment = at(2026, 12, 1)
    assert recurrence.key(moment) == "20261201T130000Z"
    assert recurrence.parse_key("20261201T130000Z") == moment
    assert recurrence.key(_local(moment)) == "20261201T130000Z"  # any zone in, UTC out


@pytest.mark.parametrize(
    "value",
    [
        None,
        20261201,
        "",
        "2026-12-01",
        "20261201T130000",
        "20261301T130000Z",
        "20261201T250000Z",
        "20261201t130000z ",
    ],
)
def test_parse_key_refuses_what_is_not_a_key(value):
    assert recurrence.parse_key(value) is None


def test_a_parsed_key_is_utc():
    parsed = recurrence.parse_key("20260329T010000Z")
    assert parsed is not None and parsed.tzinfo is UTC
