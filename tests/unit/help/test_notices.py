"""Mails that tell people what happened: who gets them, what they say (and do not), sent once."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import FollowUp, HelpOffer
from mantelzorg_app.services.help import notices
from tests.unit.help_fixtures import NOW, Help, ask, help_world

BASE = "https://leusden.example.org"


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def test_an_offer_tells_the_caregiver_with_first_names_only(session: Session, world: Help):
    request = ask(
        session, world.caregiver, world.centrum, text="Mijn moeder is erg ziek; wie doet boodschappen?"
    )
    offer = HelpOffer(request_id=request.id, volunteer_id=world.vera.id, status="offered")
    session.add(offer)
    session.commit()
    [told] = notices.offer_made(session, offer, BASE)
    assert told.to == world.carla.email
    assert told.subject == "Iemand wil u helpen"
    assert "Vera wil helpen" in told.body and f"{BASE}/leusden/hulpvragen" in told.body
    assert "ziek" not in told.body  # the request's own words stay in the app


def test_without_a_trusted_address_the_mail_says_to_open_the_app(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    offer = HelpOffer(request_id=request.id, volunteer_id=world.vera.id, status="offered")
    session.add(offer)
    session.commit()
    [told] = notices.offer_made(session, offer, None)
    assert "Open de Mantelzorghub en log in." in told.body and "http" not in told.body


def test_due_follow_ups_are_mailed_once(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    session.add(FollowUp(request_id=request.id, person_id=world.carla.id, due_at=NOW))
    session.add(FollowUp(request_id=request.id, person_id=world.vera.id, due_at=NOW + timedelta(days=1)))
    session.commit()
    [asked] = notices.due_follow_ups(session, NOW, BASE)
    assert asked.to == world.carla.email and asked.subject == "Is het gelukt?"
    assert notices.due_follow_ups(session, NOW, BASE) == []
    assert len(notices.due_follow_ups(session, NOW + timedelta(days=1), BASE)) == 1
