"""'Is het gelukt?' for the signed-in person, on their requests page and their volunteer page."""

import reflex as rx

from mantelzorg_app.services.help import follow_ups
from state.actions import act, viewer
from state.auth import now
from state.help.requests import CATEGORY


class FollowUpState(rx.State):
    allowed: bool = False
    due: list[dict[str, str]] = []  # {"id", "other", "label"}
    thanks: bool = False

    @rx.event
    async def load(self):
        self.thanks = False
        self._refresh(await viewer(self))

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
        def answer(session, actor, found_id) -> None:
            follow_ups.answer(session, actor, found_id, given, now())

        if actor := await act(self, "answer-follow-up", answer, follow_up_id, ready=isinstance(given, str)):
            self.thanks = True
            self._refresh(actor)
