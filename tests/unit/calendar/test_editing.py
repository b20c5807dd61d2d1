"""The organiser's form (services.calendar.editing): plain problems, the repeat in words as an
RRULE, a date cancelled or moved, the whole activity cancelled, the mails, and who may do it."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityChange, Booking, BookingStatus, Person
from mantelzorg_app.services.calendar import activities, bookings, date_changes, editing, recurrence
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity, at, caregivers
from tests.unit.help_fixtures import help_world, refused

BASE = "https://hub.example.org"


@pytest.fixture
def world(session: Session):
    return help_world(session)


def form(**changes) -> dict[str, str]:
    """A café on Tuesday 11 March 2025, 14.00 to 16.00 in Leusden (NOW is Monday 3 March)."""
    values = {
        **dict.fromkeys(editing.TYPED, ""),
        "title": "Mantelzorgcafé",
        "place": "Bibliotheek Leusden",
        "date": "2025-03-11",
        "start": "14:00",
        "end": "16:00",
        "kind": "cafe",
        "audience": "caregivers",
        "repeat": editing.ONCE,
        "wijk": "",
        "pairs": "ja",
        "whole_series": "nee",
        "slots": "nee",
    }
    return values | changes


def problems(session, world, values: dict, activity_id: int | None = None) -> dict[str, str]:
    with pytest.raises(Invalid) as raised:
        editing.save(session, world.coordinator, activity_id, values, NOW, BASE)
    return raised.value.problems


def with_email(session, people: list) -> None:
    for who in people:
        person = session.get(Person, who.person_id)
        person.email = f"{person.first_name.lower()}@leusden.example.org"
        session.add(person)
    session.commit()


def test_the_repeat_in_words_becomes_a_rule_and_reads_back():
    tuesday = date(2025, 3, 4)  # the first Tuesday of March
    assert editing.rrule_of(editing.ONCE, tuesday, None) == ""
    assert editing.rrule_of(editing.WEEKLY, tuesday, 4) == "FREQ=WEEKLY;COUNT=4"
    assert editing.rrule_of(editing.FORTNIGHTLY, tuesday, 7) == "FREQ=WEEKLY;INTERVAL=2;COUNT=7"
    assert editing.rrule_of(editing.MONTHLY, tuesday, None) == "FREQ=MONTHLY;BYDAY=1TU"
    assert editing.rrule_of(editing.MONTHLY, date(2025, 3, 11), None) == "FREQ=MONTHLY;BYDAY=2TU"
    assert editing.rrule_of(editing.MONTHLY, date(2025, 3, 25), None) == "FREQ=MONTHLY;BYDAY=4TU"
    assert editing.rrule_of(editing.MONTHLY, date(2025, 3, 31), None) == "FREQ=MONTHLY;BYDAY=-1MO"
    for rule, repeat, count in (
        ("", editing.ONCE, ""),
        ("FREQ=WEEKLY;COUNT=4", editing.WEEKLY, "4"),
        ("FREQ=DAILY;INTERVAL=14;COUNT=7", editing.FORTNIGHTLY, "7"),
        ("FREQ=WEEKLY;INTERVAL=2", editing.FORTNIGHTLY, ""),
        ("FREQ=MONTHLY;BYDAY=1TU", editing.MONTHLY, ""),
        ("FREQ=MONTHLY;BYMONTHDAY=4", editing.AS_IT_IS, ""),
    ):
        assert editing.repeat_of(rule, tuesday) == (repeat, count)
    words = editing.monthly_words_all("2025-03-04")
    assert words["nl"] == "Elke eerste dinsdag van de maand"
    assert "Tuesday" in words["en"]  # the day in the reader's language
    assert editing.monthly_words_all("morgen") == {}


def test_dates_and_times_are_read_as_people_type_them():
    assert editing.parse_date("2026-12-03") == editing.parse_date("3-12-2026") == date(2026, 12, 3)
    assert editing.parse_date("31-2-2026") is None
    assert editing.parse_date(["2026-12-03"]) is None
    assert [editing.parse_time(t) for t in ("14:00", "14.30", "9", "14u", "14.00 uur")] == [
        *(editing.time(14, 0), editing.time(14, 30), editing.time(9, 0)),
        editing.time(14, 0),
        editing.time(14, 0),
    ]
    assert editing.parse_time("25:00") is None
    assert editing.parse_time("veertien") is None


def test_a_form_with_problems_says_each_in_plain_words(session, world):
    found = problems(session, world, form(title=" ", place="", end="13:00"))
    assert found == {
        "title": editing.NO_TITLE,
        "place": editing.NO_PLACE,
        "end": editing.END_BEFORE_START,
    }
    assert problems(session, world, form(date="2025-03-01"))["date"] == editing.PAST_DATE
    assert problems(session, world, form(date="", start="twee uur"))["date"] == editing.NO_DATE
    assert problems(session, world, form(start="twee uur"))["start"] == editing.BAD_TIME
    assert problems(session, world, form(capacity="twintig"))["capacity"] == editing.BAD_CAPACITY
    assert problems(session, world, form(repeat=editing.WEEKLY, count="-3"))["count"] == editing.BAD_COUNT
    assert problems(session, world, form(title="x" * 81))["title"] == editing.TOO_LONG
    assert session.exec(select(Activity)).all() == []


def test_a_new_monthly_cafe_is_saved_on_the_hubs_clock_and_indexed(session, world):
    saved, mails = editing.save(
        session,
        world.professional,
        None,
        form(date="2025-03-04", repeat=editing.MONTHLY, count="6", capacity="20", wijk=str(world.centrum.id)),
        NOW,
        BASE,
    )
    session.commit()
    assert mails == []
    row = session.get(Activity, saved.id)
    assert (row.rrule, row.capacity, row.minutes, row.wijk_id) == (
        "FREQ=MONTHLY;BYDAY=1TU;COUNT=6",
        20,
        120,
        world.centrum.id,
    )
    assert row.starts_at == at(2025, 3, 4, 14)
    assert row.organiser_id == world.petra.id
    dates = recurrence.all_dates(row, [], "Europe/Amsterdam")
    assert [d.starts_at for d in dates][:2] == [
        at(2025, 3, 4, 14),
        at(2025, 4, 1, 14),
    ]  # past the clock change
    assert editing.form_of(row, "Europe/Amsterdam") | {"organiser_name": ""} == form(
        date="2025-03-04",
        repeat=editing.MONTHLY,
        count="6",
        capacity="20",
        wijk=str(world.centrum.id),
        kind="cafe",
    ) | {"organiser_name": ""}
    from mantelzorg_app.services.search import query

    assert str(saved.id) in [h.ref for h in query.search(session, world.leusden.id, "café").hits]


def test_only_organisers_may_make_or_change_and_never_another_hubs(session, world):
    for who in (world.caregiver, world.volunteer):
        with refused(session, editing.ACTION):
            editing.save(session, who, None, form(), NOW, BASE)
    mine = activity(session, world.leusden, at(2025, 3, 11), organiser_id=world.petra.id)
    theirs = activity(session, world.leusden, at(2025, 3, 12), organiser_id=world.cora.id)
    elsewhere = activity(session, world.poperinge, at(2025, 3, 12))
    with refused(session, editing.ACTION):
        editing.save(session, world.professional, theirs.id, form(), NOW, BASE)
    with refused(session, editing.ACTION):
        editing.save(session, world.coordinator, elsewhere.id, form(), NOW, BASE)
    with refused(session, editing.ACTION):
        date_changes.cancel_activity(session, world.other_coordinator, mine.id, NOW, BASE)
    editing.save(session, world.professional, mine.id, form(title="Koffie"), NOW, BASE)
    editing.save(session, world.coordinator, theirs.id, form(title="Thee"), NOW, BASE)
    session.commit()
    assert session.get(Activity, mine.id).title == "Koffie"
    assert session.get(Activity, theirs.id).title == "Thee"
    listed = [o.activity.id for o in editing.organised(session, world.professional, NOW)]
    assert listed == [mine.id]
    assert {o.activity.id for o in editing.organised(session, world.coordinator, NOW)} == {mine.id, theirs.id}


def test_fewer_places_than_taken_is_refused_and_more_moves_up_the_waiting_list(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 11), capacity=2, organiser_id=world.cora.id)
    people = caregivers(session, world.leusden, 4)
    with_email(session, people)
    for who in people:
        bookings.sign_up(session, who, cafe.id, cafe.starts_at, NOW)
    session.commit()
    found = None
    with pytest.raises(Invalid) as raised:
        editing.save(session, world.coordinator, cafe.id, form(capacity="1"), NOW, BASE)
    found = raised.value
    assert found.problems == {"capacity": editing.BELOW_TAKEN}
    assert found.values["n"] == "2"
    assert found.values["day_nl"].startswith("dinsdag 11 maart")
    session.rollback()

    _, mails = editing.save(session, world.coordinator, cafe.id, form(capacity="3"), NOW, BASE)
    session.commit()
    statuses = [b.status for b in bookings.live(session, cafe.id, cafe.starts_at)]
    assert statuses == [BookingStatus.booked] * 3 + [BookingStatus.waiting]
    assert [m.to for m in mails] == ["mz2@leusden.example.org"]
    assert "plek" in mails[0].subject.lower()


def test_a_changed_time_mails_everyone_and_the_sign_ups_go_along_with_one_date(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 11), organiser_id=world.cora.id)
    people = caregivers(session, world.leusden, 2)
    with_email(session, people)
    for who in people:
        bookings.sign_up(session, who, cafe.id, cafe.starts_at, NOW)
    session.commit()
    _, mails = editing.save(session, world.coordinator, cafe.id, form(title="Nieuwe naam"), NOW, BASE)
    assert mails == []  # a new name only: no mail
    _, mails = editing.save(
        session, world.coordinator, cafe.id, form(date="2025-03-12", start="15:00", end="17:00"), NOW, BASE
    )
    session.commit()
    assert len(mails) == 2
    assert "veranderd" in mails[0].subject.lower()
    moved = at(2025, 3, 12, 15)
    assert {b.occurrence for b in session.exec(select(Booking)).all()} == {moved}
    assert session.get(Activity, cafe.id).version > 0


def test_a_series_keeps_the_names_of_its_signed_up_dates(session, world):
    walk_in = activity(
        session,
        world.leusden,
        at(2025, 3, 4, 10),
        kind="walk_in",
        rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=7",
        organiser_id=world.cora.id,
    )
    (anna,) = caregivers(session, world.leusden, 1)
    second = at(2025, 3, 18, 10)
    bookings.sign_up(session, anna, walk_in.id, second, NOW)
    session.commit()
    values = form(
        date="2025-03-04", start="10:00", end="12:00", kind="walk_in", repeat=editing.FORTNIGHTLY, count="7"
    )
    # the first date lies in the past and stays: allowed; a later end, a longer series: allowed
    editing.save(session, world.coordinator, walk_in.id, values | {"end": "12:30", "count": "9"}, NOW, BASE)
    session.commit()
    assert session.get(Activity, walk_in.id).rrule == "FREQ=WEEKLY;INTERVAL=2;COUNT=9"
    assert problems(
        session, world, values | {"start": "11:00", "end": "13:00", "date": "2025-03-05"}, walk_in.id
    ) == {"date": editing.SIGNED_UP_DATES}
    session.rollback()
    assert problems(session, world, values | {"repeat": editing.MONTHLY}, walk_in.id) == {
        "date": editing.SIGNED_UP_DATES
    }


def test_one_date_cancelled_and_another_moved_mail_who_signed_up(session, world):
    cafe = activity(
        session, world.leusden, at(2025, 3, 4), rrule="FREQ=MONTHLY;BYDAY=1TU", organiser_id=world.petra.id
    )
    people = caregivers(session, world.leusden, 2)
    with_email(session, people)
    april, may = at(2025, 4, 1), at(2025, 5, 6)
    bookings.sign_up(session, people[0], cafe.id, april, NOW)
    bookings.sign_up(session, people[1], cafe.id, may, NOW)
    session.commit()

    mails = date_changes.cancel_date(session, world.professional, cafe.id, april, NOW, BASE)
    session.commit()
    assert [m.to for m in mails] == ["mz0@leusden.example.org"]
    assert "niet door" in mails[0].subject
    assert bookings.live(session, cafe.id, april) == []

    move = {
        "move_date": "2025-05-07",
        "move_start": "19:00",
        "move_end": "21:00",
        "move_place": "De Deel",
        "move_note": "Deze keer 's avonds",
    }
    mails = date_changes.move_date(session, world.professional, cafe.id, may, move, NOW, BASE)
    session.commit()
    assert [m.to for m in mails] == ["mz1@leusden.example.org"]
    changes = session.exec(select(ActivityChange).order_by(ActivityChange.occurrence)).all()
    assert [(c.cancelled, c.starts_at, c.place) for c in changes] == [
        (True, None, ""),
        (False, at(2025, 5, 7, 19), "De Deel"),
    ]
    shown = editing.coming_dates(session, session.get(Activity, cafe.id), "Europe/Amsterdam", NOW)
    assert [(o.starts_at, gone) for o, gone in shown[:3]] == [
        (at(2025, 3, 4), False),
        (at(2025, 4, 1), True),
        (at(2025, 5, 7, 19), False),
    ]
    bad = move | {"move_date": "2025-03-01"}
    with pytest.raises(Invalid) as raised:
        date_changes.move_date(session, world.professional, cafe.id, may, bad, NOW, BASE)
    assert raised.value.problems == {"move_date": editing.PAST_DATE}
    with refused(session, editing.ACTION):  # not a date of the rule
        date_changes.cancel_date(session, world.professional, cafe.id, at(2025, 4, 2), NOW, BASE)


def test_the_whole_activity_cancelled_ends_every_sign_up_with_a_mail(session, world):
    cafe = activity(session, world.leusden, at(2025, 3, 11), organiser_id=world.cora.id)
    people = caregivers(session, world.leusden, 2)
    with_email(session, people)
    for who in people:
        bookings.sign_up(session, who, cafe.id, cafe.starts_at, NOW)
    session.commit()
    mails = date_changes.cancel_date(session, world.coordinator, cafe.id, cafe.starts_at, NOW, BASE)
    session.commit()
    assert len(mails) == 2
    assert session.get(Activity, cafe.id).cancelled_at == NOW
    assert bookings.live(session, cafe.id, cafe.starts_at) == []
    assert activities.dated(session, world.leusden, NOW, NOW + timedelta(days=30)) == []
    assert date_changes.cancel_activity(session, world.coordinator, cafe.id, NOW, BASE) == []
    assert problems(session, world, form(), cafe.id) == {"send": editing.GONE}


def test_one_organiser_makes_a_limited_number_a_day(session, world, monkeypatch):
    monkeypatch.setattr(editing, "MOST_NEW_A_DAY", 2)
    for _ in range(2):
        editing.save(session, world.professional, None, form(), NOW, BASE)
    with pytest.raises(Invalid) as raised:
        editing.save(session, world.professional, None, form(), NOW, BASE)
    assert raised.value.problems == {"send": editing.TOO_MANY}
    editing.save(session, world.coordinator, None, form(), NOW, BASE)  # another organiser


def test_a_course_is_one_sign_up_whose_kind_cannot_change_once_people_signed_up(session, world):
    course = activity(
        session,
        world.leusden,
        at(2025, 3, 10, 19, 30),
        kind="course",
        rrule="FREQ=WEEKLY;COUNT=4",
        whole_series=True,
        organiser_id=world.cora.id,
    )
    (anna,) = caregivers(session, world.leusden, 1)
    bookings.sign_up(session, anna, course.id, course.starts_at, NOW)
    session.commit()
    values = form(
        kind="course", date="2025-03-10", start="19:30", end="21:30", repeat=editing.WEEKLY, count="4"
    )
    assert problems(session, world, values, course.id) == {"whole_series": editing.SIGNED_UP_SERIES}
    session.rollback()
    editing.save(
        session,
        world.coordinator,
        course.id,
        values | {"whole_series": "ja", "date": "2025-03-11"},
        NOW,
        BASE,
    )
    session.commit()
    (booking,) = session.exec(select(Booking)).all()
    assert booking.occurrence == at(2025, 3, 11, 19, 30)  # the sign-up goes with the first evening


def test_a_moved_walk_in_hour_takes_its_booked_slots_along(session, world):
    walk_in = activity(
        session,
        world.leusden,
        at(2025, 3, 6, 10),
        kind="walk_in",
        rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=7",
        slot_minutes=15,
        organiser_id=world.petra.id,
    )
    (person,) = caregivers(session, world.leusden, 1)
    bookings.sign_up(session, person, walk_in.id, at(2025, 3, 20, 10), NOW, slot_at=at(2025, 3, 20, 10, 30))
    session.commit()
    move = {
        "move_date": "2025-03-21",
        "move_start": "13:00",
        "move_end": "15:00",
        "move_place": "",
        "move_note": "",
    }
    date_changes.move_date(session, world.professional, walk_in.id, at(2025, 3, 20, 10), move, NOW, BASE)
    session.commit()
    (booking,) = bookings.live(session, walk_in.id, at(2025, 3, 20, 10))
    assert booking.slot_at == at(2025, 3, 21, 13, 30)  # the same place in the hour, on the new day
    moved = bookings.the_date(session, session.get(Activity, walk_in.id), at(2025, 3, 20, 10))
    assert booking.slot_at in bookings.slots(session.get(Activity, walk_in.id), moved)
