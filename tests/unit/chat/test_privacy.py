"""AVG for the chat (export and wipe, through services.privacy) and how long 1:1s are kept."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import uuid4

import pytest
from sqlmodel import Session, col, func, select

from mantelzorg_app.models import (
    CallbackTask,
    ChatBlock,
    ChatMember,
    ChatMessage,
    ChatReport,
    Conversation,
    Hub,
    Kind,
    Membership,
    Organization,
    Reason,
)
from mantelzorg_app.services import housekeeping, privacy
from mantelzorg_app.services.chat import blocks, conversations, messages
from mantelzorg_app.services.chat import privacy as chat_privacy
from mantelzorg_app.services.identity.authz import Actor
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, help_world, matched


@dataclass(frozen=True)
class Chats:
    pair: int  # Carla and Vera, about Carla's request
    room: int  # the café: Carla and Vera each said something
    asked: int  # Carla's question to the Thuiszorg, answered by Petra
    carla_in_room: int  # the message id
    vera_in_room: int


def say(session: Session, who: Actor, conversation_id: int, text: str, when: datetime = NOW) -> int:
    found = conversations.access(session, who, conversation_id, "send-message")
    message, _new = messages.send(session, found, who.person_id, text, str(uuid4()), when)
    session.commit()
    return message.id


def shown(session: Session, who: Actor, conversation_id: int) -> list[tuple[str, str]]:
    found = conversations.access(session, who, conversation_id, "read-messages")
    return [(m.author, m.text) for m in messages.after(session, found, who.person_id, 0)]


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def chats(session: Session, world: Help) -> Chats:
    request = matched(session, world)
    pair = conversations.for_request(session, world.caregiver, request.id, NOW).id
    session.commit()
    say(session, world.caregiver, pair, "Fijn dat u komt, Vera.")
    say(session, world.volunteer, pair, "Graag gedaan.")

    conversations.ensure_rooms(session, world.leusden.id, NOW)
    room = session.exec(select(Conversation).where(Conversation.title == conversations.CAFE)).one().id
    for who in (world.caregiver, world.volunteer):
        conversations.join(session, who, room, NOW)
    session.commit()
    carla_in_room = say(session, world.caregiver, room, "Wie gaat er mee wandelen?")
    vera_in_room = say(session, world.volunteer, room, "Ik ga graag mee.")

    thuiszorg = Organization(hub_id=world.leusden.id, uid=str(uuid4()), name="Thuiszorg Leusden")
    session.add(thuiszorg)
    session.flush()
    petra = session.exec(select(Membership).where(Membership.person_id == world.petra.id)).one()
    petra.organization_id = thuiszorg.id
    session.add(petra)
    session.commit()
    asked = conversations.ask_organisation(session, world.caregiver, thuiszorg.id, None, NOW).id
    session.commit()
    say(session, world.caregiver, asked, "Kan ik een rolstoel lenen?")
    say(session, world.professional, asked, "Ja, bij de uitleen in het dorpshuis.")

    for reporter, message_id in ((world.caregiver, vera_in_room), (world.volunteer, carla_in_room)):
        session.add(
            ChatReport(
                hub_id=world.leusden.id,
                message_id=message_id,
                reporter_id=reporter.person_id,
                reason=Reason.rude,
            )
        )
    blocks.block(session, world.caregiver, world.victor.id, NOW)
    blocks.block(session, world.unvetted, world.carla.id, NOW)
    session.commit()
    return Chats(pair, room, asked, carla_in_room, vera_in_room)


def _count(session: Session, table, *where) -> int:
    return session.exec(select(func.count()).select_from(table).where(*where)).one()


# --- export ----------------------------------------------------------------------------------------------


def test_the_export_holds_her_messages_conversations_blocks_and_reports(session, world: Help, chats: Chats):
    data = privacy.export(session, world.carla.id)

    assert [(m["conversation_kind"], m["conversation_title"], m["text"]) for m in data["chat_messages"]] == [
        (Kind.pair, "", "Fijn dat u komt, Vera."),
        (Kind.room, "Online Mantelzorgcafé", "Wie gaat er mee wandelen?"),
        (Kind.organisation, "Thuiszorg Leusden", "Kan ik een rolstoel lenen?"),
    ]
    assert all(m["created_at"] == NOW.isoformat() and m["hub"] == "leusden" for m in data["chat_messages"])
    assert [(c["kind"], c["title"]) for c in data["chat_conversations"]] == [
        (Kind.pair, ""),
        (Kind.room, "Online Mantelzorgcafé"),
        (Kind.organisation, "Thuiszorg Leusden"),
    ]
    assert data["chat_blocks_you_made"] == [{"created_at": NOW.isoformat()}]
    assert [r["reason"] for r in data["chat_reports_you_made"]] == [Reason.rude]
    assert data["chat_mail"] == {"on": True, "last_mailed_at": None}


def test_the_export_holds_nothing_of_anyone_else(session, world: Help, chats: Chats):
    text = json.dumps(privacy.export(session, world.carla.id))
    for word in ("Graag gedaan", "Ik ga graag mee", "dorpshuis", "Petra", "Victor", "Cora"):
        assert word not in text
    assert '"id"' not in text and '_id"' not in text


# --- wipe ------------------------------------------------------------------------------------------------


def test_a_wiped_caregiver_takes_her_1_to_1s_and_leaves_her_room_words_unsigned(session, world: Help, chats):
    assert privacy.delete(session, world.carla.id)
    session.expire_all()

    assert session.get(Conversation, chats.pair) is None  # the 1:1 goes whole
    assert session.get(Conversation, chats.asked) is None  # her question to the organisation too
    assert _count(session, ChatMessage, col(ChatMessage.conversation_id).in_([chats.pair, chats.asked])) == 0
    assert _count(session, ChatMember, col(ChatMember.conversation_id).in_([chats.pair, chats.asked])) == 0
    assert shown(session, world.volunteer, chats.room) == [
        ("", "Wie gaat er mee wandelen?"),  # the page shows "verwijderde gebruiker"
        ("Vera", "Ik ga graag mee."),
    ]
    assert session.get(ChatMessage, chats.carla_in_room).author_id is None
    assert _count(session, ChatMember, ChatMember.person_id == world.carla.id) == 0
    assert _count(session, ChatBlock) == 0  # hers and those of her
    # her report went; Vera's report of her message stays for the coordinator
    assert session.exec(select(ChatReport.message_id)).all() == [chats.carla_in_room]


def test_a_wiped_volunteer_takes_the_1_to_1_and_keeps_the_room(session, world: Help, chats: Chats):
    assert privacy.delete(session, world.vera.id)
    session.expire_all()

    assert session.get(Conversation, chats.pair) is None
    assert shown(session, world.caregiver, chats.room) == [
        ("Carla", "Wie gaat er mee wandelen?"),
        ("", "Ik ga graag mee."),
    ]
    assert session.get(Conversation, chats.asked) is not None


def test_a_wiped_professional_leaves_the_organisations_answer_unsigned(session, world: Help, chats: Chats):
    assert privacy.delete(session, world.petra.id)
    session.expire_all()

    assert shown(session, world.caregiver, chats.asked) == [
        ("Carla", "Kan ik een rolstoel lenen?"),
        ("", "Ja, bij de uitleen in het dorpshuis."),
    ]


def test_a_wiped_person_who_asked_for_a_call_back_takes_its_conversation(session, world: Help):
    task = CallbackTask(
        hub_id=world.leusden.id, phone="+31612345678", good_time="ochtend", person_id=world.carla.id
    )
    session.add(task)
    session.commit()
    conversation = conversations.for_callback(session, world.coordinator, task.id, NOW)
    session.commit()
    say(session, world.coordinator, conversation.id, "Ik bel u morgen.")

    assert privacy.delete(session, world.carla.id)
    session.expire_all()
    assert session.get(Conversation, conversation.id) is None
    assert _count(session, CallbackTask) == 0  # her number went with her


def test_no_chat_row_points_at_a_wiped_person(session, world: Help, chats: Chats):
    people = (world.carla.id, world.vera.id, world.petra.id, world.victor.id)
    for person_id in people:
        assert privacy.delete(session, person_id)
    connection = session.connection()
    for table in (model.__table__ for model in chat_privacy.TABLES):
        for key in table.foreign_keys:
            if key.column.table.name == "person":
                assert connection.execute(table.select().where(key.parent.in_(people))).all() == []


# --- retention -------------------------------------------------------------------------------------------


def _keep(session: Session, hub_id: int, months: int) -> None:
    hub = session.get(Hub, hub_id)
    hub.chat_keep_months = months
    session.add(hub)
    session.commit()


def test_months_before_counts_calendar_months():
    assert chat_privacy.months_before(datetime(2026, 3, 31, 12), 1) == datetime(2026, 2, 28, 12)
    assert chat_privacy.months_before(datetime(2026, 1, 15), 12) == datetime(2025, 1, 15)
    assert chat_privacy.months_before(datetime(2026, 1, 15), 13) == datetime(2024, 12, 15)


def test_tidy_removes_1_to_1s_silent_longer_than_the_hub_keeps_them(session, world: Help, chats: Chats):
    year_on = chat_privacy.months_before(NOW, -12)  # twelve months after the last message

    assert housekeeping.tidy(session, year_on)["old conversations"] == 0  # exactly 12 months: kept
    counts = housekeeping.tidy(session, year_on + timedelta(minutes=1))

    assert counts["old conversations"] == 2
    assert session.get(Conversation, chats.pair) is None and session.get(Conversation, chats.asked) is None
    assert _count(session, ChatMessage, ChatMessage.conversation_id == chats.pair) == 0
    assert _count(session, ChatMember, ChatMember.conversation_id == chats.pair) == 0
    assert _count(session, ChatMessage, ChatMessage.conversation_id == chats.room) == 2  # rooms stay
    assert _count(session, ChatReport) == 2


def test_a_new_message_keeps_the_1_to_1_longer(session, world: Help, chats: Chats):
    later = NOW + timedelta(days=200)
    say(session, world.caregiver, chats.pair, "Komt u volgende week weer?", later)
    assert chat_privacy.forget_old(session, chat_privacy.months_before(NOW, -13)) == 1  # only the question
    assert session.get(Conversation, chats.pair) is not None


def test_each_hub_keeps_them_as_long_as_it_says(session, world: Help, chats: Chats):
    _keep(session, world.leusden.id, 3)
    assert chat_privacy.forget_old(session, NOW + timedelta(days=80)) == 0
    assert chat_privacy.forget_old(session, NOW + timedelta(days=100)) == 2


def test_a_conversation_without_messages_counts_from_its_start(session, world: Help):
    request = matched(session, world)
    silent = conversations.for_request(session, world.caregiver, request.id, NOW).id
    session.commit()
    assert chat_privacy.forget_old(session, NOW + timedelta(days=364)) == 0
    assert chat_privacy.forget_old(session, NOW + timedelta(days=367)) == 1
    assert session.get(Conversation, silent) is None


def test_a_call_backs_conversation_outlives_its_number(session, world: Help):
    task = CallbackTask(
        hub_id=world.leusden.id, phone="+31612345678", good_time="ochtend", person_id=world.carla.id
    )
    session.add(task)
    session.commit()
    conversation = conversations.for_callback(session, world.coordinator, task.id, NOW)
    session.commit()
    say(session, world.coordinator, conversation.id, "Ik bel u morgen.")
    task = session.get(CallbackTask, task.id)
    task.done_at = NOW
    session.add(task)
    session.commit()

    counts = housekeeping.tidy(session, NOW + timedelta(days=31))

    assert (counts["old conversations"], counts["called-back numbers"]) == (0, 1)
    kept = session.get(Conversation, conversation.id)
    assert (kept.callback_id, kept.kind) == (None, Kind.pair)
    assert shown(session, world.caregiver, conversation.id) == [("Cora", "Ik bel u morgen.")]
