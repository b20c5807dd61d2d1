"""The agenda's iCalendar routes on the demo hubs: the hub's feed holds nothing of anyone, a download
is only of the hub's own activity, and a private feed opens only with its holder's current secret.

An unknown hub, another hub's activity, a junk id or date, a wrong or renewed secret: all the same
plain 404. Calendar apps get what they ask for whatever their ``Accept`` says, and a 304 while
nothing changed.
"""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlmodel import Session, col, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import calendar_routes
from mantelzorg_app.asgi import only_our_origin
from mantelzorg_app.models import Activity, ActivityChange, Booking, Hub, Person
from mantelzorg_app.services.calendar import feeds, ics, recurrence
from mantelzorg_app.services.identity import authz

ACCEPTS = [
    None,
    "text/calendar",
    "*/*",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/json",
    "text/calendar,text/x-vcalendar,application/calendar+xml;q=0.9",  # Thunderbird-like
]


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(only_our_origin(Starlette(routes=calendar_routes.routes)), base_url="http://localhost")


def _hub(session: Session, slug: str) -> Hub:
    return session.exec(select(Hub).where(Hub.slug == slug)).one()


def _activities(session: Session, slug: str) -> list[Activity]:
    hub = _hub(session, slug)
    return list(session.exec(select(Activity).where(Activity.hub_id == hub.id).order_by(col(Activity.id))))


def _person(session: Session, first_name: str) -> Person:
    return session.exec(select(Person).where(Person.first_name == first_name)).first()


def _secret(db, first_name: str, slug: str = "leusden") -> str:
    with Session(db) as session:
        hub, person = _hub(session, slug), _person(session, first_name)
        actor = authz.Actor(person.id, person.first_name, hub.id, authz.roles(session, person.id, hub.id))
        secret = feeds.make(session, actor)
        session.commit()
        return secret


def _secrets(db) -> list[str]:
    """Everything personal the demo holds: people's e-mail addresses and numbers, phoned-in names."""
    with Session(db) as session:
        found = [p.email for p in session.exec(select(Person))] + [
            p.phone for p in session.exec(select(Person))
        ]
        for booking in session.exec(select(Booking)):
            found += [booking.name, booking.phone]
    return [s for s in found if s and len(s) > 3]


@pytest.mark.parametrize("accept", ACCEPTS)
def test_the_hub_feed_is_served_to_any_calendar_app(client: TestClient, db, accept):
    headers = {"accept": accept} if accept else {}
    response = client.get("/feeds/leusden/agenda.ics", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["etag"].startswith('"')
    calendar = icalendar.Calendar.from_ical(response.content)
    masters = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    assert masters and len({str(e["UID"]) for e in masters}) == len(masters)


def test_the_hub_feed_holds_nothing_of_anyone(client: TestClient, db):
    text = client.get("/feeds/leusden/agenda.ics").text
    secrets = _secrets(db)
    assert secrets, "the demo has people to keep out"
    for secret in secrets:
        assert secret not in text
    with Session(db) as session:
        others = [a.title for a in _activities(session, "poperinge")]
        mine = [a for a in _activities(session, "leusden") if a.cancelled_at is None]
    assert all(title not in text for title in others)
    assert any(recurrence.uid(a, "leusden") in text for a in mine)


def test_a_feed_asked_again_while_nothing_changed_is_a_304(client: TestClient, db):
    first = client.get("/feeds/leusden/agenda.ics")
    etag = first.headers["etag"]
    for asked in (etag, f"W/{etag}", f'"other", {etag}'):
        again = client.get("/feeds/leusden/agenda.ics", headers={"if-none-match": asked})
        assert again.status_code == 304 and again.content == b""
    assert client.get("/feeds/leusden/agenda.ics", headers={"if-none-match": '"old"'}).status_code == 200
    with Session(db) as session:
        activity = next(a for a in _activities(session, "leusden") if a.cancelled_at is None)
        activity.updated_at += timedelta(minutes=1)
        session.add(activity)
        session.commit()
    changed = client.get("/feeds/leusden/agenda.ics", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_a_calendar_app_without_origin_and_our_own_page_get_through(client: TestClient, db):
    assert client.get("/feeds/leusden/agenda.ics").status_code == 200
    ours = client.get("/feeds/leusden/agenda.ics", headers={"origin": "http://localhost"})
    assert ours.status_code == 200


@pytest.mark.parametrize("slug", ["nergens", "LEUSDEN-x", "..", "%2e%2e"])
def test_an_unknown_hub_is_a_404(client: TestClient, db, slug):
    assert client.get(f"/feeds/{slug}/agenda.ics").status_code == 404
    assert client.get(f"/feeds/{slug}/activiteit/1.ics").status_code == 404
    assert client.get(f"/feeds/{slug}/eigen/{'a' * 43}.ics").status_code == 404


def test_one_activity_downloads_as_a_file(client: TestClient, db):
    with Session(db) as session:
        activity = next(a for a in _activities(session, "leusden") if a.cancelled_at is None and a.rrule)
    response = client.get(f"/feeds/leusden/activiteit/{activity.id}.ics")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="activiteit-{activity.id}.ics"'
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    (master,) = [e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT") if "RRULE" in e]
    assert str(master["UID"]) == recurrence.uid(activity, "leusden")
    for secret in _secrets(db):
        assert secret not in response.text


def test_another_hubs_activity_or_a_junk_id_is_a_404(client: TestClient, db):
    with Session(db) as session:
        theirs = _activities(session, "poperinge")[0]
    for ident in (theirs.id, "abc", "1e3", "-1", "0", "99999999999999", "١٢"):
        assert client.get(f"/feeds/leusden/activiteit/{ident}.ics").status_code == 404, ident
    assert client.get(f"/feeds/poperinge/activiteit/{theirs.id}.ics").status_code == 200


def test_a_date_that_is_not_one_is_a_404(client: TestClient, db):
    with Session(db) as session:
        cancelled = session.exec(select(ActivityChange).where(ActivityChange.cancelled)).first()
        activity = session.get(Activity, cancelled.activity_id)
        hub = session.get(Hub, activity.hub_id)
    base = f"/feeds/{hub.slug}/activiteit/{activity.id}.ics"
    for key in (recurrence.key(cancelled.occurrence), "20261303T130000Z", "x" * 16, "' OR 1=1 --"):
        assert client.get(base, params={"datum": key}).status_code == 404, key


def test_a_private_feed_opens_only_with_its_holders_current_secret(client: TestClient, db):
    anna = _secret(db, "Anna")
    response = client.get(f"/feeds/leusden/eigen/{anna}.ics")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    with Session(db) as session:
        person = _person(session, "Anna")
        hers = session.exec(select(Booking).where(Booking.person_id == person.id)).all()
        others = session.exec(select(Booking).where(Booking.person_id != person.id)).all()
        hub = _hub(session, "leusden")
        expected = ics.private_feed(session, hub, person.id, "http://localhost", datetime.now(UTC))
    assert response.headers["etag"] == expected.etag
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids and uids <= {ics.booking_uid(b, "leusden") for b in hers}, "the demo signed Anna up"
    assert uids.isdisjoint({ics.booking_uid(b, "leusden") for b in others})
    assert client.get(f"/feeds/poperinge/eigen/{anna}.ics").status_code == 404, "another hub's address"
    renewed = _secret(db, "Anna")
    old = client.get(f"/feeds/leusden/eigen/{anna}.ics")
    assert old.status_code == 404 and old.headers["cache-control"] == "no-store"
    assert client.get(f"/feeds/leusden/eigen/{renewed}.ics").status_code == 200


@pytest.mark.parametrize("secret", ["a" * 43, "x", "..%2f..%2fagenda", "a" * 500, "%00" * 20])
def test_a_wrong_secret_is_a_404(client: TestClient, db, secret):
    _secret(db, "Anna")
    response = client.get(f"/feeds/leusden/eigen/{secret}.ics")
    assert response.status_code == 404
    assert "BEGIN:VCALENDAR" not in response.text


def test_the_routes_are_wired_into_the_app():
    import mantelzorg_app.mantelzorg_app as built

    paths = {
        route.path for app in built.app.api_transformer if isinstance(app, Starlette) for route in app.routes
    }
    assert {calendar_routes.HUB_FEED, calendar_routes.ACTIVITY_FEED, calendar_routes.PRIVATE_FEED} <= paths
