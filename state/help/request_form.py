"""The form that turns a caregiver's wish into a help request, prefilled from the Wegwijzer.

Every tap on a choice goes to the server, which keeps the truth in ``_draft`` (a browser can set the
plain vars with setvar; ``submit`` reads only ``_draft`` and what the form sends, and checks both).
A professional or coordinator posts on behalf of a caregiver: then the caregiver's first name,
address and consent are asked too, and the caregiver gets a mail (services.confirmations).
"""

import dataclasses

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Role
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.help import requests, vocabulary, wegwijzer
from mantelzorg_app.services.help.requests import OnBehalf
from mantelzorg_app.services.platform import hubs
from state import ui
from state.actions import act, viewer
from state.auth import now
from state.client import page_origin
from state.help.requests import RequestsState
from state.help.wegwijzer import QuestionnaireState
from state.hub import HubState
from state.inputs import toggled

FIELDS = ("category", "text", "place", "caregiver_first_name", "caregiver_email", "consent")
ASKERS = (Role.caregiver, Role.professional, Role.coordinator)


class RequestFormState(rx.State):
    # What the page shows; copies of _draft.
    signed_in: bool = False
    allowed: bool = False
    on_behalf: bool = False  # staff: the caregiver's name, address and consent are asked
    category: str = ""
    example: int = 0  # the chosen example sentence; -1: their own words
    wijk: str = ""  # a wijk id, or ""
    days: list[str] = []
    dayparts: list[str] = []
    recurring: bool = False
    home_visit: bool = False
    wijken: list[dict[str, str]] = []
    text: str = ""  # their own words as typed
    postcode: str = ""
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    _draft: dict = {}
    _wijk_ids: list[int] = []

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.event
    async def load(self):
        """Opens the form with what this tab answered in the Wegwijzer; signed out, it asks to sign in."""
        actor = await viewer(self, *ASKERS)
        self.on_behalf = bool(actor and not actor.has(Role.caregiver))
        self.problems = dict.fromkeys(FIELDS, "")
        if not actor:
            return
        with rx.session() as session:
            found = hubs.wijken(session, actor.hub_id)
        self._wijk_ids = [w.id for w in found]
        self.wijken = [{"id": str(w.id), "name": w.name} for w in found]
        answers = await self.get_state(QuestionnaireState)
        same_hub = answers._hub_id == actor.hub_id
        summary = wegwijzer.summary(answers._answers if same_hub else {}, self._wijk_ids)
        draft = requests.draft_from_answers(summary)
        if not summary["categories"] and self._draft.get("category"):
            return self._show()  # keep what this tab chose before
        self._draft = dataclasses.asdict(draft)
        self.text, self.postcode = "", draft.postcode
        self._show()

    @rx.event
    def choose(self, name, value):
        """A tap on a one-of choice: category, example, wijk, recurring or home visit."""
        allowed = {
            "category": vocabulary.CATEGORY_VALUES,
            "wijk": [str(w) for w in self._wijk_ids],
            "recurring": ("ja", "nee"),
            "home_visit": ("ja", "nee"),
            "example": ("0", "1", "-1"),
        }
        if name not in allowed or value not in allowed[name]:
            return
        draft = self._draft
        if name == "category":
            draft["category"], draft["home_visit"], draft["example"] = value, None, 0
        elif name == "wijk":
            draft["wijk_id"], draft["postcode"] = int(value), ""
            self.postcode = ""
        elif name == "example":
            draft["example"] = int(value)
        else:
            draft[name] = value == "ja"
        self._show()

    @rx.event
    def toggle(self, name, value):
        """A tap on a day or daypart: on or off."""
        allowed = {
            "days": vocabulary.DAY_VALUES,
            "dayparts": vocabulary.DAYPART_VALUES,
        }
        if name not in allowed or value not in allowed[name]:
            return
        self._draft[name] = toggled(self._draft.get(name, []), value)
        self._show()

    @rx.event
    async def submit(self, form: dict):
        self.text = str(form.get("text", ""))[: requests.TEXT_MAX + 100]
        self.postcode = str(form.get("postcode", ""))[:40]
        chosen = self._draft

        def create(session, actor) -> list:
            draft = requests.draft_from_form(chosen, self.text, self.postcode)
            if actor.has(Role.caregiver):
                requests.create(session, actor, draft, now())
                return []
            who = OnBehalf(
                first_name=str(form.get("caregiver_first_name", ""))[:200],
                email=str(form.get("caregiver_email", ""))[:300],
                consent=form.get("consent") in (True, "on", "true"),
            )
            request = requests.create_on_behalf(session, actor, draft, who, now())
            return [confirmations.posted_for(session, request, base, now())]

        base = settings.link_base(page_origin(self))
        if not await act(self, "create-request", create, roles=ASKERS, ready=bool(chosen), problems=FIELDS):
            return None
        self._draft, self.text = {}, ""
        (await self.get_state(RequestsState))._asked = True
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.REQUESTS}")

    def _show(self) -> None:
        draft = self._draft
        self.category = draft.get("category", "")
        self.example = draft.get("example", 0)
        self.wijk = str(draft["wijk_id"]) if draft.get("wijk_id") in self._wijk_ids else ""
        self.days, self.dayparts = list(draft.get("days", [])), list(draft.get("dayparts", []))
        self.recurring = bool(draft.get("recurring"))
        home = draft.get("home_visit")
        self.home_visit = home if home is not None else self.category in requests.HOME_VISIT_BY_DEFAULT
