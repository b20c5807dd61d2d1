"""/[hub]/hulpvraag/[nr], the link in the help pages and mails: on to the request's conversation."""

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.identity.authz import Refused
from state.auth import now, require
from state.client import page_argument
from state.hub import HubState
from state.inputs import as_id


class RequestChatState(rx.State):
    allowed: bool = True  # False: not one of the request's people (the page says so)

    @rx.event
    async def load(self):
        actor = await require(self, "open-request-chat")
        request_id = as_id(page_argument(self, "nr"))
        self.allowed = False
        if actor is None or request_id is None:
            return None
        with rx.session() as session:
            try:
                conversation = conversations.for_request(session, actor, request_id, now())
            except Refused:
                return None
            session.commit()
            conversation_id = conversation.id
        self.allowed = True
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.conversation_part(conversation_id)}", replace=True)
