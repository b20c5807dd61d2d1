"""The coordinator's page: pending trekkers, volunteers' VOG, inviting professionals, calls to make."""

import reflex as rx
from babel.dates import format_date

from mantelzorg_app import settings
from mantelzorg_app.models import CallbackTask, Role
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.help import callbacks, coordination
from mantelzorg_app.services.identity import memberships
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act
from state.auth import now, require
from state.client import page_origin
from state.help.requests import request_row
from state.inputs import as_id
from state.ui import UiState

INVITE_FIELDS = ("first_name", "email")
COORDINATOR = (Role.coordinator,)


def _call_row(task: CallbackTask, lang: str) -> dict[str, str]:
    return {
        "id": str(task.id),
        "phone": task.phone,
        "tel": "tel:" + "".join(ch for ch in task.phone if ch.isdigit() or ch == "+"),
        "good_time": task.good_time,
        "band": task.band,
        "asked_on": format_date(task.created_at, "long", locale=lang),
    }


class CoordinationState(rx.State):
    allowed: bool = False
    pending_trekkers: list[dict[str, str]] = []
    volunteers: list[dict[str, str]] = []
    professionals: list[dict[str, str]] = []
    callbacks: list[dict[str, str]] = []  # 'Bel mij terug' still to call
    waiting: list[dict[str, str]] = []  # help requests without a volunteer for too long
    candidates: list[dict[str, str]] = []  # {"request_id", "id", "name"}: volunteers to suggest
    invite_first_name: str = ""
    invite_email: str = ""
    problems: dict[str, str] = dict.fromkeys(INVITE_FIELDS, "")
    done: str = ""  # Dutch catalogue id of what just worked

    async def _coordinator(self, action: str) -> Actor | None:
        actor = await require(self, action, *COORDINATOR)
        self.allowed = actor is not None
        return actor

    async def _refresh(self, actor: Actor) -> None:
        lang = i18n.supported((await self.get_state(UiState)).lang)
        with rx.session() as session:
            found = memberships.overview(session, actor)
            calls = [_call_row(task, lang) for task in callbacks.open_tasks(session, actor)]
            waiting = coordination.waiting(session, actor, now())

        def rows(members):
            return [
                {
                    "id": str(m.membership_id),
                    "name": m.first_name,
                    "wijk": m.wijk,
                    "vog": format_date(m.vog_checked_on, "long", locale=lang) if m.vog_checked_on else "",
                }
                for m in members
            ]

        self.pending_trekkers = rows(found.pending_trekkers)
        self.volunteers = rows(found.volunteers)
        self.professionals = rows(found.professionals)
        self.callbacks = calls
        self.waiting = [
            {
                **request_row(w.request, w.wijk),
                "days": str(w.days),
                "attention": "ja" if w.said_no else "",
                "vog_taken_back_from": w.vog_taken_back_from,
                "suggested": ", ".join(w.suggested),
            }
            for w in waiting
        ]
        self.candidates = [
            {"request_id": str(w.request.id), "id": str(person_id), "name": name}
            for w in waiting
            for person_id, name in w.candidates
        ]

    @rx.event
    async def load(self):
        self.done = ""
        if actor := await self._coordinator("coordination-overview"):
            await self._refresh(actor)

    @rx.event
    async def grant_trekker(self, membership_id):
        await self._change("grant-trekker", membership_id, memberships.grant_trekker, N_("Goedgekeurd."))

    @rx.event
    async def set_vetted(self, membership_id, vetted):
        checked_on = now().date() if vetted is True else None

        def vet(session, actor, mid):
            coordination.set_vetted(session, actor, mid, checked_on)

        await self._change("vet-volunteer", membership_id, vet, N_("Opgeslagen."))

    @rx.event
    async def called(self, task_id):
        """'Gebeld': the call is made; the number leaves the list (and is forgotten a month later)."""

        def done(session, actor, tid):
            callbacks.mark_done(session, actor, tid, now())

        await self._change(
            "callback-done", task_id, done, N_("Gebeld. Het nummer staat niet meer op de lijst.")
        )

    @rx.event
    async def suggest(self, request_id, volunteer_id):
        """The volunteer finds the request on top of their list, with a word from the coordinator."""
        volunteer = as_id(volunteer_id)

        def suggest(session, actor, rid):
            coordination.suggest(session, actor, rid, volunteer or 0, now())

        await self._change(
            "suggest-volunteer",
            request_id,
            suggest,
            N_("Gevraagd. De vrijwilliger ziet de hulpvraag bovenaan."),
        )

    @rx.event
    async def handled(self, request_id):
        await self._change("attention-handled", request_id, coordination.handled, N_("Opgeslagen."))

    async def _change(self, action: str, raw_id, change, done: str) -> None:
        if actor := await act(self, action, change, raw_id, roles=COORDINATOR):
            self.done = done
            await self._refresh(actor)

    @rx.event
    async def invite(self, form: dict):
        self.invite_first_name = str(form.get("invite_first_name", ""))[:200]
        self.invite_email = str(form.get("invite_email", ""))[:300]
        base = settings.link_base(page_origin(self))

        def invite(session, actor) -> list:
            first_name, email = self.invite_first_name, self.invite_email
            return [confirmations.invite_professional(session, actor, first_name, email, base, now())]

        actor = await act(self, "invite-professional", invite, roles=COORDINATOR, problems=INVITE_FIELDS)
        if actor is None:
            return
        self.invite_first_name = self.invite_email = ""
        # The same words whether the address had an account or not.
        self.done = N_("Uitgenodigd. We hebben een mail gestuurd. Na een ja staat de medewerker in de lijst.")
        await self._refresh(actor)
        return [rx.set_value("invite_first_name", ""), rx.set_value("invite_email", "")]
