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
from state.chat import push
from state.client import page_origin
from state.inputs import as_id

SHEET_HEADING = "report-title"  # the sheet's h2, which gets the focus when it opens
BLOCK_ASK = "block-ask"  # "Blokkeer deze persoon"
BLOCK_SAYS_ID = "block-says"  # what blocking does, above "Ja, blokkeer": the focus goes there
MELD_ID = "meld-"  # + the message's id: the "Meld" that opened the sheet gets the focus back
REASONS = tuple(r.value for r in Reason)
CHOOSE, THANKS, BLOCKED = "choose", "thanks", "blocked"


class ReportState(rx.State):
    allowed: bool = False
    step: str = ""  # "" (closed), CHOOSE, THANKS, BLOCKED
    can_block: bool = False  # the message has an author (not a wiped person's)
    blocking: bool = False  # "Blokkeer deze persoon" tapped: what it does, above "Ja, blokkeer"
    problems: dict[str, str] = {"report": ""}
    _message_id: int = 0

    def _closed(self) -> None:
        self._message_id = 0
        self.step = ""
        self.can_block = False
        self.blocking = False
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
        return _focus(SHEET_HEADING)

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
            return _focus(SHEET_HEADING)  # the tapped reason has gone: the heading says "Gemeld"
        return None

    @rx.event
    def ask_block(self):
        """ "Blokkeer deze persoon": first says what it does, above "Ja, blokkeer" (display only)."""
        if self.step in (CHOOSE, THANKS) and self.can_block:
            self.blocking = True
            return _focus(BLOCK_SAYS_ID)
        return None

    @rx.event
    def keep_unblocked(self):
        """ "Nee, niet blokkeren" under "Ja, blokkeer" (display only)."""
        self.blocking = False
        return _focus(BLOCK_ASK)

    @rx.event
    async def block(self):
        """Blocks the author of the opened message; their messages leave this page at once."""
        if self.step not in (CHOOSE, THANKS) or not self.can_block:
            return
        blocked: list[int] = []

        def change(session, actor, message_id) -> None:
            blocked.append(moderation.block_author(session, actor, message_id, now()))

        if actor := await act(self, "block-author", change, self._message_id):
            self.step = BLOCKED
            self.blocking = False
            conversation_id = await self._leave_page_of(blocked[0])
            # the blocker's other tabs: the conversation, the list and the count read again
            from state.chat.conversation import RECEIVERS  # the page imports both

            push.schedule({actor.person_id}, conversation_id, self.router.session.client_token, RECEIVERS)
            return _focus(SHEET_HEADING)  # "Geblokkeerd"
        return None

    async def _leave_page_of(self, person_id: int) -> int:
        """Takes the blocked person's messages off the conversation page of this tab (its next
        load leaves them out on the server: services.chat.messages.after); answers the
        conversation's id."""
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
        return conversation_id

    @rx.event
    def close(self):
        """ "Terug": closes the sheet; the focus goes back to the message's "Meld", or to the list
        of messages when that message has left the page (its author blocked)."""
        return self._close()

    def _close(self):
        message_id = self._message_id
        self._closed()
        if not message_id:
            return None
        return rx.call_script(
            f"setTimeout(() => (document.getElementById('{MELD_ID}{message_id}')"
            " || document.querySelector('[data-chat-messages]'))?.focus(), 50)"
        )


def _focus(element_id: str):
    return rx.call_script(f"setTimeout(() => document.getElementById('{element_id}')?.focus(), 50)")
