"""The organiser's list of one date: who comes, the waiting list, phones, adding someone who phoned,
cancelling for someone; refused for anyone who does not organise the activity."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityChange, ActivityKind, Booking, BookingStatus, Person, Role
from mantelzorg_app.services.calendar import attendees, bookings
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW, add_member, add_person, two_hubs
from tests.unit.help_fixtures import actor, refused

FIRST = datetime(2025, 3, 4, 13, 0, tzinfo=UTC)  # Tuesday 4 March 2025, 14.00 in Leusden


@pytest.fixture
def world(session: Session):
    found = two_hubs(session)
    fatima = add_person(session, "Fatima", "fatima@leusden.example.org")
    other_pro = add_person(session, "Pim", "pim@leusden.example.org")
    add_member(session, fatima, found.leusden, Role.professional)
    add_member(session, other_pro, found.leusden, Role.professional)
    cafe = Activity(
        hub_id=found.leusden.id,
        kind=ActivityKind.cafe,
        title="Mantelzorgcafé",
        place="Bibliotheek",
        starts_at=FIRST,
        rrule="FREQ=WEEKLY;COUNT=4",
        capacity=3,
        organiser_id=fatima.id,
    )
    elsewhere = Activity(
        hub_id=found.poperinge.id, kind=ActivityKind.cafe, title="Café", starts_at=FIRST, capacity=5
    )
    session.add_all([cafe, elsewhere])
    session.commit()
    return {
        "hubs": found,
        "cafe": cafe.id,
        "elsewhere": elsewhere.id,
        "fatima": actor(fatima, found.leusden, Role.professional),
        "pim": actor(other_pro, found.leusden, Role.professional),
        "coordinator": actor(found.coordinator, found.leusden, Role.coordinator),
        "other_coordinator": actor(found.other_coordinator, found.poperinge, Role.coordinator),
    }


def _caregiver(session: Session, world, name: str, phone: str | None = None):
    person = add_person(session, name, f"{name.lower()}@example.org")
    person.phone = phone
    session.add(person)
    session.commit()
    add_member(session, person, world["hubs"].leusden, Role.caregiver)
    return actor(person, world["hubs"].leusden, Role.caregiver)


def test_the_list_has_who_comes_in_order_then_the_waiting_list(session: Session, world):
    anna = _caregiver(session, world, "Anna", "06 11112222")
    bert = _caregiver(session, world, "Bert")
    cees = _caregiver(session, world, "Cees")
    bookings.sign_up(session, anna, world["cafe"], FIRST, NOW, places=2)
    bookings.sign_up(session, bert, world["cafe"], FIRST, NOW + timedelta(minutes=1))
    bookings.sign_up(session, cees, world["cafe"], FIRST, NOW + timedelta(minutes=2))
    attendees.add_by_phone(
        session, world["fatima"], world["cafe"], FIRST, "Els", "033-123 45 67", 1, NOW + timedelta(minutes=3)
    )
    session.commit()

    listing = attendees.sign_ups(session, world["fatima"], world["cafe"], FIRST)

    assert [(a.name, a.places, a.phone, a.waiting) for a in listing.booked] == [
        ("Anna", 2, "06 11112222", 0),
        ("Bert", 1, "", 0),
    ]
    assert [(a.name, a.waiting, a.by_phone) for a in listing.waiting] == [
        ("Cees", 1, False),
        ("Els", 2, True),
    ]
    assert listing.waiting[1].phone == "033-123 45 67"
    assert (listing.taken, listing.capacity) == (3, 3)
    assert listing.date.occurrence == FIRST


def test_the_coordinator_sees_every_list_of_the_hub(session: Session, world):
    assert attendees.sign_ups(session, world["coordinator"], world["cafe"], FIRST) is not None


@pytest.mark.parametrize("who", ["pim", "other_coordinator"])
def test_anyone_who_does_not_organise_it_is_refused(session: Session, world, who):
    with refused(session, attendees.ACTION):
        attendees.sign_ups(session, world[who], world["cafe"], FIRST)


def test_a_caregiver_and_another_hubs_activity_are_refused(session: Session, world):
    anna = _caregiver(session, world, "Anna")
    with refused(session, attendees.ACTION):
        attendees.sign_ups(session, anna, world["cafe"], FIRST)
    with refused(session, attendees.ACTION):
        attendees.sign_ups(session, world["coordinator"], world["elsewhere"], FIRST)
    for junk in ("abc", None, -1, "1e3"):
        with refused(session, attendees.ACTION):
            attendees.sign_ups(session, world["coordinator"], junk, FIRST)


def test_a_date_that_is_not_one_of_the_activity_has_no_list(session: Session, world):
    assert attendees.sign_ups(session, world["fatima"], world["cafe"], FIRST + timedelta(hours=1)) is None
    session.add(ActivityChange(activity_id=world["cafe"], occurrence=FIRST, cancelled=True))
    session.commit()
    assert attendees.sign_ups(session, world["fatima"], world["cafe"], FIRST) is None


@pytest.mark.parametrize(
    ("name", "phone", "problems"),
    [
        ("", "06 12345678", {"name": attendees.NAME_MISSING}),
        ("  ", "", {"name": attendees.NAME_MISSING, "phone": attendees.PHONE_MISSING}),
        ("Els", "bel me", {"phone": attendees.PHONE_WRONG}),
        ("Els", "06 123", {"phone": attendees.PHONE_WRONG}),
        ("Els", "0612345678901234567", {"phone": attendees.PHONE_WRONG}),
        ("E" * 61, "06 12345678", {"name": attendees.NAME_TOO_LONG}),
    ],
)
def test_adding_by_phone_says_what_to_fix(session: Session, world, name, phone, problems):
    with pytest.raises(Invalid) as invalid:
        attendees.add_by_phone(session, world["fatima"], world["cafe"], FIRST, name, phone, 1, NOW)
    assert invalid.value.problems == problems
    assert session.exec(select(Booking)).all() == []


def test_adding_by_phone_books_with_the_name_and_number_and_who_added_it(session: Session, world):
    outcome = attendees.add_by_phone(
        session, world["fatima"], world["cafe"], FIRST, " Els  de Vries ", "+31 6 1234 5678", 2, NOW
    )
    session.commit()
    booking = session.get(Booking, outcome.booking.id)
    assert (booking.name, booking.phone, booking.places, booking.person_id) == (
        "Els de Vries",
        "+31 6 1234 5678",
        2,
        None,
    )
    assert booking.added_by_id == world["fatima"].person_id
    assert booking.status == BookingStatus.booked


def test_the_same_number_twice_on_one_date_is_said(session: Session, world):
    attendees.add_by_phone(session, world["fatima"], world["cafe"], FIRST, "Els", "06 12345678", 1, NOW)
    with pytest.raises(Invalid) as invalid:
        attendees.add_by_phone(session, world["fatima"], world["cafe"], FIRST, "Els", "06-1234 5678", 1, NOW)
    assert invalid.value.problems == {"phone": attendees.PHONE_THERE}
    # another date is another list
    attendees.add_by_phone(
        session, world["fatima"], world["cafe"], FIRST + timedelta(weeks=1), "Els", "06 12345678", 1, NOW
    )


def test_a_date_already_begun_is_said_in_plain_words(session: Session, world):
    with pytest.raises(Invalid) as invalid:
        attendees.add_by_phone(session, world["fatima"], world["cafe"], FIRST, "Els", "06 12345678", 1, FIRST)
    assert invalid.value.problems == {"form": bookings.PAST}


def test_adding_by_phone_is_limited_a_day(session: Session, world, monkeypatch):
    monkeypatch.setattr(bookings, "MOST_BY_PHONE_A_DAY", 2)
    for i in range(2):
        attendees.add_by_phone(
            session, world["fatima"], world["cafe"], FIRST, f"Els{i}", f"06 1234567{i}", 1, NOW
        )
    with pytest.raises(Invalid) as invalid:
        attendees.add_by_phone(session, world["fatima"], world["cafe"], FIRST, "Els9", "06 12345679", 1, NOW)
    assert invalid.value.problems == {"form": attendees.TOO_MANY}
    # a day later it works again; the coordinator has a limit of her own
    attendees.add_by_phone(
        session,
        world["fatima"],
        world["cafe"],
        FIRST + timedelta(weeks=1),
        "Els9",
        "06 12345679",
        1,
        NOW + timedelta(hours=25),
    )
    attendees.add_by_phone(session, world["coordinator"], world["cafe"], FIRST, "Els8", "06 12345678", 1, NOW)


def test_adding_by_phone_is_refused_for_who_does_not_organise_it(session: Session, world):
    with refused(session, attendees.ACTION):
        attendees.add_by_phone(session, world["pim"], world["cafe"], FIRST, "Els", "06 12345678", 1, NOW)
    with refused(session, attendees.ACTION):
        attendees.add_by_phone(
            session, world["other_coordinator"], world["cafe"], FIRST, "Els", "06 12345678", 1, NOW
        )
    with refused(session, bookings.ACTION):  # a date the page never offers
        attendees.add_by_phone(session, world["fatima"], world["cafe"], None, "Els", "06 12345678", 1, NOW)
    with refused(session, bookings.ACTION):
        attendees.add_by_phone(session, world["fatima"], world["cafe"], FIRST, "Els", "06 12345678", 3, NOW)
    assert session.exec(select(Booking)).all() == []


def test_cancelling_for_someone_moves_the_waiting_list_up(session: Session, world):
    anna = _caregiver(session, world, "Anna")
    bert = _caregiver(session, world, "Bert")
    first = bookings.sign_up(session, anna, world["cafe"], FIRST, NOW, places=2).booking
    bookings.sign_up(session, bert, world["cafe"], FIRST, NOW + timedelta(minutes=1), places=2)
    session.commit()

    outcome = attendees.cancel_for(session, world["fatima"], first.id, NOW)
    session.commit()

    assert [b.person_id for b in outcome.moved_up] == [bert.person_id]
    listing = attendees.sign_ups(session, world["fatima"], world["cafe"], FIRST)
    assert [a.name for a in listing.booked] == ["Bert"] and listing.waiting == []


def test_cancelling_is_refused_for_another_organiser_and_another_hub(session: Session, world):
    anna = _caregiver(session, world, "Anna")
    booking = bookings.sign_up(session, anna, world["cafe"], FIRST, NOW).booking
    session.commit()
    for who in ("pim", "other_coordinator"):
        with refused(session, attendees.ACTION):
            attendees.cancel_for(session, world[who], booking.id, NOW)
    for junk in (None, "x", booking.id + 1000):
        with refused(session, attendees.ACTION):
            attendees.cancel_for(session, world["coordinator"], junk, NOW)
    assert session.get(Booking, booking.id).status == BookingStatus.booked


def test_the_dates_to_choose_from_and_the_first_coming_one(session: Session, world):
    dates = attendees.coming(session, session.get(Activity, world["cafe"]), NOW)
    assert [d.occurrence for d in dates] == [FIRST + timedelta(weeks=i) for i in range(4)]
    after_first = FIRST + timedelta(hours=3)
    assert attendees.coming(session, session.get(Activity, world["cafe"]), after_first)[0].occurrence == (
        FIRST + timedelta(weeks=1)
    )
    _activity, date = attendees.date_for(session, world["fatima"], world["cafe"], None, after_first)
    assert date.occurrence == FIRST + timedelta(weeks=1)


def test_a_course_has_one_list_for_all_its_evenings(session: Session, world):
    course = session.get(Activity, world["cafe"])
    course.whole_series = True
    session.add(course)
    session.commit()
    two_weeks_in = FIRST + timedelta(weeks=2)
    assert [d.occurrence for d in attendees.coming(session, course, two_weeks_in)] == [FIRST]
    assert attendees.coming(session, course, FIRST + timedelta(weeks=4)) == []
    assert attendees.sign_ups(session, world["fatima"], world["cafe"], FIRST + timedelta(weeks=1)) is None


def test_the_phone_of_a_person_is_theirs_and_shown_as_they_gave_it(session: Session, world):
    anna = _caregiver(session, world, "Anna", "06 99998888")
    bookings.sign_up(session, anna, world["cafe"], FIRST, NOW)
    session.commit()
    person = session.get(Person, anna.person_id)
    person.phone = None
    session.add(person)
    session.commit()
    (row,) = attendees.sign_ups(session, world["fatima"], world["cafe"], FIRST).booked
    assert (row.phone, row.by_phone) == ("", False)
