"""Signing up: places, the waiting list that moves up by itself, two as one, walk-in slots, a course's
one sign-up, refusals; and the property that holds after any sequence of sign-ups and cancellations."""

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from mantelzorg_app.models import ActivityKind, Booking, BookingStatus
from mantelzorg_app.services.calendar import bookings, privacy
from mantelzorg_app.services.calendar.bookings import NotPossible
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity, at, caregivers, change
from tests.unit.help_fixtures import Help, help_world, refused

BOOKED, WAITING, CANCELLED = BookingStatus.booked, BookingStatus.waiting, BookingStatus.cancelled
CAFE_DAY = at(2025, 3, 4)  # Tuesday 4 March 2025, 14.00 in Leusden: the day after NOW
LATER = NOW + timedelta(minutes=1)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _cafe(session: Session, world: Help, **fields):
    values = {"capacity": 3, "rrule": "FREQ=MONTHLY;BYDAY=1TU"} | fields
    return activity(session, world.leusden, CAFE_DAY, **values)


def _sign(session, who, cafe, when=LATER, occurrence=CAFE_DAY, **kw) -> bookings.Outcome:
    outcome = bookings.sign_up(session, who, cafe.id, occurrence, when, **kw)
    session.commit()
    return outcome


def _statuses(session: Session, cafe, occurrence=CAFE_DAY) -> list[tuple[str, int]]:
    return [(str(b.status), b.places) for b in bookings.live(session, cafe.id, occurrence)]


# --- places and the waiting list ------------------------------------------------------------------


def test_sign_ups_are_booked_until_full_then_wait(session, world):
    cafe = _cafe(session, world)
    people = caregivers(session, world.leusden, 4)
    outcomes = [_sign(session, p, cafe, LATER + timedelta(seconds=i)) for i, p in enumerate(people)]
    assert [str(o.booking.status) for o in outcomes] == [BOOKED, BOOKED, BOOKED, WAITING]
    assert all(o.moved_up == [] for o in outcomes)
    rows = bookings.live(session, cafe.id, CAFE_DAY)
    assert bookings.taken(rows) == 3 and bookings.free(cafe, rows) == 0


def test_without_a_limit_everyone_is_booked(session, world):
    cafe = _cafe(session, world, capacity=None)
    for i, who in enumerate(caregivers(session, world.leusden, 5)):
        assert _sign(session, who, cafe, places=2 if i % 2 else 1).booking.status == BOOKED
    assert bookings.free(cafe, bookings.live(session, cafe.id, CAFE_DAY)) is None


def test_a_cancellation_moves_up_the_first_who_waits_and_says_who(session, world):
    cafe = _cafe(session, world, capacity=1)
    first, second, third = caregivers(session, world.leusden, 3)
    mine = _sign(session, first, cafe, LATER).booking
    waits_1 = _sign(session, second, cafe, LATER + timedelta(seconds=1)).booking
    waits_2 = _sign(session, third, cafe, LATER + timedelta(seconds=2)).booking
    outcome = bookings.cancel(session, mine, LATER + timedelta(hours=1))
    session.commit()
    assert outcome.booking.status == CANCELLED and outcome.booking.cancelled_at is not None
    assert [b.id for b in outcome.moved_up] == [waits_1.id]
    session.refresh(waits_1)
    session.refresh(waits_2)
    assert waits_1.status == BOOKED and waits_1.moved_up_at is not None
    assert waits_2.status == WAITING and waits_2.moved_up_at is None


def test_cancelling_twice_moves_no_one_up_twice(session, world):
    cafe = _cafe(session, world, capacity=1)
    first, second, third = caregivers(session, world.leusden, 3)
    mine = _sign(session, first, cafe).booking
    _sign(session, second, cafe, LATER + timedelta(seconds=1))
    _sign(session, third, cafe, LATER + timedelta(seconds=2))
    assert len(bookings.cancel(session, mine, LATER).moved_up) == 1
    session.commit()
    again = bookings.cancel(session, session.get(Booking, mine.id), LATER)
    session.commit()
    assert again.moved_up == [] and _statuses(session, cafe) == [(BOOKED, 1), (WAITING, 1)]


def test_cancelling_a_waiting_booking_moves_no_one_up(session, world):
    cafe = _cafe(session, world, capacity=1)
    first, second, third = caregivers(session, world.leusden, 3)
    _sign(session, first, cafe)
    waits = _sign(session, second, cafe, LATER + timedelta(seconds=1)).booking
    _sign(session, third, cafe, LATER + timedelta(seconds=2))
    assert bookings.cancel(session, waits, LATER).moved_up == []
    session.commit()
    assert _statuses(session, cafe) == [(BOOKED, 1), (WAITING, 1)]


# --- two as one -----------------------------------------------------------------------------------


def test_a_pair_takes_two_places_or_waits_together(session, world):
    cafe = _cafe(session, world, capacity=3)
    one, pair, late_pair = caregivers(session, world.leusden, 3)
    _sign(session, one, cafe)
    assert _sign(session, pair, cafe, places=2).booking.status == BOOKED
    assert _sign(session, late_pair, cafe, places=2).booking.status == WAITING
    assert _statuses(session, cafe) == [(BOOKED, 1), (BOOKED, 2), (WAITING, 2)]


def test_a_pair_waiting_first_lets_a_single_behind_it_use_one_free_place(session, world):
    """The waiting list never holds a booking that fits: one free place goes to the single, and the
    pair moves up together when a second place comes free."""
    cafe = _cafe(session, world, capacity=2)
    a, b, pair, single = caregivers(session, world.leusden, 4)
    first = _sign(session, a, cafe, LATER).booking
    second = _sign(session, b, cafe, LATER + timedelta(seconds=1)).booking
    waiting_pair = _sign(session, pair, cafe, LATER + timedelta(seconds=2), places=2).booking
    waiting_single = _sign(session, single, cafe, LATER + timedelta(seconds=3)).booking
    moved = bookings.cancel(session, first, LATER + timedelta(minutes=1)).moved_up
    session.commit()
    assert [m.id for m in moved] == [waiting_single.id]
    moved = bookings.cancel(session, second, LATER + timedelta(minutes=2)).moved_up
    session.commit()
    assert moved == []  # one free place: the pair still waits
    moved = bookings.cancel(session, waiting_single, LATER + timedelta(minutes=3)).moved_up
    session.commit()
    assert [m.id for m in moved] == [waiting_pair.id]
    assert _statuses(session, cafe) == [(BOOKED, 2)]


def test_a_pair_is_refused_where_pairs_are_not_offered_and_three_places_always(session, world):
    cafe = _cafe(session, world, pairs=False)
    (who,) = caregivers(session, world.leusden, 1)
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, who, cafe.id, CAFE_DAY, LATER, places=2)
    session.rollback()
    for places in (0, 3, -1):
        with refused(session, bookings.ACTION):
            bookings.sign_up(session, who, _cafe(session, world).id, CAFE_DAY, LATER, places=places)
        session.rollback()


# --- once per person, and the limits --------------------------------------------------------------


def test_a_second_tap_gives_the_first_booking(session, world):
    cafe = _cafe(session, world, capacity=1)
    (who,) = caregivers(session, world.leusden, 1)
    first = _sign(session, who, cafe).booking
    again = _sign(session, who, cafe, LATER + timedelta(seconds=5), places=2).booking
    assert again.id == first.id and again.places == 1
    assert len(session.exec(select(Booking)).all()) == 1


def test_after_cancelling_one_may_sign_up_again_and_queues_anew(session, world):
    cafe = _cafe(session, world, capacity=1)
    who, other = caregivers(session, world.leusden, 2)
    first = _sign(session, who, cafe).booking
    bookings.cancel(session, first, LATER)
    session.commit()
    _sign(session, other, cafe, LATER + timedelta(seconds=1))
    again = _sign(session, who, cafe, LATER + timedelta(seconds=2)).booking
    assert again.id != first.id and again.status == WAITING


def test_by_phone_the_organiser_signs_up_several_people(session, world):
    cafe = _cafe(session, world)
    organiser = world.coordinator
    a = _sign(session, organiser, cafe, by_phone=("Truus", "0612345678")).booking
    b = _sign(session, organiser, cafe, by_phone=("Henk", "0687654321"), places=2).booking
    assert a.id != b.id
    assert (a.person_id, a.name, a.phone, a.added_by_id) == (None, "Truus", "0612345678", world.cora.id)
    mine = _sign(session, organiser, cafe).booking  # and themselves, apart from those
    assert mine.person_id == world.cora.id and mine.added_by_id is None
    assert _statuses(session, cafe) == [(BOOKED, 1), (BOOKED, 2), (WAITING, 1)]


def test_too_many_live_bookings_are_not_possible(session, world, monkeypatch):
    monkeypatch.setattr(bookings, "MOST_LIVE", 2)
    (who,) = caregivers(session, world.leusden, 1)
    _sign(session, who, _cafe(session, world))
    _sign(session, who, _cafe(session, world))
    with pytest.raises(NotPossible) as error:
        bookings.sign_up(session, who, _cafe(session, world).id, CAFE_DAY, LATER)
    assert error.value.msgid == bookings.TOO_MANY


def test_bookings_of_dates_long_past_do_not_count_against_the_limit(session, world, monkeypatch):
    """A caregiver who went to the café every month for years may still sign up."""
    monkeypatch.setattr(bookings, "MOST_LIVE", 2)
    (who,) = caregivers(session, world.leusden, 1)
    cafe = activity(session, world.leusden, at(2025, 1, 7), rrule="FREQ=MONTHLY;BYDAY=1TU", capacity=20)
    for day in (at(2025, 1, 7), at(2025, 2, 4)):  # both went; the bookings stay booked
        assert _sign(session, who, cafe, day - timedelta(days=1), occurrence=day).booking.status == BOOKED
    assert _sign(session, who, cafe, at(2025, 2, 28), occurrence=CAFE_DAY).booking.status == BOOKED


def test_an_earlier_waiting_booking_elsewhere_counts_against_the_limit(session, world, monkeypatch):
    monkeypatch.setattr(bookings, "MOST_LIVE", 1)
    blocker, who = caregivers(session, world.leusden, 2)
    full = _cafe(session, world, capacity=1)
    _sign(session, blocker, full)
    assert _sign(session, who, full).booking.status == WAITING
    with pytest.raises(NotPossible):
        bookings.sign_up(session, who, _cafe(session, world).id, CAFE_DAY, LATER)


def test_signing_up_and_off_again_and_again_stops_at_the_daily_limit(session, world, monkeypatch):
    """Every tap makes a Booking row, cancelled ones too: at most MOST_A_DAY a day per person."""
    monkeypatch.setattr(bookings, "MOST_A_DAY", 3)
    (who,) = caregivers(session, world.leusden, 1)
    cafe = _cafe(session, world)
    when = LATER
    for _ in range(3):
        when += timedelta(minutes=1)
        bookings.cancel(session, _sign(session, who, cafe, when).booking, when)
        session.commit()
    with pytest.raises(NotPossible) as error:
        bookings.sign_up(session, who, cafe.id, CAFE_DAY, when + timedelta(minutes=1))
    assert error.value.msgid == bookings.TOO_OFTEN
    # the organiser may still sign up a caller; and a day later the person may again
    assert _sign(session, world.coordinator, cafe, when, by_phone=("Beller", "0612345678")).booking.id
    assert _sign(session, who, cafe, when + timedelta(hours=25)).booking.status == BOOKED


# --- no move-up once a date began -----------------------------------------------------------------


def test_a_cancellation_once_the_date_began_moves_no_one_up(session, world):
    cafe = _cafe(session, world, capacity=1)
    first, second = caregivers(session, world.leusden, 2)
    mine = _sign(session, first, cafe, LATER).booking
    waits = _sign(session, second, cafe, LATER + timedelta(seconds=1)).booking
    outcome = bookings.cancel(session, mine, at(2025, 3, 4, 15))  # during the café
    session.commit()
    session.refresh(waits)
    assert outcome.booking.status == CANCELLED and outcome.moved_up == [] and waits.status == WAITING


def test_a_cancellation_of_a_cancelled_date_moves_no_one_up(session, world):
    cafe = _cafe(session, world, capacity=1)
    first, second = caregivers(session, world.leusden, 2)
    mine = _sign(session, first, cafe, LATER).booking
    _sign(session, second, cafe, LATER + timedelta(seconds=1))
    change(session, cafe, CAFE_DAY, cancelled=True)
    assert bookings.cancel(session, mine, LATER + timedelta(minutes=5)).moved_up == []


def test_a_running_course_still_moves_up_for_its_evenings_to_come_but_not_after_the_last_began(
    session, world
):
    course = _course(session, world, capacity=1)
    first, second, third = caregivers(session, world.leusden, 3)
    start = at(2025, 3, 5, 19, 30)
    one = _sign(session, first, course, LATER, occurrence=start).booking
    two = _sign(session, second, course, LATER + timedelta(seconds=1), occurrence=start).booking
    _sign(session, third, course, LATER + timedelta(seconds=2), occurrence=start)
    after_first = at(2025, 3, 6, 9)  # evening 1 over, three to come
    assert [b.id for b in bookings.cancel(session, one, after_first).moved_up] == [two.id]
    session.commit()
    during_last = at(2025, 3, 26, 20)  # the fourth and last evening under way
    assert bookings.cancel(session, two, during_last).moved_up == []


# --- refused and not possible ---------------------------------------------------------------------


def test_another_hubs_activity_is_refused(session, world):
    cafe = _cafe(session, world)
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, world.elsewhere, cafe.id, CAFE_DAY, LATER)


def test_an_unknown_activity_is_refused(session, world):
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, world.caregiver, 999_999, CAFE_DAY, LATER)


def test_someone_without_a_role_in_the_hub_is_refused(session, world):
    cafe = _cafe(session, world)
    nobody = world.caregiver.__class__(world.carla.id, "Carla", world.leusden.id, frozenset())
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, nobody, cafe.id, CAFE_DAY, LATER)


@pytest.mark.parametrize(
    "occurrence",
    [None, at(2025, 3, 4, 15), at(2025, 3, 11), at(2025, 4, 1, 14, 1)],
    ids=["none", "wrong-hour", "not-a-first-tuesday", "a-minute-off"],
)
def test_a_date_the_rule_does_not_have_is_refused(session, world, occurrence):
    cafe = _cafe(session, world)
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, world.caregiver, cafe.id, occurrence, LATER)


def test_a_cancelled_date_is_refused(session, world):
    cafe = _cafe(session, world)
    change(session, cafe, at(2025, 4, 1), cancelled=True)
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, world.caregiver, cafe.id, at(2025, 4, 1), LATER)


def test_two_cannot_sign_up_for_a_single_place(session, world):
    cafe = _cafe(session, world, capacity=1)
    with pytest.raises(NotPossible) as error:
        bookings.sign_up(session, world.caregiver, cafe.id, CAFE_DAY, NOW, places=2)
    assert error.value.msgid == bookings.TOO_FEW_PLACES


def test_a_date_that_began_is_not_possible(session, world):
    cafe = _cafe(session, world)
    with pytest.raises(NotPossible) as error:
        bookings.sign_up(session, world.caregiver, cafe.id, CAFE_DAY, CAFE_DAY)
    assert error.value.msgid == bookings.PAST


def test_a_moved_date_keeps_its_name_and_counts_from_its_new_start(session, world):
    cafe = _cafe(session, world)
    change(session, cafe, CAFE_DAY, starts_at=CAFE_DAY + timedelta(days=2))
    booking = _sign(session, world.caregiver, cafe, CAFE_DAY + timedelta(days=1)).booking  # old time gone by
    assert booking.occurrence == CAFE_DAY and booking.status == BOOKED


# --- walk-in slots --------------------------------------------------------------------------------


def _walk_in(session, world, **fields):
    values = {
        "kind": ActivityKind.walk_in,
        "rrule": "FREQ=DAILY;INTERVAL=14;COUNT=7",
        "minutes": 60,
        "slot_minutes": 15,
        "capacity": None,
    } | fields
    return activity(session, world.leusden, at(2025, 3, 4, 10), **values)


def test_a_walk_in_hour_has_slots_every_quarter_and_one_person_per_slot(session, world):
    hour = _walk_in(session, world)
    day = at(2025, 3, 18, 10)
    date = bookings.the_date(session, hour, day)
    assert bookings.slots(hour, date) == [day + timedelta(minutes=15 * i) for i in range(4)]
    a, b = caregivers(session, world.leusden, 2)
    got = _sign(session, a, hour, occurrence=day, slot_at=day + timedelta(minutes=15)).booking
    assert got.slot_at == day + timedelta(minutes=15)
    with pytest.raises(NotPossible) as error:
        bookings.sign_up(session, b, hour.id, day, LATER, slot_at=day + timedelta(minutes=15))
    assert error.value.msgid == bookings.SLOT_TAKEN
    session.rollback()
    assert _sign(session, b, hour, occurrence=day, slot_at=day).booking.slot_at == day
    assert _sign(session, world.caregiver, hour, occurrence=day).booking.slot_at is None  # no slot: fine


def test_a_slot_a_cancelled_booking_had_is_free_again(session, world):
    hour = _walk_in(session, world)
    day = at(2025, 3, 18, 10)
    a, b = caregivers(session, world.leusden, 2)
    got = _sign(session, a, hour, occurrence=day, slot_at=day).booking
    bookings.cancel(session, got, LATER)
    session.commit()
    assert _sign(session, b, hour, occurrence=day, slot_at=day).booking.slot_at == day


@pytest.mark.parametrize("minutes", [7, 60, -15])
def test_a_slot_that_is_not_one_is_refused(session, world, minutes):
    hour = _walk_in(session, world)
    day = at(2025, 3, 18, 10)
    with refused(session, bookings.ACTION):
        bookings.sign_up(
            session, world.caregiver, hour.id, day, LATER, slot_at=day + timedelta(minutes=minutes)
        )


def test_no_slots_without_slot_minutes(session, world):
    cafe = _cafe(session, world)
    date = bookings.the_date(session, cafe, CAFE_DAY)
    assert bookings.slots(cafe, date) == []
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, world.caregiver, cafe.id, CAFE_DAY, LATER, slot_at=CAFE_DAY)


# --- a course: one sign-up for every evening ------------------------------------------------------


def _course(session, world, **fields):
    values = {
        "kind": ActivityKind.course,
        "rrule": "FREQ=WEEKLY;COUNT=4",
        "whole_series": True,
        "capacity": 2,
        "minutes": 120,
    } | fields
    return activity(session, world.leusden, at(2025, 3, 5, 19, 30), **values)


def test_a_course_is_signed_up_for_by_its_first_evening_only(session, world):
    course = _course(session, world)
    first = at(2025, 3, 5, 19, 30)
    assert _sign(session, world.caregiver, course, occurrence=first).booking.occurrence == first
    with refused(session, bookings.ACTION):
        bookings.sign_up(session, world.caregiver, course.id, at(2025, 3, 12, 19, 30), LATER)


def test_a_course_whose_first_evening_is_cancelled_can_still_be_signed_up_for(session, world):
    course = _course(session, world)
    first = at(2025, 3, 5, 19, 30)
    change(session, course, first, cancelled=True)
    booking = _sign(session, world.caregiver, course, occurrence=first).booking
    assert booking.occurrence == first and booking.status == BOOKED  # the series' name stays the same
    date = bookings.the_date(session, course, first)
    assert date.occurrence == first and date.starts_at == at(
        2025, 3, 12, 19, 30
    )  # its first evening that goes on


def test_a_course_cannot_be_joined_once_its_first_evening_began(session, world):
    course = _course(session, world)
    with pytest.raises(NotPossible):
        bookings.sign_up(session, world.caregiver, course.id, at(2025, 3, 5, 19, 30), at(2025, 3, 5, 19, 45))


# --- the property ---------------------------------------------------------------------------------

PEOPLE = 5
STEP = st.one_of(
    st.tuples(st.just("sign_up"), st.integers(0, PEOPLE - 1), st.sampled_from([1, 2])),
    st.tuples(st.just("by_phone"), st.integers(0, PEOPLE - 1), st.sampled_from([1, 2])),
    st.tuples(st.just("cancel"), st.integers(0, PEOPLE - 1), st.just(1)),
    st.tuples(st.just("cancel_by_phone"), st.integers(0, PEOPLE - 1), st.just(1)),
    st.tuples(st.just("raise"), st.just(0), st.integers(1, 2)),  # the organiser adds places
    st.tuples(st.just("wipe"), st.integers(0, PEOPLE - 1), st.just(1)),  # the AVG wipe of one person
)


def _holds(session: Session, cafe, occurrence: datetime, capacity: int | None) -> list[Booking]:
    rows = bookings.live(session, cafe.id, occurrence)
    taken = bookings.taken(rows)
    if capacity is not None:
        assert taken <= capacity, "over capacity"
    room = None if capacity is None else capacity - taken
    for row in rows:
        if row.status == WAITING:
            assert room is not None and row.places > room, "a waiting booking fits in the free places"
    people = [row.person_id for row in rows if row.person_id is not None]
    assert len(people) == len(set(people)), "two live bookings of one person"
    return rows


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    capacity=st.one_of(st.none(), st.integers(1, 6)),
    course=st.booleans(),
    steps=st.lists(STEP, max_size=30),
)
def test_no_sequence_of_sign_ups_pairs_and_cancellations_overfills_or_strands_a_waiting_booking(
    session, world, capacity, course, steps
):
    """Sign-ups (1 or 2, by phone too), cancellations, more places (editing's move-up) and wipes,
    on a café's date or a whole course: the invariants hold after every step."""
    cafe = _course(session, world, capacity=capacity) if course else _cafe(session, world, capacity=capacity)
    day = cafe.starts_at
    people = caregivers(session, world.leusden, PEOPLE)
    by_phone: dict[int, list[int]] = {i: [] for i in range(PEOPLE)}
    made: set[int] = set()
    cancelled: set[int] = set()
    when = LATER
    for action, who, places in steps:
        when += timedelta(seconds=1)
        if action == "raise":
            if capacity is None:
                continue
            locked = bookings.lock(session, cafe.id)  # as editing.save does with more places
            capacity = locked.capacity = capacity + places
            session.add(locked)
            up = bookings.move_up(locked, bookings.live(session, cafe.id, day), when)
            session.add_all(up)
            session.commit()
        elif action == "wipe":
            person_id = people[who].person_id
            theirs = {b.id for b in session.exec(select(Booking).where(Booking.person_id == person_id))}
            privacy.forget(session, person_id, when, None)
            session.commit()
            made -= theirs
            cancelled -= theirs
        elif action in ("sign_up", "by_phone"):
            before = {b.id: b.status for b in bookings.live(session, cafe.id, day)}
            kw = {"by_phone": (f"Beller {who}", "0612345678")} if action == "by_phone" else {}
            actor = world.coordinator if action == "by_phone" else people[who]
            if capacity is not None and places > capacity:  # two for one place would wait for ever
                with pytest.raises(NotPossible):
                    _sign(session, actor, cafe, when, occurrence=day, places=places, **kw)
                continue
            outcome = _sign(session, actor, cafe, when, occurrence=day, places=places, **kw)
            if outcome.booking.id in made:
                assert action == "sign_up" and outcome.booking.person_id == people[who].person_id
            else:
                made.add(outcome.booking.id)
                if action == "by_phone":
                    by_phone[who].append(outcome.booking.id)
            after = {b.id: b.status for b in bookings.live(session, cafe.id, day)}
            assert {i: s for i, s in after.items() if i in before} == before  # a sign-up moves no one
        else:
            if action == "cancel":
                target = session.exec(
                    select(Booking).where(
                        Booking.activity_id == cafe.id,
                        Booking.person_id == people[who].person_id,
                        Booking.status != CANCELLED,
                    )
                ).first()
            else:
                ids = [i for i in by_phone[who] if i not in cancelled]
                target = session.get(Booking, ids[-1]) if ids else None
            if target is None:
                continue
            was_waiting = [b.id for b in bookings.live(session, cafe.id, day) if b.status == WAITING]
            outcome = bookings.cancel(session, target, when)
            session.commit()
            cancelled.add(target.id)
            assert all(b.status == BOOKED and b.moved_up_at == when for b in outcome.moved_up)
            assert [b.id for b in outcome.moved_up] == [
                i for i in was_waiting if i in {b.id for b in outcome.moved_up}
            ]
        rows = _holds(session, cafe, day, capacity)
        # nothing lost: every sign-up is live, or cancelled by a cancellation
        assert {r.id for r in rows} == made - cancelled
    stored = session.exec(select(Booking).where(Booking.activity_id == cafe.id)).all()
    assert {b.id for b in stored if b.status == CANCELLED} == cancelled
