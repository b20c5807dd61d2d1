"""Dates in words: today, yesterday, across midnight on the hub's clock, in both languages."""

from datetime import UTC, date, datetime

import pytest

from mantelzorg_app.services.platform import dates

AMSTERDAM, BRUSSELS = "Europe/Amsterdam", "Europe/Brussels"
NOW = datetime(2026, 12, 1, 7, 13, tzinfo=UTC)  # Tuesday 1 December, 8.13 in Amsterdam


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_today_and_yesterday_in_both_languages():
    assert dates.in_words_all(NOW, AMSTERDAM, NOW) == {"nl": "vandaag om 8.13 uur", "en": "today at 8:13"}
    yesterday = utc(2026, 11, 30, 13, 5)
    assert dates.in_words_all(yesterday, AMSTERDAM, NOW) == {
        "nl": "gisteren om 14.05 uur",
        "en": "yesterday at 14:05",
    }


def test_midnight_is_the_hubs_midnight_not_utcs():
    # 23.30 UTC on 30 November is already 1 December, 0.30 uur, in Amsterdam: today, not yesterday.
    assert dates.in_words(utc(2026, 11, 30, 23, 30), AMSTERDAM, "nl", NOW) == "vandaag om 0.30 uur"
    # And 22.59 UTC is still 30 November there.
    assert dates.in_words(utc(2026, 11, 30, 22, 59), AMSTERDAM, "nl", NOW) == "gisteren om 23.59 uur"
    # Just after midnight on the hub's clock, a moment at 23.00 the evening before is yesterday.
    late = utc(2026, 11, 30, 23, 5)
    assert dates.in_words(utc(2026, 11, 30, 22, 0), BRUSSELS, "en", late) == "yesterday at 23:00"


def test_other_days_by_name_with_the_year_only_when_another():
    thursday = utc(2026, 12, 3, 13, 0)
    assert dates.in_words(thursday, AMSTERDAM, "nl", NOW) == "donderdag 3 december om 14.00 uur"
    assert dates.in_words(utc(2026, 12, 2, 8, 0), AMSTERDAM, "en", NOW) == "tomorrow at 9:00"
    assert dates.day_in_words(date(2026, 12, 1), "en") == "Tuesday 1 December"
    assert dates.day_in_words(date(2025, 12, 1), "nl", today=date(2026, 12, 1)) == "maandag 1 december 2025"
    assert dates.day_in_words_all(date(2026, 11, 28), date(2026, 12, 1)) == {
        "nl": "zaterdag 28 november",
        "en": "Saturday 28 November",
    }


def test_summer_time_is_the_hubs_own():
    summer = utc(2026, 7, 1, 6, 0)  # 8.00 in Amsterdam in summer time
    assert dates.time_in_words(summer, AMSTERDAM, "nl") == "8.00 uur"
    assert dates.time_in_words(NOW, AMSTERDAM, "en") == "8:13"


@pytest.mark.parametrize("lang", ["de", "", "xx"])
def test_a_language_we_do_not_have_reads_dutch(lang):
    assert dates.in_words(NOW, AMSTERDAM, lang, NOW) == "vandaag om 8.13 uur"
