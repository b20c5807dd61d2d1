"""state.chat.push: a message reaches the members' connected tabs (their other tabs too), never the
sender's own tab, a tab without a socket, or anyone outside the conversation; one failing tab
stops no other and never reaches the sender. Also the Praten list and the bottom bar's count."""

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from reflex.istate.manager.memory import StateManagerMemory
from sqlmodel import Session, col, select

from mantelzorg_app.models import ChatMember, Conversation, Hub, Kind
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.identity import authz, sessions
from mantelzorg_app.services.platform import cookies
from state.auth import TabOwnerState
from state.chat import push
from state.chat.conversation import ConversationState
from state.chat.listing import ChatListState
from state.home import NavState
from state.hub import HubState
from tests.security.conftest import call, run_handler
from tests.unit.auth_fixtures import NOW

RECEIVERS = (ChatListState, NavState)
FULL = (ConversationState, ChatListState, NavState)


class _TokenManager:
    def __init__(self, connected: set[str]):
        self.connected = connected

    async def is_token_connected(self, token: str) -> bool:
        return token in self.connected


class _App:
    """What deliver uses of the running app: its token manager and modify_state, which records
    the tabs it sent a change to."""

    def __init__(self, connected: set[str]):
        self.manager = StateManagerMemory()
        self.event_namespace = type("Namespace", (), {"_token_manager": _TokenManager(connected)})()
        self.sent: list[str] = []

    @contextlib.asynccontextmanager
    async def modify_state(self, token: rx.BaseStateToken):
        async with self.manager.modify_state(token) as state:
            yield state
            if await state._get_resolved_delta():
                self.sent.append(token.ident)


@pytest.fixture
def app(monkeypatch):
    found = _App(set())
    monkeypatch.setattr(push, "running_app", lambda: found)
    return found


async def _open_tab(app: _App, tab: str, token: str) -> None:
    """A tab on Praten, loaded as the browser would: owner check (which remembers the tab), hub,
    badge, list."""
    async with app.manager.modify_state(rx.BaseStateToken(ident=tab, cls=rx.State)) as root:
        root.router = RouterData.from_router_data(
            {
                "headers": {"cookie": f"{cookies.SESSION}={token}"},
                "pathname": "/leusden/praten",
                "query": {"hub": "leusden"},
                "token": tab,
                "ip": "192.0.2.1",
            }
        )
        for cls, handler in ((TabOwnerState, "check"), (HubState, "load"), (NavState, "load")):
            await run_handler(await root.get_state(cls), handler)
        await run_handler(await root.get_state(ChatListState), "load")
        root._clean()


async def _tab(app: _App, tab: str, cls: type[rx.State]) -> rx.State:
    return await (await app.manager.get_state(rx.BaseStateToken(ident=tab, cls=rx.State))).get_state(cls)


async def _cafe_row(app: _App, tab: str, cafe: int) -> tuple[str, int] | None:
    rows = (await _tab(app, tab, ChatListState)).mine
    return next(((r["last_line"], r["unread"]) for r in rows if r["id"] == str(cafe)), None)


def _cafe(db, people, *who: str) -> int:
    """A Leusden room that Anna, Carla and Fatima are not in (the demo has them in some), with
    these of them in it."""
    with Session(db) as session:
        conversations.ensure_rooms(session, _hub(session), datetime.now(UTC))
        cast = {people.ids[f"{name}_person"] for name in ("caregiver", "volunteer", "professional")}
        taken = select(ChatMember.conversation_id).where(col(ChatMember.person_id).in_(cast))
        room = session.exec(
            select(Conversation.id).where(
                Conversation.hub_id == _hub(session),
                Conversation.kind == Kind.room,
                col(Conversation.id).not_in(taken),
            )
        ).first()
        for name in who:
            conversations.join(session, _actor(session, people, name), room, datetime.now(UTC))
        session.commit()
    return room


def _actor(session, people, who: str):
    return authz.actor(session, people.tokens[who], _hub(session), datetime.now(UTC))


def _hub(session) -> int:
    return session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()


def _say(db, people, who: str, conversation_id: int, text: str) -> set[int]:
    with Session(db) as session:
        actor = _actor(session, people, who)
        found = conversations.access(session, actor, conversation_id, "send-message")
        messages.send(
            session, found, actor.person_id, text, f"local-{abs(hash(text)):012d}", datetime.now(UTC)
        )
        session.commit()
        return conversations.receivers(session, found.conversation)


async def _deliver(receivers_of: set[int], conversation_id: int, own: str, receivers=RECEIVERS) -> None:
    await push.deliver(receivers_of, conversation_id, own, receivers)
    while push.TASKS:
        await asyncio.gather(*push.TASKS, return_exceptions=True)


def test_a_message_reaches_every_connected_tab_of_the_members_but_the_senders_own(db, people, app):
    cafe = _cafe(db, people, "caregiver", "volunteer")

    async def go():
        tabs = {
            "anna-phone": "caregiver",
            "anna-laptop": "caregiver",  # closed: no socket
            "carla-phone": "volunteer",  # sends
            "carla-tablet": "volunteer",
            "fatima-phone": "professional",  # not in the café
        }
        for tab, who in tabs.items():
            await _open_tab(app, tab, people.tokens[who])
        app.event_namespace._token_manager.connected |= set(tabs) - {"anna-laptop"}
        before = {tab: (await _tab(app, tab, NavState)).unread for tab in tabs}  # the demo's own
        await _deliver(_say(db, people, "volunteer", cafe, "Goedemorgen allemaal"), cafe, "carla-phone")
        assert sorted(app.sent) == ["anna-phone", "carla-tablet"]
        assert (await _tab(app, "anna-phone", NavState)).unread == before["anna-phone"] + 1
        assert await _cafe_row(app, "anna-phone", cafe) == ("Goedemorgen allemaal", 1)
        assert (await _tab(app, "anna-laptop", NavState)).unread == before["anna-laptop"]  # on its next load
        assert (await _tab(app, "fatima-phone", NavState)).unread == before["fatima-phone"]
        assert await _cafe_row(app, "carla-tablet", cafe) == ("Goedemorgen allemaal", 0)
        assert await _cafe_row(app, "carla-phone", cafe) != ("Goedemorgen allemaal", 0)  # the sender's own

    asyncio.run(go())


def test_a_failing_tab_stops_no_other_and_never_reaches_the_sender(db, people, app, caplog):
    cafe = _cafe(db, people, "caregiver", "volunteer")

    class Broken(rx.State):
        async def _pushed(self, conversation_id: int) -> None:
            raise RuntimeError("kapot")

    async def go():
        for tab, who in (("anna-phone", "caregiver"), ("carla-tablet", "volunteer")):
            await _open_tab(app, tab, people.tokens[who])
        app.event_namespace._token_manager.connected |= {"anna-phone", "carla-tablet"}
        before = (await _tab(app, "anna-phone", NavState)).unread
        await _deliver(_say(db, people, "volunteer", cafe, "Hallo"), cafe, "carla-phone", (Broken, NavState))
        assert (await _tab(app, "anna-phone", NavState)).unread == before + 1  # the next receiver still ran
        assert app.sent == ["anna-phone"]  # Carla's count did not change: nothing to send her tablet

    asyncio.run(go())
    assert caplog.text.count("RuntimeError") == 2  # once per tab, without what was written
    assert "Hallo" not in caplog.text


async def _at(app: _App, tab: str, token: str, path: str, **query: str) -> None:
    """The tab's browser is on ``path`` now (its next event said so), with this session cookie."""
    async with app.manager.modify_state(rx.BaseStateToken(ident=tab, cls=rx.State)) as root:
        root.router = RouterData.from_router_data(
            {
                "headers": {"cookie": f"{cookies.SESSION}={token}"},
                "pathname": path,
                "query": {"hub": "leusden", **query},
                "token": tab,
                "ip": "192.0.2.1",
            }
        )
        root._clean()


def _session_row(db, token: str) -> tuple[datetime, datetime]:
    with Session(db) as session:
        row = sessions.by_token(session, token)
        return row.last_seen_at, row.expires_at


def test_a_push_never_keeps_a_session_going(db, people, app):
    """A lively room must not keep a tab signed in: the push reads the session without touching it,
    also in the tab that shows the conversation."""
    cafe = _cafe(db, people, "caregiver", "volunteer")
    token = people.tokens["caregiver"]

    async def go():
        await _open_tab(app, "anna-phone", token)
        await _at(app, "anna-phone", token, f"/leusden/praten/{cafe}", gesprek=str(cafe))
        await run_handler(await _tab(app, "anna-phone", ConversationState), "load")
        app.event_namespace._token_manager.connected.add("anna-phone")
        before = _session_row(db, token)
        for n in range(3):
            await _deliver(_say(db, people, "volunteer", cafe, f"Hallo {n}"), cafe, "carla-phone", FULL)
        page = await _tab(app, "anna-phone", ConversationState)
        return before, [m["text"] for m in page.messages]

    before, shown = asyncio.run(go())
    assert shown == ["Hallo 0", "Hallo 1", "Hallo 2"]  # the pushes did reach the page
    assert _session_row(db, token) == before


def test_a_tab_whose_session_ended_gets_nothing_and_is_emptied(db, people, app):
    """Anna's phone tab is listed with her live session, but the cookie it connected with now holds
    an ended session (or someone else's): the push empties the tab instead of telling it."""
    cafe = _cafe(db, people, "caregiver", "volunteer")

    async def go():
        await _open_tab(app, "anna-phone", people.tokens["caregiver"])
        await _open_tab(app, "anna-laptop", people.tokens["caregiver"])
        app.event_namespace._token_manager.connected |= {"anna-phone", "anna-laptop"}
        with Session(db) as session:
            ended = sessions.start(session, people.ids["caregiver_person"], sessions.STAFF_EMAIL, NOW)
        await _at(app, "anna-phone", ended, "/leusden/praten")  # 12 hours long, begun in 2025
        await _at(app, "anna-laptop", people.tokens["volunteer"], "/leusden/praten")  # Carla's now
        await _deliver(_say(db, people, "volunteer", cafe, "Hallo"), cafe, "carla-phone", FULL)
        return {
            tab: (
                (await _tab(app, tab, ChatListState)).mine,
                (await _tab(app, tab, TabOwnerState))._person_id,
                (await _tab(app, tab, NavState)).unread,
            )
            for tab in ("anna-phone", "anna-laptop")
        }

    held = asyncio.run(go())
    assert held == {"anna-phone": ([], None, 0), "anna-laptop": ([], None, 0)}


def test_only_sessions_not_ended_lend_their_tabs(db, people, app):
    cafe = _cafe(db, people, "caregiver", "volunteer")

    async def go():
        await _open_tab(app, "anna-phone", people.tokens["caregiver"])
        app.event_namespace._token_manager.connected.add("anna-phone")
        with Session(db) as session:  # it ended a minute ago, not yet tidied away
            row = sessions.by_token(session, people.tokens["caregiver"])
            row.expires_at = datetime.now(UTC) - timedelta(minutes=1)
            session.add(row)
            session.commit()
        await _deliver(_say(db, people, "volunteer", cafe, "Hallo"), cafe, "carla-phone", FULL)

    asyncio.run(go())
    assert app.sent == []


def test_the_list_reads_again_only_while_the_tab_shows_it(db, people, app):
    """A tab that opened Praten once and went on to Home: its badge counts, the list is not read."""
    cafe = _cafe(db, people, "caregiver", "volunteer")

    async def go():
        await _open_tab(app, "anna-phone", people.tokens["caregiver"])
        await _open_tab(app, "fatima-phone", people.tokens["professional"])  # never opened a conversation
        await _at(app, "anna-phone", people.tokens["caregiver"], "/leusden")
        app.event_namespace._token_manager.connected |= {"anna-phone", "fatima-phone"}
        before = await _cafe_row(app, "anna-phone", cafe)
        unread = (await _tab(app, "anna-phone", NavState)).unread
        await _deliver(_say(db, people, "volunteer", cafe, "Hallo"), cafe, "carla-phone", FULL)
        page = await _tab(app, "fatima-phone", ConversationState)
        return (
            before,
            await _cafe_row(app, "anna-phone", cafe),
            unread,
            (await _tab(app, "anna-phone", NavState)).unread,
            (page._conversation_id, page.messages, page.dirty_vars),
        )

    before, after, unread, counted, fresh = asyncio.run(go())
    assert after == before != ("Hallo", 1)
    assert counted == unread + 1
    assert fresh == (None, [], set())  # a state the tab never used: left as it was, nothing to store
    assert app.sent == ["anna-phone"]


def test_nobody_to_tell_costs_nothing(app):
    asyncio.run(push.deliver(set(), 1, "tab", RECEIVERS))
    assert not push.TASKS and app.sent == []


def test_the_list_shows_a_visitor_nothing_and_a_member_their_rooms(db, people):
    visitor, _ = call(ChatListState, "load")
    assert (visitor.allowed, visitor.signed_in, visitor.mine, visitor.rooms) == (False, False, [], [])
    cafe = _cafe(db, people)
    anna, _ = call(ChatListState, "load", token=people.tokens["caregiver"])
    assert anna.allowed and str(cafe) in [r["id"] for r in anna.rooms]


def test_doe_mee_joins_the_room_and_opens_it(db, people):
    cafe = _cafe(db, people)
    _, answer = call(ChatListState, "join", str(cafe), token=people.tokens["caregiver"])
    assert f"/leusden/praten/{cafe}" in str(answer)
    anna, _ = call(ChatListState, "load", token=people.tokens["caregiver"])
    assert str(cafe) in [r["id"] for r in anna.mine] and str(cafe) not in [r["id"] for r in anna.rooms]
    _, refused = call(ChatListState, "join", str(cafe))  # no session: nothing
    assert refused is None


def test_a_coordinators_decision_and_a_block_reach_the_open_tabs(db, people, monkeypatch):
    """Hiding (warning, removing) a reported message pushes to everyone in its conversation, the
    removed writer too, so the message leaves every open screen; keeping it pushes nothing."""
    from mantelzorg_app.models import ChatMessage, ChatReport
    from state.chat.moderation import ModerationState
    from tests.security.chat_fixtures import reported
    from tests.security.conftest import call_in_turn

    scheduled = []
    monkeypatch.setattr(
        push, "schedule", lambda who, talk, own, receivers: scheduled.append((who, talk, receivers))
    )
    ids = reported("leusden")  # Carla's message in the café, reported by Anna
    with Session(db) as session:
        cafe = session.get(ChatMessage, ids["message"]).conversation_id
        members = conversations.receivers(session, session.get(Conversation, cafe))
    coordinator = people.tokens["coordinator"]

    call_in_turn(ModerationState, ("load",), ("keep", ids["report"]), token=coordinator)
    assert scheduled == []  # nothing changed on anyone's screen
    with Session(db) as session:  # reported again
        report = session.get(ChatReport, ids["report"])
        report.handled_at, report.outcome = None, ""
        session.add(report)
        session.commit()
    call_in_turn(ModerationState, ("load",), ("remove", ids["report"]), token=coordinator)
    ((who, talk, receivers),) = scheduled
    assert talk == cafe and who == members and people.ids["volunteer_person"] in who  # Carla's page closes
    assert receivers[0] is ConversationState


def test_a_block_reaches_the_blockers_other_tabs(db, people, monkeypatch):
    from state.chat.report import ReportState
    from tests.security.chat_fixtures import reported
    from tests.security.conftest import call_in_turn

    scheduled = []
    monkeypatch.setattr(push, "schedule", lambda who, talk, own, receivers: scheduled.append((who, talk)))
    ids = reported("leusden")
    call(ReportState, "block", token=people.tokens["caregiver"])  # a tab that opened nothing: nothing
    assert scheduled == []
    call_in_turn(ReportState, ("open", ids["message"]), ("block",), token=people.tokens["caregiver"])
    with Session(db) as session:
        from mantelzorg_app.models import ChatMessage

        cafe = session.get(ChatMessage, ids["message"]).conversation_id
    assert scheduled == [({people.ids["caregiver_person"]}, cafe)]
