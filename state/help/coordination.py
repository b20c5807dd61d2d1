"""The coordinator's page: calls to make, open help requests, pending trekkers, volunteers' VOG,
inviting professionals.

After "Gebeld" or "Niet bereikt" the row stays where it was for `SHOWN_FOR`, saying what happened
beside its buttons ("Gebeld." with "Ongedaan maken"); then the page's timer presses the hidden
`SETTLE_BUTTON` and the list takes its new order. What this tab did, and when, is kept on the server
(``_recent``): only that can be undone, and only for a short while (`callbacks.UNDO_WITHIN`).
"""

import dataclasses
from datetime import datetime, timedelta

import reflex as rx
from reflex.event import EventSpec

from mantelzorg_app import routes, settings
from mantelzorg_app.models import CallbackTask, Hub, Role
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.directory import owners
from mantelzorg_app.services.help import callbacks, coordination, support_lines
from mantelzorg_app.services.identity import memberships
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates, i18n
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act
from state.auth import now, require
from state.client import page_origin
from state.help.requests import request_row
from state.hub import HubState
from state.inputs import as_id

INVITE_FIELDS = ("first_name", "email")
COORDINATOR = (Role.coordinator,)
# What this tab just did with a call-back, shown beside its buttons for SHOWN_FOR.
CALLED, TRIED, UNDONE = "called", "tried", "undone"
SHOWN_FOR = timedelta(seconds=10)
_EARLY = timedelta(seconds=1)  # a timer may fire a little before the server's clock says so
SETTLE_BUTTON = "terugbellen-klaar"
CALLBACKS_HEADING = "terugbellen"


@dataclasses.dataclass
class CallRow:
    """A call-back on the list; ``about``, ``asked`` and ``tried`` in every language."""

    id: str = ""
    name: str = ""
    phone: str = ""
    tel: str = ""
    good_time: str = ""
    about: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    asked: dict[str, str] = dataclasses.field(default_factory=dict)
    tried: dict[str, str] = dataclasses.field(default_factory=dict)  # "" in each while none missed them
    outcome: str = ""  # CALLED, TRIED, UNDONE: what this tab just did, for SHOWN_FOR
    person: str = ""  # "ja": a signed-in person asked, the caller can also write to them


def _call_row(task: CallbackTask, zone: str, moment: datetime) -> CallRow:
    return CallRow(
        id=str(task.id),
        name=task.name,
        phone=task.phone,
        tel=support_lines.tel_href(task.phone),
        good_time=task.good_time,
        about={lang: callbacks.about(task, lang) for lang in i18n.LANGUAGES},
        asked=_asked(task.created_at, zone, moment),
        tried={lang: callbacks.tried_in_words(task, zone, lang, moment) for lang in i18n.LANGUAGES},
        person="ja" if task.person_id is not None else "",
    )


def _asked(created: datetime, zone: str, moment: datetime) -> dict[str, str]:
    """ "Gevraagd gisteren om 9.00 uur" in every language."""
    return {lang: callbacks.asked_in_words(created, zone, lang, moment) for lang in i18n.LANGUAGES}


def pinned(fresh: list[CallRow], shown: list[CallRow], recent: dict[str, str]) -> list[CallRow]:
    """The ``fresh`` list, with each row this tab just acted on (``recent``: id, outcome) kept where
    it was ``shown``: a called one (no longer fresh) as it was, the others as they are now."""
    at = {row.id: i for i, row in enumerate(shown)}
    was = {row.id: row for row in shown}
    now_rows = {row.id: row for row in fresh}
    kept = [
        dataclasses.replace(now_rows.get(rid) or was[rid], outcome=outcome)
        for rid, outcome in recent.items()
        if rid in at and (rid in now_rows or outcome == CALLED)
    ]
    rows = [row for row in fresh if row.id not in recent or row.id not in at]
    for row in sorted(kept, key=lambda r: at[r.id]):
        rows.insert(min(at[row.id], len(rows)), row)
    return rows


def _timer(focus: str = "") -> EventSpec:
    """Ends the feedback after SHOWN_FOR (presses SETTLE_BUTTON); first moves focus to ``focus``,
    the control that took the place of the one pressed."""
    focus_js = f"document.getElementById('{focus}')?.focus();" if focus else ""
    settle_ms = int(SHOWN_FOR.total_seconds() * 1000)
    return rx.call_script(
        f"setTimeout(() => {{ {focus_js} }}, 100);"
        f"setTimeout(() => document.getElementById('{SETTLE_BUTTON}')?.click(), {settle_ms});"
    )


class CoordinationState(rx.State):
    allowed: bool = False
    pending_trekkers: list[dict[str, str]] = []
    volunteers: list[dict[str, str]] = []
    professionals: list[dict[str, str]] = []  # also "organization": its id, or ""; "organization_name"
    organizations: list[dict[str, str]] = []  # {"id", "name"}: the hub's, to link a professional to
    callbacks: list[CallRow] = []  # 'Bel mij terug' still to call
    waiting: list[dict[str, str]] = []  # open help requests; "long": waits too long
    asked: dict[str, dict[str, str]] = {}  # request id: language: "Gevraagd gisteren om 9.00 uur"
    vog_seen: dict[str, dict[str, str]] = {}  # membership id: language: "vandaag", "dinsdag 3 december"
    candidates: list[dict[str, str]] = []  # {"request_id", "id", "name"}: volunteers to suggest
    invite_first_name: str = ""
    invite_email: str = ""
    problems: dict[str, str] = dict.fromkeys(INVITE_FIELDS, "")
    done: str = ""  # Dutch catalogue id of what just worked
    _recent: dict[int, tuple[str, datetime]] = {}  # call-back id: (outcome, when) of this tab's taps

    async def _coordinator(self, action: str) -> Actor | None:
        actor = await require(self, action, *COORDINATOR)
        self.allowed = actor is not None
        return actor

    async def _refresh(self, actor: Actor) -> None:
        moment = now()
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            found = memberships.overview(session, actor)
            calls = [_call_row(task, zone, moment) for task in callbacks.open_tasks(session, actor)]
            waiting = coordination.open_requests(session, actor, moment)
            choices = owners.choices(session, actor)
            linked = owners.linked(session, actor)
        today = dates.local(moment, zone).date()

        def rows(members):
            return [
                {
                    "id": str(m.membership_id),
                    "name": m.first_name,
                    "wijk": m.wijk,
                    "vog": "ja" if m.vog_checked_on else "",
                }
                for m in members
            ]

        self.pending_trekkers = rows(found.pending_trekkers)
        self.volunteers = rows(found.volunteers)
        names = {choice.id: choice.name for choice in choices}
        self.organizations = [{"id": str(choice.id), "name": choice.name} for choice in choices]
        self.professionals = [
            {
                **row,
                "organization": str(linked.get(int(row["id"]), "")),
                "organization_name": names.get(linked.get(int(row["id"])), ""),
            }
            for row in rows(found.professionals)
        ]
        self.vog_seen = {
            str(m.membership_id): dates.day_in_words_all(m.vog_checked_on, today)
            for m in found.volunteers
            if m.vog_checked_on
        }
        recent = {str(tid): outcome for tid, (outcome, _) in self._recent.items()}
        self.callbacks = pinned(calls, self.callbacks, recent)
        self.waiting = [
            {
                **request_row(w.request, w.wijk),
                "days": str(w.days),
                "long": "ja" if w.waits_long else "",
                "attention": "ja" if w.said_no else "",
                "vog_taken_back_from": w.vog_taken_back_from,
                "suggested": ", ".join(w.suggested),
            }
            for w in waiting
        ]
        self.asked = {str(w.request.id): _asked(w.request.created_at, zone, moment) for w in waiting}
        self.candidates = [
            {"request_id": str(w.request.id), "id": str(person_id), "name": name}
            for w in waiting
            for person_id, name in w.candidates
        ]

    @rx.event
    async def load(self):
        self.done = ""
        self._recent = {}
        self.callbacks = []  # nothing kept in place from before
        if actor := await self._coordinator("coordination-overview"):
            await self._refresh(actor)

    @rx.event
    async def grant_trekker(self, membership_id):
        await self._change("grant-trekker", membership_id, memberships.grant_trekker, N_("Goedgekeurd."))

    @rx.event
    async def set_vetted(self, membership_id, vetted):
        moment = now()

        def vet(session, actor, mid):
            # the day on the hub's clock, as the page names it ("vandaag" after midnight there too)
            zone = session.get(Hub, actor.hub_id).timezone
            checked_on = dates.local(moment, zone).date() if vetted is True else None
            coordination.set_vetted(session, actor, mid, checked_on)

        await self._change("vet-volunteer", membership_id, vet, N_("Opgeslagen."))

    @rx.event
    async def called(self, task_id):
        """'Gebeld': the call is made; the number leaves the list (and is forgotten a month later).
        For SHOWN_FOR the row stays, with "Ongedaan maken"."""
        moment = now()

        def done(session, actor, tid):
            callbacks.mark_done(session, actor, tid, moment)

        if actor := await act(self, "callback-done", done, task_id, roles=COORDINATOR):
            return await self._tapped(actor, as_id(task_id), CALLED, moment, f"ongedaan-{as_id(task_id)}")

    @rx.event
    async def not_reached(self, task_id):
        """'Niet bereikt, later nog eens': the task stays, counts the try and goes lower on the list."""
        moment = now()

        def tried(session, actor, tid):
            callbacks.not_reached(session, actor, tid, moment)

        if actor := await act(self, callbacks.NOT_REACHED, tried, task_id, roles=COORDINATOR):
            return await self._tapped(actor, as_id(task_id), TRIED, moment)

    @rx.event
    async def undo_called(self, task_id):
        """'Ongedaan maken': the number this tab just marked 'Gebeld' is back on the list."""
        tid = as_id(task_id)
        outcome, marked_at = self._recent.get(tid, ("", None)) if tid else ("", None)
        undone = []

        def undo(session, actor, tid):
            if callbacks.undo_done(session, actor, tid, marked_at if outcome == CALLED else None, now()):
                undone.append(tid)

        if actor := await act(self, callbacks.UNDONE, undo, task_id, roles=COORDINATOR):
            if not undone:
                await self._refresh(actor)
                return None
            return await self._tapped(actor, tid, UNDONE, now(), f"gebeld-{tid}")

    @rx.event
    async def write_to(self, task_id):
        """'Stuur een bericht': the conversation with the signed-in person who asked for the
        call-back (made on first tap; services.chat checks the task, the hub and the role)."""
        opened = []

        def open_chat(session, actor, tid):
            opened.append(conversations.for_callback(session, actor, tid, now()).id)

        if await act(self, "open-callback-chat", open_chat, task_id, roles=COORDINATOR) and opened:
            slug = (await self.get_state(HubState))._slug
            return rx.redirect(f"/{slug}/{routes.conversation_part(opened[0])}")
        return None

    async def _tapped(self, actor: Actor, tid: int, outcome: str, moment: datetime, focus: str = ""):
        self.done = ""
        self._recent = {**self._recent, tid: (outcome, moment)}
        await self._refresh(actor)
        return _timer(focus)

    @rx.event
    async def settle(self):
        """The page's timer, SHOWN_FOR after a tap: that row's words go and the list takes its order."""
        if actor := await self._coordinator("coordination-overview"):
            moment = now()
            self._recent = {
                tid: seen for tid, seen in self._recent.items() if moment - seen[1] < SHOWN_FOR - _EARLY
            }
            await self._refresh(actor)
            # A called row that had focus is gone: focus goes to the list's heading, not lost.
            return rx.call_script(
                "setTimeout(() => { if (document.activeElement === document.body) "
                f"document.getElementById('{CALLBACKS_HEADING}')?.focus(); }}, 100)"
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
    async def link_organization(self, form: dict):
        """The professional (form "medewerker": membership id) keeps the entries of the chosen
        organisation (form "organisatie": its id, "" for none). services.directory.owners checks both."""
        form = form if isinstance(form, dict) else {}
        membership_id = as_id(form.get("medewerker")) or 0  # junk is refused and logged there
        chosen = form.get("organisatie", "")
        organization_id = None if chosen == "" else (as_id(chosen) or 0)

        def link(session, actor):
            owners.link(session, actor, membership_id, organization_id)

        if actor := await act(self, owners.LINKED, link, roles=COORDINATOR):
            self.done = N_("Opgeslagen.")
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
