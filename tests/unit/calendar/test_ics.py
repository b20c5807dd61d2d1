"""The agenda in iCalendar: the hub's feed, one activity's download and a person's private feed.

Parsed back with ``icalendar`` and expanded with ``recurring-ical-events`` to the same local times
activities.dated (the Agenda tab) gives, across the end and the start of summer time; checked line
by line against RFC 5545's basics; the private feed's secret (services.calendar.feeds).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from sqlmodel import Session

from mantelzorg_app.models import (
    Activity,
    ActivityChange,
    ActivityKind,
    Booking,
    BookingStatus,
    Hub,
    Membership,
    Person,
    Role,
)
from mantelzorg_app.services.calendar import activities, feeds, ics, recurrence
from mantelzorg_app.services.identity.authz import Actor, Refused

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)  # Tuesday 1 September 2026, 10.00 in Leusden
BASE = "https://mantelzorg.example"
# LONG_TITLE: the 80 characters a title may have, so its SUMMARY line is folded
LONG_TITLE = "Mantelzorgcafé: samen praten, rust nemen en elkaar steunen in de wijk met koffie"


def local(year: int, month: int, day: int, hour: int = 14, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM).astimezone(UTC)


@dataclass
class World:
    leusden: Hub
    poperinge: Hub
    cafe: Activity
    walk_in: Activity
    course: Activity
    once: Activity
    past: Activity
    ended: Activity
    called_off: Activity
    elsewhere: Activity
    anna: Person
    bert: Person


def _add(session: Session, hub: Hub, starts_at: datetime, **fields) -> Activity:
    values = {"kind": ActivityKind.cafe, "title": "Mantelzorgcafé", "place": "Bibliotheek Leusden"} | fields
    row = Activity(hub_id=hub.id, starts_at=starts_at, updated_at=NOW - timedelta(days=3), **values)
    session.add(row)
    session.flush()
    return row


@pytest.fixture
def world(session: Session) -> World:
    leusden = Hub(
        slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
    )
    poperinge = Hub(
        slug="poperinge", name="Poperinge", country="BE", timezone="Europe/Brussels", speech_locale="nl-BE"
    )
    session.add_all([leusden, poperinge])
    session.flush()
    cafe = _add(
        session,
        leusden,
        local(2026, 9, 1),
        title=LONG_TITLE,
        summary="Koffie, thee en een goed gesprek met andere mantelzorgers.",
        address="Hamersveldseweg 55, 3833 GP Leusden",
        cost="Gratis",
        rrule="FREQ=MONTHLY;BYDAY=1TU",
        capacity=20,
    )
    session.add_all(
        [
            ActivityChange(activity_id=cafe.id, occurrence=local(2026, 12, 1), cancelled=True),
            ActivityChange(
                activity_id=cafe.id,
                occurrence=local(2027, 1, 5),
                starts_at=local(2027, 1, 12, 15),
                place="Wijkcentrum De Deel",
                note="Deze keer in De Deel, een week later.",
            ),
        ]
    )
    walk_in = _add(
        session,
        leusden,
        local(2026, 8, 18, 10),
        kind=ActivityKind.walk_in,
        title="Inloopspreekuur",
        rrule="FREQ=DAILY;INTERVAL=14;COUNT=7",
        slot_minutes=15,
    )
    course = _add(
        session,
        leusden,
        local(2026, 9, 8, 19, 30),
        kind=ActivityKind.course,
        title="Omgaan met dementie",
        minutes=120,
        rrule="FREQ=WEEKLY;COUNT=4",
        whole_series=True,
        capacity=12,
    )
    once = _add(
        session,
        leusden,
        local(2026, 11, 10, 10),
        kind=ActivityKind.day,
        title="Dag van de Mantelzorg",
        bring="Haal uw cadeau op",
        organiser_name="Gerrit de Vries",
    )
    past = _add(session, leusden, local(2026, 8, 20), title="Voorbij")
    ended = _add(session, leusden, local(2026, 6, 1), title="Afgelopen reeks", rrule="FREQ=WEEKLY;COUNT=3")
    called_off = _add(
        session, leusden, local(2026, 10, 1), title="Afgelast", cancelled_at=NOW - timedelta(days=1)
    )
    elsewhere = _add(session, poperinge, local(2026, 9, 3), title="Mantelzorgcafé Poperinge")
    anna = Person(first_name="Anna", email="anna@example.org", phone="06 12345678")
    bert = Person(first_name="Bert", email="bert@example.org")
    session.add_all([anna, bert])
    session.flush()
    session.add_all(
        [
            Membership(person_id=anna.id, hub_id=leusden.id, role=Role.caregiver),
            Membership(person_id=bert.id, hub_id=leusden.id, role=Role.caregiver),
        ]
    )
    session.commit()
    return World(
        leusden, poperinge, cafe, walk_in, course, once, past, ended, called_off, elsewhere, anna, bert
    )


def _parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def _masters(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]


def _unfolded(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").split("\r\n")


# --- the hub's feed ------------------------------------------------------------------------------


def test_the_hub_feed_lists_what_goes_on_one_event_per_series(session: Session, world: World):
    calendar = _parse(ics.hub_feed(session, world.leusden, BASE, NOW).build())
    masters = _masters(calendar)
    uids = [str(e["UID"]) for e in masters]
    expected = [world.cafe, world.walk_in, world.course, world.once]
    assert uids == [recurrence.uid(a, "leusden") for a in expected]
    assert len(set(uids)) == len(uids)
    cafe = masters[0]
    assert cafe["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=1TU"
    assert [d.dt for d in cafe["EXDATE"].dts] == [local(2026, 12, 1).astimezone(AMSTERDAM)]
    moved = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert len(moved) == 1
    assert str(moved[0]["UID"]) == uids[0]
    assert moved[0].decoded("dtstart") == datetime(2027, 1, 12, 15, tzinfo=AMSTERDAM)
    assert str(moved[0]["LOCATION"]) == "Wijkcentrum De Deel"
    assert "Deze keer in De Deel" in str(moved[0]["DESCRIPTION"])
    assert str(moved[0]["URL"]) == f"{BASE}/leusden/activiteit/{world.cafe.id}?datum=20270105T130000Z"
    assert str(calendar["X-WR-CALNAME"]) == "Agenda van Mantelzorghub Leusden"
    assert len(calendar.walk("VEVENT")) == 5  # not a copy per date


def test_every_event_has_its_words_place_link_and_stamp(session: Session, world: World):
    calendar = _parse(ics.hub_feed(session, world.leusden, BASE, NOW).build())
    for event in calendar.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"):
            assert name in event, name
        assert str(event["URL"]).startswith(f"{BASE}/leusden/activiteit/")
        assert event.decoded("dtstamp").tzinfo is not None
    cafe = _masters(calendar)[0]
    assert str(cafe["SUMMARY"]) == LONG_TITLE
    assert str(cafe["LOCATION"]) == "Bibliotheek Leusden, Hamersveldseweg 55, 3833 GP Leusden"
    description = str(cafe["DESCRIPTION"])
    assert "Koffie, thee en een goed gesprek" in description
    assert "Voor wie: Voor mantelzorgers" in description
    assert "Kosten: Gratis" in description
    assert f"{BASE}/leusden/activiteit/{world.cafe.id}" in description
    day = _masters(calendar)[3]
    assert "Meenemen: Haal uw cadeau op" in str(day["DESCRIPTION"])


def test_the_hub_feed_holds_no_one_s_name(session: Session, world: World):
    session.add(Booking(activity_id=world.cafe.id, occurrence=local(2026, 10, 6), person_id=world.anna.id))
    session.add(
        Booking(
            activity_id=world.cafe.id, occurrence=local(2026, 10, 6), name="Henk Belder", phone="0612999999"
        )
    )
    session.commit()
    text = ics.hub_feed(session, world.leusden, BASE, NOW).build().decode()
    for secret in ("Anna", "anna@example.org", "06 12345678", "Henk", "0612999999", "Gerrit"):
        assert secret not in text


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (NOW, NOW + timedelta(days=240)),  # across the end (25 Oct) and start (28 Mar) of summer time
        (local(2026, 10, 1, 0), local(2026, 11, 30, 0)),
        (local(2027, 3, 1, 0), local(2027, 4, 30, 0)),
    ],
)
def test_the_feed_expands_to_the_agenda_s_local_times(session: Session, world: World, start, end):
    calendar = _parse(ics.hub_feed(session, world.leusden, BASE, NOW).build())
    by_uid = {
        recurrence.uid(a, "leusden"): a.id for a in (world.cafe, world.walk_in, world.course, world.once)
    }
    expanded = sorted(
        (e.decoded("dtstart").astimezone(AMSTERDAM).replace(tzinfo=None), by_uid[str(e["UID"])])
        for e in recurring_ical_events.of(calendar).between(start, end)
        if e.decoded("dtstart") >= start
    )
    shown = sorted(
        (d.date.starts_at.astimezone(AMSTERDAM).replace(tzinfo=None), d.activity.id)
        for d in activities.dated(session, world.leusden, start, end)
    )
    assert expanded == shown
    assert expanded
    cafe_times = {moment.time() for moment, ident in expanded if ident == world.cafe.id}
    assert {t.hour for t in cafe_times} <= {14, 15}  # 14.00 in summer and winter time; 15.00 moved


def test_the_cafe_keeps_its_clock_across_daylight_saving(session: Session, world: World):
    calendar = _parse(ics.hub_feed(session, world.leusden, BASE, NOW).build())
    start, end = datetime(2026, 10, 1, tzinfo=AMSTERDAM), datetime(2027, 5, 1, tzinfo=AMSTERDAM)
    cafe = [
        e.decoded("dtstart").astimezone(AMSTERDAM)
        for e in recurring_ical_events.of(calendar).between(start, end)
        if str(e["UID"]) == recurrence.uid(world.cafe, "leusden")
    ]
    assert [(d.month, d.day, d.hour) for d in cafe] == [
        (10, 6, 14),
        (11, 3, 14),  # winter time: 13.00 UTC instead of 12.00
        (1, 12, 15),  # moved; 1 December is cancelled
        (2, 2, 14),
        (3, 2, 14),
        (4, 6, 14),  # summer time again
    ]


def test_rfc_5545_basics_line_by_line(session: Session, world: World):
    data = ics.hub_feed(session, world.leusden, BASE, NOW).build()
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "only CRLF line ends"
    assert all(len(line) <= 75 for line in lines), "folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "the long title is folded"
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    unfolded = _unfolded(data)
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    begins = [line.split(":", 1)[1] for line in unfolded if line.startswith("BEGIN:")]
    ends = [line.split(":", 1)[1] for line in unfolded if line.startswith("END:")]
    assert sorted(begins) == sorted(ends)
    starts = [line for line in unfolded if line.startswith("DTSTART")]
    assert starts
    events = begins.count("VEVENT")
    event_starts = [s for s in starts if s.startswith("DTSTART;TZID=Europe/Amsterdam:")]
    assert len(event_starts) == events, "every event's DTSTART carries the hub's TZID"
    assert "BEGIN:VTIMEZONE" in unfolded and "TZID:Europe/Amsterdam" in unfolded
    assert unfolded.index("BEGIN:VTIMEZONE") < unfolded.index("BEGIN:VEVENT")
    assert all(
        line.startswith("DTSTAMP:") and line.endswith("Z") for line in unfolded if line.startswith("DTSTAMP")
    )
    recurrence_ids = [line for line in unfolded if line.startswith("RECURRENCE-ID")]
    assert all(line.startswith("RECURRENCE-ID;TZID=Europe/Amsterdam:") for line in recurrence_ids)
    # UID is unique per master; a moved date shares its series' UID with its own RECURRENCE-ID
    calendar = _parse(data)
    pairs = [
        (str(e["UID"]), e.get("RECURRENCE-ID") and e["RECURRENCE-ID"].to_ical())
        for e in calendar.walk("VEVENT")
    ]
    assert len(set(pairs)) == len(pairs)
    masters = [str(e["UID"]) for e in _masters(calendar)]
    assert len(set(masters)) == len(masters)


def test_the_vtimezone_is_small_enough_for_a_phone(session: Session, world: World):
    data = ics.hub_feed(session, world.leusden, BASE, NOW).build()
    assert len(data) < 40_000


def test_the_etag_stays_while_nothing_changes(session: Session, world: World):
    first = ics.hub_feed(session, world.leusden, BASE, NOW)
    again = ics.hub_feed(session, world.leusden, BASE, NOW + timedelta(minutes=5))
    assert first.etag == again.etag and first.etag.startswith('"')
    assert first.build() == again.build()
    world.cafe.version += 1  # what every sign-up does (bookings.lock): nothing in the feed changes
    session.add(world.cafe)
    session.commit()
    assert ics.hub_feed(session, world.leusden, BASE, NOW).etag == first.etag
    world.cafe.updated_at += timedelta(minutes=1)  # what every change by the organiser does
    session.add(world.cafe)
    session.commit()
    raised = ics.hub_feed(session, world.leusden, BASE, NOW)
    assert raised.etag != first.etag
    session.add(ActivityChange(activity_id=world.once.id, occurrence=world.once.starts_at, note="x"))
    session.commit()
    changed = ics.hub_feed(session, world.leusden, BASE, NOW)
    assert changed.etag != raised.etag
    assert ics.hub_feed(session, world.leusden, "https://other.example", NOW).etag != changed.etag


def test_a_series_drops_out_when_its_last_date_ends(session: Session, world: World):
    later = local(2026, 11, 11, 12)  # after the walk-in's 7th date (10 Nov) and the Dag (10 Nov)
    uids = [
        str(e["UID"]) for e in _masters(_parse(ics.hub_feed(session, world.leusden, BASE, later).build()))
    ]
    assert uids == [recurrence.uid(world.cafe, "leusden")]
    running = local(2026, 9, 15, 20)  # the course's second evening is on
    uids = [
        str(e["UID"]) for e in _masters(_parse(ics.hub_feed(session, world.leusden, BASE, running).build()))
    ]
    assert recurrence.uid(world.course, "leusden") in uids


def test_another_hub_s_feed_is_its_own(session: Session, world: World):
    calendar = _parse(ics.hub_feed(session, world.poperinge, BASE, NOW).build())
    assert [str(e["UID"]) for e in _masters(calendar)] == [recurrence.uid(world.elsewhere, "poperinge")]
    assert "TZID:Europe/Brussels" in _unfolded(calendar.to_ical())


# --- one activity's download ---------------------------------------------------------------------


def test_one_activity_downloads_as_its_series(session: Session, world: World):
    feed = ics.activity_download(session, world.leusden, str(world.cafe.id), None, BASE)
    assert feed.filename == f"activiteit-{world.cafe.id}.ics"
    calendar = _parse(feed.build())
    assert len(_masters(calendar)) == 1 and "RRULE" in _masters(calendar)[0]
    assert len(calendar.walk("VEVENT")) == 2  # and its moved date
    assert calendar.walk("VTIMEZONE")


def test_one_date_downloads_as_that_date(session: Session, world: World):
    key = recurrence.key(local(2026, 11, 3))
    feed = ics.activity_download(session, world.leusden, world.cafe.id, key, BASE)
    (event,) = _parse(feed.build()).walk("VEVENT")
    assert "RRULE" not in event and "RECURRENCE-ID" not in event
    assert event.decoded("dtstart") == datetime(2026, 11, 3, 14, tzinfo=AMSTERDAM)
    assert str(event["UID"]) == f"activity-{world.cafe.id}-{key}@leusden.mantelzorghub"
    assert str(event["URL"]) == f"{BASE}/leusden/activiteit/{world.cafe.id}?datum={key}"
    moved_key = recurrence.key(local(2027, 1, 5))
    (moved,) = _parse(
        ics.activity_download(session, world.leusden, world.cafe.id, moved_key, BASE).build()
    ).walk("VEVENT")
    assert moved.decoded("dtstart") == datetime(2027, 1, 12, 15, tzinfo=AMSTERDAM)
    assert str(moved["LOCATION"]) == "Wijkcentrum De Deel"


def test_a_course_always_downloads_with_every_evening(session: Session, world: World):
    key = recurrence.key(local(2026, 9, 15, 19, 30))
    calendar = _parse(ics.activity_download(session, world.leusden, world.course.id, key, BASE).build())
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    evenings = recurring_ical_events.of(calendar).between(NOW, NOW + timedelta(days=60))
    assert [e.decoded("dtstart").astimezone(AMSTERDAM).hour for e in evenings] == [19, 19, 19, 19]


@pytest.mark.parametrize(
    "what",
    ["other-hub", "cancelled-activity", "cancelled-date", "no-such-date", "junk-key", "junk-id", "missing"],
)
def test_a_download_of_what_is_not_there_is_none(session: Session, world: World, what: str):
    activity_id, key = world.cafe.id, None
    if what == "other-hub":
        activity_id = world.elsewhere.id
    elif what == "cancelled-activity":
        activity_id = world.called_off.id
    elif what == "cancelled-date":
        key = recurrence.key(local(2026, 12, 1))
    elif what == "no-such-date":
        key = recurrence.key(local(2026, 11, 4))
    elif what == "junk-key":
        key = "20261103T13000Z'"
    elif what == "junk-id":
        activity_id = "1e3"
    else:
        activity_id = 999_999
    assert ics.activity_download(session, world.leusden, activity_id, key, BASE) is None


def test_a_download_speaks_the_visitor_s_language(session: Session, world: World):
    feed = ics.activity_download(session, world.leusden, world.cafe.id, None, BASE, "en")
    text = str(_masters(_parse(feed.build()))[0]["DESCRIPTION"])
    assert "Cost: Gratis" in text or "Kosten: Gratis" in text  # English once the catalogue has it
    assert feed.etag != ics.activity_download(session, world.leusden, world.cafe.id, None, BASE, "nl").etag


# --- a person's private feed ---------------------------------------------------------------------


def _book(session: Session, activity: Activity, occurrence: datetime, person: Person, **fields) -> Booking:
    row = Booking(
        activity_id=activity.id, occurrence=occurrence, person_id=person.id, created_at=NOW, **fields
    )
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def test_the_private_feed_holds_the_person_s_own_sign_ups(session: Session, world: World):
    cafe = _book(session, world.cafe, local(2026, 10, 6), world.anna, places=2)
    waiting = _book(session, world.cafe, local(2026, 11, 3), world.anna, status=BookingStatus.waiting)
    slot = local(2026, 9, 15, 10, 30)
    walk_in = _book(session, world.walk_in, local(2026, 9, 15, 10), world.anna, slot_at=slot)
    course = _book(session, world.course, world.course.starts_at, world.anna)
    _book(session, world.past, world.past.starts_at, world.anna)  # ended
    _book(session, world.cafe, local(2026, 12, 1), world.anna)  # that date is cancelled
    _book(session, world.cafe, local(2027, 2, 2), world.anna, status=BookingStatus.cancelled)
    _book(session, world.cafe, local(2027, 3, 2), world.bert)  # someone else's
    calendar = _parse(ics.private_feed(session, world.leusden, world.anna.id, BASE, NOW).build())
    events = calendar.walk("VEVENT")
    by_uid = {str(e["UID"]): e for e in events}
    assert set(by_uid) == {ics.booking_uid(b, "leusden") for b in (cafe, waiting, walk_in, course)}
    first = by_uid[ics.booking_uid(cafe, "leusden")]
    assert "RRULE" not in first and first.decoded("dtstart") == datetime(2026, 10, 6, 14, tzinfo=AMSTERDAM)
    assert str(first["STATUS"]) == "CONFIRMED" and "tweeën" in str(first["DESCRIPTION"])
    second = by_uid[ics.booking_uid(waiting, "leusden")]
    assert str(second["STATUS"]) == "TENTATIVE" and str(second["SUMMARY"]).startswith("Wachtlijst: ")
    timed = by_uid[ics.booking_uid(walk_in, "leusden")]
    assert timed.decoded("dtstart") == datetime(2026, 9, 15, 10, 30, tzinfo=AMSTERDAM)
    assert timed.decoded("dtend") - timed.decoded("dtstart") == timedelta(minutes=15)
    evenings = by_uid[ics.booking_uid(course, "leusden")]
    assert evenings["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    assert "Bert" not in calendar.to_ical().decode()
    assert str(calendar["X-WR-CALNAME"]) == "Mijn aanmeldingen bij Mantelzorghub Leusden"


def test_the_private_feed_s_etag_follows_the_bookings(session: Session, world: World):
    empty = ics.private_feed(session, world.leusden, world.anna.id, BASE, NOW)
    assert _parse(empty.build()).walk("VEVENT") == []
    booking = _book(session, world.cafe, local(2026, 10, 6), world.anna)
    one = ics.private_feed(session, world.leusden, world.anna.id, BASE, NOW)
    assert one.etag != empty.etag
    booking.status = BookingStatus.cancelled
    session.add(booking)
    session.commit()
    assert ics.private_feed(session, world.leusden, world.anna.id, BASE, NOW).etag == empty.etag


# --- the private feed's secret -------------------------------------------------------------------


def _actor(person: Person, hub: Hub, *roles: Role) -> Actor:
    return Actor(person.id, person.first_name, hub.id, frozenset(roles))


def test_a_secret_opens_its_holder_s_feed_until_renewed(session: Session, world: World):
    anna = _actor(world.anna, world.leusden, Role.caregiver)
    assert not feeds.has(session, anna)
    secret = feeds.make(session, anna)
    session.commit()
    assert len(secret) >= 40 and feeds.has(session, anna)
    assert feeds.holder(session, world.leusden.id, secret) == world.anna.id
    assert feeds.holder(session, world.poperinge.id, secret) is None
    renewed = feeds.make(session, anna)
    session.commit()
    assert renewed != secret
    assert feeds.holder(session, world.leusden.id, secret) is None
    assert feeds.holder(session, world.leusden.id, renewed) == world.anna.id
    bert = _actor(world.bert, world.leusden, Role.caregiver)
    assert feeds.holder(session, world.leusden.id, feeds.make(session, bert)) == world.bert.id
    feeds.remove(session, anna)
    session.commit()
    assert feeds.holder(session, world.leusden.id, renewed) is None and not feeds.has(session, anna)


@pytest.mark.parametrize("secret", ["", "short", "a" * 43, "../" + "a" * 40, None, 12, "é" * 43, "a" * 400])
def test_a_wrong_secret_opens_nothing(session: Session, world: World, secret):
    feeds.make(session, _actor(world.anna, world.leusden, Role.caregiver))
    session.commit()
    assert feeds.holder(session, world.leusden.id, secret) is None


def test_no_feed_for_someone_who_left_the_hub(session: Session, world: World):
    secret = feeds.make(session, _actor(world.anna, world.leusden, Role.caregiver))
    session.commit()
    for membership in session.exec(
        Membership.__table__.select().where(Membership.person_id == world.anna.id)
    ).all():
        session.delete(session.get(Membership, membership.id))
    session.commit()
    assert feeds.holder(session, world.leusden.id, secret) is None


def test_no_feed_for_someone_without_a_role(session: Session, world: World):
    with pytest.raises(Refused):
        feeds.make(session, _actor(world.anna, world.leusden))
