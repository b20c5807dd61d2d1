"""Reports to the hub's coordinator, blocks of a message's author, and the coordinator's decisions."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMember, ChatMessage, ChatReport, Conversation, Kind, Reason
from mantelzorg_app.services.chat import blocks, conversations, messages, moderation
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import audit
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW, audit_events
from tests.unit.help_fixtures import Help, help_world, matched, refused

BASE = "https://hub.example.org"
RUDE_TEXT = "Jij bent dom en lelijk"


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _cafe(session: Session, world: Help) -> Conversation:
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    session.commit()
    return session.exec(
        select(Conversation).where(
            Conversation.hub_id == world.leusden.id,
            Conversation.kind == Kind.room,
            Conversation.wijk_id.is_(None),
        )
    ).one()


def _say(session: Session, who: Actor, conversation_id: int, text: str, n: int = 1) -> ChatMessage:
    found = conversations.access(session, who, conversation_id, "send-message")
    message, _new = messages.send(session, found, who.person_id, text, f"local-{who.person_id}-{n:04d}", NOW)
    session.commit()
    return message


@pytest.fixture
def room(session: Session, world: Help) -> tuple[int, ChatMessage]:
    """Leusden's café with Carla, Vera and Victor in it; Vera wrote something rude."""
    cafe = _cafe(session, world)
    for who in (world.caregiver, world.volunteer, world.unvetted):
        conversations.join(session, who, cafe.id, NOW)
    session.commit()
    return cafe.id, _say(session, world.volunteer, cafe.id, RUDE_TEXT)


@pytest.fixture
def pair(session: Session, world: Help) -> tuple[int, ChatMessage]:
    """Carla and Vera's 1:1 of a matched request, with a message from Vera."""
    request = matched(session, world)
    conversation = conversations.for_request(session, world.caregiver, request.id, NOW)
    session.commit()
    return conversation.id, _say(session, world.volunteer, conversation.id, "Tot morgen!")


def _reports(session: Session, message_id: int) -> list[ChatReport]:
    return list(session.exec(select(ChatReport).where(ChatReport.message_id == message_id)).all())


def _report(session: Session, who: Actor, message_id: int, reason=Reason.rude, base=BASE):
    told = moderation.report(session, who, message_id, reason, NOW, base)
    session.commit()
    return told


def test_a_report_mails_the_coordinator_once_without_the_message(session: Session, world: Help, room):
    _cafe_id, message = room
    told = _report(session, world.caregiver, message.id)
    assert [m.to for m in told] == [world.cora.email]
    (note,) = told
    assert note.subject == "Er is een bericht gemeld"
    assert f"{BASE}/leusden/beheer/praten" in note.body
    assert RUDE_TEXT not in note.body and "Vera" not in note.body and "Carla" not in note.body
    assert _report(session, world.caregiver, message.id, Reason.unsafe) == []  # once per person
    assert _report(session, world.unvetted, message.id, Reason.unsafe) == []  # the list has it already
    assert sorted(r.reason for r in _reports(session, message.id)) == [Reason.rude, Reason.unsafe]
    assert len(audit_events(session, moderation.REPORTED)) == 2


def test_without_a_public_address_the_mail_says_to_open_the_app(session: Session, world: Help, room):
    (note,) = _report(session, world.caregiver, room[1].id, base=None)
    assert "Open de Mantelzorghub en log in." in note.body


def test_only_who_can_read_the_message_reports_it(session: Session, world: Help, room, pair):
    with refused(session, "report-message"):
        moderation.report(session, world.professional, room[1].id, Reason.rude, NOW)  # not in the room
    with refused(session, "report-message"):
        moderation.report(session, world.unvetted, pair[1].id, Reason.rude, NOW)  # not in the 1:1
    with refused(session, "report-message"):
        moderation.report(session, world.elsewhere, room[1].id, Reason.rude, NOW)  # another hub
    with refused(session, "report-message"):
        moderation.report(session, world.caregiver, 99999, Reason.rude, NOW)
    with refused(session, "report-message"):
        moderation.report(session, world.caregiver, room[1].id, "boring", NOW)
    assert _report(session, world.caregiver, pair[1].id) != []  # in the 1:1: yes
    assert session.exec(select(ChatReport)).all()[0].message_id == pair[1].id


def test_nobody_reports_their_own_message(session: Session, world: Help, room):
    with pytest.raises(Invalid) as raised:
        moderation.report(session, world.volunteer, room[1].id, Reason.spam, NOW)
    assert raised.value.problems == {"report": moderation.OWN_MESSAGE}


def test_reports_a_day_are_capped(session: Session, world: Help, room, monkeypatch):
    monkeypatch.setattr(moderation, "REPORTS_PER_DAY", 2)
    cafe_id = room[0]
    said = [_say(session, world.volunteer, cafe_id, f"bericht {n}", n) for n in range(2, 5)]
    _report(session, world.caregiver, said[0].id)
    _report(session, world.caregiver, said[1].id)
    with pytest.raises(Invalid) as raised:
        moderation.report(session, world.caregiver, said[2].id, Reason.spam, NOW)
    assert raised.value.problems == {"report": moderation.TOO_MANY_REPORTS}
    later = NOW + timedelta(days=1, minutes=1)
    assert moderation.report(session, world.caregiver, said[2].id, Reason.spam, later) != []


def test_anyone_who_reads_a_message_blocks_its_author(session: Session, world: Help, room, pair):
    assert moderation.block_author(session, world.caregiver, room[1].id, NOW) == world.vera.id
    session.commit()
    assert blocks.blocked_by(session, world.carla.id) == {world.vera.id}
    found = conversations.access(session, world.caregiver, pair[0], "read")
    assert messages.after(session, found, world.carla.id, 0) == []  # not in the 1:1 either
    with refused(session, "block-author"):
        moderation.block_author(session, world.volunteer, room[1].id, NOW)  # herself
    with refused(session, "block-author"):
        moderation.block_author(session, world.professional, room[1].id, NOW)  # not in the room
    assert len(audit_events(session, moderation.BLOCKED)) == 1


def test_the_list_is_for_the_coordinator_of_the_hub(session: Session, world: Help, room, pair):
    _report(session, world.caregiver, room[1].id, Reason.rude)
    _report(session, world.unvetted, room[1].id, Reason.rude)
    _report(session, world.caregiver, pair[1].id, Reason.unsafe)
    with refused(session, "chat-reports"):
        moderation.reports(session, world.caregiver)
    assert moderation.reports(session, world.other_coordinator) == []
    first, second = moderation.reports(session, world.coordinator)
    assert (first.text, first.author, first.where, first.kind) == (
        RUDE_TEXT,
        "Vera",
        "Online Mantelzorgcafé",
        Kind.room,
    )
    assert first.reasons == ((Reason.rude, 2),) and first.count == 2
    assert first.removable and not first.hidden
    assert (second.text, second.where, second.count, second.removable) == (
        "Tot morgen!",
        "Carla, Vera",
        1,
        False,
    )
    assert second.reasons == ((Reason.unsafe, 1),)


def test_hide_hides_the_message_and_handles_every_report_of_it(session: Session, world: Help, room):
    _report(session, world.caregiver, room[1].id)
    _report(session, world.unvetted, room[1].id, Reason.spam)
    (listed,) = moderation.reports(session, world.coordinator)
    assert moderation.hide(session, world.coordinator, listed.report_id, NOW) == []
    session.commit()
    assert {(r.outcome, r.handled_at is not None) for r in _reports(session, room[1].id)} == {
        ("hidden", True)
    }
    assert moderation.reports(session, world.coordinator) == []
    found = conversations.access(session, world.caregiver, room[0], "read")
    (shown,) = messages.after(session, found, world.carla.id, 0)
    assert shown.hidden and shown.text == ""
    moderation.hide(session, world.coordinator, listed.report_id, NOW)  # a second tap: nothing more
    session.commit()
    assert len(audit_events(session, moderation.HIDDEN)) == 1
    assert _report(session, world.caregiver, room[1].id) == []  # hidden: nothing to report


def test_warn_mails_the_author_without_the_message_or_who_reported(session: Session, world: Help, room):
    _report(session, world.caregiver, room[1].id)
    (listed,) = moderation.reports(session, world.coordinator)
    (warning,) = moderation.warn(session, world.coordinator, listed.report_id, NOW)
    session.commit()
    assert warning.to == world.vera.email
    assert "Een bericht van u in de Mantelzorghub is gemeld" in warning.body
    assert RUDE_TEXT not in warning.body and "Carla" not in warning.body
    assert session.get(ChatMessage, room[1].id).hidden_at is not None
    assert [r.outcome for r in _reports(session, room[1].id)] == ["warned"]
    assert moderation.warn(session, world.coordinator, listed.report_id, NOW) == []  # once
    assert len(audit_events(session, moderation.WARNED)) == 1


def test_remove_takes_the_author_out_of_the_room_for_good(session: Session, world: Help, room, pair):
    cafe_id, message = room
    _report(session, world.caregiver, message.id)
    (listed,) = moderation.reports(session, world.coordinator)
    (told,) = moderation.remove_from_room(session, world.coordinator, listed.report_id, NOW)
    session.commit()
    assert told.to == world.vera.email and "Online Mantelzorgcafé" in told.body
    member = session.exec(
        select(ChatMember).where(ChatMember.conversation_id == cafe_id, ChatMember.person_id == world.vera.id)
    ).one()
    assert member.removed_at is not None
    assert [r.outcome for r in _reports(session, message.id)] == ["removed"]
    with refused(session, "join-room"):
        conversations.join(session, world.volunteer, cafe_id, NOW)
    with refused(session, "send-message"):
        conversations.access(session, world.volunteer, cafe_id, "send-message")
    assert len(audit_events(session, moderation.REMOVED)) == 1
    _report(session, world.caregiver, pair[1].id)
    pair_report = moderation.reports(session, world.coordinator)[0]
    with refused(session, "chat-remove"):
        moderation.remove_from_room(session, world.coordinator, pair_report.report_id, NOW)  # a 1:1


def test_keep_handles_the_reports_and_changes_nothing(session: Session, world: Help, room):
    _report(session, world.caregiver, room[1].id)
    (listed,) = moderation.reports(session, world.coordinator)
    moderation.keep(session, world.coordinator, listed.report_id, NOW)
    session.commit()
    assert session.get(ChatMessage, room[1].id).hidden_at is None
    assert [r.outcome for r in _reports(session, room[1].id)] == ["kept"]
    assert [e.action for e in audit_events(session) if e.action.startswith("chat-")][-1] == moderation.KEPT


def test_only_the_hubs_coordinator_decides(session: Session, world: Help, room):
    _report(session, world.caregiver, room[1].id)
    (listed,) = moderation.reports(session, world.coordinator)
    for decide, action in (
        (moderation.hide, "chat-hide"),
        (moderation.warn, "chat-warn"),
        (moderation.remove_from_room, "chat-remove"),
        (moderation.keep, "chat-keep"),
    ):
        with refused(session, action):
            decide(session, world.other_coordinator, listed.report_id, NOW)
        with refused(session, action):
            decide(session, world.caregiver, listed.report_id, NOW)
    with refused(session, "chat-hide"):
        moderation.hide(session, world.coordinator, 99999, NOW)
    assert [r.handled_at for r in _reports(session, room[1].id)] == [None]
    assert audit_events(session, audit.REFUSED)
