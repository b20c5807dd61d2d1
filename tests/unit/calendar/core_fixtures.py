"""Builders for the agenda's core tests, on top of help_fixtures' two hubs (Leusden on Amsterdam's
clock, Poperinge on Brussels'). The clock is auth_fixtures.NOW, Monday 3 March 2025, 09:00 UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from mantelzorg_app.models import Activity, ActivityChange, ActivityKind, Hub, Person, Role
from mantelzorg_app.services.identity.authz import Actor
from tests.unit.help_fixtures import actor

AMSTERDAM = "Europe/Amsterdam"


def at(year: int, month: int, day: int, hour: int = 14, minute: int = 0, zone: str = AMSTERDAM) -> datetime:
    """A moment on the hub's clock, in UTC as the database keeps it."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def activity(session: Session, hub: Hub, starts_at: datetime, **fields) -> Activity:
    """A café of ``hub`` (one date unless ``rrule``), committed."""
    values = {"kind": ActivityKind.cafe, "title": "Mantelzorgcafé", "place": "Bibliotheek Leusden"} | fields
    row = Activity(hub_id=hub.id, starts_at=starts_at, **values)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def change(session: Session, row: Activity, occurrence: datetime, **fields) -> ActivityChange:
    """One date cancelled (``cancelled=True``) or moved (``starts_at=...``), committed."""
    found = ActivityChange(activity_id=row.id, occurrence=occurrence, **fields)
    session.add(found)
    session.commit()
    session.refresh(found)
    return found


def caregivers(session: Session, hub: Hub, count: int, prefix: str = "Mz") -> list[Actor]:
    """``count`` new people with the caregiver role in ``hub`` (the sign-up only asks for a role)."""
    people = [Person(first_name=f"{prefix}{i}", email=None) for i in range(count)]
    session.add_all(people)
    session.commit()
    return [actor(p, hub, Role.caregiver) for p in people]


def week(n: int = 1) -> timedelta:
    return timedelta(weeks=n)
