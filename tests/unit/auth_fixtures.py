"""Shared helpers for the auth tests: a fixed secret key, a fixed clock, two hubs with people.

Plain functions, not fixtures: each test module imports what it needs and declares its own
fixtures with them, so nothing here changes conftest.py.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import AuditEvent, Hub, Membership, Person, Role, Wijk

SECRET_KEY = "unit-test-secret-key, not for production"
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday morning, timezone-aware UTC


def use_test_secret_key(monkeypatch: pytest.MonkeyPatch, key: str = SECRET_KEY) -> None:
    """Makes ``settings.secret_key()`` deterministic, so nothing is written to instance/."""
    monkeypatch.setenv("MANTELZORG_SECRET_KEY", key)


def use_test_outbox(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Mails without SMTP go to ``folder``: no test writes or deletes in instance/outbox."""
    monkeypatch.setenv("MANTELZORG_OUTBOX", str(folder))


def add_hub(session: Session, slug: str, name: str, country: str = "NL") -> Hub:
    hub = Hub(
        slug=slug,
        name=name,
        country=country,
        timezone="Europe/Amsterdam" if country == "NL" else "Europe/Brussels",
        speech_locale=f"nl-{country}",
    )
    session.add(hub)
    session.commit()
    session.refresh(hub)
    return hub


def add_wijk(session: Session, hub: Hub, slug: str, name: str) -> Wijk:
    wijk = Wijk(hub_id=hub.id, slug=slug, name=name, kind="wijk")
    session.add(wijk)
    session.commit()
    session.refresh(wijk)
    return wijk


def add_person(session: Session, first_name: str, email: str | None = None) -> Person:
    person = Person(first_name=first_name, email=email)
    session.add(person)
    session.commit()
    session.refresh(person)
    return person


def add_member(
    session: Session, person: Person, hub: Hub, role: Role, wijk: Wijk | None = None, *, pending: bool = False
) -> Membership:
    membership = Membership(
        person_id=person.id, hub_id=hub.id, role=role, wijk_id=wijk.id if wijk else None, pending=pending
    )
    session.add(membership)
    session.commit()
    session.refresh(membership)
    return membership


@dataclass(frozen=True)
class World:
    """Leusden (NL) and Poperinge (BE), each with a coordinator, plus a volunteer and a newcomer."""

    leusden: Hub
    poperinge: Hub
    centrum: Wijk  # in Leusden
    abele: Wijk  # in Poperinge
    coordinator: Person  # coordinator in Leusden only
    volunteer: Person  # volunteer in Leusden only
    other_coordinator: Person  # coordinator in Poperinge only
    newcomer: Person  # no roles anywhere


def two_hubs(session: Session) -> World:
    leusden = add_hub(session, "leusden", "Leusden")
    poperinge = add_hub(session, "poperinge", "Poperinge", country="BE")
    world = World(
        leusden=leusden,
        poperinge=poperinge,
        centrum=add_wijk(session, leusden, "centrum", "Centrum"),
        abele=add_wijk(session, poperinge, "abele", "Abele"),
        coordinator=add_person(session, "Cora", "cora@leusden.example.org"),
        volunteer=add_person(session, "Vince", "vince@leusden.example.org"),
        other_coordinator=add_person(session, "Pieter", "pieter@poperinge.example.org"),
        newcomer=add_person(session, "Nina", "nina@leusden.example.org"),
    )
    add_member(session, world.coordinator, leusden, Role.coordinator)
    add_member(session, world.volunteer, leusden, Role.volunteer, world.centrum)
    add_member(session, world.other_coordinator, poperinge, Role.coordinator)
    return world


def audit_events(session: Session, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return list(session.exec(query).all())
