"""'Is het gelukt?' for the signed-in person, on their requests page and their volunteer page."""

import reflex as rx

from mantelzorg_app.services.help import follow_ups
from mantelzorg_app.services.identity.authz import Refused
from state.auth import current_actor, now, require
from state.help.requests import CATEGORY
from state.inputs import as_id


class FollowUpState(rx.State):
    allowed: bool = False
    due: list[dict[str, str]] = []  # {"id", "other", "label"}
    thanks: bool = False

    @rx.event
    async def load(self):
        self.thanks = False
        actor = await current_actor(self)
        self.allowed = actor is not None
        self._refresh(actor)

    def _refresh(self, actor) -> None:
        if actor is None:
            self.due = []
            return
        with rx.session() as session:
            found = follow_ups.due(session, actor, now())
        self.due = [
            {"id": str(d.id), "other": d.other, "label": CATEGORY.get(d.category, ("", ""))[0]} for d in found
        ]

    @rx.event
    async def answer(self, follow_up_id, given):
        actor = await require(self, "answer-follow-up")
        self.allowed = actor is not None
        found_id = as_id(follow_up_id)
        if actor is None or found_id is None or not isinstance(given, str):
            return
        with rx.session() as session:
            try:
                follow_ups.answer(session, actor, found_id, given, now())
            except Refused:
                return
        self.thanks = True
        self._refresh(actor)
