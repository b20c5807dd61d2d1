"""The agenda's mails: a place freed, a date changed or cancelled, and the reminder the day before,
sent once with several workers and across restarts."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityKind, ActivityReminder, Booking, BookingStatus, Person
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.calendar import bookings, notices
from mantelzorg_app.services.platform import mail
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.mail_fixtures import BASE, DAY, add_activity, add_change, at, sign_up
from tests.unit.conftest import WORKERS, postgres_url
from tests.unit.help_fixtures import Help, help_world

CAFE = at(2025, 3, 11)  # Tuesday 11 March, 14.00 in Leusden
TOMORROW = at(2025, 3, 4)  # Tuesday 4 March, 14.00: 28 hours after NOW


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _cancel(session: Session, booking: Booking, when=NOW) -> list[Booking]:
    moved = bookings.cancel(session, session.get(Booking, booking.id), when).moved_up
    session.commit()
    return moved


def test_the_one_who_moves_up_gets_a_mail_with_the_date_and_place(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, capacity=1)
    first = sign_up(session, world.caregiver, cafe, CAFE, NOW)
    sign_up(session, world.volunteer, cafe, CAFE, NOW)

    (sent,) = notices.moved_up(session, _cancel(session, first), BASE)

    assert (sent.to, sent.subject) == (world.vera.email, "U heeft een plek")
    assert "Hallo Vera" in sent.body and "niet meer op de wachtlijst" in sent.body
    assert "Wanneer: dinsdag 11 maart, 14.00 tot 16.00 uur" in sent.body
    assert "Waar: Bibliotheek Leusden, Hamersveldseweg 55, Leusden" in sent.body
    assert f"{BASE}/leusden/activiteit/{cafe.id}?datum=20250311T130000Z" in sent.body
    assert "Carla" not in sent.body and "Mantelzorghub Leusden" in sent.body


def test_a_pair_is_told_both_come_and_without_a_base_the_mail_says_open_the_app(session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, capacity=2)
    first = sign_up(session, world.caregiver, cafe, CAFE, NOW, places=2)
    sign_up(session, world.volunteer, cafe, CAFE, NOW, places=2)

    (sent,) = notices.moved_up(session, _cancel(session, first), None)

    assert "Er is plaats voor u en voor wie u meeneemt." in sent.body
    assert "Open de Mantelzorghub en log in." in sent.body and "http" not in sent.body


def test_no_mail_for_someone_who_signed_up_by_phone_or_has_no_address(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, capacity=1)
    first = sign_up(session, world.caregiver, cafe, CAFE, NOW)
    sign_up(session, world.coordinator, cafe, CAFE, NOW, by_phone=("Gerda", "0612345678"))
    moved = _cancel(session, first)
    assert [b.name for b in moved] == ["Gerda"]
    assert notices.moved_up(session, moved, BASE) == []

    vera = session.get(Person, world.vera.id)
    vera.email = None
    session.add(vera)
    session.commit()
    assert notices.moved_up(session, [sign_up(session, world.volunteer, cafe, CAFE, NOW)], BASE) == []


def test_a_course_place_is_for_every_evening(session: Session, world: Help):
    course = add_activity(
        session,
        world.leusden,
        at(2025, 3, 10, 19, 30),
        kind=ActivityKind.course,
        title="Omgaan met dementie",
        rrule="FREQ=WEEKLY;COUNT=4",
        whole_series=True,
        capacity=1,
    )
    first = sign_up(session, world.caregiver, course, course.starts_at, NOW)
    sign_up(session, world.volunteer, course, course.starts_at, NOW)

    (sent,) = notices.moved_up(session, _cancel(session, first), BASE)

    assert "U bent aangemeld voor alle 4 keer." in sent.body
    assert "maandag 10 maart, 19.30 tot 21.30 uur" in sent.body
    assert f"activiteit/{course.id}\n" in sent.body  # the whole course's page, not one evening


def test_a_moved_date_tells_everyone_on_it_the_new_time_and_place(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, rrule="FREQ=WEEKLY", capacity=1)
    next_week = CAFE + timedelta(weeks=1)
    sign_up(session, world.caregiver, cafe, CAFE, NOW)
    sign_up(session, world.volunteer, cafe, CAFE, NOW)  # waiting
    sign_up(session, world.unvetted, cafe, next_week, NOW)  # another date: not told
    cancelled = sign_up(session, world.professional, cafe, CAFE + timedelta(weeks=2), NOW)
    _cancel(session, cancelled)
    add_change(
        session,
        cafe,
        CAFE,
        starts_at=at(2025, 3, 12, 10),
        place="Wijkcentrum De Deel",
        note="Deze keer 's ochtends.",
    )

    found = {m.to: m for m in notices.changed(session, session.get(Activity, cafe.id), CAFE, BASE, now=NOW)}

    assert set(found) == {world.carla.email, world.vera.email}
    carla, vera = found[world.carla.email], found[world.vera.email]
    assert carla.subject == "Er is iets veranderd: Mantelzorgcafé"
    assert "Wanneer: woensdag 12 maart, 10.00 tot 12.00 uur" in carla.body
    assert "Waar: Wijkcentrum De Deel" in carla.body and "Hamersveldseweg" not in carla.body
    assert "Deze keer 's ochtends." in carla.body
    assert "U bent aangemeld." in carla.body and "U staat op de wachtlijst." in vera.body
    assert "?datum=20250311T130000Z" in carla.body  # the date keeps its name


def test_a_cancelled_date_names_the_date_as_it_was_planned(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, rrule="FREQ=WEEKLY")
    sign_up(session, world.caregiver, cafe, CAFE, NOW)
    add_change(session, cafe, CAFE, cancelled=True, note="De bibliotheek is dicht.")

    (sent,) = notices.changed(session, session.get(Activity, cafe.id), CAFE, BASE, cancelled=True, now=NOW)

    assert sent.subject == "Mantelzorgcafé gaat niet door"
    assert "U hoeft niet te komen." in sent.body
    assert "dinsdag 11 maart, 14.00 tot 16.00 uur" in sent.body and "De bibliotheek is dicht." in sent.body


def test_a_cancelled_activity_brings_one_mail_per_person_with_their_coming_dates(session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE - timedelta(weeks=2), rrule="FREQ=WEEKLY")
    for weeks in (0, 1):
        sign_up(session, world.caregiver, cafe, CAFE + timedelta(weeks=weeks), NOW)
    sign_up(session, world.volunteer, cafe, CAFE - timedelta(weeks=2), NOW - timedelta(weeks=2))
    row = session.get(Activity, cafe.id)
    row.cancelled_at = NOW
    session.add(row)
    session.commit()

    (sent,) = notices.changed(session, row, None, BASE, cancelled=True, now=NOW)  # Vera's date is past

    assert sent.to == world.carla.email and sent.subject == "Mantelzorgcafé gaat niet door"
    assert "dinsdag 11 maart" in sent.body and "dinsdag 18 maart" in sent.body


def test_a_title_with_a_line_break_never_breaks_the_subject(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, title="Café\nBcc: x@example.org")
    sign_up(session, world.caregiver, cafe, CAFE, NOW)
    (sent,) = notices.changed(session, cafe, CAFE, BASE, now=NOW)
    assert sent.subject == "Er is iets veranderd: Café Bcc: x@example.org"
    mail.build(sent, "noreply@example.org")  # a header with a line break would raise


# The reminder the day before


def reminded(session: Session, when) -> list[tuple[str, str]]:
    return [(m.to, m.subject) for m in notices.due_reminders(session, when, BASE)]


def test_the_reminder_goes_once_a_day_before(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, TOMORROW)
    sign_up(session, world.caregiver, cafe, TOMORROW, NOW - 3 * DAY)

    assert reminded(session, NOW) == []  # 28 hours before: not yet
    (sent,) = notices.due_reminders(session, NOW + timedelta(hours=5), BASE)

    assert (sent.to, sent.subject) == (world.carla.email, "Morgen: Mantelzorgcafé")
    assert "Hallo Carla" in sent.body and "Wanneer: dinsdag 4 maart, 14.00 tot 16.00 uur" in sent.body
    assert "Meld u dan af" in sent.body and f"activiteit/{cafe.id}?datum=" in sent.body
    assert reminded(session, NOW + timedelta(hours=6)) == []  # the next hour: none again


def test_a_restart_sends_no_second_reminder(engine: Engine, world: Help):
    with Session(engine) as session:
        cafe = add_activity(session, world.leusden, TOMORROW)
        sign_up(session, world.caregiver, cafe, TOMORROW, NOW - 3 * DAY)
        assert len(reminded(session, NOW + timedelta(hours=5))) == 1
    with Session(engine) as after_restart:
        assert reminded(after_restart, NOW + timedelta(hours=5)) == []
        assert len(after_restart.exec(select(ActivityReminder)).all()) == 1


def test_two_workers_finding_the_same_reminder_send_it_once(engine: Engine, world: Help):
    with Session(engine) as session:
        cafe = add_activity(session, world.leusden, TOMORROW)
        sign_up(session, world.caregiver, cafe, TOMORROW, NOW - 3 * DAY)
    when = NOW + timedelta(hours=5)
    with Session(engine) as one, Session(engine) as two:
        (first,) = notices.due(one, when)
        (second,) = notices.due(two, when)  # both found it before either claimed it
        assert notices.claim(one, first[0].id, first[2].occurrence)
        assert not notices.claim(two, second[0].id, second[2].occurrence)
        assert reminded(two, when) == [] and reminded(one, when) == []


def test_a_course_reminds_before_each_evening(session: Session, world: Help):
    course = add_activity(
        session,
        world.leusden,
        at(2025, 3, 4, 19, 30),
        kind=ActivityKind.course,
        title="Omgaan met dementie",
        rrule="FREQ=WEEKLY;COUNT=3",
        whole_series=True,
    )
    add_change(session, course, at(2025, 3, 11, 19, 30), cancelled=True)
    sign_up(session, world.caregiver, course, course.starts_at, NOW - DAY)

    sent = [reminded(session, NOW + timedelta(days=d, hours=10)) for d in range(0, 16)]

    assert [(d, s) for d, s in enumerate(sent) if s] == [
        (0, [(world.carla.email, "Morgen: Omgaan met dementie")]),  # 4 March
        (14, [(world.carla.email, "Morgen: Omgaan met dementie")]),  # 18 March; the 11th is cancelled
    ]


def test_no_reminder_for_a_late_sign_up_the_waiting_list_a_cancelled_or_a_phone_sign_up(session, world: Help):
    cafe = add_activity(session, world.leusden, TOMORROW, capacity=1)
    gone = sign_up(session, world.caregiver, cafe, TOMORROW, NOW - 3 * DAY)
    sign_up(session, world.volunteer, cafe, TOMORROW, NOW - 3 * DAY)  # waiting
    _cancel(session, gone, NOW - 2 * DAY)  # Vera moves up two days before: she gets a reminder
    sign_up(session, world.coordinator, cafe, TOMORROW, NOW - 3 * DAY, by_phone=("Gerda", "0612345678"))
    other = add_activity(session, world.leusden, TOMORROW, title="Inloop")
    sign_up(session, world.unvetted, other, TOMORROW, NOW + timedelta(hours=4, minutes=30))  # 22.5 h before

    assert reminded(session, NOW + timedelta(hours=5)) == [(world.vera.email, "Morgen: Mantelzorgcafé")]


def test_a_late_run_says_today(session: Session, world: Help):
    cafe = add_activity(session, world.leusden, TOMORROW)
    sign_up(session, world.caregiver, cafe, TOMORROW, NOW - 3 * DAY)
    assert reminded(session, TOMORROW - timedelta(hours=3)) == [
        (world.carla.email, "Vandaag: Mantelzorgcafé")
    ]


def test_the_hourly_run_sends_the_reminders(session: Session, world: Help, monkeypatch):
    cafe = add_activity(session, world.leusden, TOMORROW)
    sign_up(session, world.caregiver, cafe, TOMORROW, NOW - 3 * DAY)
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)

    counts = housekeeping.send_due_mails(session, NOW + timedelta(hours=5), BASE)

    assert counts["'Morgen: ...'"] == 1 and [m.subject for m in sent] == ["Morgen: Mantelzorgcafé"]
    assert housekeeping.send_due_mails(session, NOW + timedelta(hours=6), BASE)["'Morgen: ...'"] == 0


# Several workers at once, on PostgreSQL (skipped on SQLite, which writes one transaction at a time)


@pytest.mark.skipif(postgres_url() is None, reason="concurrent workers: PostgreSQL only")
def test_workers_running_at_once_send_each_reminder_once(shared_engine: Engine):
    with Session(shared_engine) as session:
        world = help_world(session)
        cafe = add_activity(session, world.leusden, TOMORROW)
        for who in (world.caregiver, world.volunteer, world.professional):
            sign_up(session, who, cafe, TOMORROW, NOW - 3 * DAY)
    start = threading.Barrier(WORKERS)
    sent: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            with Session(shared_engine) as session:
                sent.extend(m.to for m in notices.due_reminders(session, NOW + timedelta(hours=5), BASE))
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(sent) == sorted([world.carla.email, world.vera.email, world.petra.email])
    with Session(shared_engine) as session:
        assert len(session.exec(select(ActivityReminder)).all()) == 3
        assert {b.status for b in session.exec(select(Booking)).all()} == {BookingStatus.booked}
