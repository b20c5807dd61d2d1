"""The ways from a card into the chat (services.chat.sharing): "Stel een vraag" shows only when
someone of the organisation answers; "Stuur naar mijn vrijwilliger" puts a service's card, made
from the database, into the caregiver's conversation with their volunteer and nowhere else; and a
signed-in person's call-back keeps who asked (services.help.callbacks)."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMessage, Conversation, HelpRequest, Organization, Role, Service, Status
from mantelzorg_app.services.chat import conversations, sharing
from mantelzorg_app.services.help import callbacks
from tests.unit.auth_fixtures import NOW
from tests.unit.chat.chat_fixtures import add_professional, organisation, read
from tests.unit.help_fixtures import Help, actor, help_world, matched, refused

LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _service(session: Session, org: Organization, name: str, status: str = "active") -> Service:
    service = Service(
        hub_id=org.hub_id, organization_id=org.id, uid=f"svc-{name.lower()}", category="praten", name=name
    )
    service.status = status
    session.add(service)
    session.commit()
    session.refresh(service)
    return service


@pytest.fixture
def cafe_kaart(session: Session, world: Help) -> Service:
    return _service(session, organisation(session, world.leusden, "Steunpunt"), "Mantelzorgcafé")


def _pair(session: Session, world: Help) -> int:
    request = matched(session, world)
    conversation = conversations.for_request(session, world.caregiver, request.id, NOW)
    session.commit()
    return conversation.id


# --- "Stel een vraag" ----------------------------------------------------------------------------


def test_ask_shows_only_when_someone_of_the_organisation_answers(session: Session, world: Help) -> None:
    org = organisation(session, world.leusden, "Steunpunt")
    assert not sharing.askable(session, world.leusden.id, world.caregiver, org.id)
    assert not sharing.askable(session, world.leusden.id, None, org.id)

    own = add_professional(session, world.leusden, "Sanne", org)

    assert sharing.askable(session, world.leusden.id, world.caregiver, org.id)
    assert sharing.askable(session, world.leusden.id, None, org.id)  # a visitor: sign in first
    assert not sharing.askable(session, world.leusden.id, own, org.id), "not to one's own organisation"
    assert not sharing.askable(session, world.poperinge.id, world.caregiver, org.id), "another hub"


# --- "Stuur naar mijn vrijwilliger" ------------------------------------------------------------


def test_the_caregiver_sees_her_volunteer_by_first_name(session: Session, world: Help) -> None:
    assert sharing.volunteer_pairs(session, world.caregiver) == []
    pair = _pair(session, world)

    assert sharing.volunteer_pairs(session, world.caregiver) == [sharing.Pair(pair, "Vera")]
    assert sharing.volunteer_pairs(session, world.volunteer) == [], "the volunteer shares nothing to herself"
    assert sharing.volunteer_pairs(session, world.professional) == []


def test_a_shared_card_comes_from_the_database_and_goes_once(
    session: Session, world: Help, cafe_kaart: Service
) -> None:
    pair = _pair(session, world)

    message, new, found = sharing.share(session, world.caregiver, "service", str(cafe_kaart.id), pair, NOW)
    session.commit()
    again, new_again, _found = sharing.share(session, world.caregiver, "service", cafe_kaart.id, pair, LATER)
    session.commit()

    assert new and not new_again and again.id == message.id, "a double tap sends one card"
    assert found.conversation.id == pair
    (shown,) = read(session, world.volunteer, pair)
    assert shown.card == sharing.Card("service", "Mantelzorgcafé", f"sociale-kaart/{cafe_kaart.id}")
    assert shown.author == "Carla" and shown.text == ""


@pytest.mark.parametrize("kind", ["news", "", None, "__class__", ["service"]])
def test_an_unknown_kind_is_refused(session: Session, world: Help, cafe_kaart: Service, kind) -> None:
    pair = _pair(session, world)
    with refused(session, sharing.ACTION):
        sharing.share(session, world.caregiver, kind, cafe_kaart.id, pair, NOW)


def test_another_hubs_service_or_a_gone_one_is_refused(session: Session, world: Help) -> None:
    pair = _pair(session, world)
    elsewhere = _service(session, organisation(session, world.poperinge, "Elders"), "Ergens anders")
    gone = _service(session, organisation(session, world.leusden, "Weg"), "Bestaat niet meer", "defunct")

    for service in (elsewhere, gone):
        with refused(session, sharing.ACTION):
            sharing.share(session, world.caregiver, "service", service.id, pair, NOW)
    assert not session.exec(select(ChatMessage).where(ChatMessage.conversation_id == pair)).all()


def test_only_into_ones_own_conversation_with_a_volunteer(
    session: Session, world: Help, cafe_kaart: Service
) -> None:
    pair = _pair(session, world)
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    room = session.exec(select(Conversation).where(Conversation.kind == "room")).first()
    conversations.join(session, world.caregiver, room.id, NOW)
    session.commit()

    for who, conversation_id in (
        (world.caregiver, room.id),  # a room is not her volunteer
        (world.volunteer, pair),  # the volunteer's own way is the conversation page
        (world.professional, pair),
        (world.elsewhere, pair),
        (world.caregiver, 999999),
    ):
        with refused(session, sharing.ACTION):
            sharing.share(session, who, "service", cafe_kaart.id, conversation_id, NOW)


def test_no_card_once_the_help_ended(session: Session, world: Help, cafe_kaart: Service) -> None:
    pair = _pair(session, world)
    request = session.exec(select(HelpRequest)).one()
    request.status = Status.done
    session.add(request)
    session.commit()

    assert sharing.volunteer_pairs(session, world.caregiver) == []
    with refused(session, sharing.ACTION):
        sharing.share(session, world.caregiver, "service", cafe_kaart.id, pair, NOW)


# --- a call-back from a signed-in person ------------------------------------------------------------


def test_a_signed_in_persons_call_back_keeps_who_asked(session: Session, world: Help) -> None:
    hub = world.leusden.id
    signed_in = callbacks.ask(
        session, hub, "06 12345678", "ochtend", "", NOW, "1.2.3.4", asker=world.caregiver
    )
    visitor = callbacks.ask(session, hub, "06 87654321", "ochtend", "", NOW, "1.2.3.5")
    stranger = actor(world.bram, world.poperinge, Role.caregiver)  # signed in, not of this hub
    elsewhere = callbacks.ask(session, hub, "06 11223344", "ochtend", "", NOW, "1.2.3.6", asker=stranger)

    assert signed_in.person_id == world.carla.id
    assert visitor.person_id is None and elsewhere.person_id is None
    conversation = conversations.for_callback(session, world.coordinator, signed_in.id, NOW)
    session.commit()
    assert conversations.access(session, world.caregiver, conversation.id, "read-conversation").posting
