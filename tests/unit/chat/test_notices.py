"""The unread mail: after an hour, at most one a day, one an unread stretch, switchable, sent once."""

from datetime import datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMember, ChatMessage, Conversation, Person, Role
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.chat import blocks, conversations, messages, notices
from mantelzorg_app.services.identity import memberships
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import mail
from tests.unit.auth_fixtures import NOW
from tests.unit.chat.chat_fixtures import link, organisation
from tests.unit.help_fixtures import Help, help_world, matched, without_vog

BASE = "https://hub.example.org"
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def pair(session: Session, world: Help) -> int:
    """Carla and Vera's conversation of a matched shopping request."""
    request = matched(session, world)
    conversation = conversations.for_request(session, world.caregiver, request.id, NOW)
    session.commit()
    return conversation.id


def say(session: Session, who: Actor, conversation_id: int, text: str, when: datetime) -> ChatMessage:
    found = conversations.access(session, who, conversation_id, "send-message")
    message, _new = messages.send(session, found, who.person_id, text, str(uuid4()), when)
    session.commit()
    return message


def read_all(session: Session, who: Actor, conversation_id: int) -> None:
    found = conversations.access(session, who, conversation_id, "read-messages")
    conversations.mark_read(session, found, found.conversation.last_seq)
    session.commit()


def mailed(session: Session, when: datetime) -> list[str]:
    return [m.to for m in notices.due_mails(session, when, BASE)]


def test_a_message_unread_for_an_hour_brings_one_mail_without_its_text(session, world: Help, pair: int):
    say(session, world.volunteer, pair, "Ik kom dinsdag om tien uur, Carla.", NOW)

    assert mailed(session, NOW + HOUR - timedelta(minutes=1)) == []  # not an hour yet
    (sent,) = notices.due_mails(session, NOW + HOUR, BASE)

    assert (sent.to, sent.subject) == (world.carla.email, "Er is een bericht voor u in de Mantelzorghub")
    assert f"{BASE}/leusden/praten" in sent.body and "Hallo Carla" in sent.body
    for secret in ("dinsdag", "tien uur", "Vera", str(pair)):
        assert secret not in sent.body and secret not in sent.subject
    assert session.get(Person, world.carla.id).chat_mailed_at == NOW + HOUR
    assert mailed(session, NOW + 2 * HOUR) == []  # the same message brings no second mail
    assert mailed(session, NOW + 2 * DAY) == []  # not the next day either: one an unread stretch


def test_the_hub_link_is_left_out_without_a_base(session, world: Help, pair: int):
    say(session, world.volunteer, pair, "Hallo!", NOW)
    (sent,) = notices.due_mails(session, NOW + HOUR, None)
    assert "Open de Mantelzorghub en log in." in sent.body and "http" not in sent.body


def test_read_in_time_brings_no_mail(session, world: Help, pair: int):
    say(session, world.volunteer, pair, "Hallo!", NOW)
    read_all(session, world.caregiver, pair)
    assert mailed(session, NOW + HOUR) == []


def test_at_most_one_mail_a_day(session, world: Help, pair: int):
    say(session, world.volunteer, pair, "Hallo!", NOW)
    assert mailed(session, NOW + HOUR) == [world.carla.email]
    read_all(session, world.caregiver, pair)  # a new stretch starts
    say(session, world.volunteer, pair, "Nog iets.", NOW + 2 * HOUR)

    assert mailed(session, NOW + 5 * HOUR) == []  # a new stretch, but the same day
    assert mailed(session, NOW + HOUR + DAY) == [world.carla.email]


def test_one_mail_covers_every_conversation_that_waits(session, world: Help, pair: int):
    other = conversations.for_request(session, world.caregiver, matched(session, world).id, NOW)
    session.commit()
    say(session, world.volunteer, pair, "Hallo!", NOW)
    say(session, world.volunteer, other.id, "En hier ook.", NOW)

    assert mailed(session, NOW + HOUR) == [world.carla.email]
    members = session.exec(select(ChatMember).where(ChatMember.person_id == world.carla.id)).all()
    assert {m.conversation_id for m in members if m.mailed_seq > m.read_seq} == {pair, other.id}


def test_the_switch_on_mijn_gegevens_stops_it(session, world: Help, pair: int):
    carla = session.get(Person, world.carla.id)
    carla.chat_mail = False
    session.add(carla)
    session.commit()
    say(session, world.volunteer, pair, "Hallo!", NOW)

    assert mailed(session, NOW + HOUR) == []
    assert session.get(Person, world.carla.id).chat_mailed_at is None


def test_switched_off_after_the_list_was_made_still_stops_it(session, world: Help, pair: int):
    say(session, world.volunteer, pair, "Hallo!", NOW)
    (stretches,) = notices.waiting(session, NOW + HOUR).values()
    carla = session.get(Person, world.carla.id)
    carla.chat_mail = False
    session.add(carla)
    session.commit()

    assert not notices._claim(session, world.carla.id, stretches, NOW + HOUR)


def test_twice_claimed_is_one_mail(engine: Engine, session, world: Help, pair: int):
    """Two workers find the same waiting message; only the first one's claim takes it."""
    say(session, world.volunteer, pair, "Hallo!", NOW)
    with Session(engine) as one, Session(engine) as two:
        first, second = notices.waiting(one, NOW + HOUR), notices.waiting(two, NOW + HOUR)
        assert list(first) == list(second) == [world.carla.id]
        assert notices._claim(one, world.carla.id, first[world.carla.id], NOW + HOUR)
        assert not notices._claim(two, world.carla.id, second[world.carla.id], NOW + HOUR)
    assert mailed(session, NOW + HOUR) == []  # a later run (or a restarted worker) finds it taken


def test_the_hourly_run_sends_it_once(session, world: Help, pair: int, monkeypatch: pytest.MonkeyPatch):
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)
    say(session, world.volunteer, pair, "Hallo!", NOW)

    assert housekeeping.send_due_mails(session, NOW + HOUR, BASE)["'Er is een bericht voor u'"] == 1
    assert housekeeping.send_due_mails(session, NOW + HOUR, BASE)["'Er is een bericht voor u'"] == 0
    assert [m.to for m in sent] == [world.carla.email]


def test_no_mail_for_messages_of_someone_one_blocked(session, world: Help, pair: int):
    blocks.block(session, world.caregiver, world.vera.id, NOW)
    session.commit()
    say(session, world.volunteer, pair, "Hallo!", NOW)
    assert mailed(session, NOW + HOUR) == []


def test_no_mail_for_ones_own_message(session, world: Help, pair: int):
    say(session, world.caregiver, pair, "Hallo Vera!", NOW)
    read_all(session, world.volunteer, pair)
    assert mailed(session, NOW + HOUR) == []


def test_no_mail_for_a_message_the_coordinator_hid(session, world: Help, pair: int):
    message = say(session, world.volunteer, pair, "Hallo!", NOW)
    message = session.get(ChatMessage, message.id)
    message.hidden_at = NOW
    session.add(message)
    session.commit()
    assert mailed(session, NOW + HOUR) == []


def test_no_mail_from_a_conversation_the_volunteer_may_no_longer_read(session, world: Help):
    request = matched(session, world, category="klusjes")  # help at home: needs her VOG
    conversation = conversations.for_request(session, world.caregiver, request.id, NOW)
    session.commit()
    say(session, world.caregiver, conversation.id, "Komt u maandag?", NOW)
    without_vog(session, world.vera)

    assert mailed(session, NOW + HOUR) == []


def test_a_group_rooms_messages_bring_no_mail(session, world: Help, pair: int):
    """Not for a member, nor for one the coordinator removed: only a 1:1 or a question mails."""
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    room = session.exec(select(Conversation).where(Conversation.title == conversations.CAFE)).one()
    conversations.join(session, world.caregiver, room.id, NOW)
    conversations.join(session, world.volunteer, room.id, NOW)
    session.commit()
    say(session, world.volunteer, room.id, "Goedemorgen allemaal!", NOW)
    assert mailed(session, NOW + HOUR) == []
    say(session, world.volunteer, pair, "Ik kom dinsdag.", NOW + HOUR)  # a 1:1 does
    assert mailed(session, NOW + 2 * HOUR) == [world.carla.email]


def test_no_mail_for_one_who_may_no_longer_read_it(session, world: Help, pair: int):
    """The same rule as the page: not a person whose roles all went, not a professional linked to
    another organisation since."""
    welzijn = organisation(session, world.leusden, "Welzijn Leusden")
    petra = link(session, world.petra, world.leusden, welzijn)
    asked = conversations.ask_organisation(session, world.caregiver, welzijn.id, None, NOW)
    session.commit()
    say(session, petra, asked.id, "Wat kan ik voor u doen?", NOW)  # Petra is a member now
    say(session, world.caregiver, asked.id, "Ik zoek dagbesteding.", NOW)
    say(session, world.volunteer, pair, "Ik kom dinsdag.", NOW)
    link(session, world.petra, world.leusden, None)
    memberships.revoke(session, world.coordinator, world.carla.id, Role.caregiver)
    assert mailed(session, NOW + HOUR) == []
