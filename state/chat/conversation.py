"""One conversation at /[hub]/praten/[gesprek]: its messages, the box to write in, quick replies.

Every handler asks ``services.chat.conversations.access`` again, from server-side data (the
session cookie, the hub the server found): the conversation id in the address or the form is only
parsed, never trusted. On a refusal the tab keeps nothing of the conversation.

What the page holds is the newest ``KEEP`` messages (more after "Eerdere berichten", at most
``messages.SHOWN_MOST``), merged by number (``seq``): a (re)load, a push and the sender's own
answer each ask for everything after ``_last_seq``, so the page catches up in order and shows no
message twice. On a reconnect Reflex runs the page's on_load again (``hydrate_and_load``): ``load``
then catches up the same way instead of starting over.

``send``: the message is committed before the page shows it; then ``state.chat.push.deliver``
tells the other members' open tabs, in a task of its own. The answer calls ``mzChatSent(local_id)``
in assets/chat.js, which empties the box; without that answer the box keeps the text and says
"Niet verstuurd. Probeer het nog eens.", and a retry sends the same ``local_id`` (stored once).
"""

import json
import re
from typing import TypedDict

import reflex as rx
from sqlmodel import Session, select

from mantelzorg_app import routes
from mantelzorg_app.models import ChatMember, HelpRequest, Hub
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.chat.conversations import Access
from mantelzorg_app.services.help import moments
from mantelzorg_app.services.help.requests import caregiver_name_for, first_names
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid
from state.auth import now, require
from state.chat import push
from state.chat.listing import ChatListState
from state.client import page_argument
from state.help.requests import request_row
from state.holder import reader
from state.home import NavState
from state.hub import HubState
from state.inputs import as_form, as_id, form_text
from state.ui import show

KEEP = 50  # the newest messages a page holds; "Eerdere berichten" adds this many more each time

# The quick replies: key -> the text sent (Dutch; the page shows each in the reader's language)
QUICK = {
    "thanks": N_("Dank u"),
    "call": N_("Ik bel u"),
    "see_you": N_("Tot dan"),
    "coming": N_("Ik kom eraan"),
}
CALLBACK = N_("Dit gesprek gaat over de vraag om teruggebeld te worden.")
_CARD_PATH = re.compile(r"[a-z0-9][a-z0-9/-]{0,199}")


class Line(TypedDict):
    id: str
    seq: int
    author: str  # first name; "" for a wiped person (the page says "verwijderde gebruiker")
    badge: str  # "staff" | "vetted" | ""
    mine: str  # "ja" when the reader wrote it
    text: str
    hidden: str  # "ja" when the coordinator hid it
    card_kind: str
    card_title: str
    card_href: str
    when: dict[str, str]  # by language: "gisteren om 14.05 uur"


def line_of(shown: messages.Shown, slug: str, zone: str, moment, when: dict[str, str] | None = None) -> Line:
    """One message as the page shows it; ``when`` in words given again saves working it out."""
    card = shown.card
    href = f"/{slug}/{card.path}" if card and _CARD_PATH.fullmatch(card.path) else ""
    return Line(
        id=str(shown.id),
        seq=shown.seq,
        author=shown.author,
        badge=shown.badge,
        mine="ja" if shown.mine else "",
        text=shown.text,
        hidden="ja" if shown.hidden else "",
        card_kind=card.kind if card else "",
        card_title=card.title if card else "",
        card_href=href,
        when=when or dates.in_words_all(shown.at, zone, moment),
    )


def _ack(local_id: str, sent: bool) -> rx.event.EventSpec:
    """Tells assets/chat.js the server has the message (``sent``), or has answered without storing it."""
    return rx.call_script(f"window.mzChatAnswer && mzChatAnswer({json.dumps(local_id)}, {json.dumps(sent)})")


class ConversationState(rx.State):
    allowed: bool = True  # False: not a member (the page says so); True before the first load
    title: str = ""  # a room's name (a catalogue id for the café), the other people's first names
    kind: str = ""  # "pair" | "organisation" | "room"
    posting: bool = False  # the conversation takes messages (not closed)
    messages: list[Line] = []
    more: bool = False  # older messages than the ones shown
    problem: str = ""  # a catalogue id: why the message was not sent
    held: bool = False  # a phone number or e-mail address in a room: asking "share it?"
    conversation_id: str = ""
    # What the conversation is about, above the messages. A help request's: the two first names,
    # its card (state.help.requests.request_row), when it is asked for and, while it takes
    # messages, the first moment that suits both (by language, services.help.moments).
    caregiver: str = ""
    volunteer: str = ""
    request: dict[str, str] = {}
    when: dict[str, str] = {}
    first: dict[str, str] = {}
    about: str = ""  # a catalogue id: a call-back's conversation says so in one line
    _conversation_id: int | None = None
    _last_seq: int = 0
    _window: int = KEEP  # how many messages the page holds (grows with "Eerdere berichten")
    # the first held number, and messages.changes of the held lines when they were read
    _marks: tuple[int, ...] = ()

    def _forget(self) -> None:
        """Nothing of a conversation stays in the tab."""
        show(self, title="", kind="", problem="", conversation_id="", posting=False, held=False, more=False)
        show(self, messages=[], caregiver="", volunteer="", request={}, when={}, first={}, about="")
        self._conversation_id, self._last_seq, self._window, self._marks = None, 0, KEEP, ()

    def _shut(self) -> None:
        """Refused: the page says it cannot be opened, and holds nothing of the conversation."""
        self._forget()
        self.allowed = False

    def _access(self, session: Session, actor: Actor, conversation_id: int, action: str) -> Access | None:
        """The conversation for a member of it; None (the refusal logged, the page shut) else."""
        try:
            return conversations.access(session, actor, conversation_id, action)
        except Refused:
            self._shut()
            return None

    def _zone(self, session: Session, actor: Actor) -> str:
        hub = session.get(Hub, actor.hub_id)
        return hub.timezone if hub else "Europe/Amsterdam"

    def _subject(self, session: Session, actor: Actor, found: Access) -> None:
        """What the conversation is about, from the database: a help request's names and card, or
        the line of a call-back's; nothing for a room or a question to an organisation."""
        conversation = found.conversation
        request = session.get(HelpRequest, conversation.request_id) if conversation.request_id else None
        if request is None:
            show(self, caregiver="", volunteer="", request={}, when={}, first={})
        else:
            members = set(
                session.exec(
                    select(ChatMember.person_id).where(ChatMember.conversation_id == conversation.id)
                ).all()
            )
            # the volunteer of this conversation: the request's now, or the one of an earlier match
            others = members - {request.caregiver_id, request.posted_by_id}
            volunteer_id = request.volunteer_id
            if volunteer_id not in others:
                volunteer_id = min(others, default=None)
            names = first_names(session, {request.caregiver_id, volunteer_id})
            zone = self._zone(session, actor)
            first = moments.first_moment_all(request, zone, now()) if found.posting else {}
            show(
                self,
                caregiver=caregiver_name_for(request, actor, names),
                volunteer=names.get(volunteer_id, "") if volunteer_id is not None else "",
                request=request_row(request, ""),
                when=moments.when_all(request),
                first=first,
            )
        show(self, about=CALLBACK if conversation.callback_id is not None else "")

    async def _catch_up(self, session: Session, found: Access, actor: Actor, redate: bool = True) -> None:
        """Reads the page's messages again: the ones it holds (a hidden, blocked or wiped one
        changes or goes) and everything after ``_last_seq``, in order, one line per number. A first
        load takes the newest ``KEEP``; a page that missed ``SHOWN_MOST`` or more starts again from
        the newest. Marks nothing read: the page says what it showed (``seen``). A push
        (``redate`` False) keeps the held lines' dates in words, the costliest part of a line
        (a reload says them anew)."""
        last = found.conversation.last_seq  # read before the messages: every number up to it is stored
        first = self.messages[0]["seq"] if self.messages else 0
        if (
            not redate
            and first
            and self._marks
            == (first, *messages.changes(session, found.conversation.id, actor.person_id, first))
        ):
            await self._add_new(session, found, actor, last)  # nothing held changed: only what is new
            return
        held = len(self.messages)
        start = self.messages[0]["seq"] - 1 if held else self._last_seq
        fresh = (
            []
            if self._last_seq == 0
            else messages.after(session, found, actor.person_id, start, held + messages.SHOWN_MOST)
        )
        if self._last_seq == 0 or sum(m.seq > self._last_seq for m in fresh) >= messages.SHOWN_MOST:
            fresh = messages.after(session, found, actor.person_id, 0, KEEP + 1)
            self.more = len(fresh) > KEEP
            fresh = fresh[-KEEP:]
            self._window = KEEP
        self._last_seq = max([last, self._last_seq, *(m.seq for m in fresh)])
        slug = (await self.get_state(HubState))._slug
        zone, moment = self._zone(session, actor), now()
        said = {} if redate else {line["seq"]: line["when"] for line in self.messages}
        kept = [line_of(m, slug, zone, moment, said.get(m.seq)) for m in fresh]  # in order, each number once
        self._hold(session, found, actor, kept, reread=True)

    async def _add_new(self, session: Session, found: Access, actor: Actor, last: int) -> None:
        """A push when the held lines are as they were: just the messages after ``_last_seq``."""
        new = messages.after(session, found, actor.person_id, self._last_seq, messages.SHOWN_MOST)
        self._last_seq = max([last, self._last_seq, *(m.seq for m in new)])
        if not new:
            return
        slug = (await self.get_state(HubState))._slug
        zone, moment = self._zone(session, actor), now()
        self._hold(
            session,
            found,
            actor,
            [*self.messages, *(line_of(m, slug, zone, moment) for m in new)],
            reread=False,
        )

    def _hold(self, session: Session, found: Access, actor: Actor, kept: list[Line], reread: bool) -> None:
        """The page's lines (at most its window), and the mark of what could change in them (again
        when they were all read again, or the window moved on)."""
        if len(kept) > self._window:
            kept = kept[-self._window :]
            self.more = True
        if kept != self.messages:
            self.messages = kept
        first = kept[0]["seq"] if kept else 0
        if reread or self._marks[:1] != (first,):
            self._marks = (first, *messages.changes(session, found.conversation.id, actor.person_id, first))

    async def _open(self, conversation_id: int | None, action: str) -> None:
        """(Re)opens the conversation: the whole page on a first load, what it holds read again
        and what is new on a reload of the same one (a reconnect)."""
        actor = await require(self, action)
        if actor is None or conversation_id is None:
            self._shut()
            return
        if conversation_id != self._conversation_id:
            self._forget()
        with rx.session() as session:
            if (found := self._access(session, actor, conversation_id, action)) is None:
                return
            conversation = found.conversation
            self._conversation_id = conversation.id
            show(  # only what changed goes to the browser: a reconnect's load sends little
                self,
                allowed=True,
                conversation_id=str(conversation.id),
                kind=str(conversation.kind),
                posting=found.posting,
                title=conversations.title(session, actor, conversation),
            )
            self._subject(session, actor, found)
            await self._catch_up(session, found, actor)
            session.commit()  # a professional's first opening of a question made them a member

    @rx.event
    async def load(self):
        await self._open(as_id(page_argument(self, "gesprek")), "read-conversation")

    async def _post(self, conversation_id: int | None, text: str, local_id: str, share: bool):
        """Stores the message and commits; then shows what is new and pushes. Answers chat.js."""
        actor = await require(self, "send-message")
        if actor is None or conversation_id is None:
            self._shut()
            return _ack(local_id, False)
        receivers: set[int] = set()
        with rx.session() as session:
            try:
                found = conversations.access(session, actor, conversation_id, "send-message")
                _message, new = messages.send(
                    session, found, actor.person_id, text, local_id, now(), share_contact=share
                )
                if new:
                    receivers = conversations.receivers(session, found.conversation)
                session.commit()
            except Refused:  # logged by the refusal itself
                self._shut()
                return _ack(local_id, False)
            except Invalid as invalid:
                session.rollback()
                problem = invalid.problems.get("text", "")
                self.held = problem in messages.HELD_BACK  # the page asks this question (a msgid)
                self.problem = problem
                return _ack(local_id, False)
            if conversation_id == self._conversation_id:  # the page shows what is new, as a push does
                await self._catch_up(session, found, actor, redate=False)
        show(self, problem="", held=False)
        push.schedule(receivers, conversation_id, self.router.session.client_token, RECEIVERS)
        return _ack(local_id, True)

    @rx.event
    async def send(self, form: dict):
        """The box's message, or a quick reply. ``form``: ``text``, ``local_id`` (the browser's id,
        assets/chat.js), ``conversation`` (its id), after the question about a phone number ``share``
        "ja", and ``quick``: the key of the quick reply tapped ("thanks", "call", "see_you",
        "coming"; chat.js fills it in), sent in Dutch as written instead of the box's text. Both
        carry the browser's ``local_id``, so a retry after a lost answer stores one message."""
        fields = as_form(form)
        local_id = form_text(fields, "local_id", 36)
        quick = form_text(fields, "quick", 20)
        if quick:
            text = QUICK.get(quick)
            if text is None:  # not a quick reply: nothing is sent
                return _ack(local_id, False)
            share = False
        else:
            text = form_text(fields, "text", messages.TEXT_MAX + 100)
            share = form_text(fields, "share") == "ja"
        return await self._post(as_id(fields.get("conversation")), text, local_id, share)

    @rx.event
    async def older(self):
        """ "Eerdere berichten": ``KEEP`` more before the oldest shown (at most SHOWN_MOST in all)."""
        actor = await require(self, "read-conversation")
        if actor is None or self._conversation_id is None:
            self._shut()
            return
        with rx.session() as session:
            if (found := self._access(session, actor, self._conversation_id, "read-conversation")) is None:
                return
            room = messages.SHOWN_MOST - len(self.messages)
            take = min(KEEP, room)
            if take <= 0:
                self.more = False
                return
            first = self.messages[0]["seq"] if self.messages else self._last_seq + 1
            batch = messages.before(session, found, actor.person_id, first, take + 1)
            self.more = len(batch) > take and len(self.messages) + take < messages.SHOWN_MOST
            batch = batch[-take:]
            slug = (await self.get_state(HubState))._slug
            zone, moment = self._zone(session, actor), now()
            lines = [line_of(m, slug, zone, moment) for m in batch if m.seq < first]
        self.messages = lines + self.messages
        self._window = max(self._window, len(self.messages))

    @rx.event
    def edit(self):
        """ "Nee, pas het aan": the question about a phone number goes; the box keeps the text."""
        show(self, held=False, problem="")

    @rx.event
    async def leave(self):
        """ "Verlaat de groep": out of this room, and on to the Praten list."""
        actor = await require(self, "leave-room")
        if actor is None or self._conversation_id is None:
            self._shut()
            return None
        with rx.session() as session:
            try:
                conversations.leave(session, actor, self._conversation_id)
            except Refused:
                return None
            session.commit()
        self._forget()
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.CHAT}")

    @rx.event
    async def seen(self, form: dict):
        """assets/chat.js: the page is in view and shows the messages up to ``seq`` (form fields
        ``seq`` and ``conversation``). Marks them read, never past what this tab holds nor what
        exists, for a member only; the bottom bar counts again. Not the person's tap: the session
        is read without extending it (a page left open in view keeps no one signed in)."""
        fields = as_form(form)
        seq, conversation_id = as_id(fields.get("seq")), as_id(fields.get("conversation"))
        if seq is None or conversation_id is None or conversation_id != self._conversation_id:
            return
        actor = await reader(self)
        if actor is None:
            self._shut()
            return
        with rx.session() as session:
            if (found := self._access(session, actor, conversation_id, "read-conversation")) is None:
                return
            was = found.member.read_seq
            conversations.mark_read(session, found, min(seq, self._last_seq))
            read = found.member.read_seq > was
            session.commit()
        if read:  # the bottom bar's count (loaded before this page) counts again
            await (await self.get_state(NavState))._pushed(conversation_id)

    async def _pushed(self, conversation_id: int) -> None:
        """Called by state.chat.push after another member's commit, or a coordinator's decision:
        reads the page again when this tab shows the conversation. Marks nothing read: a phone in
        a pocket shows nothing (chat.js calls ``seen`` once it does)."""
        if conversation_id != self._conversation_id or not self.allowed:
            return
        if page_argument(self, "gesprek") != str(conversation_id):
            return  # the tab has moved on to another page
        actor = await reader(self)
        if actor is None:
            return  # the tab was emptied: nobody holds its session now
        with rx.session() as session:
            if (found := self._access(session, actor, conversation_id, "read-conversation")) is None:
                return
            show(self, posting=found.posting)
            await self._catch_up(session, found, actor, redate=False)
            session.commit()


# Who catches up in a member's tab after a message: this page first (it marks read what it shows),
# then the Praten list and the bottom bar's badge, which count what is still unread.
RECEIVERS: tuple[type[rx.State], ...] = (ConversationState, ChatListState, NavState)
