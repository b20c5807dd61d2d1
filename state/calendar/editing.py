"""The organiser's form at /[hub]/beheer/agenda/nieuw and /[hub]/activiteit/[activiteit]/bewerken.

The truth is on the server: ``_form`` holds every value as typed and chosen (each typed field goes
to the server on blur and, debounced, while typing, as the partner form does), so a problem or a
reload never loses what was typed. The edit page also lists the coming dates, each with "Gaat niet
door" and "Verzet" (a small form of its own, kept the same way), and "Zeg de hele activiteit af"
after a question. Every handler that changes something goes through ``act`` (the role) and
services.calendar.editing (the hub and ``may_organise``, refused and logged for anyone else); the
ids it is given come from the page and are checked again there.
"""

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Activity, Hub, Role
from mantelzorg_app.services.calendar import activities, date_changes, editing, recurrence, schedule
from mantelzorg_app.services.calendar.vocabulary import AUDIENCE_LABELS, KINDS
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates, hubs
from mantelzorg_app.services.platform.problems import Invalid
from state import ui
from state.actions import act, viewer
from state.auth import now
from state.client import page_argument, page_origin
from state.hub import HubState
from state.ui import show

STAFF = (Role.professional, Role.coordinator)
ACTION = editing.ACTION
FIELDS = editing.PROBLEM_FIELDS
MOVE_FIELDS = editing.MOVE_FIELDS
TYPED_MAX = {**{n: m + 100 for n, m in editing.TEXTS.items()}, **dict.fromkeys(editing.WHEN, 40)}
MOVE_MAX = {
    **{n: m + 100 for n, m in editing.MOVE_TEXTS.items()},
    "move_date": 40,
    "move_start": 40,
    "move_end": 40,
}
SAVED = "saved"


def edit_part(activity_id: int) -> str:
    return routes.ACTIVITY_EDIT.replace("[activiteit]", str(activity_id))


class ActivityFormState(rx.State):
    # What the page shows; copies of the truth below.
    signed_in: bool = False
    allowed: bool = False
    loaded: bool = False
    known: bool = True  # the edit page's activity exists in this hub and the person organises it
    activity_id: str = ""  # the activity the edit page shows; "" for a new one
    title_shown: str = ""  # its name as saved
    form_key: int = 0  # a new value mounts the fields afresh with what was typed
    values: dict[str, str] = {}  # typed fields
    kind: str = ""
    audience: str = ""
    repeat: str = ""
    wijk: str = ""
    pairs: str = ""
    whole_series: str = ""
    slots: str = ""
    as_it_is: bool = False  # the stored repeat is one the choices do not say: "Zoals het nu is"
    monthly_words: dict[str, str] = {}  # "Elke eerste dinsdag van de maand", by language
    wijken: list[dict[str, str]] = []
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    problem_values: dict[str, str] = {}  # "{n}" and "{day}" of a problem
    notice: str = ""  # SAVED after a save
    # The coming dates (edit page): {"key", "list_key", "gone" ("1"/""), "moved" ("1"/""), "place", "note"}
    dates: list[dict[str, str]] = []
    date_words: dict[str, dict[str, str]] = {}  # key: language: "dinsdag 3 december, 14.00 tot 16.00 uur"
    moving: str = ""  # the key of the date whose "Verzet" form is open
    move_values: dict[str, str] = {}
    move_key: int = 0
    problems_move: dict[str, str] = dict.fromkeys(MOVE_FIELDS, "")
    asking_cancel: bool = False
    one_date: bool = False  # no repeat: its "Gaat niet door" asks the whole activity's question
    cancelling: str = ""  # the key of the date whose "Gaat niet door" asks "Weet u het zeker?"
    # The truth, on the server only.
    _owner: list = []  # [person id, hub id, activity id or 0] the form was loaded for
    _form: dict = {}
    _move: dict = {}
    _date_keys: list[str] = []
    _wijk_ids: list[str] = []
    _as_it_is: bool = False
    _moving: str = ""
    _asking: bool = False
    _one_date: bool = False
    _cancelling: str = ""  # the date asked about: only that one's "Ja, gaat niet door" cancels

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.var
    def move_problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems_move)

    @rx.event
    async def load(self):
        """The form of a new activity, or of the activity in the address for its organiser, with
        what this tab typed for it before; anyone else sees nothing of it."""
        actor = await viewer(self, *STAFF)
        self.loaded, self.asking_cancel, self._asking = True, False, False
        self.cancelling = self._cancelling = ""
        self.notice = SAVED if page_argument(self, "opgeslagen") == "1" else ""
        self.problems, self.problems_move = dict.fromkeys(FIELDS, ""), dict.fromkeys(MOVE_FIELDS, "")
        raw = page_argument(self, "activiteit")
        if actor is None:
            self._forget()
            return
        with rx.session() as session:
            found_wijken = hubs.wijken(session, actor.hub_id)
            self.wijken = [{"id": str(w.id), "name": w.name} for w in found_wijken]
            self._wijk_ids = [str(w.id) for w in found_wijken]
            activity = activities.one(session, actor.hub_id, raw) if raw else None
            if raw and (activity is None or not activities.may_organise(actor, activity)):
                self.known = False
                self._forget()
                return
            if activity is None and not activities.may_organise(actor, None):
                self.allowed = False
                self._forget()
                return
            self.known = True
            owner = [actor.person_id, actor.hub_id, activity.id if activity else 0]
            if self._owner != owner or not self._form:
                zone = session.get(Hub, actor.hub_id).timezone
                self._form = editing.form_of(activity, zone) if activity else editing.blank(actor)
                self._move, self._moving = {}, ""
            self._owner = owner
            self._as_it_is = self._form.get("repeat") == editing.AS_IT_IS
            self.as_it_is, self.moving = self._as_it_is, self._moving
            self._show_activity(session, activity)
        self._show_form()
        self.form_key += 1

    @rx.event
    def keep(self, name, value):
        """A typed value, kept as it is typed so a reload shows it again."""
        self._keep(name, value)

    def _keep(self, name, value) -> None:
        if not self._owner or not self._form or not isinstance(name, str) or not isinstance(value, str):
            return
        if name not in TYPED_MAX:
            return
        self._form = {**self._form, name: value[: TYPED_MAX[name]]}
        if name == "date":
            self.monthly_words = editing.monthly_words_all(value)

    @rx.event
    def choose(self, name, value):
        """A tap on one of a choice: the kind, for whom, the repeat, the wijk, yes or no."""
        if not self._owner or not self._form or not isinstance(name, str) or not isinstance(value, str):
            return
        wijk_ids = ["", *self._wijk_ids]
        repeats = (*editing.REPEATS, editing.AS_IT_IS) if self._as_it_is else editing.REPEATS
        allowed = {
            "kind": [str(k) for k in KINDS],
            "audience": [str(a) for a in AUDIENCE_LABELS],
            "repeat": list(repeats),
            "wijk": wijk_ids,
            "pairs": [editing.YES, editing.NO],
            "whole_series": [editing.YES, editing.NO],
            "slots": [editing.YES, editing.NO],
        }
        if name not in allowed or value not in allowed[name]:
            return
        self._form = {**self._form, name: value}
        setattr(self, name, value)
        if name == "repeat" and self.problems.get("count"):
            self.problems = {**self.problems, "count": ""}

    @rx.event
    async def save(self, form: dict):
        """'Opslaan': the whole form checked; a new activity goes to the list, a change stays here."""
        self._take(form, TYPED_MAX, self._keep)
        owner, values = list(self._owner), dict(self._form)
        base = settings.link_base(page_origin(self))
        saved: list[int] = []

        def change(session, actor: Actor) -> list:
            if owner[:2] != [actor.person_id, actor.hub_id]:
                return []
            try:
                activity, told = editing.save(session, actor, owner[2] or None, values, now(), base)
            except Invalid as invalid:
                self.problem_values = getattr(invalid, "values", {})
                raise
            saved.append(activity.id)
            return told

        ready = bool(owner) and bool(values)
        if not await act(self, ACTION, change, roles=STAFF, ready=ready, problems=FIELDS) or not saved:
            return None
        self.problem_values = {}
        slug = (await self.get_state(HubState))._slug
        if not owner[2]:  # a new one: on to its own form, which lists its dates
            self._owner, self._form = [], {}
            return rx.redirect(f"/{slug}/{edit_part(saved[0])}?opgeslagen=1")
        with rx.session() as session:
            activity = session.get(Activity, owner[2])
            zone = session.get(Hub, activity.hub_id).timezone
            self._form = editing.form_of(activity, zone)
            self._show_activity(session, activity)
        self._show_form()
        self.form_key += 1
        self.notice = SAVED
        return None

    @rx.event
    def ask_cancel_date(self, key):
        """'Gaat niet door' on a date this tab's load listed: first the question. A one-date
        activity has only the whole activity's question ("Zeg de hele activiteit af")."""
        if self._one_date:
            self._cancelling = self.cancelling = ""
            self._asking = self.asking_cancel = bool(self._owner and self._owner[2])
            return rx.scroll_to("afzeggen")  # the question is under the dates
        self._cancelling = self.cancelling = key if self._owner and key in self._date_keys else ""
        return None

    @rx.event
    def keep_date(self):
        self._cancelling = self.cancelling = ""

    @rx.event
    async def cancel_date(self, activity_id):
        """'Ja, gaat niet door': the date asked about does not go on; everyone signed up gets a mail."""
        base = settings.link_base(page_origin(self))
        key = self._cancelling

        def change(session, actor: Actor, chosen: int) -> list:
            activity = editing.editable(session, actor, chosen)  # refused and logged for anyone else
            if not key or not activity.rrule:  # no date asked about; one date: the whole's question
                return []
            return date_changes.cancel_date(session, actor, chosen, recurrence.parse_key(key), now(), base)

        if await act(self, ACTION, change, activity_id, roles=STAFF) and key:
            self._cancelling = self.cancelling = ""
            self._refresh_dates()

    @rx.event
    def start_move(self, key):
        """'Verzet' on one of the dates this tab shows: its own small form, with its day and times."""
        if not self._owner or key not in self._date_keys:
            return
        if self._moving != key or not self._move:
            with rx.session() as session:
                activity = session.get(Activity, self._owner[2])
                zone = session.get(Hub, activity.hub_id).timezone
                found = editing.coming_dates(session, activity, zone, now())
            date = next((o for o, _gone in found if o.key == key), None)
            if date is None:
                return
            start, end = dates.local(date.starts_at, zone), dates.local(date.ends_at, zone)
            self._move = {
                "move_date": start.date().isoformat(),
                "move_start": f"{start:%H:%M}",
                "move_end": f"{end:%H:%M}",
                "move_place": date.place,
                "move_note": date.note,
            }
        self._moving = self.moving = key
        self.move_values = dict(self._move)
        self.problems_move = dict.fromkeys(MOVE_FIELDS, "")
        self.move_key += 1

    @rx.event
    def keep_move(self, name, value):
        self._keep_move(name, value)

    def _keep_move(self, name, value) -> None:
        if not self._moving or not isinstance(name, str) or not isinstance(value, str):
            return
        if name not in MOVE_MAX:
            return
        self._move = {**self._move, name: value[: MOVE_MAX[name]]}

    @rx.event
    def stop_move(self):
        self._moving = self.moving = ""
        self._move = {}
        self.problems_move = dict.fromkeys(MOVE_FIELDS, "")

    @rx.event
    async def move(self, form: dict):
        """'Verzet deze datum': the new day, times and place, checked; everyone signed up gets a mail."""
        self._take(form, MOVE_MAX, self._keep_move)
        key, values = self._moving, dict(self._move)
        raw_id = form.get("activiteit") if isinstance(form, dict) else None
        base = settings.link_base(page_origin(self))

        def change(session, actor: Actor, chosen: int) -> list:
            editing.editable(session, actor, chosen)  # refused and logged for anyone else, first
            if not key:  # no date's "Verzet" open in this tab
                return []
            return date_changes.move_date(
                session, actor, chosen, recurrence.parse_key(key), values, now(), base
            )

        try:
            moved = await act(self, ACTION, change, raw_id, roles=STAFF)
        except Invalid as invalid:  # nothing was committed
            self.problems_move = {f: invalid.problems.get(f, "") for f in MOVE_FIELDS}
            return
        if moved and key:
            self._moving = self.moving = ""
            self._move = {}
            self.problems_move = dict.fromkeys(MOVE_FIELDS, "")
            self._refresh_dates()

    @rx.event
    def ask_cancel(self):
        self._asking = self.asking_cancel = bool(self._owner and self._owner[2])

    @rx.event
    def keep_activity(self):
        self._asking = self.asking_cancel = False

    @rx.event
    async def cancel_activity(self, activity_id):
        """'Ja, zeg alles af': the whole activity does not go on; everyone signed up gets a mail."""
        base = settings.link_base(page_origin(self))

        asked = self._asking

        def change(session, actor: Actor, chosen: int) -> list:
            editing.editable(session, actor, chosen)  # refused and logged for anyone else, first
            return date_changes.cancel_activity(session, actor, chosen, now(), base) if asked else []

        if await act(self, ACTION, change, activity_id, roles=STAFF) and asked:
            self._owner, self._form = [], {}
            self._asking = self.asking_cancel = False
            slug = (await self.get_state(HubState))._slug
            return rx.redirect(f"/{slug}/{routes.CALENDAR_MANAGE}?afgezegd=1")
        return None

    @staticmethod
    def _take(form, most: dict, keep) -> None:
        """The typed values the form sent, as ``keep`` takes them (they may not have reached it)."""
        if isinstance(form, dict):
            for name in most:
                if isinstance(form.get(name), str):
                    keep(name, form[name])

    def _refresh_dates(self) -> None:
        if not self._owner or not self._owner[2]:
            return
        with rx.session() as session:
            activity = session.get(Activity, self._owner[2])
            self._show_activity(session, activity)

    def _show_activity(self, session, activity) -> None:
        if activity is None:
            show(self, activity_id="", title_shown="", dates=[], date_words={})
            self._date_keys = []
            return
        zone = session.get(Hub, activity.hub_id).timezone
        found = editing.coming_dates(session, activity, zone, now()) if activity.cancelled_at is None else []
        self._date_keys = [o.key for o, gone in found if not gone]
        self._one_date = self.one_date = not activity.rrule
        show(
            self,
            activity_id=str(activity.id),
            title_shown=activity.title,
            dates=[
                {
                    "key": o.key,
                    # the organiser's list: a course's sign-ups are all under its first evening
                    "list_key": recurrence.key(schedule.sign_up_name(activity, o.occurrence)),
                    "gone": "1" if gone else "",
                    "moved": "1" if o.moved else "",
                    "place": o.place,
                    "note": o.note,
                }
                for o, gone in found
            ],
            date_words={o.key: activities.when_in_words_all(o, zone, until=True) for o, _gone in found},
        )

    def _show_form(self) -> None:
        form = self._form
        show(
            self,
            values={name: str(form.get(name, "")) for name in TYPED_MAX},
            **{name: str(form.get(name, "")) for name in editing.CHOICES},
            monthly_words=editing.monthly_words_all(str(form.get("date", ""))),
        )

    def _forget(self) -> None:
        self._owner, self._form, self._move, self._date_keys, self._moving = [], {}, {}, [], ""
        show(self, values={}, dates=[], date_words={}, moving="", activity_id="", title_shown="")
