"""The form that turns a caregiver's wish into help requests, in short steps, prefilled from the Wegwijzer.

One screen a step (``services.help.requests.form_steps``): which help (every kind the Wegwijzer's
answers chose), a text for each kind, when, where, and a last look before sending; staff posting
for a caregiver first say for whom. Every tap and every typed value goes to the server as it is
made (typed ones on blur and, debounced, while typing), which keeps the truth in ``_form`` and
``_step``: a reload of the tab shows the same step with everything typed. A browser can set the
plain vars with setvar; no handler reads them. ``submit`` posts one request per kind in one call.
A professional or coordinator posts one kind on behalf of a caregiver, whose name, address and
consent are asked too; the caregiver gets a mail (services.confirmations).
"""

import json

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Role
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.help import requests, vocabulary, wegwijzer
from mantelzorg_app.services.help.requests import OnBehalf
from mantelzorg_app.services.identity import carried
from mantelzorg_app.services.platform import hubs, places
from mantelzorg_app.services.platform.problems import Invalid
from state import ui
from state.actions import act, viewer
from state.auth import now, session_token
from state.client import page_origin
from state.help.requests import RequestsState
from state.help.wegwijzer import QuestionnaireState
from state.hub import HubState
from state.inputs import toggled
from state.ui import UiState, show

FIELDS = ("category", "text", "place", "caregiver_first_name", "caregiver_email", "consent")
ASKERS = (Role.caregiver, Role.professional, Role.coordinator)
TYPED_MAX = {
    "own": requests.TEXT_MAX + 100,
    "postcode": 40,
    "caregiver_first_name": 200,
    "caregiver_email": 300,
}
DAY_LABELS = {c.value: c.label for c in (*vocabulary.DAYS, *vocabulary.DAYPARTS)}


class RequestFormState(rx.State):
    # What the page shows; copies of _form and _step.
    signed_in: bool = False
    allowed: bool = False
    on_behalf: bool = False  # staff: the caregiver's name, address and consent are asked; one kind
    step: str = ""  # the screen on show (requests.STEP_*); "" before the form is loaded
    position: int = 1
    total: int = 1
    kinds: list[str] = []
    kind: str = ""  # on a text step: its kind
    sentences: list[str] = []  # on a text step: its example sentences (Dutch msgids)
    example: int = 0  # on a text step: the chosen example; requests.OWN_WORDS: their own words
    own: str = ""  # on a text step: their own words as typed
    home_visit: bool = False  # on a text step
    wijken: list[dict[str, str]] = []
    wijk: str = ""  # a wijk id, or ""
    postcode: str = ""
    postcode_key: int = 0  # a new value shows the postcode field afresh (a wijk tap emptied it)
    days: list[str] = []
    dayparts: list[str] = []
    recurring: bool = False
    caregiver_first_name: str = ""
    caregiver_email: str = ""
    consent: bool = False
    rows: list[dict[str, str]] = []  # the last look: {"label", "text", "example" ("1" or ""), "home"}
    when: list[str] = []  # the last look: the days and dayparts' words (msgids)
    place: str = ""  # the last look: the wijk's name or the postcode
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    # The truth, on the server only.
    _form: dict = {}
    _step: str = ""
    _owner: list = []  # [person id, hub id, on behalf] the form was made for; [] before load
    _source: str = ""  # the tab's Wegwijzer answers the form was filled in from
    _wijk_ids: list[int] = []

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.event
    async def load(self):
        """Opens the form where this tab left it, filled in from this tab's Wegwijzer answers (again
        when they changed); signed out, it asks to sign in."""
        actor = await viewer(self, *ASKERS)
        self.on_behalf = bool(actor and not actor.has(Role.caregiver))
        self.problems = dict.fromkeys(FIELDS, "")
        if not actor:
            return
        with rx.session() as session:
            found = hubs.wijken(session, actor.hub_id)
        self._wijk_ids = [w.id for w in found]
        self.wijken = [{"id": str(w.id), "name": w.name} for w in found]
        owner = [actor.person_id, actor.hub_id, self.on_behalf]
        questionnaire = await self.get_state(QuestionnaireState)
        answers = questionnaire._answers if questionnaire._hub_id == actor.hub_id else {}
        source = json.dumps(answers, sort_keys=True) if answers else ""
        same = self._owner == owner and bool(self._form)
        if not same or (source and source != self._source):
            if not answers:  # the mail link's new tab: the answers the sign-in carried
                with rx.session() as session:
                    answers = carried.answers(session, session_token(self), now(), actor.hub_id)
            form = requests.new_form(
                wegwijzer.summary(answers, self._wijk_ids) if answers else {}, on_behalf=self.on_behalf
            )
            if same:  # what was chosen and typed for a kind still chosen stays
                for key in ("example", "own", "home_visit"):
                    form[key] = {k: v for k, v in self._form.get(key, {}).items() if k in form["kinds"]}
            self._form, self._step, self._source = form, "", source
        self._owner = owner
        self._show()

    @rx.event
    def toggle(self, name, value):
        """A tap on a kind of help, a day or a daypart: on or off. Staff choose one kind."""
        allowed = {
            "kinds": vocabulary.CATEGORY_VALUES,
            "days": vocabulary.DAY_VALUES,
            "dayparts": vocabulary.DAYPART_VALUES,
        }
        if not self._owner or name not in allowed or value not in allowed[name]:
            return
        chosen = toggled(self._form.get(name, []), value)
        if name == "kinds" and self._owner[2]:
            chosen = [value] if value in chosen else []
        self._change(**{name: [v for v in allowed[name] if v in chosen]})
        if name == "kinds":
            self._clear("category")

    @rx.event
    def choose(self, name, value):
        """A tap on a one-of choice: the example sentence or home visit of the kind on screen, the
        wijk, or once or more often."""
        kind = self._kind()
        if not self._owner:
            return
        if name == "example" and kind:
            count = len(requests.examples(kind, self._form.get("for_whom", [])))
            known = [str(i) for i in range(count)] + [str(requests.OWN_WORDS)]
            if value in known:
                self._change(example={**self._form.get("example", {}), kind: int(value)})
                self._clear("text")
        elif name == "home_visit" and kind and value in ("ja", "nee"):
            self._change(home_visit={**self._form.get("home_visit", {}), kind: value == "ja"})
        elif name == "wijk" and value in [str(w) for w in self._wijk_ids]:
            if self._form.get("postcode"):
                self.postcode_key += 1
            self._change(wijk_id=int(value), postcode="")
            self._clear("place")
        elif name == "recurring" and value in ("ja", "nee"):
            self._change(recurring=value == "ja")

    @rx.event
    def keep(self, name, value):
        """A typed value, kept as it is typed so a reload shows it again. ``name``: postcode, the
        caregiver's first name or address, or a text step (``tekst:<kind>``) for their own words."""
        self._keep(name, value)

    def _keep(self, name, value) -> None:
        if not self._owner or not isinstance(value, str):
            return
        if isinstance(name, str) and name.startswith(requests.STEP_TEXT):
            kind = name.removeprefix(requests.STEP_TEXT)
            if kind in self._form.get("kinds", []):
                self._change(own={**self._form.get("own", {}), kind: value[: TYPED_MAX["own"]]})
        elif name in ("postcode", "caregiver_first_name", "caregiver_email"):
            self._change(**{name: value[: TYPED_MAX[name]]})

    @rx.event
    def agree(self, checked: bool):
        """The staff member's "the caregiver agrees" box."""
        if self._owner:
            self._change(consent=checked is True)
            self._clear("consent")

    @rx.event
    def go_on(self, form: dict):
        """'Verder': what the step's fields hold, checked; on to the next step when nothing is missing."""
        if not self._owner or not isinstance(form, dict):
            return
        self._take(form)
        problems = requests.step_problems(self._form, self._step)
        self.problems = {field: problems.get(field, "") for field in FIELDS}
        if not problems:
            steps = self._steps()
            self._step = steps[min(steps.index(self._step) + 1, len(steps) - 1)]
        self._show()

    @rx.event
    def back(self):
        """One step back; everything chosen and typed stays."""
        if not self._owner:
            return
        steps = self._steps()
        self._step = steps[max(steps.index(self._step) - 1, 0)]
        self.problems = dict.fromkeys(FIELDS, "")
        self._show()

    @rx.event
    async def submit(self, form: dict):
        """The last step's 'Vraag hulp': one request per kind, in one service call and one commit."""
        chosen, on_behalf = self._form, bool(self._owner and self._owner[2])
        lang = (await self.get_state(UiState)).lang
        base, token = settings.link_base(page_origin(self)), session_token(self)
        missing: list[str] = []

        def create(session, actor) -> list:
            if found := requests.first_problem(chosen, on_behalf):
                missing.append(found[0])
                raise Invalid(found[1])
            drafts = requests.drafts_from_form(chosen, lang)
            if actor.has(Role.caregiver) and not on_behalf:
                requests.create_all(session, actor, drafts, now())
                carried.forget(session, token)  # the answers the sign-in carried are used
                return []
            typed = (chosen["caregiver_first_name"], chosen["caregiver_email"])
            who = OnBehalf(*typed, consent=chosen["consent"] is True)
            request = requests.create_on_behalf(session, actor, drafts[0], who, now())
            return [confirmations.posted_for(session, request, base, now())]

        ready = bool(chosen) and self._step == requests.STEP_CHECK
        if not await act(self, "create-request", create, roles=ASKERS, ready=ready, problems=FIELDS):
            if missing:
                self._step = missing[0]
                self._show()
            return None
        self._form, self._step = requests.new_form(), ""
        self._show()
        (await self.get_state(RequestsState))._asked = True
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.REQUESTS}")

    def _steps(self) -> list[str]:
        return requests.form_steps(self._form, bool(self._owner and self._owner[2]))

    def _kind(self) -> str:
        text_step = self._step.startswith(requests.STEP_TEXT)
        return self._step.removeprefix(requests.STEP_TEXT) if text_step else ""

    def _change(self, **values) -> None:
        self._form = {**self._form, **values}
        self._show()

    def _clear(self, field: str) -> None:
        if self.problems.get(field):
            self.problems = {**self.problems, field: ""}

    def _take(self, form: dict) -> None:
        """The typed values the step's form sent, as ``keep`` takes them (they may not have reached it)."""
        if self._kind() and isinstance(form.get("text"), str):
            self._keep(self._step, form["text"])
        for name in ("postcode", "caregiver_first_name", "caregiver_email"):
            if isinstance(form.get(name), str):
                self._keep(name, form[name])

    def _show(self) -> None:
        """Copies what the screen needs from ``_form`` and ``_step``."""
        form, steps = self._form, self._steps()
        if self._step not in steps:
            self._step = steps[0]
        kind = self._kind()
        text_of = {k: requests.sentence(form, k) for k in form.get("kinds", [])}
        wijk_id = form.get("wijk_id") if form.get("wijk_id") in self._wijk_ids else None
        names = {w["id"]: w["name"] for w in self.wijken}
        typed_postcode = str(form.get("postcode", ""))
        show(
            self,
            step=self._step,
            position=steps.index(self._step) + 1,
            total=len(steps),
            kinds=list(form.get("kinds", [])),
            kind=kind,
            sentences=list(requests.examples(kind, form.get("for_whom", []))) if kind else [],
            example=form.get("example", {}).get(kind, 0) if kind else 0,
            own=str(form.get("own", {}).get(kind, "")) if kind else "",
            home_visit=requests.home_visit_of(form, kind) if kind else False,
            wijk=str(wijk_id) if wijk_id is not None and not typed_postcode.strip() else "",
            postcode=typed_postcode,
            days=list(form.get("days", [])),
            dayparts=list(form.get("dayparts", [])),
            recurring=bool(form.get("recurring")),
            caregiver_first_name=str(form.get("caregiver_first_name", "")),
            caregiver_email=str(form.get("caregiver_email", "")),
            consent=form.get("consent") is True,
        )
        if self._step == requests.STEP_CHECK:
            show(
                self,
                rows=[
                    {
                        "label": vocabulary.CATEGORY_LABELS[k],
                        "text": text,
                        "example": "1" if is_example else "",
                        "home": "1" if requests.home_visit_of(form, k) else "",
                    }
                    for k, (text, is_example) in text_of.items()
                ],
                when=[DAY_LABELS[v] for v in (*form.get("days", []), *form.get("dayparts", []))],
                place=(places.normalise(typed_postcode) or typed_postcode)
                if typed_postcode.strip()
                else names.get(str(wijk_id), ""),
            )
