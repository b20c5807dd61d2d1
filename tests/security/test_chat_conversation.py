"""state.chat.conversation: the page of one conversation as a tab uses it. A member reads and sends
(stored once per browser id, shown after the commit, pushed after it); a (re)load and a push catch
up after the last number without a repeat; a non-member, also one forging the conversation's id,
reads nothing, stores nothing, and the tab keeps nothing of it."""

import asyncio
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, func, select

from mantelzorg_app.models import ChatMember, ChatMessage, Conversation, HelpRequest, Hub, Kind
from mantelzorg_app.services.chat import blocks, conversations, messages
from mantelzorg_app.services.identity import authz
from state.auth import TabOwnerState
from state.chat import push
from state.chat.conversation import CALLBACK, KEEP, ConversationState
from state.home import NavState
from tests.security.conftest import root_state, run_handler


def _room(db, people, *who: str) -> int:
    """A new room of Leusden with ``who`` in it (the demo's rooms have messages of their own)."""
    now = datetime.now(UTC)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        room = Conversation(hub_id=hub_id, kind=Kind.room, title="Proefgroep", created_at=now)
        session.add(room)
        session.flush()
        for name in who:
            actor = authz.actor(session, people.tokens[name], hub_id, now)
            conversations.join(session, actor, room.id, now)
        session.commit()
        return room.id


def _post(db, people, who: str, conversation_id: int, text: str, local_id: str) -> None:
    now = datetime.now(UTC)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        actor = authz.actor(session, people.tokens[who], hub_id, now)
        found = conversations.access(session, actor, conversation_id, "test")
        messages.send(session, found, actor.person_id, text, local_id, now)
        session.commit()


def _stored(db, conversation_id: int) -> list[str]:
    with Session(db) as session:
        return list(
            session.exec(
                select(ChatMessage.text)
                .where(ChatMessage.conversation_id == conversation_id)
                .order_by(col(ChatMessage.seq))
            ).all()
        )


async def _tab(people, who: str | None, conversation_id: int) -> ConversationState:
    token = people.tokens[who] if who else None
    root = await root_state(token, "leusden", params={"gesprek": str(conversation_id)})
    state = await root.get_state(ConversationState)
    await run_handler(state, "load")
    return state


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def _form(conversation_id: int, text: str, local_id: str, share: str = "", quick: str = "") -> dict:
    return {
        "text": text,
        "local_id": local_id,
        "conversation": str(conversation_id),
        "share": share,
        "quick": quick,
    }


def test_a_member_sends_once_per_browser_id_and_sees_it_after_the_commit(db, people, monkeypatch):
    room = _room(db, people, "caregiver", "volunteer")
    pushed = []

    async def deliver(person_ids, conversation_id, own_token, receivers):
        pushed.append((set(person_ids), conversation_id, receivers))
        assert _stored(db, conversation_id)[-1] == "Goedemorgen!"  # committed before the push

    monkeypatch.setattr(push, "deliver", deliver)

    async def go():
        tab = await _tab(people, "caregiver", room)
        assert tab.allowed and tab.posting and tab.kind == "room" and tab.title == "Proefgroep"
        answer = await run_handler(tab, "send", _form(room, "Goedemorgen!", "id-0000-0001"))
        again = await run_handler(tab, "send", _form(room, "Goedemorgen!", "id-0000-0001"))  # a retry
        await _settle()
        return tab, answer, again

    tab, answer, again = asyncio.run(go())
    assert _stored(db, room) == ["Goedemorgen!"]
    assert [m["text"] for m in tab.messages] == ["Goedemorgen!"]
    assert tab.messages[0]["mine"] == "ja" and tab.messages[0]["author"] == "Anna"
    assert "mzChatAnswer" in str(answer) and "id-0000-0001" in str(answer) and "true" in str(answer)
    assert "true" in str(again)  # the retry is answered as sent: the box empties
    assert len(pushed) == 1  # only the new message is pushed
    assert pushed[0][0] == {people.ids["caregiver_person"], people.ids["volunteer_person"]}
    assert pushed[0][2][0] is ConversationState


def test_a_reload_and_a_push_catch_up_in_order_without_repeats(db, people):
    room = _room(db, people, "caregiver", "volunteer")
    _post(db, people, "volunteer", room, "Een", "id-0000-0011")

    async def go():
        tab = await _tab(people, "caregiver", room)
        assert [m["text"] for m in tab.messages] == ["Een"]
        _post(db, people, "volunteer", room, "Twee", "id-0000-0012")
        _post(db, people, "volunteer", room, "Drie", "id-0000-0013")
        await tab._pushed(room)
        await tab._pushed(room)  # twice: nothing twice
        _post(db, people, "volunteer", room, "Vier", "id-0000-0014")
        await run_handler(tab, "load")  # a reconnect reruns on_load
        await run_handler(tab, "load")
        await tab._pushed(room + 1000)  # another conversation: nothing
        return tab

    tab = asyncio.run(go())
    assert [m["text"] for m in tab.messages] == ["Een", "Twee", "Drie", "Vier"]
    assert [m["seq"] for m in tab.messages] == sorted({m["seq"] for m in tab.messages})
    # a phone in a pocket catches up too, but only what chat.js says the page showed is read
    assert _read(db, people, room) == 0


def _read(db, people, conversation_id: int, who: str = "caregiver") -> int:
    with Session(db) as session:
        return session.exec(
            select(ChatMember.read_seq).where(
                ChatMember.conversation_id == conversation_id,
                ChatMember.person_id == people.ids[f"{who}_person"],
            )
        ).one()


def _seen(conversation_id: int, seq) -> dict:
    return {"seq": str(seq), "conversation": str(conversation_id)}


def test_seen_marks_read_what_the_page_holds_for_a_member_only(db, people):
    room = _room(db, people, "caregiver", "volunteer")
    for n in range(1, 4):
        _post(db, people, "volunteer", room, f"Bericht {n}", f"id-0000-007{n}")

    async def go():
        tab = await _tab(people, "caregiver", room)
        _post(db, people, "volunteer", room, "Nog niet op het scherm", "id-0000-0079")
        steps = []
        for form in (
            _seen(room, 2),
            _seen(room, 1),  # never back
            _seen(room + 1000, 9),  # not the conversation this tab shows
            {"seq": "<script>", "conversation": str(room)},
            _seen(room, 10**9),  # past what exists, and past what this tab holds (3): up to 3
        ):
            await run_handler(tab, "seen", form)
            steps.append(_read(db, people, room))
        outsider = await _tab(people, "professional", room)
        outsider._conversation_id, outsider._last_seq = room, 4  # a forged tab that claims to hold it
        await run_handler(outsider, "seen", _seen(room, 4))
        return steps, outsider

    steps, outsider = asyncio.run(go())
    assert steps == [2, 2, 2, 2, 3]
    assert not outsider.allowed and outsider._conversation_id is None
    with Session(db) as session:  # the outsider became no member
        assert not session.exec(
            select(func.count()).where(
                ChatMember.conversation_id == room, ChatMember.person_id == people.ids["professional_person"]
            )
        ).one()


def test_a_hidden_blocked_or_wiped_message_changes_on_screen_on_a_reload_and_a_push(db, people):
    room = _room(db, people, "caregiver", "volunteer", "professional")
    _post(db, people, "volunteer", room, "Carla een", "id-0000-0081")
    _post(db, people, "professional", room, "Fatima een", "id-0000-0082")
    _post(db, people, "volunteer", room, "Carla twee", "id-0000-0083")
    _post(db, people, "professional", room, "Fatima twee", "id-0000-0084")

    def change(what):
        now = datetime.now(UTC)
        with Session(db) as session:
            rows = {
                m.text: m
                for m in session.exec(select(ChatMessage).where(ChatMessage.conversation_id == room))
            }
            if what == "hide":
                rows["Carla twee"].hidden_at = now
                session.add(rows["Carla twee"])
            elif what == "wipe":
                rows["Carla een"].author_id = None
                session.add(rows["Carla een"])
            else:
                hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
                anna = authz.actor(session, people.tokens["caregiver"], hub_id, now)
                blocks.block(session, anna, people.ids["professional_person"], now)
            session.commit()

    def screen(tab):
        return [(m["text"], m["author"], m["hidden"]) for m in tab.messages]

    async def go():
        tab = await _tab(people, "caregiver", room)
        seqs = [m["seq"] for m in tab.messages]
        change("hide")
        await run_handler(tab, "load")  # a reconnect
        hidden = screen(tab)
        change("wipe")
        await tab._pushed(room)
        wiped = screen(tab)
        change("block")
        _post(db, people, "volunteer", room, "Carla drie", "id-0000-0085")
        await tab._pushed(room)
        return seqs, hidden, wiped, screen(tab), [m["seq"] for m in tab.messages]

    seqs, hidden, wiped, blocked, after = asyncio.run(go())
    assert seqs == [1, 2, 3, 4]
    assert hidden == [
        ("Carla een", "Carla", ""),
        ("Fatima een", "Fatima", ""),
        ("", "Carla", "ja"),
        ("Fatima twee", "Fatima", ""),
    ]
    assert wiped[0] == ("Carla een", "", "")  # "verwijderde gebruiker"
    assert blocked == [("Carla een", "", ""), ("", "Carla", "ja"), ("Carla drie", "Carla", "")]
    assert after == [1, 3, 5]  # in order, each once


def test_the_newest_are_kept_and_older_ones_come_on_asking(db, people):
    room = _room(db, people, "caregiver", "volunteer")
    with Session(db) as session:  # 60 messages, under the flood limit: written as stored rows
        conversation = session.get(Conversation, room)
        for seq in range(1, 61):
            session.add(
                ChatMessage(
                    conversation_id=room,
                    seq=seq,
                    local_id=f"id-old-{seq:05d}",
                    author_id=people.ids["volunteer_person"],
                    text=f"Bericht {seq}",
                    created_at=datetime.now(UTC),
                )
            )
        conversation.last_seq = 60
        session.add(conversation)
        session.commit()

    async def go():
        tab = await _tab(people, "caregiver", room)
        first = ([m["seq"] for m in tab.messages], tab.more)
        await run_handler(tab, "older")
        return first, tab

    (seqs, more), tab = asyncio.run(go())
    assert seqs == list(range(11, 61)) and len(seqs) == KEEP and more
    assert [m["seq"] for m in tab.messages] == list(range(1, 61)) and not tab.more


def test_a_number_in_a_group_is_held_back_until_the_sender_says_yes(db, people, monkeypatch):
    room = _room(db, people, "caregiver")
    monkeypatch.setattr(push, "deliver", lambda *a: asyncio.sleep(0))

    async def go():
        tab = await _tab(people, "caregiver", room)
        mailed = await run_handler(tab, "send", _form(room, "Mail: anna@example.org", "id-0000-0022"))
        asked = (tab.held, tab.problem)
        first = await run_handler(tab, "send", _form(room, "Bel me: 06-12345678", "id-0000-0021"))
        held = (tab.held, tab.problem)  # the page asks the question the server chose
        await run_handler(tab, "edit")
        edited = (tab.held, tab.problem)
        await run_handler(tab, "send", _form(room, "Bel me: 06-12345678", "id-0000-0021", share="ja"))
        await _settle()
        return tab, (mailed, asked), first, held, edited

    tab, (mailed, asked), first, held, edited = asyncio.run(go())
    assert "false" in str(mailed) and asked == (True, messages.SHARE_EMAIL)
    assert "false" in str(first) and held == (True, messages.SHARE_CONTACT) and edited == (False, "")
    assert _stored(db, room) == ["Bel me: 06-12345678"] and not tab.held and tab.problem == ""


def test_quick_replies_and_problems_in_words(db, people, monkeypatch):
    room = _room(db, people, "caregiver")
    monkeypatch.setattr(push, "deliver", lambda *a: asyncio.sleep(0))

    async def go():
        tab = await _tab(people, "caregiver", room)
        # a quick reply goes as written, not the box's half-typed text; a retry (same id) is one message
        for _ in range(2):
            await run_handler(tab, "send", _form(room, "Half getypt", "id-0000-0030", quick="thanks"))
        await run_handler(tab, "send", _form(room, "", "id-0000-0032", quick="<script>"))  # not one: nothing
        await run_handler(tab, "send", _form(room, "   ", "id-0000-0031"))
        await _settle()
        return tab

    tab = asyncio.run(go())
    assert _stored(db, room) == ["Dank u"]
    assert tab.problem == messages.EMPTY


@pytest.mark.parametrize("who", ["professional", "other_hub_coordinator", None])
def test_someone_outside_reads_and_stores_nothing_also_with_a_forged_id(db, people, who, monkeypatch):
    room = _room(db, people, "caregiver", "volunteer")
    _post(db, people, "volunteer", room, "Alleen voor de groep", "id-0000-0041")
    monkeypatch.setattr(push, "deliver", lambda *a: pytest.fail("nothing is pushed"))

    async def go():
        tab = await _tab(people, who, room)
        seen = (tab.allowed, list(tab.messages), tab.title)
        for handler, args in (
            ("send", (_form(room, "Hallo", "id-0000-0042"),)),
            ("send", (_form(room, "", "id-0000-0043", quick="thanks"),)),
            ("older", ()),
            ("leave", ()),
        ):
            await run_handler(tab, handler, *args)
        await tab._pushed(room)
        return seen, tab

    (allowed, seen, title), tab = asyncio.run(go())
    assert not allowed and seen == [] and title == ""
    assert not tab.allowed and tab.messages == [] and tab._conversation_id is None
    assert _stored(db, room) == ["Alleen voor de groep"]


def test_a_refusal_leaves_nothing_of_the_conversation_before(db, people, monkeypatch):
    room = _room(db, people, "caregiver", "volunteer")
    _post(db, people, "volunteer", room, "Dag Anna", "id-0000-0051")
    monkeypatch.setattr(push, "deliver", lambda *a: asyncio.sleep(0))

    async def go():
        tab = await _tab(people, "caregiver", room)
        assert tab.messages
        await run_handler(tab, "leave")
        return tab

    tab = asyncio.run(go())
    assert tab.messages == [] and tab.title == ""
    with Session(db) as session:
        assert not session.exec(
            select(func.count()).where(
                ChatMember.conversation_id == room, ChatMember.person_id == people.ids["caregiver_person"]
            )
        ).one()


def _opened(db, people, who: str, open_it) -> int:
    now = datetime.now(UTC)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        conversation = open_it(session, authz.actor(session, people.tokens[who], hub_id, now), now)
        session.commit()
        return conversation.id


def test_a_request_or_call_back_says_what_it_is_about_and_nothing_after_a_refusal(db, people):
    """A help request's conversation shows the two first names, the request's card, when it is asked
    for and the first moment that suits; a call-back's a line. A refusal then leaves none of it."""
    request_id, callback_id = people.ids["matched_request"], people.ids["person_callback_task"]
    with Session(db) as session:
        request = session.get(HelpRequest, request_id)
        request.agreed_at, request.days, request.dayparts = datetime.now(UTC), "dinsdag", "middag"
        session.add(request)
        session.commit()
    pair = _opened(db, people, "caregiver", lambda s, a, n: conversations.for_request(s, a, request_id, n))
    call = _opened(
        db, people, "coordinator", lambda s, a, n: conversations.for_callback(s, a, callback_id, n)
    )
    empty = _room(db, people)  # nobody in it: opening it is refused

    async def go():
        tab = await _tab(people, "caregiver", pair)
        seen = (tab.caregiver, tab.volunteer, dict(tab.request), dict(tab.when), dict(tab.first), tab.about)
        await tab._open(empty, "read-conversation")
        refused = (tab.caregiver, tab.volunteer, tab.request, tab.when, tab.first, tab.about)
        called = await _tab(people, "caregiver", call)
        return seen, refused, (called.about, called.request, called.caregiver)

    (caregiver, volunteer, request, when, first, about), refused, called = asyncio.run(go())
    assert (caregiver, volunteer, request["id"], request["text"], about) == (
        "Anna",
        "Daan",
        str(request_id),
        "Vervoer",
        "",
    )
    assert when["nl"] and when["en"] and first["nl"].startswith("Eerste moment dat past:"), (when, first)
    assert refused == ("", "", {}, {}, {}, "")
    assert called == (CALLBACK, {}, "")


def test_opening_the_conversation_counts_the_badge_again(db, people):
    room = _room(db, people, "caregiver", "volunteer")

    async def go():
        root = await root_state(people.tokens["caregiver"], "leusden", params={"gesprek": str(room)})
        await run_handler(await root.get_state(TabOwnerState), "check")
        nav = await root.get_state(NavState)
        await run_handler(nav, "load")
        before = nav.unread
        _post(db, people, "volunteer", room, "Hoe gaat het?", "id-0000-0061")
        await run_handler(nav, "load")  # the page's on_load: the bar first, then the conversation
        counted = nav.unread
        page = await root.get_state(ConversationState)
        await run_handler(page, "load")
        loaded = nav.unread  # opened, not yet seen: chat.js says when the page is in view
        await run_handler(page, "seen", {"seq": str(page._last_seq), "conversation": str(room)})
        return before, counted, loaded, nav.unread

    before, counted, loaded, after = asyncio.run(go())
    assert counted == loaded == before + 1 and after == before
