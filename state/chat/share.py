""" "Stuur naar mijn vrijwilliger" on a card (a sociale kaart service, an activity, a news post).

``load`` (a page's on_load, beside the card's own) finds the viewer's conversations with a volunteer
(``sharing.volunteer_pairs``): the page shows the button with one, a choice by first name with
several, nothing without. ``send(kind, item_id, conversation_id)`` shares the card: the title and
the link come from the database (``sharing.card_of``), the conversation is checked like any message
(``conversations.access``); committed, then pushed to the others like a typed message, then on to
that conversation.
"""

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.services.chat import conversations, sharing
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.platform.problems import Invalid
from state.auth import current_actor, now, require
from state.chat import push
from state.chat.conversation import RECEIVERS
from state.hub import HubState
from state.inputs import as_id


class ShareState(rx.State):
    volunteers: list[dict[str, str]] = []  # {"id": conversation id, "name": the volunteer's first name}
    problem: str = ""  # Dutch msgid: why the card did not go (too many messages)

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        self.problem = ""
        if actor is None:
            self.volunteers = []
            return
        with rx.session() as session:
            pairs = sharing.volunteer_pairs(session, actor)
        self.volunteers = [{"id": str(pair.conversation_id), "name": pair.name} for pair in pairs]

    @rx.event
    async def send(self, kind, item_id, conversation_id):
        actor = await require(self, sharing.ACTION)
        conversation = as_id(conversation_id)
        if actor is None or conversation is None:
            return None
        receivers: set[int] = set()
        with rx.session() as session:
            try:
                _message, new, found = sharing.share(session, actor, kind, item_id, conversation, now())
                if new:
                    receivers = conversations.receivers(session, found.conversation)
                session.commit()
            except Refused:  # logged by the refusal itself
                return None
            except Invalid as invalid:
                session.rollback()
                self.problem = invalid.problems.get("text", "")
                return None
        self.problem = ""
        push.schedule(receivers, conversation, self.router.session.client_token, RECEIVERS)
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.conversation_part(conversation)}")
