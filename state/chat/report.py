""" "Meld" on a message: the sheet with four reasons, a thank-you, and "Blokkeer deze persoon".

``open`` checks on the server that the signed-in person may read the message (services.chat.
moderation.opened: a member of its conversation, not its author) and keeps its id in the backend
var ``_message_id``; ``report`` and ``block`` act only on that message, and the service checks the
access again. The browser never says whose message it is.
"""

import reflex as rx
from sqlmodel import col, select

from mantelzorg_app import settings
from mantelzorg_app.models import ChatMessage, Reason
from mantelzorg_app.services.chat import moderation
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.platform import mail
from state.actions import act
from state.auth import now, require
from state.client import page_origin
from state.inputs import as_id

SHEET_HEADING = "report-title"  # the sheet's h2, which gets the focus when it opens
REASONS = tuple(r.value for r in Reason)
CHOOSE, THANKS, BLOCKED = "choose", "thanks", "blocked"


class ReportState(rx.State):
    allowed: bool = False
    step: str = ""  # "" (closed), CHOOSE, THANKS, BLOCKED
    can_block: bool = False  # the message has an author (not a wiped person's)
    problems: dict[str, str] = {"report": ""}
    _message_id: int = 0

    def _closed(self) -> None:
        self._message_id = 0
        self.step = ""
        self.can_block = False
        self.problems = {"report": ""}

    @rx.event
    async def open(self, message_id):
        """Opens the sheet for one message the signed-in person may read."""
        self._closed()
        actor = await require(self, "report-open")
        self.allowed = actor is not None
        wanted = as_id(message_id)
        if actor is None or wanted is None:
            return None
        with rx.session() as session:
            try:
                message = moderation.opened(session, actor, wanted)
            except Refused:
                self.allowed = False
                return None
            self._message_id = message.id
            self.can_block = message.author_id is not None
        self.step = CHOOSE
        return rx.call_script(f"setTimeout(() => document.getElementById('{SHEET_HEADING}')?.focus(), 50)")

    @rx.event
    async def report(self, reason):
        """One tap on a reason: the report goes to the hub's coordinator."""
        if self.step != CHOOSE:
            return
        base = settings.link_base(page_origin(self))

        def change(session, actor, message_id) -> list[mail.Message]:
            return moderation.report(session, actor, message_id, reason, now(), base)

        if await act(self, "report-message", change, self._message_id, problems=("report",)):
            self.step = THANKS

    @rx.event
    async def block(self):
        """Blocks the author of the opened message; their messages leave this page at once."""
        if self.step not in (CHOOSE, THANKS) or not self.can_block:
            return
        blocked: list[int] = []

        def change(session, actor, message_id) -> None:
            blocked.append(moderation.block_author(session, actor, message_id, now()))

        if await act(self, "block-author", change, self._message_id):
            self.step = BLOCKED
            await self._leave_page_of(blocked[0])

    async def _leave_page_of(self, person_id: int) -> None:
        """Takes the blocked person's messages off the conversation page of this tab (its next
        load leaves them out on the server: services.chat.messages.after)."""
        from state.chat.conversation import ConversationState  # the page imports both

        with rx.session() as session:
            conversation_id = session.get(ChatMessage, self._message_id).conversation_id
            theirs = {
                str(i)
                for i in session.exec(
                    select(ChatMessage.id).where(
                        ChatMessage.conversation_id == conversation_id,
                        col(ChatMessage.author_id) == person_id,
                    )
                ).all()
            }
        page = await self.get_state(ConversationState)
        if any(line["id"] in theirs for line in page.messages):
            page.messages = [line for line in page.messages if line["id"] not in theirs]

    @rx.event
    def close(self):
        """ "Terug": closes the sheet."""
        self._closed()
