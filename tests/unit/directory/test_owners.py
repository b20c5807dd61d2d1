"""The coordinator links a professional to an organisation of the hub (services.directory.owners):
then Mijn organisatie shows its entries (edits.may_edit) and "Klopt dit nog?" mails them
(checks.owners)."""

from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import AuditEvent, Hub, Membership, Organization, Person, Role
from mantelzorg_app.services.directory import checks, edits, owners
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import audit


@dataclass
class World:
    leusden: Hub
    thuiszorg: Organization
    buurthulp: Organization
    elders: Organization  # Poperinge's
    members: dict[str, Membership]
    people: dict[str, Person]

    def actor(self, who: str, role: Role) -> Actor:
        member = self.members[who]
        return Actor(member.person_id, self.people[who].first_name, member.hub_id, frozenset({role}))


@pytest.fixture
def world(session: Session) -> World:
    hubs = {
        slug: Hub(slug=slug, name=slug.title(), country=country, timezone=zone, speech_locale=locale)
        for slug, country, zone, locale in (
            ("leusden", "NL", "Europe/Amsterdam", "nl-NL"),
            ("poperinge", "BE", "Europe/Brussels", "nl-BE"),
        )
    }
    session.add_all(hubs.values())
    session.flush()
    thuiszorg = Organization(hub_id=hubs["leusden"].id, uid="org-1", name="Thuiszorg Voorbeeld")
    buurthulp = Organization(hub_id=hubs["leusden"].id, uid="org-2", name="Buurthulp Voorbeeld")
    elders = Organization(hub_id=hubs["poperinge"].id, uid="org-3", name="Thuiszorg Elders")
    session.add_all([thuiszorg, buurthulp, elders])
    people, members = {}, {}
    for name, hub, role in (
        ("Nora", "leusden", Role.professional),
        ("Gerrit", "leusden", Role.coordinator),
        ("Carla", "leusden", Role.volunteer),
        ("Piet", "poperinge", Role.professional),
        ("Jolien", "poperinge", Role.coordinator),
    ):
        person = Person(first_name=name, email=f"{name.lower()}@example.org")
        session.add(person)
        session.flush()
        member = Membership(person_id=person.id, hub_id=hubs[hub].id, role=role)
        session.add(member)
        session.flush()
        people[name], members[name] = person, member
    session.commit()
    return World(hubs["leusden"], thuiszorg, buurthulp, elders, members, people)


def _links(session: Session) -> list:
    return session.exec(select(Membership.id, Membership.organization_id).order_by(Membership.id)).all()


def test_the_coordinator_links_a_professional_who_then_keeps_the_entries(session: Session, world: World):
    gerrit, nora = world.actor("Gerrit", Role.coordinator), world.actor("Nora", Role.professional)
    assert not edits.may_edit(session, nora, world.thuiszorg.id)
    assert not owners.keeps_entries(session, nora)

    owners.link(session, gerrit, world.members["Nora"].id, world.thuiszorg.id)
    session.commit()

    assert edits.may_edit(session, nora, world.thuiszorg.id)
    assert not edits.may_edit(session, nora, world.buurthulp.id)
    assert owners.keeps_entries(session, nora)
    assert [p.first_name for p in checks.owners(session, world.thuiszorg.id)] == ["Nora"]
    assert owners.linked(session, gerrit) == {world.members["Nora"].id: world.thuiszorg.id}
    logged = session.exec(select(AuditEvent).where(AuditEvent.action == owners.LINKED)).one()
    assert (logged.actor_id, logged.subject_id, logged.detail) == (
        gerrit.person_id,
        nora.person_id,
        str(world.thuiszorg.id),
    )


def test_another_organisation_or_none_takes_the_place_of_the_link(session: Session, world: World):
    gerrit, nora = world.actor("Gerrit", Role.coordinator), world.actor("Nora", Role.professional)
    owners.link(session, gerrit, world.members["Nora"].id, world.thuiszorg.id)
    owners.link(session, gerrit, world.members["Nora"].id, world.buurthulp.id)
    session.commit()
    assert edits.may_edit(session, nora, world.buurthulp.id)
    assert not edits.may_edit(session, nora, world.thuiszorg.id)

    owners.link(session, gerrit, world.members["Nora"].id, None)
    owners.link(session, gerrit, world.members["Nora"].id, None)  # nothing changes: no second row
    session.commit()
    assert not owners.keeps_entries(session, nora)
    assert owners.linked(session, gerrit) == {}
    details = session.exec(select(AuditEvent.detail).where(AuditEvent.action == owners.LINKED)).all()
    assert details == [str(world.thuiszorg.id), str(world.buurthulp.id), owners.NONE]


def test_the_choices_are_the_hubs_organisations_by_name(session: Session, world: World):
    found = owners.choices(session, world.actor("Gerrit", Role.coordinator))
    assert [c.name for c in found] == ["Buurthulp Voorbeeld", "Thuiszorg Voorbeeld"]


@pytest.mark.parametrize(
    ("who", "role", "member", "organization"),
    [
        ("Nora", Role.professional, "Nora", "thuiszorg"),  # not the coordinator: not even herself
        ("Carla", Role.volunteer, "Nora", "thuiszorg"),
        ("Jolien", Role.coordinator, "Nora", "thuiszorg"),  # another hub's coordinator
        ("Jolien", Role.coordinator, "Piet", "thuiszorg"),  # her own professional, our organisation
        ("Gerrit", Role.coordinator, "Piet", "elders"),  # another hub's professional
        ("Gerrit", Role.coordinator, "Nora", "elders"),  # another hub's organisation
        ("Gerrit", Role.coordinator, "Carla", "thuiszorg"),  # a volunteer is no professional
        ("Gerrit", Role.coordinator, "Gerrit", "thuiszorg"),  # nor is a coordinator's own membership
    ],
)
def test_anyone_else_or_anything_else_is_refused_and_logged(
    session: Session, world: World, who: str, role: Role, member: str, organization: str
):
    before, target = _links(session), getattr(world, organization).id
    with pytest.raises(Refused):
        owners.link(session, world.actor(who, role), world.members[member].id, target)
    session.commit()
    assert _links(session) == before
    assert session.exec(select(AuditEvent).where(AuditEvent.action == audit.REFUSED)).first() is not None


@pytest.mark.parametrize("junk", [0, -1, 2**40, "1", True, 1.0, None, [1]])
def test_junk_ids_are_refused(session: Session, world: World, junk):
    gerrit = world.actor("Gerrit", Role.coordinator)
    with pytest.raises(Refused):
        owners.link(session, gerrit, junk, world.thuiszorg.id)
    if junk is not None:  # None for the organisation means: no organisation
        with pytest.raises(Refused):
            owners.link(session, gerrit, world.members["Nora"].id, junk)
    session.commit()
    assert owners.linked(session, gerrit) == {}


def test_only_the_coordinator_reads_the_links_and_choices(session: Session, world: World):
    for read in (owners.choices, owners.linked):
        with pytest.raises(Refused):
            read(session, world.actor("Nora", Role.professional))
