"""Home for the signed-in person: what is going on in words and their main action; whether the
bottom bar's "Hulp" opens their requests, and the count on its "Praten". All work from the session
cookie, never from the browser."""

import reflex as rx

from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.directory import owners
from mantelzorg_app.services.help import overview
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor
from state.actions import viewer
from state.auth import TabOwnerState, now
from state.holder import reader
from state.hub import hub_id_of
from state.ui import sentence_row, show

LINE_VALUES = ("name", "caregiver", "when", "n", "help")  # every {name} of overview's lines


class HomeState(rx.State):
    signed_in: bool = False
    allowed: bool = False
    # {"message", "name", "caregiver", "when", "n", "help"}: the page translates each in the reader's
    # language; "when" and "help" are catalogue ids themselves.
    lines: list[dict[str, str]] = []
    main: str = ""  # an overview.MAIN_*, or ""
    partner: bool = False  # a professional linked to an organisation: the way to Mijn organisatie

    @rx.event
    async def load(self):
        actor = await viewer(self)
        found, partner = None, False
        if actor:
            with rx.session() as session:
                found = overview.overview(session, actor, now())
                partner = owners.keeps_entries(session, actor)
        rows = [sentence_row(line, LINE_VALUES) for line in (found.lines if found else ())]
        show(self, lines=rows, main=found.main if found else "", partner=partner)


class NavState(rx.State):
    """Whether the signed-in person has a request going on in this hub: the bottom bar's "Hulp" then
    opens "Mijn hulpvragen" instead of the Wegwijzer; and ``unread``, their unread chat messages in
    this hub, the count on "Praten". Every hub page loads it right after the tab's owner check and
    the hub (``pages.shape.HUB_ON_LOAD``): it takes the person that check just found from the session
    cookie, so it costs two indexed queries, and none for a visitor. A message pushed to the tab
    (``state.chat.push``) counts again, and so does a conversation page once it marked them read."""

    has_requests: bool = False
    unread: int = 0

    @rx.event
    async def load(self):
        person_id = (await self.get_state(TabOwnerState))._person_id
        hub_id = await hub_id_of(self)
        found, unread = False, 0
        if person_id is not None and hub_id is not None:
            with rx.session() as session:
                found = overview.has_requests(session, person_id, hub_id)
                unread = _unread(session, person_id, hub_id)
        show(self, has_requests=found, unread=unread)

    async def _pushed(self, conversation_id: int) -> None:
        """Counts again: a message came, or the person read some (``conversation_id`` unused), for
        the person who still holds the tab's session (``state.holder.reader``, which reads it without
        extending it and empties the tab when nobody does)."""
        if (await self.get_state(TabOwnerState))._person_id is None:
            return  # a visitor's tab, or one that never loaded a hub page: nothing counted
        actor = await reader(self)
        if actor is not None:
            with rx.session() as session:
                show(self, unread=conversations.unread_total(session, actor))


def _unread(session, person_id: int, hub_id: int) -> int:
    """The badge's count for the person the tab's owner check found: their roles in this hub
    decide what they may read (``unread_total``)."""
    actor = Actor(person_id, "", hub_id, authz.roles(session, person_id, hub_id))
    return conversations.unread_total(session, actor)
