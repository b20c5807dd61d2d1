"""Praten on phones, the bars of the chat issue: two people see each other's messages within a
second without a reload; a third person gets nothing, also when their browser calls the chat's
handlers with the conversation's id; the bottom bar counts an unread message; a cut connection and a
restarted backend lose nothing and repeat nothing; the pages pass axe in both languages.

The people are made for each test through the app's services on the server's database (a matched
help request's 1:1, the hub's café room), so other test files that change the demo's Anna and Carla
do not matter; each phone gets a session cookie from ``sessions.start`` instead of a mailed code.

Timing: the click and the message's arrival are both stamped in the browsers (``Date.now()``, one
machine clock), so the figure is the app's delay, not Playwright's polling.
"""

import contextlib
import importlib
import inspect
import json
import re
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from unittest import mock

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect
from sqlmodel import Session, col, func, select

from mantelzorg_app import routes, settings
from mantelzorg_app.models import (
    ChatBlock,
    ChatMember,
    ChatMessage,
    ChatReport,
    Conversation,
    HelpRequest,
    Hub,
    Kind,
    Membership,
    Person,
    Role,
)
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import cookies
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.support.server import RunningApp, backend_serving, restartable_copy
from tests.support.smtp import SmtpServer

NOT_SENT = "Niet verstuurd. Probeer het nog eens."
FIRST_LOAD = 30_000  # ms: the first page of a phone may wait for the build's cold start
MARKER = "Zonnebloem"  # in the five messages of the offline test, and in no word of the page
ARRIVES = 1.0  # s: the bar for a message to show on the other phone

# Stamps when a text first shows in the page's message list, and when a button was last clicked.
WATCH = """() => {
    window.__seen = {}; window.__watch = window.__watch || [];
    const look = () => {
        const items = [...document.querySelectorAll('ol li')].map(li => li.textContent);
        for (const text of window.__watch) {
            if (!(text in window.__seen) && items.some(t => t.includes(text))) {
                window.__seen[text] = Date.now();
            }
        }
    };
    new MutationObserver(look).observe(document.body, {subtree: true, childList: true, characterData: true});
    const stamp = e => { if (e.target.closest('button')) window.__clicked = Date.now(); };
    document.addEventListener('click', stamp, {capture: true});
}"""


@dataclass(frozen=True)
class Pair:
    """A matched request's 1:1: the caregiver, the volunteer, and the conversation's id."""

    conversation_id: int
    caregiver: int
    volunteer: int
    caregiver_name: str
    volunteer_name: str


def _hub(session: Session) -> Hub:
    return session.exec(select(Hub).where(Hub.slug == "leusden")).one()


def _person(session: Session, hub: Hub, first_name: str, role: Role, vetted: bool = False) -> Person:
    person = Person(first_name=first_name, email=f"{first_name.lower()}.{uuid.uuid4().hex[:8]}@example.org")
    session.add(person)
    session.flush()
    session.add(
        Membership(
            person_id=person.id, hub_id=hub.id, role=role, vog_checked_on=date.today() if vetted else None
        )
    )
    session.flush()
    return person


def _actor(person: Person, hub: Hub, role: Role) -> Actor:
    return Actor(person.id, person.first_name, hub.id, frozenset({role}))


def _say(session: Session, actor: Actor, conversation_id: int, text: str) -> ChatMessage:
    found = conversations.access(session, actor, conversation_id, "test")
    message, _new = messages.send(session, found, actor.person_id, text, str(uuid.uuid4()), datetime.now(UTC))
    return message


def make_pair(db_url: str, caregiver_name: str = "Ykje", volunteer_name: str = "Quirina") -> Pair:
    """A caregiver and a vetted volunteer matched on a request, its conversation opened once."""
    db = engine(db_url)
    with Session(db) as session:
        hub = _hub(session)
        caregiver = _person(session, hub, caregiver_name, Role.caregiver)
        volunteer = _person(session, hub, volunteer_name, Role.volunteer, vetted=True)
        request = HelpRequest(
            hub_id=hub.id,
            caregiver_id=caregiver.id,
            category="boodschappen",
            text="Wie doet op vrijdag de boodschappen?",
            status="matched",
            volunteer_id=volunteer.id,
            created_at=datetime.now(UTC),
        )
        session.add(request)
        session.flush()
        conversation = conversations.for_request(
            session, _actor(caregiver, hub, Role.caregiver), request.id, datetime.now(UTC)
        )
        session.commit()
        pair = Pair(conversation.id, caregiver.id, volunteer.id, caregiver_name, volunteer_name)
    db.dispose()
    return pair


def make_person(db_url: str, first_name: str, role: Role = Role.caregiver) -> int:
    db = engine(db_url)
    with Session(db) as session:
        person_id = _person(session, _hub(session), first_name, role).id
        session.commit()
    db.dispose()
    return person_id


def person_named(db_url: str, first_name: str) -> int:
    """A demo person of Leusden (Gerrit, the coordinator)."""
    db = engine(db_url)
    with Session(db) as session:
        found = session.exec(
            select(Person.id)
            .join(Membership, col(Membership.person_id) == col(Person.id))
            .where(Person.first_name == first_name, Membership.hub_id == _hub(session).id)
        ).first()
    db.dispose()
    return found


def server_key(running: RunningApp) -> bytes:
    """The key the server digests tokens with (made in its instance folder at its first digest)."""
    key = running.instance / "secret.key"
    if not key.exists():
        with contextlib.suppress(OSError):  # a made-up link: the server digests it, so makes its key
            urllib.request.urlopen(f"{running.url}{routes.DIRECTORY_CHECK}?t=made-up", timeout=30)
    return key.read_bytes()


def signed_in(page: Page, running: RunningApp, person_id: int, url: str, kind: str = sessions.EMAIL) -> None:
    """The phone holds a session of the person, as after the mailed code (digested with the
    server's key, so the server knows the token)."""
    db = engine(running.db_url)
    key = server_key(running)
    with Session(db) as session, mock.patch.object(settings, "secret_key", lambda: key):
        token = sessions.start(session, person_id, kind, datetime.now(UTC))
    db.dispose()
    page.context.add_cookies([{"name": cookies.name(cookies.SESSION, False), "value": token, "url": url}])


def unread_of(db_url: str, conversation_id: int, person_id: int) -> int:
    db = engine(db_url)
    with Session(db) as session:
        conversation = session.get(Conversation, conversation_id)
        member = session.exec(
            select(ChatMember).where(
                ChatMember.conversation_id == conversation_id, ChatMember.person_id == person_id
            )
        ).one()
        unread = conversation.last_seq - member.read_seq
    db.dispose()
    return unread


def stored(db_url: str, conversation_id: int) -> list[str]:
    db = engine(db_url)
    with Session(db) as session:
        texts = session.exec(
            select(ChatMessage.text)
            .where(ChatMessage.conversation_id == conversation_id)
            .order_by(col(ChatMessage.seq))
        ).all()
    db.dispose()
    return list(texts)


def conversation_path(conversation_id: int) -> str:
    return f"/leusden/praten/{conversation_id}"


def open_conversation(page: Page, conversation_id: int) -> None:
    page.goto(conversation_path(conversation_id))
    page.wait_for_selector('div.app[data-ready="true"]', timeout=FIRST_LOAD)
    expect(page.get_by_label("Uw bericht", exact=True)).to_be_visible(timeout=FIRST_LOAD)
    page.evaluate(WATCH)


def lines(page: Page):
    return page.get_by_role("list", name="Berichten").get_by_role("listitem")


def shown_texts(page: Page, marker: str) -> list[str]:
    """The message texts on the page that hold ``marker``, in the page's order."""
    found = []
    for text in lines(page).all_text_contents():
        found.extend(re.findall(re.escape(marker) + r" \d+", text))
    return found


def send(page: Page, text: str) -> None:
    page.get_by_label("Uw bericht", exact=True).fill(text)
    page.get_by_role("button", name="Stuur", exact=True).click()


def arrival(sender: Page, receiver: Page, text: str) -> float:
    """Seconds from the sender's click on Stuur to the text in the receiver's list (no reload)."""
    receiver.evaluate("t => window.__watch.push(t)", text)
    send(sender, text)
    expect(lines(receiver).filter(has_text=text)).to_have_count(1, timeout=10_000)
    expect(lines(sender).filter(has_text=text)).to_have_count(1)
    clicked = sender.evaluate("window.__clicked")
    seen = receiver.evaluate("t => window.__seen[t]", text)
    return (seen - clicked) / 1000


def praten_link(page: Page):
    return page.locator("nav.bottom-nav a[href$='/praten']")


def test_two_phones_see_each_others_messages_within_a_second_and_the_badge_counts(
    browser: Browser, app: RunningApp
):
    pair = make_pair(app.db_url)
    with phone(browser, app.url) as ykje, phone(browser, app.url) as quirina:
        signed_in(ykje, app, pair.caregiver, app.url)
        signed_in(quirina, app, pair.volunteer, app.url)
        open_conversation(ykje, pair.conversation_id)
        open_conversation(quirina, pair.conversation_id)
        there = arrival(ykje, quirina, "Dag Quirina, komt u vrijdag?")
        back = arrival(quirina, ykje, "Ja, ik kom om tien uur.")
        print(f"chat e2e: caregiver to volunteer {there * 1000:.0f} ms, back {back * 1000:.0f} ms")
        assert there < ARRIVES, f"the volunteer saw it after {there:.2f} s"
        assert back < ARRIVES, f"the caregiver saw it after {back:.2f} s"
        expect(ykje.get_by_label("Uw bericht", exact=True)).to_have_value("")  # sent: the box is empty again
        check_page(ykje, "chat-pair-two-phones")

        # The bottom bar counts a message that came while the volunteer was elsewhere, without a reload.
        open_page(quirina, "/leusden")
        expect(praten_link(quirina).locator(".badge")).to_have_count(0)
        send(ykje, "Neemt u de bon mee?")
        expect(lines(ykje).filter(has_text="Neemt u de bon mee?")).to_have_count(1)
        quirina.wait_for_timeout(1_000)  # the push has reached her tab by now (see the first figures)
        assert unread_of(app.db_url, pair.conversation_id, pair.volunteer) == 1, (
            "read without being seen: her tab's conversation state caught up (and marked read) while "
            "she was on Home"
        )
        expect(praten_link(quirina).locator(".badge")).to_have_text("1", timeout=5_000)
        check_page(quirina, "chat-badge")
        praten_link(quirina).click()
        expect(quirina.get_by_role("heading", level=1, name="Praten")).to_be_visible()
        quirina.get_by_role("link", name=re.compile("Ykje")).first.click()
        expect(lines(quirina).filter(has_text="Neemt u de bon mee?")).to_have_count(1)
        expect(praten_link(quirina).locator(".badge")).to_have_count(0, timeout=5_000)  # read now


class Wire:
    """A page's event websocket, passed through by Playwright: every frame the server sends it is
    kept, and events can be sent on it as if the page's own code sent them."""

    def __init__(self, page: Page) -> None:
        self.received: list[str] = []
        self.server: WebSocketRoute | None = None
        page.route_web_socket(re.compile(r"/_event/"), self._route)

    def _route(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        socket.on_message(server.send)

        def down(message: str | bytes) -> None:
            self.received.append(message if isinstance(message, str) else message.decode(errors="replace"))
            socket.send(message)

        server.on_message(down)
        self.server = server

    def emit(self, name: str, payload: dict, path: str) -> None:
        event = {"name": name, "payload": payload, "router_data": {"pathname": path, "asPath": path}}
        self.server.send("42/_event," + json.dumps(["event", event]))


def handlers(module: str, cls: str, calls: dict[str, tuple]) -> list[tuple[str, dict]]:
    """(event name, payload) for each handler of the state that exists, its arguments by name."""
    state = getattr(importlib.import_module(module), cls)
    found = []
    for name, args in calls.items():
        handler = state.event_handlers.get(name)
        if handler is None:
            continue
        params = [p for p in inspect.signature(handler.fn).parameters if p != "self"]
        found.append((f"{state.get_full_name()}.{name}", dict(zip(params, args, strict=False))))
    return found


def test_a_third_person_gets_nothing_also_calling_the_handlers_directly(browser: Browser, app: RunningApp):
    pair = make_pair(app.db_url, "Ykje", "Quirina")
    secret = f"Mijn pincode is geheim {uuid.uuid4().hex[:6]}"
    db = engine(app.db_url)
    with Session(db) as session:
        hub = _hub(session)
        caregiver = session.get(Person, pair.caregiver)
        message = _say(session, _actor(caregiver, hub, Role.caregiver), pair.conversation_id, secret)
        session.commit()
        message_id = message.id
    otto = make_person(app.db_url, "Otto")
    before = stored(app.db_url, pair.conversation_id)
    path = conversation_path(pair.conversation_id)

    with phone(browser, app.url) as page:
        wire = Wire(page)
        signed_in(page, app, otto, app.url)
        open_page(page, path)
        expect(page.get_by_text("Dit gesprek kunt u niet openen.")).to_be_visible()
        expect(page.get_by_text(secret)).to_have_count(0)
        expect(page.get_by_label("Uw bericht", exact=True)).to_have_count(0)
        expect(page.get_by_text("Quirina")).to_have_count(0)
        check_page(page, "chat-refused")

        cid = str(pair.conversation_id)
        forged = [
            *handlers(
                "state.chat.conversation",
                "ConversationState",
                {
                    "send": ({"text": "Ingebroken", "local_id": str(uuid.uuid4()), "conversation": cid},),
                    "quick": ("thanks",),
                    "older": (),
                    "leave": (),
                    "_pushed": (pair.conversation_id,),
                },
            ),
            *handlers(
                "state.chat.report",
                "ReportState",
                {"open": (str(message_id),), "report": ("spam",), "block": ()},
            ),
            *handlers(
                "state.chat.listing",
                "ChatListState",
                {"join": (cid,), "open": (cid,), "_pushed": (pair.conversation_id,)},
            ),
        ]
        assert len(forged) >= 4, forged  # send, quick, open and report at least: the plan's handlers
        answered = len(wire.received)
        for name, payload in forged:
            wire.emit(name, payload, path)
        page.wait_for_timeout(2_000)
        assert len(wire.received) > answered  # the server did answer the calls
        expect(page.get_by_text(secret)).to_have_count(0)
        expect(page.get_by_text("Ingebroken")).to_have_count(0)

    leaked = [frame for frame in wire.received if secret in frame or "Quirina" in frame]
    assert not leaked, leaked[:3]
    assert stored(app.db_url, pair.conversation_id) == before
    with Session(db) as session:
        assert session.exec(select(func.count()).where(ChatReport.reporter_id == otto)).one() == 0
        assert session.exec(select(func.count()).where(ChatBlock.blocker_id == otto)).one() == 0
        assert session.exec(select(func.count()).where(ChatMember.person_id == otto)).one() == 0
    db.dispose()


def test_a_phone_that_was_offline_gets_all_five_messages_in_order_once(browser: Browser, app: RunningApp):
    pair = make_pair(app.db_url)
    with phone(browser, app.url) as ykje, phone(browser, app.url) as quirina:
        signed_in(ykje, app, pair.caregiver, app.url)
        signed_in(quirina, app, pair.volunteer, app.url)
        open_conversation(ykje, pair.conversation_id)
        open_conversation(quirina, pair.conversation_id)

        quirina.context.set_offline(True)
        expect(quirina.locator(".offline.shown")).to_have_count(1, timeout=10_000)  # Reflex: socket down
        sent = [f"{MARKER} {n}" for n in range(1, 6)]
        for text in sent:
            send(ykje, text)
            expect(lines(ykje).filter(has_text=text)).to_have_count(1)
            expect(ykje.get_by_label("Uw bericht", exact=True)).to_have_value("")
        expect(lines(quirina).filter(has_text=MARKER)).to_have_count(0)
        quirina.context.set_offline(False)

        expect(lines(quirina).filter(has_text=MARKER)).to_have_count(5, timeout=20_000)
        quirina.wait_for_timeout(1_500)  # a late repeat would show by now
        assert shown_texts(quirina, MARKER) == sent
        assert shown_texts(ykje, MARKER) == sent
        check_page(quirina, "chat-after-offline")
    assert stored(app.db_url, pair.conversation_id) == sent


@contextmanager
def phones(browser: Browser, url: str) -> Iterator[tuple[Page, Page]]:
    with phone(browser, url) as one, phone(browser, url) as two:
        yield one, two


def test_a_backend_restart_between_messages_loses_nothing(
    browser: Browser, app: RunningApp, smtp: SmtpServer
):
    pair = make_pair(app.db_url)
    env = {
        "MANTELZORG_SMTP_HOST": smtp.host,
        "MANTELZORG_SMTP_PORT": str(smtp.port),
        "MANTELZORG_TRUSTED_PROXIES": "127.0.0.1,::1",
    }
    with restartable_copy(app, env) as (folder, env, port):
        log = app.instance / "restart.log"
        url = f"http://127.0.0.1:{port}"
        with phones(browser, url) as (ykje, quirina):
            signed_in(ykje, app, pair.caregiver, url)
            signed_in(quirina, app, pair.volunteer, url)
            with backend_serving(folder, env, log, port):
                open_conversation(ykje, pair.conversation_id)
                open_conversation(quirina, pair.conversation_id)
                send(ykje, "Voor de herstart")
                expect(lines(quirina).filter(has_text="Voor de herstart")).to_have_count(1, timeout=5_000)

            # The backend is gone: a message typed now is kept and said to be not sent.
            expect(ykje.locator(".offline")).to_be_visible(timeout=10_000)  # at once, whatever closed it
            send(ykje, "Tijdens de herstart")
            expect(ykje.get_by_text(NOT_SENT)).to_be_visible(timeout=10_000)
            expect(ykje.get_by_label("Uw bericht", exact=True)).to_have_value("Tijdens de herstart")
            check_page(ykje, "chat-not-sent")

            with backend_serving(folder, env, log, port):
                expect(ykje.locator(".offline.shown")).to_have_count(0, timeout=30_000)
                # Reflex sends the tap it queued while the socket was down once it is back; if the
                # box still holds the text after that, the person taps Stuur again. Either way once.
                during = lines(ykje).filter(has_text="Tijdens de herstart")
                with contextlib.suppress(AssertionError):
                    expect(during).to_have_count(1, timeout=5_000)
                if during.count() == 0:
                    expect(ykje.get_by_label("Uw bericht", exact=True)).to_have_value("Tijdens de herstart")
                    ykje.get_by_role("button", name="Stuur", exact=True).click()  # the retry
                expect(lines(ykje).filter(has_text="Tijdens de herstart")).to_have_count(1, timeout=10_000)
                expect(ykje.get_by_text(NOT_SENT)).to_have_count(0)
                expect(ykje.get_by_label("Uw bericht", exact=True)).to_have_value("")
                expect(quirina.locator(".offline.shown")).to_have_count(0, timeout=30_000)
                expect(lines(quirina).filter(has_text="Tijdens de herstart")).to_have_count(1, timeout=10_000)
                send(quirina, "Na de herstart")
                expect(lines(ykje).filter(has_text="Na de herstart")).to_have_count(1, timeout=5_000)
                ykje.wait_for_timeout(1_000)
                for page in (ykje, quirina):
                    texts = [t for t in lines(page).all_text_contents() if "herstart" in t]
                    assert len(texts) == 3, texts
                    for text, expected in zip(texts, ("Voor de", "Tijdens de", "Na de"), strict=True):
                        assert f"{expected} herstart" in text, texts
    assert stored(app.db_url, pair.conversation_id) == [
        "Voor de herstart",
        "Tijdens de herstart",
        "Na de herstart",
    ]


def _room_and_report(db_url: str, pair: Pair) -> int:
    """The café with both of the pair in it, a message there, reported: the moderation list has one."""
    db = engine(db_url)
    with Session(db) as session:
        hub = _hub(session)
        now = datetime.now(UTC)
        conversations.ensure_rooms(session, hub.id, now)
        cafe = session.exec(
            select(Conversation).where(
                Conversation.hub_id == hub.id,
                Conversation.kind == Kind.room,
                col(Conversation.wijk_id).is_(None),
                Conversation.title == conversations.CAFE,  # other tests make rooms of their own
            )
        ).one()
        caregiver = _actor(session.get(Person, pair.caregiver), hub, Role.caregiver)
        volunteer = _actor(session.get(Person, pair.volunteer), hub, Role.volunteer)
        for actor in (caregiver, volunteer):
            conversations.join(session, actor, cafe.id, now)
        _say(session, volunteer, cafe.id, "Goedemorgen allemaal! Wie komt er donderdag koffie drinken?")
        rude = _say(session, caregiver, cafe.id, "Wat een saai verhaal.")
        _say(session, caregiver, pair.conversation_id, "Tot vrijdag!")
        session.add(
            ChatReport(
                hub_id=hub.id, message_id=rude.id, reporter_id=pair.volunteer, reason="rude", created_at=now
            )
        )
        session.commit()
        cafe_id = cafe.id
    db.dispose()
    return cafe_id


def in_language(page: Page, language: str) -> None:
    """As a person switches: the header's language button (the choice is kept in a cookie)."""
    if language == "en":
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_chat_pages_pass_axe(page: Page, app: RunningApp, language: str):
    pair = make_pair(app.db_url, "Ykje", "Quirina")
    cafe = _room_and_report(app.db_url, pair)
    signed_in(page, app, pair.caregiver, app.url)

    open_page(page, "/leusden/praten")
    in_language(page, language)
    if language == "nl":
        expect(page.get_by_role("heading", level=1, name="Praten")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Quirina"))).to_have_count(1)
    check_page(page, f"chat-list-{language}")

    open_page(page, conversation_path(pair.conversation_id))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_text("Tot vrijdag!").first).to_be_visible()
    check_page(page, f"chat-pair-{language}")

    open_page(page, conversation_path(cafe))
    expect(page.get_by_text("Wie komt er donderdag koffie drinken?").first).to_be_visible()
    check_page(page, f"chat-room-{language}")

    page.context.clear_cookies()
    signed_in(page, app, person_named(app.db_url, "Gerrit"), app.url, sessions.STAFF_EMAIL)
    open_page(page, "/leusden/beheer/praten")
    in_language(page, language)
    if language == "nl":
        expect(page.get_by_role("heading", level=1, name="Meldingen")).to_be_visible()
    expect(page.get_by_text("Wat een saai verhaal.").first).to_be_visible()
    check_page(page, f"chat-moderation-{language}")
