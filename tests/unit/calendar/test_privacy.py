"""The agenda in the AVG export and wipe, and the names and numbers of sign-ups by phone, blanked
a month after their date."""

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Activity,
    ActivityHost,
    ActivityKind,
    ActivityReminder,
    Booking,
    BookingStatus,
    CalendarFeed,
)
from mantelzorg_app.services import housekeeping, privacy
from mantelzorg_app.services.calendar import notices
from mantelzorg_app.services.calendar import privacy as calendar_privacy
from mantelzorg_app.services.platform import mail
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.mail_fixtures import BASE, DAY, add_activity, at, sign_up
from tests.unit.help_fixtures import Help, help_world

CAFE = at(2025, 3, 11)  # Tuesday 11 March, 14.00 in Leusden


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _add(session: Session, *rows) -> None:
    session.add_all(rows)
    session.commit()


def test_the_export_holds_the_persons_sign_ups_and_never_the_callers_they_typed_in(session, world: Help):
    cafe = add_activity(session, world.leusden, CAFE, organiser_id=world.petra.id, organiser_name="Petra")
    sign_up(session, world.caregiver, cafe, CAFE, NOW, places=2)
    sign_up(session, world.professional, cafe, CAFE, NOW, by_phone=("Gerda", "0612345678"))
    _add(
        session,
        CalendarFeed(person_id=world.carla.id, hub_id=world.leusden.id, secret_hash="a" * 64),
        ActivityHost(activity_id=cafe.id, person_id=world.petra.id, first_name="Petra", role="professional"),
    )

    carla = calendar_privacy.stored(session, world.carla.id)
    petra = privacy.stored(session, world.petra.id)

    (mine,) = carla["calendar_sign_ups"]
    assert (mine["hub"], mine["activity"], mine["status"], mine["places"]) == (
        "leusden",
        "Mantelzorgcafé",
        "booked",
        2,
    )
    assert mine["date"] == CAFE.isoformat()
    assert carla["calendar_private_feeds"] == [
        {"hub": "leusden", "created_at": carla["calendar_private_feeds"][0]["created_at"]}
    ]
    assert "a" * 64 not in str(carla)
    assert petra["calendar_activities_you_organise"] == [
        {"hub": "leusden", "activity": "Mantelzorgcafé", "organiser_name": "Petra"}
    ]
    assert petra["calendar_walk_in_hours_you_are_present_at"][0]["role"] == "professional"
    (typed,) = petra["calendar_sign_ups_you_typed_in_for_callers"]
    assert "Gerda" not in str(petra) and "0612345678" not in str(petra)
    assert typed["activity"] == "Mantelzorgcafé" and petra["calendar_sign_ups"] == []


def test_a_wipe_cancels_the_coming_sign_ups_moves_the_waiting_list_up_and_mails_them(
    session: Session, world: Help, monkeypatch
):
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)
    monkeypatch.setattr(privacy, "utcnow", lambda: NOW)
    cafe = add_activity(session, world.leusden, CAFE, capacity=1, organiser_id=world.carla.id)
    past = add_activity(session, world.leusden, NOW - 7 * DAY, capacity=1, title="Vorige keer")
    carlas = sign_up(session, world.caregiver, cafe, CAFE, NOW - DAY)
    sign_up(session, world.volunteer, cafe, CAFE, NOW - DAY)  # waiting
    old = sign_up(session, world.caregiver, past, past.starts_at, NOW - 9 * DAY)
    sign_up(session, world.volunteer, past, past.starts_at, NOW - 9 * DAY)  # waiting on a past date: stays
    typed = sign_up(session, world.caregiver, cafe, CAFE, NOW - DAY, by_phone=("Gerda", "0612345678"))
    _add(
        session,
        ActivityReminder(booking_id=old.id, occurrence=old.occurrence),
        CalendarFeed(person_id=world.carla.id, hub_id=world.leusden.id, secret_hash="b" * 64),
        ActivityHost(activity_id=cafe.id, person_id=world.carla.id, first_name="Carla", role="volunteer"),
    )

    assert privacy.delete(session, world.carla.id)

    session.expire_all()
    assert [(m.to, m.subject) for m in sent] == [(world.vera.email, "U heeft een plek")]
    left = session.exec(select(Booking).order_by(Booking.id)).all()
    assert {b.id for b in left}.isdisjoint({carlas.id, old.id})
    statuses = {(b.activity_id, b.name or b.person_id): b.status for b in left}
    assert statuses == {
        (cafe.id, world.vera.id): BookingStatus.booked,
        (past.id, world.vera.id): BookingStatus.waiting,
        (cafe.id, "Gerda"): BookingStatus.waiting,  # kept, and no longer linked to who typed it
    }
    assert session.get(Booking, typed.id).added_by_id is None
    assert session.exec(select(ActivityReminder)).all() == []
    assert session.exec(select(CalendarFeed)).all() == []
    assert session.get(Activity, cafe.id).organiser_id is None
    (host,) = session.exec(select(ActivityHost)).all()
    assert host.person_id is None


def test_a_wipe_of_someone_without_sign_ups_sends_nothing(session: Session, world: Help, monkeypatch):
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)
    assert calendar_privacy.forget(session, world.vera.id, NOW, BASE) == []
    assert privacy.delete(session, world.vera.id) and sent == []


def test_a_phone_sign_ups_name_and_number_go_a_month_after_its_last_date(session: Session, world: Help):
    old = add_activity(session, world.leusden, NOW - 31 * DAY)
    recent = add_activity(session, world.leusden, NOW - 29 * DAY)
    course = add_activity(
        session,
        world.leusden,
        NOW - 45 * DAY,
        kind=ActivityKind.course,
        rrule="FREQ=WEEKLY;COUNT=4",  # the last evening 24 days ago
        whole_series=True,
    )
    by_phone = ("Gerda", "0612345678")
    rows = [
        sign_up(session, world.coordinator, a, a.starts_at, a.starts_at - 2 * DAY, by_phone=by_phone)
        for a in (old, recent, course)
    ]
    mine = sign_up(session, world.caregiver, old, old.starts_at, old.starts_at - 2 * DAY)

    assert calendar_privacy.forget_phone_numbers(session, NOW) == 1
    assert housekeeping.tidy(session, NOW)["phone sign-ups' names"] == 0  # done once

    session.expire_all()
    kept = [(session.get(Booking, b.id).name, session.get(Booking, b.id).phone) for b in rows]
    assert kept == [("", ""), by_phone, by_phone]
    assert session.get(Booking, mine.id).person_id == world.carla.id  # a person's sign-up is not touched
    assert calendar_privacy.forget_phone_numbers(session, NOW + 7 * DAY) == 2


def test_the_moved_up_mail_of_a_wipe_goes_only_for_dates_to_come(session: Session, world: Help):
    past = add_activity(session, world.leusden, NOW - DAY, capacity=1)
    sign_up(session, world.caregiver, past, past.starts_at, NOW - 3 * DAY)
    sign_up(session, world.volunteer, past, past.starts_at, NOW - 3 * DAY)
    assert calendar_privacy.forget(session, world.carla.id, NOW, BASE) == []
    session.commit()
    assert notices.due_reminders(session, NOW, BASE) == []
