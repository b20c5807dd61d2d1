"""Mijn organisatie: a professional keeps their organisation's entries on the sociale kaart.

The list: the organisation's services, each with "Wijzigen", a new service, and what waits for the
coordinator. The form: the whole entry (services.directory.edits.EDITABLE_FIELDS), sent to the
coordinator, who approves before anything shows. A coordinator may use it for any organisation of
the hub (a chooser). The truth is on the server: ``_form`` holds every value as typed (each field
goes to the server on blur and, debounced, while typing, as the request form does), ``_target``
what the form changes, ``_screen`` what shows; a reload shows the same screen with everything typed.
Every handler that reads or proposes an entry checks the person, role, hub and organisation inside
(``act``, services.directory.edits, which refuses and logs anyone else).
"""

import reflex as rx

from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.directory import edits, rules
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates, hubs
from state import ui
from state.actions import act, viewer
from state.auth import now
from state.inputs import toggled
from state.ui import show

STAFF = (Role.professional, Role.coordinator)
FIELDS = edits.PROBLEM_FIELDS
TYPED = (*edits.TEXT_FIELDS, *edits.HOURS_FIELDS)
TYPED_MAX = {
    **{name: edits.LIMITS[name] + 100 for name in edits.TEXT_FIELDS},
    **dict.fromkeys(edits.HOURS_FIELDS, 100),
}
LIST, FORM, SENT = "list", "form", "sent"
NEW = "new"  # _target of a new service; else ["service", id] or ["edit", id] (a waiting new one)


class PartnerState(rx.State):
    # What the page shows; copies of the truth below.
    signed_in: bool = False
    allowed: bool = False
    screen: str = ""  # LIST, FORM, SENT; "" before load or without an organisation
    organizations: list[dict[str, str]] = []  # {"id", "name"}: the coordinator's chooser
    organization: str = ""  # the chosen organisation's id
    organization_name: str = ""
    services: list[dict[str, str]] = []  # {"id", "name", "summary", "icon", "waiting" ("1" or "")}
    pending: list[dict[str, str]] = []  # {"id", "name", "new" ("1"/""), "mine" ("1"/"")}
    pending_when: dict[str, dict[str, str]] = {}  # edit id: language: "vandaag om 9.00 uur"
    # The form
    form_key: int = 0  # a new form mounts its fields afresh
    editing: str = ""  # the name of the service the form changes; "" for a new one
    replacing: bool = False  # sending replaces the person's own waiting change
    other_hours: bool = False  # the service has hours the form does not show (monthly); they stay
    values: dict[str, str] = {}  # the typed fields as the form opened (and after a reload)
    category: str = ""
    area: list[str] = []
    languages: list[str] = []
    wijken: list[dict[str, str]] = []  # {"id", "name"}
    language_choices: list[dict[str, str]] = []  # {"code", and its name by language: "nl", "en"}
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    # The truth, on the server only.
    _owner: list = []  # [person id, hub id] the page was loaded for
    _org_id: int = 0
    _target: list = []
    _form: dict = {}
    _screen: str = ""
    _wijk_ids: list[str] = []

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.event
    async def load(self):
        """The person's organisation (a coordinator's chosen one) with its services and what waits;
        the form where this tab left it, with everything typed."""
        actor = await viewer(self, *STAFF)
        if not actor:
            self._forget()
            return
        if self._owner != [actor.person_id, actor.hub_id]:
            self._forget()
            self._owner = [actor.person_id, actor.hub_id]
        with rx.session() as session:
            self._wijk_ids = [str(w.id) for w in hubs.wijken(session, actor.hub_id)]
            self.wijken = [{"id": str(w.id), "name": w.name} for w in hubs.wijken(session, actor.hub_id)]
            found = edits.organizations_of(session, actor)
            if self._org_id not in [o.id for o in found]:
                self._org_id = found[0].id if found else 0
                self._screen, self._target, self._form = "", [], {}
            self.organizations = [{"id": str(o.id), "name": o.name} for o in found]
            self._list(session, actor)
        if not self._org_id:
            self._screen = ""
        elif self._screen not in (FORM, SENT):
            self._screen = LIST
        self.problems = dict.fromkeys(FIELDS, "")
        self._show_form()
        if self._screen == FORM:  # the fields mount afresh with what was typed, not what they last showed
            self.form_key += 1

    @rx.event
    async def choose(self, organization_id):
        """The coordinator's chooser: the organisation whose entries show."""

        def change(session, actor: Actor, chosen: int) -> None:
            edits.check(session, actor, chosen, "partner-choose")
            if chosen != self._org_id:
                self._org_id, self._target, self._form = chosen, [], {}
            self._screen = LIST
            self._list(session, actor)

        await act(self, "partner-choose", change, organization_id, roles=STAFF)

    @rx.event
    async def edit(self, service_id):
        """'Wijzigen' on a service: the form with the entry (or the person's own waiting change of
        it; or what this tab typed for it before)."""

        def change(session, actor: Actor, chosen: int) -> None:
            service = edits.service_of(session, actor, chosen, "partner-edit")
            target = ["service", service.id]
            waiting = edits.waiting_for(session, service.id)
            mine = waiting is not None and waiting.author_id == actor.person_id
            if self._target != target or not self._form:
                self._form = edits.proposed(waiting) if mine else edits.entry_of(session, service)
            self._open(session, actor, service.organization_id, target, service.name, mine)

        await act(self, "partner-edit", change, service_id, roles=STAFF)

    @rx.event
    async def edit_waiting(self, edit_id):
        """'Wijzigen' on the person's own waiting new service: the form with what they sent."""

        def change(session, actor: Actor, chosen: int) -> None:
            edit = edits.own_waiting(session, actor, chosen, "partner-edit")
            target = ["edit", edit.id] if edit.service_id is None else ["service", edit.service_id]
            if self._target != target or not self._form:
                self._form = edits.proposed(edit)
            self._open(session, actor, edit.organization_id, target, "", True)

        await act(self, "partner-edit", change, edit_id, roles=STAFF)

    @rx.event
    async def new_service(self):
        """'Nieuwe dienst': an empty form for the organisation on show."""

        def change(session, actor: Actor) -> None:
            if not self._org_id:  # a tap before the page's load: the person's first organisation
                found = edits.organizations_of(session, actor)
                self._org_id = found[0].id if found else 0
            edits.check(session, actor, self._org_id, "partner-new")
            if self._target != [NEW] or not self._form:
                self._form = edits.blank()
            self._open(session, actor, self._org_id, [NEW], "", False)

        await act(self, "partner-new", change, roles=STAFF)

    @rx.event
    def keep(self, name, value):
        """A typed value, kept as it is typed so a reload shows it again."""
        self._keep(name, value)

    def _keep(self, name, value) -> None:
        if self._screen != FORM or not self._form or name not in TYPED or not isinstance(value, str):
            return
        self._form = {**self._form, name: value[: TYPED_MAX[name]]}

    @rx.event
    def choose_category(self, value):
        if isinstance(value, str) and value in BY_VALUE and self._screen == FORM and self._form:
            self._form = {**self._form, "category": value}
            self.category = value
            self._clear("category")

    @rx.event
    def toggle(self, name, value):
        """A tap on a wijk or a language: on or off."""
        if self._screen != FORM or not self._form or name not in ("area", "languages"):
            return
        allowed = self._wijk_ids if name == "area" else [c["code"] for c in self.language_choices]
        if value not in allowed:
            return
        chosen = [v for v in allowed if v in toggled(list(self._form.get(name, [])), value)]
        self._form = {**self._form, name: chosen}
        setattr(self, name, chosen)
        self._clear(name)

    @rx.event
    async def send(self, form: dict):
        """'Versturen naar de coördinator': the whole entry, checked, waits for the coordinator."""
        if isinstance(form, dict) and self._screen == FORM and self._form:
            for name in TYPED:
                if isinstance(form.get(name), str):
                    self._keep(name, form[name])
        target, entry = list(self._target), dict(self._form)

        def change(session, actor: Actor) -> None:
            service_id = target[1] if target[0] == "service" else None
            replaces = target[1] if target[0] == "edit" else None
            edits.propose(session, actor, self._org_id, service_id, entry, replaces=replaces)

        ready = self._screen == FORM and bool(target) and bool(entry)
        if actor := await act(self, "partner-send", change, roles=STAFF, ready=ready, problems=FIELDS):
            self._screen, self._target, self._form = SENT, [], {}
            with rx.session() as session:
                self._list(session, actor)
            self._show_form()

    @rx.event
    def back(self):
        """Back to the list (from the form or the thanks); what was typed stays for the same entry."""
        if self._screen in (FORM, SENT):
            self._screen = LIST
            self.problems = dict.fromkeys(FIELDS, "")
            self._show_form()

    def _open(self, session, actor: Actor, organization_id: int, target: list, name: str, mine: bool) -> None:
        if organization_id != self._org_id:
            self._org_id = organization_id
            self._list(session, actor)
        self._target, self._screen = target, FORM
        self.editing, self.replacing = name, mine
        self.other_hours = edits.other_hours(session, target[1] if target[0] == "service" else None)
        self.form_key += 1
        self.problems = dict.fromkeys(FIELDS, "")
        self._show_form()

    def _list(self, session, actor: Actor) -> None:
        """The organisation on show: its services and what waits."""
        organization = next((o for o in edits.organizations_of(session, actor) if o.id == self._org_id), None)
        if organization is None:
            show(self, organization="", organization_name="", services=[], pending=[], pending_when={})
            return
        waiting = edits.waiting_of(session, organization.id)
        waiting_ids = {e.service_id for e in waiting}
        zone, moment = session.get(Hub, actor.hub_id).timezone, now()
        show(
            self,
            organization=str(organization.id),
            organization_name=organization.name,
            services=[
                {
                    "id": str(s.id),
                    "name": s.name,
                    "summary": s.summary,
                    "icon": BY_VALUE[s.category].icon if s.category in BY_VALUE else "info",
                    "waiting": "1" if s.id in waiting_ids else "",
                }
                for s in edits.services_of(session, organization)
            ],
            pending=[
                {
                    "id": str(e.id),
                    "name": edits.proposed(e)["name"],
                    "new": "1" if e.service_id is None else "",
                    "mine": "1" if e.author_id == actor.person_id else "",
                }
                for e in waiting
            ],
            pending_when={str(e.id): dates.in_words_all(e.created_at, zone, moment) for e in waiting},
        )

    def _show_form(self) -> None:
        form = self._form or edits.blank()
        others = [c for c in form.get("languages", []) if c not in edits.LANGUAGES]
        show(
            self,
            screen=self._screen,
            values={name: str(form.get(name, "")) for name in TYPED},
            category=str(form.get("category", "")),
            area=list(form.get("area", [])),
            languages=list(form.get("languages", [])),
            language_choices=[{"code": c, **rules.language_names(c)} for c in (*edits.LANGUAGES, *others)],
        )

    def _clear(self, field: str) -> None:
        if self.problems.get(field):
            self.problems = {**self.problems, field: ""}

    def _forget(self) -> None:
        self._owner, self._org_id, self._target, self._form, self._screen = [], 0, [], {}, ""
        show(self, screen="", organizations=[], services=[], pending=[], pending_when={}, values={})
