"""Staff never silently reuse an account: the person's yes by mail comes before a role or consent."""

import re
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Consent, Membership, Person, Role, Status
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.help import requests, volunteering
from mantelzorg_app.services.help.requests import OnBehalf
from mantelzorg_app.services.identity import memberships
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, draft, help_world, save_profile

BASE = "https://leusden.example.org"
LINK = re.compile(r"https://leusden\.example\.org/auth/ja\?t=(\S+)")


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _roles(session: Session, person: Person, hub_id: int) -> list[Role]:
    found = select(Membership.role).where(Membership.person_id == person.id, Membership.hub_id == hub_id)
    return sorted(session.exec(found).all())


def _post_for(session: Session, world: Help, name: str, email: str):
    request = requests.create_on_behalf(
        session,
        world.professional,
        draft(world.centrum, category="boodschappen"),
        OnBehalf(name, email, True),
        NOW,
    )
    return request, confirmations.posted_for(session, request, BASE, NOW)


def test_posting_for_someone_else_s_account_adds_nothing_until_their_yes(session: Session, world: Help):
    """The finding: Petra typed Bram's address (a caregiver in Poperinge) and saw his real name."""
    request, message = _post_for(session, world, "Karel", world.bram.email)

    assert _roles(session, world.bram, world.leusden.id) == []
    assert session.exec(select(Consent).where(Consent.person_id == world.bram.id)).all() == []
    (mine,) = requests.mine(session, world.professional)
    assert (mine.caregiver, requests.shown_status(mine.request)) == ("Karel", Status.open)
    assert "Bram" not in repr(mine)
    save_profile(session, world.volunteer, [world.centrum])
    assert [f.request.id for f in volunteering.fits(session, world.volunteer, NOW)] == []
    assert message.to == world.bram.email and request.text not in message.body

    token = LINK.search(message.body).group(1)
    assert confirmations.peek(session, token, NOW).purpose == "on-behalf"
    assert confirmations.confirm(session, token, NOW) == "/leusden/inloggen?verder=hulpvragen"

    assert _roles(session, world.bram, world.leusden.id) == [Role.caregiver]
    assert len(session.exec(select(Consent).where(Consent.person_id == world.bram.id)).all()) == 1
    assert session.get(type(request), request.id).status == Status.open
    assert [f.request.id for f in volunteering.fits(session, world.volunteer, NOW)] == [request.id]
    assert confirmations.confirm(session, token, NOW) is None  # used once


def test_the_poster_s_words_and_the_mail_are_alike_for_a_new_address(session: Session, world: Help):
    request, message = _post_for(session, world, "Dana", "dana@example.org")
    assert request.status == Status.open
    assert message.to == "dana@example.org" and "Hallo Dana" in message.body
    (mine,) = requests.mine(session, world.professional)
    assert (mine.caregiver, requests.shown_status(mine.request)) == ("Dana", Status.open)


def test_a_yes_link_expires_after_a_week(session: Session, world: Help):
    _, message = _post_for(session, world, "Karel", world.bram.email)
    token = LINK.search(message.body).group(1)
    later = NOW + timedelta(days=7, minutes=1)
    assert confirmations.peek(session, token, later) is None
    assert confirmations.confirm(session, token, later) is None
    assert _roles(session, world.bram, world.leusden.id) == []


def test_inviting_an_existing_account_shows_and_adds_nothing_until_the_yes(session: Session, world: Help):
    """The finding: a coordinator inviting any address saw its real name in the list."""
    message = confirmations.invite_professional(
        session, world.coordinator, "Karel", world.carla.email, BASE, NOW
    )

    assert _roles(session, world.carla, world.leusden.id) == [Role.caregiver]
    names = [m.first_name for m in memberships.overview(session, world.coordinator).professionals]
    assert names == ["Petra"]
    assert message.to == world.carla.email

    token = LINK.search(message.body).group(1)
    assert confirmations.confirm(session, token, NOW) == "/leusden/inloggen"
    assert _roles(session, world.carla, world.leusden.id) == [Role.caregiver, Role.professional]


def test_a_new_address_is_invited_the_same_way(session: Session, world: Help):
    message = confirmations.invite_professional(
        session, world.coordinator, " Eva ", "eva@example.org", BASE, NOW
    )
    eva = session.exec(select(Person).where(Person.email == "eva@example.org")).one()
    assert eva.first_name == "Eva" and _roles(session, eva, world.leusden.id) == []
    names = [m.first_name for m in memberships.overview(session, world.coordinator).professionals]
    assert names == ["Petra"]
    confirmations.confirm(session, LINK.search(message.body).group(1), NOW)
    assert _roles(session, eva, world.leusden.id) == [Role.professional]


def test_an_invitation_needs_a_coordinator_still_in_office(session: Session, world: Help):
    message = confirmations.invite_professional(
        session, world.coordinator, "Karel", world.carla.email, BASE, NOW
    )
    cora = session.exec(select(Membership).where(Membership.person_id == world.cora.id)).one()
    session.delete(cora)
    session.commit()
    assert confirmations.confirm(session, LINK.search(message.body).group(1), NOW) is None
    assert _roles(session, world.carla, world.leusden.id) == [Role.caregiver]
