"""The demo agenda: what the issue names is there, and counted from today it always has something
this week or next (also in a week with a daylight-saving change)."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityHost, ActivityKind, Audience, Booking, Hub
from mantelzorg_app.services import demo as demo_module
from mantelzorg_app.services.calendar import activities, bookings, recurrence
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.hubs import hub_by_slug

NOW = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)


def _load(session: Session, monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    monkeypatch.setattr(demo_module, "utcnow", lambda: now)
    load_demo(session)


def _of(session: Session, slug: str) -> tuple[Hub, dict[str, Activity]]:
    hub = hub_by_slug(session, slug)
    found = session.exec(select(Activity).where(Activity.hub_id == hub.id)).all()
    return hub, {a.title: a for a in found}


def _local(moment: datetime, hub: Hub) -> datetime:
    return dates.local(moment, hub.timezone)


def test_leusden_has_what_the_issue_names(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _load(session, monkeypatch, NOW)
    hub, by_title = _of(session, "leusden")
    kinds = {a.kind for a in by_title.values()}
    assert kinds == {
        ActivityKind.cafe,
        ActivityKind.walk_in,
        ActivityKind.course,
        ActivityKind.network,
        ActivityKind.day,
    }

    cafe = by_title["Mantelzorgcafé Leusden"]
    assert (
        cafe.rrule == "FREQ=MONTHLY;BYDAY=1TU" and cafe.capacity == 20 and cafe.place == "Bibliotheek Leusden"
    )
    changes = bookings.changes_of(session, cafe.id)
    assert sorted(c.cancelled for c in changes) == [False, True]  # one date cancelled, one moved
    coming = recurrence.occurrences(cafe, changes, hub.timezone, NOW, NOW + timedelta(days=200))
    assert any(o.moved for o in coming)
    cancelled = next(c for c in changes if c.cancelled)
    assert cancelled.occurrence not in {o.occurrence for o in coming}
    for o in coming:
        start = _local(o.starts_at, hub)
        assert (start.hour, start.minute) == (14, 0) and o.ends_at - o.starts_at == timedelta(hours=2)
        assert o.moved or (start.weekday() == 1 and start.day <= 7)

    walk_in = by_title["Inloopspreekuur mantelzorg"]
    every = recurrence.all_dates(walk_in, [], hub.timezone)
    assert len(every) == 7 and walk_in.slot_minutes == 15
    assert {b.starts_at - a.starts_at for a, b in itertools.pairwise(every)} <= {
        timedelta(days=14),
        timedelta(days=14, hours=1),
        timedelta(days=14, hours=-1),
    }
    assert timedelta(days=10) <= NOW - every[0].starts_at <= timedelta(days=18)  # about two weeks ago
    assert all((_local(o.starts_at, hub).hour, _local(o.ends_at, hub).hour) == (10, 12) for o in every)
    hosts = session.exec(select(ActivityHost).where(ActivityHost.activity_id == walk_in.id)).all()
    assert sorted(h.role for h in hosts) == ["professional", "professional", "volunteer", "volunteer"]
    assert all(h.first_name for h in hosts) and any(h.person_id for h in hosts)

    course = by_title["Omgaan met dementie"]
    evenings = recurrence.all_dates(course, [], hub.timezone)
    assert len(evenings) == 4 and course.whole_series and course.capacity == 12
    assert course.audience == Audience.caregivers
    assert all((_local(o.starts_at, hub).hour, _local(o.starts_at, hub).minute) == (19, 30) for o in evenings)
    assert evenings[0].starts_at > NOW and evenings[0].starts_at - NOW < timedelta(days=14)
    assert any(
        a.kind == ActivityKind.course and a.audience == Audience.professionals for a in by_title.values()
    )

    network = by_title["Inn-formeel netwerkbijeenkomst"]
    assert "De Deel" in network.place and not network.rrule
    assert _local(network.starts_at, hub).month == 1  # next month

    day = by_title["Dag van de Mantelzorg"]
    local_day = _local(day.starts_at, hub)
    assert (local_day.month, local_day.day) == (11, 10) and day.starts_at > NOW
    assert "cadeau" in day.bring


def test_poperinge_has_its_own_cafe_and_a_course(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _load(session, monkeypatch, NOW)
    _hub, by_title = _of(session, "poperinge")
    assert {a.kind for a in by_title.values()} == {ActivityKind.cafe, ActivityKind.course}
    assert all("Poperinge" in a.address for a in by_title.values())


def test_anna_is_signed_up_for_the_next_cafe(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _load(session, monkeypatch, NOW)
    hub, by_title = _of(session, "leusden")
    cafe = by_title["Mantelzorgcafé Leusden"]
    next_cafe = activities.next_of_kind(session, hub, "cafe", NOW)
    booked = session.exec(select(Booking).where(Booking.activity_id == cafe.id)).all()
    assert [b.occurrence for b in booked] == [next_cafe.date.occurrence]
    # every demo booking is for a date the activity has, within its capacity
    for booking in session.exec(select(Booking)).all():
        activity = session.get(Activity, booking.activity_id)
        assert bookings.the_date(session, activity, booking.occurrence) is not None
        free = bookings.free(activity, bookings.live(session, activity.id, booking.occurrence))
        assert free is None or free >= 0


@pytest.mark.parametrize(
    "now",
    [
        NOW,
        datetime(2027, 3, 27, 23, 30, tzinfo=UTC),  # the night before summer time
        datetime(2027, 10, 30, 12, 0, tzinfo=UTC),  # the weekend winter time starts
        datetime(2027, 6, 6, 20, 0, tzinfo=UTC),  # a Sunday evening
        datetime(2028, 1, 3, 8, 0, tzinfo=UTC),  # a Monday morning
    ],
)
def test_always_something_this_week_or_next(
    session: Session, monkeypatch: pytest.MonkeyPatch, now: datetime
) -> None:
    _load(session, monkeypatch, now)
    for slug in ("leusden", "poperinge"):
        hub = hub_by_slug(session, slug)
        found = activities.dated(session, hub, now, now + timedelta(days=200))
        names = [name for name, _words, _items in activities.groups(found, hub.timezone, now)]
        assert {"this-week", "next-week"} & set(names), slug
        assert activities.next_any(session, hub, now) is not None
