"""The coordinator's Meldingen page (routes.CHAT_MODERATION): reported messages and what to do.

Every handler checks the coordinator of this hub on the server (``act``); the services check the
report's hub again. A report id from the browser is only an id.
"""

import dataclasses

import reflex as rx

from mantelzorg_app.models import ChatMessage, ChatReport, Conversation, Hub, Kind, Role
from mantelzorg_app.services.chat import conversations, moderation
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act
from state.auth import now, require
from state.chat import push
from state.chat.conversation import RECEIVERS

COORDINATOR = (Role.coordinator,)
HIDDEN = N_("Het bericht is verborgen. Niemand ziet het nog.")
WARNED = N_("Het bericht is verborgen. De schrijver krijgt een mail met de afspraken.")
REMOVED = N_("Het bericht is verborgen. De schrijver doet niet meer mee in deze groep.")
KEPT = N_("De melding is afgehandeld. Er is niets veranderd.")


@dataclasses.dataclass
class ReasonRow:
    reason: str = ""  # a models.chat.Reason value
    count: int = 0


@dataclasses.dataclass
class ReportRow:
    id: str = ""  # the first open report of the message: what the buttons send
    text: str = ""
    author: str = ""  # "" for a wiped person
    where: str = ""  # a room's name (a catalogue id for the café), or the members' first names
    room: bool = False
    reasons: list[ReasonRow] = dataclasses.field(default_factory=list)
    count: int = 0
    when: dict[str, str] = dataclasses.field(default_factory=dict)  # language: when it was written
    hidden: bool = False
    removable: bool = False


def _row(found: moderation.Reported, zone: str, moment) -> ReportRow:
    return ReportRow(
        id=str(found.report_id),
        text=found.text,
        author=found.author,
        where=found.where,
        room=found.kind == Kind.room,
        reasons=[ReasonRow(str(reason), count) for reason, count in found.reasons],
        count=found.count,
        when=dates.in_words_all(found.written_at, zone, moment),
        hidden=found.hidden,
        removable=found.removable,
    )


class ModerationState(rx.State):
    allowed: bool = False
    reports: list[ReportRow] = []
    done: str = ""  # Dutch catalogue id of what just worked

    def _refresh(self, actor: Actor) -> None:
        moment = now()
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            self.reports = [_row(r, zone, moment) for r in moderation.reports(session, actor)]

    @rx.event
    async def load(self):
        self.done = ""
        actor = await require(self, "chat-reports", *COORDINATOR)
        self.allowed = actor is not None
        if actor is not None:
            self._refresh(actor)

    async def _decide(self, action: str, decide, report_id, done: str, shown: bool = True) -> None:
        """Runs the coordinator's ``decide``; when it changes what members see (``shown``), their
        open tabs of the conversation read it again (``push.schedule``, after the commit): the
        hidden message goes from their screens, a removed writer's page closes."""
        told: list[tuple[set[int], int]] = []

        def change(session, actor, report):
            found = session.get(ChatReport, report)
            message = session.get(ChatMessage, found.message_id) if found else None
            conversation = session.get(Conversation, message.conversation_id) if message else None
            before = conversations.receivers(session, conversation) if conversation else set()
            mails = decide(session, actor, report, now())
            if conversation is not None:  # a removed writer's tabs too: they close the page
                told.append((before | conversations.receivers(session, conversation), conversation.id))
            return mails

        if actor := await act(self, action, change, report_id, roles=COORDINATOR):
            self.done = done
            self._refresh(actor)
            if shown and told:
                people, conversation_id = told[0]
                push.schedule(people, conversation_id, self.router.session.client_token, RECEIVERS)

    @rx.event
    async def hide(self, report_id):
        await self._decide("chat-hide", moderation.hide, report_id, HIDDEN)

    @rx.event
    async def warn(self, report_id):
        await self._decide("chat-warn", moderation.warn, report_id, WARNED)

    @rx.event
    async def remove(self, report_id):
        await self._decide("chat-remove", moderation.remove_from_room, report_id, REMOVED)

    @rx.event
    async def keep(self, report_id):
        await self._decide("chat-keep", moderation.keep, report_id, KEPT, shown=False)
