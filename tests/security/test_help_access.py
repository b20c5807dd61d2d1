"""A volunteer's access ends with their VOG, and "Ik help" or a thread cannot be used to flood anyone."""

import asyncio
from datetime import UTC, datetime

import pytest
import reflex as rx
from sqlmodel import Session

from mantelzorg_app.models import HelpOffer, HelpRequest, ThreadMessage
from mantelzorg_app.services.help import threads
from mantelzorg_app.services.platform import mail
from tests.security.conftest import People, call, root_state, run_handler


def _home_visit_with_carla(db, people: People) -> int:
    """Anna's home visit, matched with Carla (the demo's vetted volunteer), with a first message."""
    now = datetime.now(UTC)
    with Session(db) as session:
        caregiver = people.ids["caregiver_person"]
        request = HelpRequest(
            hub_id=session.get(HelpRequest, people.ids["open_request"]).hub_id,
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
        session.add(
            ThreadMessage(
                request_id=request.id, author_id=caregiver, text="Mijn man is ziek.", created_at=now
            )
        )
        session.commit()
        return request.id


def _open_thread(people: People, who: str, request_id: int) -> rx.State:
    from state.help.thread import ThreadState

    async def go():
        root = await root_state(people.tokens[who], "leusden", params={"nr": str(request_id)})
        state = await root.get_state(ThreadState)
        await run_handler(state, "load")
        return state

    return asyncio.run(go())


def test_taking_back_a_vog_ends_the_volunteers_view_and_tells_the_coordinator(db, people: People):
    from state.help.coordination import CoordinationState
    from state.help.volunteering import HelpingState

    request_id = _home_visit_with_carla(db, people)
    assert _open_thread(people, "volunteer", request_id).caregiver == "Anna"

    state, _ = call(
        CoordinationState,
        "set_vetted",
        people.ids["volunteer_membership"],
        False,
        token=people.tokens["coordinator"],
    )

    row = next(w for w in state.waiting if w["id"] == str(request_id))
    assert row["vog_taken_back_from"] == "Carla" and row["attention"] == ""
    thread = _open_thread(people, "volunteer", request_id)
    assert not thread.allowed and thread.caregiver == "" and thread.messages == []
    helping, _ = call(HelpingState, "load", token=people.tokens["volunteer"])
    assert str(request_id) not in [h["id"] for h in helping.helping]


def test_ik_help_mails_the_caregiver_once(db, people: People, monkeypatch: pytest.MonkeyPatch):
    from state.help.volunteering import HelpingState

    sent = []
    monkeypatch.setattr(mail, "send", sent.append)
    for _ in range(25):  # a request that fits Carla, which she had not offered on yet
        call(HelpingState, "offer", people.ids["stale_request"], token=people.tokens["volunteer"])
    for _ in range(5):  # the one she offered on already
        call(HelpingState, "offer", people.ids["open_request"], token=people.tokens["volunteer"])
    assert [m.to for m in sent] == ["anna.voorbeeld@leusden.example.org"]


def test_past_the_days_messages_the_thread_refuses_and_keeps_the_text(db, people: People):
    from state.help.thread import ThreadState

    request_id = people.ids["matched_request"]
    with Session(db) as session:
        session.add_all(
            ThreadMessage(
                request_id=request_id,
                author_id=people.ids["caregiver_person"],
                text="x",
                created_at=datetime.now(UTC),
            )
            for _ in range(threads.MESSAGES_PER_DAY)
        )
        session.commit()
    state, cleared = call(
        ThreadState, "send", {"message": "Dag!", "request": request_id}, token=people.tokens["caregiver"]
    )
    assert state.problem == threads.TOO_MANY and cleared is None  # the text stays in the box
