"""Wie is wie: the partners' contact people, for the hub's own professionals and coordinators only."""

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Role
from mantelzorg_app.services.directory import contacts
from tests.unit.directory.directory_fixtures import add_organization, add_service
from tests.unit.help_fixtures import Help, actor, help_world, refused


@pytest.fixture
def world(session: Session) -> Help:
    help = help_world(session)
    welzijn = add_organization(
        session,
        help.leusden,
        "Welzijn Leusden",
        partner_contact="Sanne de Vries",
        partner_phone="033 000 1111",
        partner_hours="maandag tot en met donderdag",
    )
    add_service(session, welzijn, "Consulent mantelzorg", "mantelzorgondersteuning", phone="033 000 2222")
    add_service(session, welzijn, "Mantelzorgcafé", "mantelzorgondersteuning")
    add_service(session, welzijn, "Oude dienst", "vervoer", status="defunct", phone="033 000 9999")
    add_organization(session, help.leusden, "buurthulp Zuid", informal=True)  # nothing on the kaart yet
    elsewhere = add_organization(session, help.poperinge, "OCMW Poperinge", partner_contact="Jan Peeters")
    add_service(session, elsewhere, "Thuiszorg", "thuiszorg")
    return help


def test_a_professional_sees_every_organisation_of_the_hub_with_its_contact_for_partners(session, world):
    found = contacts.partners(session, world.professional)
    assert [c.name for c in found] == ["buurthulp Zuid", "Welzijn Leusden"]  # by name, whatever the case
    neighbours, welzijn = found
    assert (welzijn.contact, welzijn.phone, welzijn.hours) == (
        "Sanne de Vries",
        "033 000 1111",
        "maandag tot en met donderdag",
    )
    assert welzijn.public_phone == "033 000 2222"
    assert [s.name for s in welzijn.services] == ["Consulent mantelzorg", "Mantelzorgcafé"]  # published only
    assert welzijn.services[0].category == "mantelzorgondersteuning"
    assert not welzijn.informal
    assert neighbours.informal and neighbours.contact == "" and neighbours.services == ()


def test_a_coordinator_sees_them_too_and_each_hub_only_its_own(session, world):
    assert [c.name for c in contacts.partners(session, world.coordinator)] == [
        "buurthulp Zuid",
        "Welzijn Leusden",
    ]
    (poperinge,) = contacts.partners(session, world.other_coordinator)
    assert poperinge.name == "OCMW Poperinge" and poperinge.contact == "Jan Peeters"


@pytest.mark.parametrize(
    "who",
    [
        lambda w: w.caregiver,
        lambda w: w.volunteer,
        lambda w: actor(w.carla, w.leusden, Role.trekker),
        lambda w: actor(w.petra, w.leusden),  # signed in, no role here: a professional of another hub
        lambda w: w.elsewhere,
    ],
    ids=["caregiver", "volunteer", "trekker", "other-hub-professional", "other-hub-caregiver"],
)
def test_anyone_else_is_refused_and_logged(session, world, who):
    with refused(session, contacts.ACTION):
        contacts.partners(session, who(world))
