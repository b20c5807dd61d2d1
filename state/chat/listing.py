"""The Praten list at /[hub]/praten: the person's conversations, newest on top, with the last line,
when in words and the unread count; then the hub's rooms they have not joined, with "Doe mee".

Everything comes from ``services.chat.conversations.listing`` for the person the session cookie
names, in the hub the server looked up. A message pushed to the tab (``state.chat.push``) reads the
list again through ``_pushed``, so it stays current while it is open.
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.chat.conversations import CAFE, Summary
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates
from state.actions import act, viewer
from state.auth import now
from state.holder import reader
from state.hub import HubState
from state.inputs import as_id
from state.ui import show

EVERYONE = tuple(Role)  # anyone with a role in this hub may talk here


class ChatRow(TypedDict):
    id: str
    kind: str  # a conversations Kind: pair, organisation, room
    title: str  # first names, the organisation, or the room's name
    named: str  # "ja": the title is a catalogue id (the café), the page translates it
    last_line: str  # "" when no message yet
    when: dict[str, str]  # by language; {} when no message yet
    unread: int


def _row(found: Summary, zone: str, moment) -> ChatRow:
    return {
        "id": str(found.id),
        "kind": str(found.kind),
        "title": found.title,
        "named": "ja" if found.title == CAFE else "",
        "last_line": " ".join(found.last_line.split()),  # one line: the page cuts it
        "when": dates.in_words_all(found.last_at, zone, moment) if found.last_at else {},
        "unread": found.unread,
    }


class ChatListState(rx.State):
    signed_in: bool = False
    allowed: bool = False
    mine: list[ChatRow] = []  # "Uw gesprekken", newest on top
    rooms: list[ChatRow] = []  # "Groepen": rooms of the hub to join
    _person_id: int | None = None  # whose list this tab holds: a push reads it again for them only

    @rx.event
    async def load(self):
        actor = await viewer(self, *EVERYONE)
        self._person_id = actor.person_id if actor else None
        if actor:
            self._refresh(actor)
        else:
            show(self, mine=[], rooms=[])

    @rx.event
    async def join(self, conversation_id: str):
        """ "Doe mee": into the room, then open it."""

        def change(session, actor, room_id):
            conversations.join(session, actor, room_id, now())

        if await act(self, "join-room", change, conversation_id, roles=EVERYONE):
            slug = (await self.get_state(HubState))._slug
            return rx.redirect(f"/{slug}/{routes.conversation_part(as_id(conversation_id))}")
        return None

    async def _pushed(self, conversation_id: int) -> None:
        """A message came in one of the conversations: read the list again, when this tab shows
        the Praten list now, to the person who still holds the tab's session (``state.holder.reader``)."""
        if self._person_id is None or not self._shown():
            return  # another page, or a tab that never opened the list: nothing read, nothing stored
        actor = await reader(self)
        if actor is not None and actor.person_id == self._person_id:
            self._refresh(actor)

    def _shown(self) -> bool:
        """Whether the tab's page is the Praten list (``/[hub]/praten``), from the browser's last
        event: the route Reflex's own router vars read (``router.page`` is deprecated)."""
        return self.rx_router_page.path.strip("/").split("/")[1:] == [routes.CHAT]

    def _refresh(self, actor: Actor) -> None:
        moment = now()
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            found = conversations.listing(session, actor)
        show(
            self,
            mine=[_row(s, zone, moment) for s in found if s.member],
            rooms=[_row(s, zone, moment) for s in found if not s.member],
        )
