"""A volunteer's access ends with their VOG, and "Ik help" or a request's conversation cannot be used
to flood anyone."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMessage, Conversation, HelpOffer, HelpRequest
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.platform import mail
from tests.security.conftest import People, call, root_state, run_handler


def _home_visit_with_carla(db, people: People) -> tuple[int, int]:
    """Anna's home visit, matched with Carla (the demo's vetted volunteer), and its conversation
    with a first message. Gives the request's id and the conversation's."""
    now = datetime.now(UTC)
    with Session(db) as session:
        caregiver = people.ids["caregiver_person"]
        hub_id = session.get(HelpRequest, people.ids["open_request"]).hub_id
        request = HelpRequest(
            hub_id=hub_id,
            caregiver_id=caregiver,
            category="klusjes",
            text="Een lamp ophangen",
            home_visit=True,
            status="matched",
            volunteer_id=people.ids["volunteer_person"],
            created_at=now,
        )
        session.add(request)
        session.flush()
        session.add(HelpOffer(request_id=request.id, volunteer_id=request.volunteer_id, status="accepted"))
        anna = authz.actor(session, people.tokens["caregiver"], hub_id, now)
        conversation = conversations.for_request(session, anna, request.id, now)
        found = conversations.access(session, anna, conversation.id, "send-message")
        messages.send(session, found, anna.person_id, "Mijn man is ziek.", "home-visit-0001", now)
        session.commit()
        return request.id, conversation.id


def _open(people: People, who: str, conversation_id: int):
    from state.chat.conversation import ConversationState

    async def go():
        root = await root_state(people.tokens[who], "leusden", params={"gesprek": str(conversation_id)})
        state = await root.get_state(ConversationState)
        await run_handler(state, "load")
        return state

    return asyncio.run(go())


def _open_request(people: People, who: str, request_id: int):
    from state.chat.request_chat import RequestChatState

    async def go():
        root = await root_state(people.tokens[who], "leusden", params={"nr": str(request_id)})
        state = await root.get_state(RequestChatState)
        return state, await run_handler(state, "load")

    return asyncio.run(go())


def test_taking_back_a_vog_ends_the_volunteers_view_and_tells_the_coordinator(db, people: People):
    from state.help.coordination import CoordinationState
    from state.help.volunteering import HelpingState

    request_id, conversation_id = _home_visit_with_carla(db, people)
    seen = _open(people, "volunteer", conversation_id)
    assert (
        seen.allowed and seen.title == "Anna" and [m["text"] for m in seen.messages] == ["Mijn man is ziek."]
    )
    _state, redirect = _open_request(people, "volunteer", request_id)
    assert f"praten/{conversation_id}" in str(redirect)

    state, _ = call(
        CoordinationState,
        "set_vetted",
        people.ids["volunteer_membership"],
        False,
        token=people.tokens["coordinator"],
    )

    row = next(w for w in state.waiting if w["id"] == str(request_id))
    assert row["vog_taken_back_from"] == "Carla" and row["attention"] == ""
    gone = _open(people, "volunteer", conversation_id)
    assert not gone.allowed and gone.title == "" and gone.messages == []
    state, redirect = _open_request(people, "volunteer", request_id)
    assert not state.allowed and redirect is None
    helping, _ = call(HelpingState, "load", token=people.tokens["volunteer"])
    assert str(request_id) not in [h["id"] for h in helping.helping]
    kept = _open(people, "caregiver", conversation_id)  # Anna keeps her history, closed
    assert kept.allowed and not kept.posting and [m["text"] for m in kept.messages] == ["Mijn man is ziek."]


def test_ik_help_mails_the_caregiver_once(db, people: People, monkeypatch: pytest.MonkeyPatch):
    from state.help.volunteering import HelpingState

    sent = []
    monkeypatch.setattr(mail, "send", sent.append)
    for _ in range(25):  # a request that fits Carla, which she had not offered on yet
        call(HelpingState, "offer", people.ids["stale_request"], token=people.tokens["volunteer"])
    for _ in range(5):  # the one she offered on already
        call(HelpingState, "offer", people.ids["open_request"], token=people.tokens["volunteer"])
    assert [m.to for m in sent] == ["anna.voorbeeld@leusden.example.org"]


def test_past_the_days_messages_the_conversation_refuses_and_keeps_the_text(db, people: People):
    from state.chat.conversation import ConversationState

    _request_id, conversation_id = _home_visit_with_carla(db, people)
    earlier = datetime.now(UTC) - timedelta(hours=1)
    with Session(db) as session:
        session.add_all(
            ChatMessage(
                conversation_id=conversation_id,
                seq=100 + i,
                local_id=f"earlier-{i:06d}",
                author_id=people.ids["caregiver_person"],
                text="x",
                created_at=earlier,
            )
            for i in range(messages.PER_DAY)
        )
        session.commit()
        last_seq = session.get(Conversation, conversation_id).last_seq
    form = {"text": "Dag!", "local_id": "past-the-day-01", "conversation": str(conversation_id)}
    state, answer = call(ConversationState, "send", form, token=people.tokens["caregiver"])
    assert state.problem == messages.TOO_MANY
    assert "false" in str(answer)  # chat.js keeps the text in the box
    with Session(db) as session:
        assert session.get(Conversation, conversation_id).last_seq == last_seq
        assert (
            session.exec(select(ChatMessage).where(ChatMessage.local_id == "past-the-day-01")).first() is None
        )
