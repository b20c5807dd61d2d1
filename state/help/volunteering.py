"""A volunteer's pages: the requests that fit (best first, with why), "Ik help", and the profile."""

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.models.base import split
from mantelzorg_app.services.help import moments, notices, vocabulary, volunteering
from mantelzorg_app.services.platform import hubs
from state import ui
from state.actions import act, viewer
from state.auth import now
from state.client import page_origin
from state.help.requests import RequestRow, request_row
from state.hub import HubState
from state.inputs import toggled

PROFILE_FIELDS = ("categories", "wijken", "postcode", "max_km")
POSTCODE_MAX = 40
REASON_VALUES = ("when", "wijk", "km", "language")  # every {name} in matching's reasons
VOLUNTEER = (Role.volunteer,)


class HelpingRow(RequestRow):
    """A request the volunteer helps with: ``request_row``'s keys, the caregiver, the first moment."""

    caregiver: str
    first: dict[str, str]  # by language: "Eerste moment dat past: morgen, in de middag"


class HelpingState(rx.State):
    signed_in: bool = False
    allowed: bool = False  # a volunteer in this hub
    has_profile: bool = False
    vetted: bool = False
    fits: list[dict[str, str]] = []
    reasons: list[dict[str, str]] = []  # {"request_id", "message", "when", "wijk", "km", "language"}
    helping: list[HelpingRow] = []
    offered_now: bool = False
    taken_back: bool = False  # "U helpt hier toch niet", once, after "Ik kan toch niet helpen"

    @rx.event
    async def load(self):
        actor = await viewer(self, *VOLUNTEER)
        self.offered_now = self.taken_back = False
        if actor:
            self._refresh(actor)

    def _refresh(self, actor) -> None:
        moment = now()
        with rx.session() as session:
            page = volunteering.overview(session, actor, moment)
            zone = session.get(Hub, actor.hub_id).timezone
        self.has_profile, self.vetted = page.has_profile, page.vetted
        found, helping = page.fits, page.helping
        self.fits = [
            {
                **request_row(f.request, f.wijk),
                "suggested": "ja" if f.suggested else "",
                "offered": "ja" if f.offered else "",
            }
            for f in found
        ]
        self.reasons = [
            {"request_id": str(f.request.id), **ui.sentence_row(r, REASON_VALUES)}
            for f in found
            for r in f.match.reasons
        ]
        self.helping = [
            HelpingRow(
                **request_row(h.request, ""),
                caregiver=h.caregiver,
                first=moments.first_moment_all(h.request, zone, moment),
            )
            for h in helping
        ]

    @rx.event
    async def offer(self, request_id):
        """ "Ik help": the caregiver is asked once per volunteer and request (the server decides: a
        repeated tap, or "Ik help" again after a take-back, mails nobody); the request stays on the
        list, marked."""
        base = settings.link_base(page_origin(self))

        def offer(session, actor, found_id) -> list:
            made = volunteering.offer(session, actor, found_id, now())
            return [] if made is None else notices.offer_made(session, made, base)

        if actor := await act(self, "offer-help", offer, request_id, roles=VOLUNTEER):
            self.offered_now, self.taken_back = True, False
            self._refresh(actor)

    @rx.event
    async def take_back(self, request_id):
        """ "Ik kan toch niet helpen": the volunteer's own offer is withdrawn while the caregiver has not
        said yes (services.volunteering.take_back checks the offer, its owner, hub and status)."""

        def take_back(session, actor, found_id) -> None:
            volunteering.take_back(session, actor, found_id)

        if actor := await act(self, "take-back-offer", take_back, request_id, roles=VOLUNTEER):
            self.offered_now, self.taken_back = False, True
            self._refresh(actor)


class ProfileState(rx.State):
    """The volunteer's profile form; taps and the typed postcode go to the server, which keeps the
    truth in ``_form``. What this tab chose and typed but did not save yet survives a reload (the
    tab's state lives on the server; TabOwnerState empties it when someone else signs in), until
    "Opslaan" keeps it for good."""

    allowed: bool = False
    categories: list[str] = []
    wijken: list[str] = []  # wijk ids
    days: list[str] = []
    dayparts: list[str] = []
    languages: list[str] = []
    max_km: str = ""
    postcode: str = ""
    wijk_choices: list[dict[str, str]] = []
    problems: dict[str, str] = dict.fromkeys(PROFILE_FIELDS, "")
    _form: dict = {}
    _form_hub: int | None = None  # the hub whose profile _form holds, not saved yet

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.event
    async def load(self):
        actor = await viewer(self, *VOLUNTEER)
        self.problems = dict.fromkeys(PROFILE_FIELDS, "")
        if not actor:
            return
        with rx.session() as session:
            found = hubs.wijken(session, actor.hub_id)
            row = volunteering.profile(session, actor)
        self.wijk_choices = [{"id": str(w.id), "name": w.name} for w in found]
        if self._form and self._form_hub == actor.hub_id:
            return self._show()  # what this tab chose and typed before a reload
        self._form_hub = actor.hub_id
        self._form = {
            "categories": split(row.categories) if row else [],
            "wijken": split(row.wijk_ids) if row else [],
            "days": split(row.days) if row else [],
            "dayparts": split(row.dayparts) if row else [],
            "languages": split(row.languages) if row else ["nl"],
            "max_km": str(row.max_km) if row and row.max_km else "",
            "postcode": row.postcode or "" if row else "",
        }
        self._show()

    @rx.event
    def toggle(self, name, value):
        allowed = {
            "categories": vocabulary.CATEGORY_VALUES,
            "wijken": [c["id"] for c in self.wijk_choices],
            "days": vocabulary.DAY_VALUES,
            "dayparts": vocabulary.DAYPART_VALUES,
            "languages": volunteering.LANGUAGE_VALUES,
            "max_km": [str(km) for km in volunteering.DISTANCES_KM],
        }
        if name not in allowed or value not in allowed[name] or name not in self._form:
            return
        if name == "max_km":
            self._form[name] = "" if self._form[name] == value else value
        else:
            self._form[name] = toggled(self._form[name], value)
        self._show()

    @rx.event
    def keep_postcode(self, value):
        """The postcode as it is typed (debounced, and on leaving the field), so a reload shows it."""
        if isinstance(value, str) and self._form:
            self._form["postcode"] = value[:POSTCODE_MAX]
            ui.show(self, postcode=self._form["postcode"])

    @rx.event
    async def save(self, form: dict):
        f = self._form
        if f:
            f["postcode"] = str(form.get("postcode", f.get("postcode", "")))[:POSTCODE_MAX]
            ui.show(self, postcode=f["postcode"])

        def save(session, actor) -> None:
            answers = volunteering.ProfileForm(
                categories=f["categories"],
                wijk_ids=[int(w) for w in f["wijken"] if w.isdigit()],
                postcode=f["postcode"],
                max_km=int(f["max_km"]) if f["max_km"] else None,
                days=f["days"],
                dayparts=f["dayparts"],
                languages=f["languages"],
            )
            volunteering.save_profile(session, actor, answers, now())

        if await act(
            self, "save-volunteer-profile", save, roles=VOLUNTEER, ready=bool(f), problems=PROFILE_FIELDS
        ):
            self._form, self._form_hub = {}, None  # saved: the next visit reads the profile again
            return rx.redirect(f"/{(await self.get_state(HubState))._slug}/{routes.HELPING}")

    def _show(self) -> None:
        f = self._form
        ui.show(
            self,
            categories=list(f["categories"]),
            wijken=list(f["wijken"]),
            days=list(f["days"]),
            dayparts=list(f["dayparts"]),
            languages=list(f["languages"]),
            max_km=f["max_km"],
            postcode=f["postcode"],
        )
