"""Shared builders for the help tests: two hubs with the people who ask, help, post and coordinate.

Plain functions, like auth_fixtures: each test module declares its own ``world`` fixture with
`help_world`. Requests, profiles, offers and matches are made through the services themselves, so a
test starts from rows the app could have written. The clock is auth_fixtures.NOW, a Monday at 09:00
UTC (10:00 in Leusden: the morning slot).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    HelpOffer,
    HelpRequest,
    Hub,
    Membership,
    Person,
    Role,
    VolunteerProfile,
    Wijk,
)
from mantelzorg_app.services.help import requests, vocabulary, volunteering
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import audit
from tests.unit.auth_fixtures import NOW, audit_events

VOG_SEEN = date(2025, 2, 1)


def actor(person: Person, hub: Hub, *roles: Role) -> Actor:
    """The actor `authz.require` would give for this person in this hub with these roles."""
    return Actor(person.id, person.first_name, hub.id, frozenset(roles))


def vet(session: Session, person: Person, hub: Hub) -> None:
    """The coordinator saw the volunteer's VOG."""
    membership = session.exec(
        select(Membership).where(
            Membership.person_id == person.id, Membership.hub_id == hub.id, Membership.role == Role.volunteer
        )
    ).one()
    membership.vog_checked_on = VOG_SEEN
    session.add(membership)
    session.commit()


@dataclass(frozen=True)
class Help:
    """Leusden (NL) with Centrum (3831) and Zuid (3832); Poperinge (BE) with Abele (8970)."""

    leusden: Hub
    poperinge: Hub
    centrum: Wijk
    zuid: Wijk
    abele: Wijk
    carla: Person  # caregiver in Leusden
    vera: Person  # volunteer in Leusden, vetted
    victor: Person  # volunteer in Leusden, not vetted
    petra: Person  # professional in Leusden
    cora: Person  # coordinator in Leusden
    bram: Person  # caregiver and vetted volunteer in Poperinge
    pieter: Person  # coordinator in Poperinge

    @property
    def caregiver(self) -> Actor:
        return actor(self.carla, self.leusden, Role.caregiver)

    @property
    def volunteer(self) -> Actor:
        return actor(self.vera, self.leusden, Role.volunteer)

    @property
    def unvetted(self) -> Actor:
        return actor(self.victor, self.leusden, Role.volunteer)

    @property
    def professional(self) -> Actor:
        return actor(self.petra, self.leusden, Role.professional)

    @property
    def coordinator(self) -> Actor:
        return actor(self.cora, self.leusden, Role.coordinator)

    @property
    def elsewhere(self) -> Actor:
        """Bram in Poperinge, where he is caregiver and volunteer."""
        return actor(self.bram, self.poperinge, Role.caregiver, Role.volunteer)

    @property
    def other_coordinator(self) -> Actor:
        return actor(self.pieter, self.poperinge, Role.coordinator)


def _flushed(session: Session, *rows):
    session.add_all(rows)
    session.flush()
    return rows


def _hub(slug: str, country: str) -> Hub:
    zone = {"NL": "Europe/Amsterdam", "BE": "Europe/Brussels"}[country]
    return Hub(slug=slug, name=slug.title(), country=country, timezone=zone, speech_locale=f"nl-{country}")


def help_world(session: Session) -> Help:
    """Everything in one transaction: the help tests make hundreds of these, so it has to be quick.

    The rows it gives are detached copies: read them freely, but load a row with ``session.get``
    to change it."""
    leusden, poperinge = _flushed(
        session, *(_hub(slug, country) for slug, country in (("leusden", "NL"), ("poperinge", "BE")))
    )
    centrum, zuid, abele = _flushed(
        session,
        Wijk(hub_id=leusden.id, slug="centrum", name="Centrum", kind="wijk", postcodes="3831"),
        Wijk(hub_id=leusden.id, slug="zuid", name="Zuid", kind="wijk", postcodes="3832"),
        Wijk(hub_id=poperinge.id, slug="abele", name="Abele", kind="deelgemeente", postcodes="8970"),
    )
    names = ("Carla", "Vera", "Victor", "Petra", "Cora", "Bram", "Pieter")
    people = _flushed(
        session,
        *(
            Person(
                first_name=n,
                email=f"{n.lower()}@{'poperinge' if n in ('Bram', 'Pieter') else 'leusden'}.example.org",
            )
            for n in names
        ),
    )
    carla, vera, victor, petra, cora, bram, pieter = people
    roles = (
        (carla, leusden, Role.caregiver, centrum, None),
        (vera, leusden, Role.volunteer, centrum, VOG_SEEN),
        (victor, leusden, Role.volunteer, centrum, None),
        (petra, leusden, Role.professional, None, None),
        (cora, leusden, Role.coordinator, None, None),
        (bram, poperinge, Role.caregiver, abele, None),
        (bram, poperinge, Role.volunteer, abele, VOG_SEEN),
        (pieter, poperinge, Role.coordinator, None, None),
    )
    _flushed(
        session,
        *(
            Membership(person_id=p.id, hub_id=h.id, role=r, wijk_id=w.id if w else None, vog_checked_on=v)
            for p, h, r, w, v in roles
        ),
    )
    session.expunge_all()  # detached: the world's rows never expire and reload after a commit
    session.commit()
    return Help(leusden, poperinge, centrum, zuid, abele, carla, vera, victor, petra, cora, bram, pieter)


def add_volunteer(session: Session, hub: Hub, first_name: str, *, vetted: bool = True) -> Actor:
    """One more volunteer of ``hub``, without a profile yet."""
    person = Person(first_name=first_name, email=f"{first_name.lower()}@{hub.slug}.example.org")
    _flushed(session, person)
    membership = Membership(
        person_id=person.id, hub_id=hub.id, role=Role.volunteer, vog_checked_on=VOG_SEEN if vetted else None
    )
    _flushed(session, membership)
    session.commit()
    return actor(person, hub, Role.volunteer)


def draft(wijk: Wijk | None, **changes) -> requests.Draft:
    """A one-off request for shopping in ``wijk``, any day and daypart, unless ``changes`` say otherwise."""
    fields = {"category": "boodschappen", "wijk_id": wijk.id if wijk else None} | changes
    return requests.Draft(**fields)


def ask(session: Session, who: Actor, wijk: Wijk | None, when: datetime = NOW, **changes) -> HelpRequest:
    """A request made by ``who`` (a caregiver) through the service."""
    return requests.create(session, who, draft(wijk, **changes), when)


def profile_form(wijken: list[Wijk], **changes) -> volunteering.ProfileForm:
    """Every kind of help, in ``wijken``, any day and daypart, Dutch, unless ``changes`` say otherwise."""
    fields = {
        "categories": list(vocabulary.CATEGORY_VALUES),
        "wijk_ids": [w.id for w in wijken],
        "postcode": "",
        "max_km": None,
        "days": [],
        "dayparts": [],
        "languages": [],
    } | changes
    return volunteering.ProfileForm(**fields)


def save_profile(session: Session, who: Actor, wijken: list[Wijk], **changes) -> VolunteerProfile:
    return volunteering.save_profile(session, who, profile_form(wijken, **changes), NOW)


def add_offer(session: Session, request: HelpRequest, volunteer: Person, status: str) -> HelpOffer:
    """An offer row as the services leave it, e.g. a coordinator's suggestion."""
    (row,) = _flushed(
        session, HelpOffer(request_id=request.id, volunteer_id=volunteer.id, status=status, created_at=NOW)
    )
    session.commit()
    return row


def matched(session: Session, world: Help, when: datetime = NOW, **changes) -> HelpRequest:
    """Carla's request in Centrum, Vera offered and Carla accepted: matched, follow-ups planned."""
    request = ask(session, world.caregiver, world.centrum, when, **changes)
    if volunteering.profile(session, world.volunteer) is None:
        save_profile(session, world.volunteer, [world.centrum])
    offer = volunteering.offer(session, world.volunteer, request.id, when)
    return requests.answer_offer(session, world.caregiver, offer.id, True, when)


@contextmanager
def refused(session: Session, action: str) -> Iterator[None]:
    """Expects `Refused` for ``action``, with exactly one new "refused" event in the audit log."""
    before = len(audit_events(session, audit.REFUSED))
    with pytest.raises(Refused, match=action):
        yield
    events = audit_events(session, audit.REFUSED)
    assert len(events) == before + 1
    assert events[-1].detail.split()[0] == action


def without_vog(session: Session, volunteer: Person) -> None:
    """The volunteer's VOG date is gone, as set_vetted(None) leaves it before it reopens anything."""
    membership = session.exec(
        select(Membership).where(Membership.person_id == volunteer.id, Membership.role == Role.volunteer)
    ).one()
    membership.vog_checked_on = None
    session.add(membership)
    session.commit()
