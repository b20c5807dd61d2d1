"""The conversation of one matched request at /[hub]/hulpvraag/[nr]: the two first names and the
messages. The number in the address says nothing by itself; only the people of the request see it."""

from typing import TypedDict

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.help import moments, threads
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.problems import Invalid
from state.actions import act
from state.auth import now, require
from state.client import page_argument
from state.help.requests import request_row
from state.inputs import as_id


class Message(TypedDict):
    author: str
    text: str
    when: dict[str, str]  # in words, by language: "vandaag om 8.13 uur" (services.platform.dates)
    mine: str  # "ja" when the reader wrote it


class ThreadState(rx.State):
    allowed: bool = False
    request: dict[str, str] = {}
    when: dict[str, str] = {}  # by language: the days and dayparts asked for (services.help.moments)
    first: dict[str, str] = {}  # by language: the first moment that suits both, while matched
    caregiver: str = ""
    volunteer: str = ""
    messages: list[Message] = []
    takes_messages: bool = False  # matched, with a volunteer who still qualifies
    problem: str = ""
    _request_id: int | None = None

    @rx.event
    async def load(self):
        self._request_id = as_id(page_argument(self, "nr"))
        self.problem = ""
        await self._refresh()

    async def _refresh(self) -> None:
        actor = await require(self, "read-thread")
        self.allowed = self.takes_messages = False
        self.request, self.messages = {}, []  # nothing of an earlier thread stays in the tab on refusal
        self.when, self.first = {}, {}
        self.caregiver = self.volunteer = ""
        if actor is None or self._request_id is None:
            return
        with rx.session() as session:
            try:
                found = threads.read(session, actor, self._request_id)
            except Refused:
                return
            zone = session.get(Hub, actor.hub_id).timezone
        self.allowed = True
        moment = now()
        self.request = request_row(found.request, "")
        self.when = moments.when_all(found.request)
        self.first = moments.first_moment_all(found.request, zone, moment) if found.takes_messages else {}
        self.caregiver, self.volunteer = found.caregiver, found.volunteer
        self.takes_messages = found.takes_messages
        self.messages = [
            Message(
                author=author,
                text=text,
                when=dates.in_words_all(when, zone, moment),
                mine="ja" if mine else "",
            )
            for author, text, when, mine in found.messages
        ]

    @rx.event
    async def send(self, form: dict):
        """A message; the form names its request (services.threads checks the sender belongs to it)."""
        text = str(form.get("message", ""))[: threads.TEXT_MAX + 100]
        request_id = as_id(form.get("request"))

        def post(session, actor) -> None:
            threads.post(session, actor, request_id or 0, text, now())

        try:
            done = await act(self, "post-thread", post, shows_page=False)  # allowed: as _refresh finds
        except Invalid as invalid:
            self.problem = invalid.problems["text"]
            return None
        if done is None:
            return None
        self.problem, self._request_id = "", request_id
        await self._refresh()
        return rx.set_value("message", "")
