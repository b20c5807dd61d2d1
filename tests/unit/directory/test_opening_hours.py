"""Opening hours in words: the week, the moment on the hub's clock (daylight saving, midnight, a
monthly day, a closed day, Brussels and Amsterdam) and the day it was last checked, in both languages."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from mantelzorg_app.services.directory import opening_hours as hours
from mantelzorg_app.services.platform import dates, i18n

AMSTERDAM, BRUSSELS = "Europe/Amsterdam", "Europe/Brussels"

# This module's English, as in /tmp/po/h3.tsv: used only where the catalogue does not have it yet.
ENGLISH = {
    hours.DAYS_HOURS: "{days}: {hours}",
    hours.SPAN: "{opens} to {closes}",
    hours.RUN: "{first} to {last}",
    hours.LIST: "{items} and {last}",
    hours.MONTHLY_DAYS: "Every {nth} {day} of the month",
    hours.NTH[1]: "first",
    hours.NTH[3]: "third",
    hours.NTH[-1]: "last",
    hours.OPEN_NOW: "Open now until {time}",
    hours.OPEN_LATER_TODAY: "Open today from {opens} to {closes}",
    hours.OPEN_TOMORROW: "Closed now. Open tomorrow from {time}",
    hours.OPEN_ON: "Closed now. Open on {day} from {time}",
    hours.CHECKED: "Last checked on {day}",
}


@pytest.fixture(autouse=True)
def english(monkeypatch):
    real = i18n.catalogue

    def catalogue(lang: str) -> dict[str, str]:
        found = real(lang)
        if lang != "en":
            return found
        return {**ENGLISH, **{key: text for key, text in found.items() if text != key}}

    monkeypatch.setattr(i18n, "catalogue", catalogue)


def schedule(byday: str, opens: str, closes: str, freq: str = "WEEKLY", description: str = ""):
    return SimpleNamespace(freq=freq, byday=byday, opens_at=opens, closes_at=closes, description=description)


WORKDAYS = [schedule("MO,TU,WE,TH,FR", "09:00", "17:00")]
# Monday 2 November 2026 (winter time: UTC+1 in Amsterdam and Brussels).
MONDAY = date(2026, 11, 2)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_the_week_in_words_in_both_languages():
    assert hours.week_in_words_all(WORKDAYS) == {
        "nl": ["Maandag tot en met vrijdag: 9.00 tot 17.00 uur"],
        "en": ["Monday to Friday: 9:00 to 17:00"],
    }


def test_days_with_the_same_hours_go_together_and_a_day_may_have_two_spans():
    week = [
        schedule("MO,TU", "09:00", "12:00"),
        schedule("MO,TU", "13:00", "17:00"),
        schedule("TH", "09:00", "12:00"),
        schedule("SA", "09:00", "12:00"),
        schedule("FR", "10:00", "11:00", description="Alleen op afspraak"),
    ]
    assert hours.week_in_words(week, "nl") == [
        "Maandag en dinsdag: 9.00 tot 12.00 uur en 13.00 tot 17.00 uur",
        "Donderdag en zaterdag: 9.00 tot 12.00 uur",
        "Vrijdag: 10.00 tot 11.00 uur",
        "Alleen op afspraak",
    ]
    runs = [schedule("MO,TU,WE,FR", "09:00", "12:00")]
    assert hours.week_in_words(runs, "nl") == ["Maandag tot en met woensdag en vrijdag: 9.00 tot 12.00 uur"]
    assert hours.week_in_words(runs, "en") == ["Monday to Wednesday and Friday: 9:00 to 12:00"]


def test_a_monthly_schedule_in_words():
    cafe = [schedule("1TU", "19:30", "21:30", "MONTHLY")]
    assert hours.week_in_words_all(cafe) == {
        "nl": ["Elke eerste dinsdag van de maand: 19.30 tot 21.30 uur"],
        "en": ["Every first Tuesday of the month: 19:30 to 21:30"],
    }
    twice = [schedule("1TU,3TU", "19:30", "21:30", "MONTHLY"), schedule("-1FR", "10:00", "12:00", "MONTHLY")]
    assert hours.week_in_words(twice, "nl") == [
        "Elke eerste en derde dinsdag van de maand: 19.30 tot 21.30 uur",
        "Elke laatste vrijdag van de maand: 10.00 tot 12.00 uur",
    ]
    # A schedule's own words follow its line, unless they say only what the line says.
    said = [
        schedule("1TU", "19:30", "21:30", "MONTHLY", "Elke eerste dinsdag van de maand."),
        schedule("1TH,3TH", "14:00", "16:00", "MONTHLY", "Om de 14 dagen op donderdag."),
    ]
    assert hours.week_in_words(said, "en") == [
        "Every first Tuesday of the month: 19:30 to 21:30",
        "Every first and third Thursday of the month: 14:00 to 16:00",
        "Om de 14 dagen op donderdag.",
    ]
    assert hours.week_in_words(said, "nl") == [
        "Elke eerste dinsdag van de maand: 19.30 tot 21.30 uur",
        "Elke eerste en derde donderdag van de maand: 14.00 tot 16.00 uur",
        "Om de 14 dagen op donderdag.",
    ]
    # Weekly days come before monthly ones.
    both = [*cafe, *WORKDAYS]
    assert hours.week_in_words(both, "nl")[0].startswith("Maandag")


def test_open_now_later_today_tomorrow_and_another_day():
    nine_thirty = utc(2026, 11, 2, 8, 30)  # Monday 9.30 in Amsterdam
    assert hours.now_in_words_all(WORKDAYS, AMSTERDAM, nine_thirty) == {
        "nl": "Nu open tot 17.00 uur",
        "en": "Open now until 17:00",
    }
    afternoon = [schedule("MO", "13:00", "17:00")]
    assert hours.now_in_words_all(afternoon, AMSTERDAM, nine_thirty) == {
        "nl": "Vandaag open van 13.00 tot 17.00 uur",
        "en": "Open today from 13:00 to 17:00",
    }
    evening = utc(2026, 11, 2, 17, 0)  # Monday 18.00
    assert hours.now_in_words_all(WORKDAYS, AMSTERDAM, evening) == {
        "nl": "Nu gesloten. Morgen open vanaf 9.00 uur",
        "en": "Closed now. Open tomorrow from 9:00",
    }
    thursdays = [schedule("TH", "09:00", "12:00")]
    assert hours.now_in_words_all(thursdays, AMSTERDAM, evening) == {
        "nl": "Nu gesloten. Open op donderdag vanaf 9.00 uur",
        "en": "Closed now. Open on Thursday from 9:00",
    }


def test_closing_time_is_closed_and_a_closed_day_names_the_next_open_one():
    five = utc(2026, 11, 2, 16, 0)  # Monday 17.00 sharp: closed
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, five, "nl") == "Nu gesloten. Morgen open vanaf 9.00 uur"
    # Wednesday closed: on Wednesday morning the next opening is Thursday.
    no_wednesday = [schedule("MO,TU,TH,FR", "09:00", "17:00")]
    wednesday = utc(2026, 11, 4, 9, 0)
    assert hours.now_in_words(no_wednesday, AMSTERDAM, wednesday, "nl") == (
        "Nu gesloten. Morgen open vanaf 9.00 uur"
    )
    # Friday evening: the weekend is closed, Monday is three days on, said by its name.
    friday_evening = utc(2026, 11, 6, 18, 0)
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, friday_evening, "nl") == (
        "Nu gesloten. Open op maandag vanaf 9.00 uur"
    )


def test_spans_that_touch_are_one_opening():
    split = [schedule("MO", "09:00", "12:00"), schedule("MO", "12:00", "17:00")]
    assert hours.now_in_words(split, AMSTERDAM, utc(2026, 11, 2, 9, 0), "nl") == "Nu open tot 17.00 uur"


def test_midnight_on_the_hubs_clock():
    # 23.30 UTC on Monday is already Tuesday 0.30 in Amsterdam: today (Tuesday) opens at 9.00.
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, utc(2026, 11, 2, 23, 30), "nl") == (
        "Vandaag open van 9.00 tot 17.00 uur"
    )
    # 22.59 UTC is still Monday 23.59 there: tomorrow.
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, utc(2026, 11, 2, 22, 59), "nl") == (
        "Nu gesloten. Morgen open vanaf 9.00 uur"
    )
    # Open past midnight: Friday 22.00 tot 2.00 uur is still open on Saturday at 1.00.
    night = [schedule("FR", "22:00", "02:00")]
    assert hours.week_in_words(night, "nl") == ["Vrijdag: 22.00 tot 2.00 uur"]
    assert hours.now_in_words(night, AMSTERDAM, utc(2026, 11, 7, 0, 0), "nl") == "Nu open tot 2.00 uur"
    until_midnight = [schedule("FR", "18:00", "24:00")]
    assert hours.now_in_words(until_midnight, AMSTERDAM, utc(2026, 11, 6, 22, 30), "nl") == (
        "Nu open tot 0.00 uur"
    )


def test_daylight_saving_keeps_the_hours_on_the_wall_clock():
    # Sunday 29 March 2026 the clocks go forward; on Monday 30 March 9.00 is 7.00 UTC, not 8.00.
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, utc(2026, 3, 30, 7, 0), "nl") == "Nu open tot 17.00 uur"
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, utc(2026, 3, 30, 6, 59), "nl") == (
        "Vandaag open van 9.00 tot 17.00 uur"
    )
    # The Friday before, still winter time: 9.00 is 8.00 UTC.
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, utc(2026, 3, 27, 7, 30), "nl") == (
        "Vandaag open van 9.00 tot 17.00 uur"
    )
    # The last Sunday of October the clocks go back: Monday 26 October 16.30 UTC is 17.30, closed.
    assert hours.now_in_words(WORKDAYS, AMSTERDAM, utc(2026, 10, 26, 16, 30), "nl") == (
        "Nu gesloten. Morgen open vanaf 9.00 uur"
    )
    # The night of the change itself: open Saturday 22.00 tot 2.00 uur; at 0.30 UTC it is 2.30 in summer
    # time one day (closed), 1.30 in winter time the next week (open).
    night = [schedule("SA", "22:00", "02:00")]
    assert hours.now_in_words(night, AMSTERDAM, utc(2026, 10, 25, 0, 30), "nl").startswith("Nu gesloten")
    assert hours.now_in_words(night, AMSTERDAM, utc(2026, 11, 1, 0, 30), "nl") == "Nu open tot 2.00 uur"


def test_brussels_and_amsterdam_share_their_clock_and_the_zone_is_used():
    moment = utc(2026, 7, 6, 7, 30)  # Monday 9.30 in summer time in both
    assert hours.now_in_words_all(WORKDAYS, BRUSSELS, moment) == hours.now_in_words_all(
        WORKDAYS, AMSTERDAM, moment
    )
    assert hours.now_in_words(WORKDAYS, BRUSSELS, moment, "nl") == "Nu open tot 17.00 uur"
    # The same moment is 8.30 in London: the hub's own zone decides.
    assert hours.now_in_words(WORKDAYS, "Europe/London", moment, "nl") == (
        "Vandaag open van 9.00 tot 17.00 uur"
    )


def test_a_monthly_day_is_found_weeks_ahead_and_named_with_its_date():
    cafe = [schedule("1TU", "19:30", "21:30", "MONTHLY")]
    first_tuesday = utc(2026, 11, 3, 19, 0)  # Tuesday 3 November 20.00
    assert hours.now_in_words(cafe, AMSTERDAM, first_tuesday, "nl") == "Nu open tot 21.30 uur"
    after = utc(2026, 11, 4, 9, 0)
    assert hours.now_in_words_all(cafe, AMSTERDAM, after) == {
        "nl": "Nu gesloten. Open op dinsdag 1 december vanaf 19.30 uur",
        "en": "Closed now. Open on Tuesday 1 December from 19:30",
    }
    last_friday = [schedule("-1FR", "10:00", "12:00", "MONTHLY")]
    assert hours.now_in_words(last_friday, AMSTERDAM, utc(2026, 11, 27, 10, 0), "nl") == (
        "Nu open tot 12.00 uur"
    )
    # The next one in another year says the year.
    assert hours.now_in_words(last_friday, AMSTERDAM, utc(2026, 12, 26, 10, 0), "nl") == (
        "Nu gesloten. Open op vrijdag 29 januari 2027 vanaf 10.00 uur"
    )
    # A fifth Thursday is months away sometimes; it is still found.
    fifth = [schedule("5TH", "10:00", "11:00", "MONTHLY")]
    assert hours.now_in_words(fifth, AMSTERDAM, utc(2026, 11, 1, 9, 0), "nl") == (
        "Nu gesloten. Open op donderdag 31 december vanaf 10.00 uur"
    )


def test_no_hours_and_rows_that_do_not_read_say_nothing():
    assert hours.now_in_words_all([], AMSTERDAM, utc(2026, 11, 2, 9, 0)) == {"nl": "", "en": ""}
    assert hours.week_in_words_all([]) == {"nl": [], "en": []}
    broken = [
        schedule("MO", "9:00", "17:00"),
        schedule("XX", "09:00", "17:00"),
        schedule("MO", "25:00", "26:00"),
        schedule("", "09:00", "17:00"),
        schedule("9TU", "09:00", "17:00", "MONTHLY"),
        SimpleNamespace(freq=None, byday=None, opens_at=None, closes_at=None, description=None),
    ]
    assert hours.week_in_words(broken, "nl") == []
    assert hours.now_in_words(broken, AMSTERDAM, utc(2026, 11, 2, 9, 0), "nl") == ""
    # A good row among them still shows.
    assert hours.week_in_words([*broken, *WORKDAYS], "nl") == [
        "Maandag tot en met vrijdag: 9.00 tot 17.00 uur"
    ]


def test_last_checked_in_both_languages():
    assert hours.checked_in_words_all(date(2026, 11, 3)) == {
        "nl": "Laatst gecontroleerd op 3 november 2026",
        "en": "Last checked on 3 November 2026",
    }


def test_the_clock_comes_from_platform_dates():
    assert dates.clock_in_words(9, 0, "nl") == "9.00 uur"
    assert dates.clock_in_words(9, 0, "nl", unit=False) == "9.00"
    assert dates.clock_in_words(9, 5, "en", unit=False) == "9:05"
    assert dates.time_in_words(utc(2026, 11, 2, 8, 5), AMSTERDAM, "nl") == "9.05 uur"
