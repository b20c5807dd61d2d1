"""The Agenda tab's cards (places left, the person's own booking, a course's one sign-up, filters),
its chips' choices, and the printable month (bounds, the hub's clock)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Activity, ActivityKind, Booking, BookingStatus, Hub, Person, Wijk
from mantelzorg_app.services.calendar import activities, agenda

ZONE = "Europe/Amsterdam"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday 1 December 2026, 10.00 in Leusden


def at(month: int, day: int, hour: int = 14, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


@pytest.fixture
def hub(session: Session) -> Hub:
    found = Hub(slug="leusden", name="Leusden", country="NL", timezone=ZONE, speech_locale="nl-NL")
    session.add(found)
    session.commit()
    return found


def add(session: Session, hub: Hub, starts_at: datetime, **fields) -> Activity:
    values = {"kind": ActivityKind.cafe, "title": "Mantelzorgcafé", "place": "Bibliotheek"} | fields
    row = Activity(hub_id=hub.id, starts_at=starts_at, **values)
    session.add(row)
    session.commit()
    return row


def book(session: Session, activity: Activity, occurrence: datetime, person: Person | None = None, **fields):
    row = Booking(
        activity_id=activity.id,
        occurrence=occurrence,
        person_id=person.id if person else None,
        name="" if person else "Bel",
        created_at=NOW,
        **fields,
    )
    session.add(row)
    session.commit()
    return row


def person(session: Session, name: str = "Anna") -> Person:
    found = Person(first_name=name, email=None)
    session.add(found)
    session.commit()
    return found


def test_a_card_says_the_places_left_and_whether_the_person_comes(session, hub):
    cafe = add(session, hub, at(12, 3), capacity=3)
    anna, bert = person(session), person(session, "Bert")
    book(session, cafe, cafe.starts_at, anna)
    book(session, cafe, cafe.starts_at, places=2)
    book(session, cafe, cafe.starts_at, bert, status=BookingStatus.waiting)
    book(session, cafe, cafe.starts_at, status=BookingStatus.cancelled)

    (card,) = agenda.cards(session, hub, anna.id, NOW)
    assert (card.free, card.mine) == (0, "booked")
    assert agenda.cards(session, hub, bert.id, NOW)[0].mine == "waiting"
    assert agenda.cards(session, hub, None, NOW)[0].mine == ""


def test_no_limit_means_no_count(session, hub):
    add(session, hub, at(12, 3))
    assert agenda.cards(session, hub, None, NOW)[0].free is None


def test_each_date_of_a_series_counts_its_own_places(session, hub):
    cafe = add(session, hub, at(12, 3), capacity=20, rrule="FREQ=WEEKLY;COUNT=3")
    anna = person(session)
    book(session, cafe, at(12, 10), anna)
    found = agenda.cards(session, hub, anna.id, NOW)
    assert [(c.free, c.mine) for c in found] == [(20, ""), (19, "booked"), (20, "")]


def test_every_evening_of_a_course_shows_its_one_sign_up(session, hub):
    course = add(
        session,
        hub,
        at(12, 8, 19),
        kind=ActivityKind.course,
        capacity=12,
        whole_series=True,
        rrule="FREQ=WEEKLY;COUNT=4",
    )
    anna = person(session)
    book(session, course, course.starts_at, anna)
    found = agenda.cards(session, hub, anna.id, NOW)
    assert [(c.free, c.mine) for c in found] == [(11, "booked")] * 4
    assert {agenda.sign_up_date(c.dated) for c in found} == {course.starts_at}
    assert [c.evening for c in found] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [c.evening for c in agenda.cards(session, hub, anna.id, at(12, 16, 9))] == [(3, 4), (4, 4)]


def test_the_filters_narrow_by_kind_and_by_wijk(session, hub):
    centrum, noord = (
        Wijk(hub_id=hub.id, slug="centrum", name="Centrum", kind="wijk"),
        Wijk(hub_id=hub.id, slug="noord", name="Noord", kind="wijk"),
    )
    session.add_all([centrum, noord])
    session.commit()
    add(session, hub, at(12, 3), title="Café")
    add(session, hub, at(12, 4), kind=ActivityKind.network, title="Netwerk", wijk_id=noord.id)
    add(session, hub, at(12, 5), kind=ActivityKind.walk_in, title="Inloop", wijk_id=centrum.id)

    def titles(**filters):
        return [c.dated.activity.title for c in agenda.cards(session, hub, None, NOW, **filters)]

    assert titles() == ["Café", "Netwerk", "Inloop"]
    assert titles(kind=ActivityKind.network) == ["Netwerk"]
    assert titles(wijk_id=centrum.id) == ["Café", "Inloop"]  # the whole hub's too
    kinds, wijken = agenda.choices(session, hub, NOW)
    assert kinds == [ActivityKind.cafe, ActivityKind.walk_in, ActivityKind.network]  # the chips' order
    assert wijken == sorted([centrum.id, noord.id])


def test_past_and_cancelled_activities_are_not_on_the_agenda(session, hub):
    add(session, hub, at(11, 30), title="Gisteren")
    add(session, hub, at(12, 3), title="Afgelast", cancelled_at=NOW)
    assert agenda.cards(session, hub, None, NOW) == []
    assert agenda.choices(session, hub, NOW) == ([], [])


def test_cards_fall_under_this_week_next_week_and_months(session, hub):
    for day in (at(12, 3), at(12, 9), at(12, 21), at(1, 5, year=2027)):
        add(session, hub, day)
    found = agenda.cards(session, hub, None, NOW)
    names = [name for name, _, _ in activities.groups([c.dated for c in found], ZONE, NOW)]
    assert names == ["this-week", "next-week", "2026-12", "2027-01"]


@pytest.mark.parametrize(
    ("value", "first"),
    [("2026-12", date(2026, 12, 1)), ("2027-01", date(2027, 1, 1))],
)
def test_a_month_from_the_address(value, first):
    assert agenda.parse_month(value) == first
    assert agenda.month_name(first) == value


@pytest.mark.parametrize(
    "value", ["", "2026-13", "2026-00", "26-12", "2026-1", "1999-12", "2026-12x", None, 202612]
)
def test_anything_else_is_no_month(value):
    assert agenda.parse_month(value) is None


def test_months_shift_over_the_year():
    assert agenda.shifted(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert agenda.shifted(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert agenda.shifted(date(2026, 5, 1), -17) == date(2024, 12, 1)


def test_the_printable_month_is_the_month_on_the_hubs_clock(session, hub):
    add(session, hub, at(12, 1, 0), title="Middernacht")  # 23.00 UTC on 30 November
    add(session, hub, at(12, 31, 23), title="Oudjaar")
    add(session, hub, at(1, 1, 0, year=2027), title="Nieuwjaar")
    add(session, hub, at(11, 20), title="November")
    titles = [item.activity.title for item in agenda.month(session, hub, date(2026, 12, 1))]
    assert titles == ["Middernacht", "Oudjaar"]


def test_the_printable_month_offers_a_year_back_and_the_agendas_reach():
    assert agenda.in_month(date(2026, 12, 1), NOW, ZONE)
    assert agenda.in_month(date(2025, 12, 1), NOW, ZONE)
    assert not agenda.in_month(date(2025, 11, 1), NOW, ZONE)
    assert agenda.in_month(date(2027, 6, 1), NOW, ZONE)
    assert not agenda.in_month(date(2028, 2, 1), NOW, ZONE)


def test_a_line_of_the_month_says_the_time_in_both_languages(session, hub):
    add(session, hub, at(12, 3), minutes=120)
    (item,) = agenda.month(session, hub, date(2026, 12, 1))
    words = agenda.times_in_words_all(item, ZONE)
    assert words["nl"] == "14.00 tot 16.00 uur"
    assert "14" in words["en"] and "16" in words["en"]
    assert agenda.day_of(item, ZONE) == date(2026, 12, 3)
    assert agenda.this_month(NOW - timedelta(hours=11), ZONE) == date(2026, 11, 1)
