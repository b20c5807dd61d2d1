"""Builders for the agenda's mail and privacy tests, on help_fixtures' two hubs (Leusden on
Amsterdam's clock). The clock is auth_fixtures.NOW, Monday 3 March 2025, 09:00 UTC (10.00 in Leusden)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from mantelzorg_app.models import Activity, ActivityChange, ActivityKind, Booking, Hub
from mantelzorg_app.services.calendar import bookings
from mantelzorg_app.services.identity.authz import Actor

BASE = "https://hub.example.org"
DAY = timedelta(days=1)


def at(year: int, month: int, day: int, hour: int = 14, minute: int = 0) -> datetime:
    """A moment on Leusden's clock, in UTC as the database keeps it."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)


def add_activity(session: Session, hub: Hub, starts_at: datetime, **fields) -> Activity:
    """A café of ``hub`` from 14.00 to 16.00 (one date unless ``rrule``), committed."""
    values = {
        "kind": ActivityKind.cafe,
        "title": "Mantelzorgcafé",
        "place": "Bibliotheek Leusden",
        "address": "Hamersveldseweg 55, Leusden",
    } | fields
    row = Activity(hub_id=hub.id, starts_at=starts_at, **values)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def add_change(session: Session, activity: Activity, occurrence: datetime, **fields) -> ActivityChange:
    row = ActivityChange(activity_id=activity.id, occurrence=occurrence, **fields)
    session.add(row)
    session.commit()
    return row


def sign_up(
    session: Session, who: Actor, activity: Activity, occurrence: datetime, when: datetime, **kw
) -> Booking:
    """``who`` signs up through the service at ``when``; committed."""
    booking = bookings.sign_up(session, who, activity.id, occurrence, when, **kw).booking
    session.commit()
    session.refresh(booking)
    return booking
