"""The Wegwijzer in one browser tab: which question is on screen, the answers, and 'Bel mij terug'.

The answers tell about health and family, so they live only in backend vars on the server (they
survive a reload of the tab, never reach LocalStorage, a cookie or the URL). Every handler takes only
what the visitor chose, checks it against the question on screen (``_current``, never a plain var a
browser can set) and keeps the answers as ``wegwijzer.screen`` cleans them.

The walk starts with one short screen (``intro``) and keeps the browser's history in step:
assets/wegwijzer.js adds a history entry per question (no answer in it) and, on Back or Forward,
sends the step of that entry to ``go_to``, which opens it when the walk has come that far.
"""

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.help import callbacks, support_lines, wegwijzer
from mantelzorg_app.services.platform import hubs
from mantelzorg_app.services.platform.i18n import N_
from state import ui
from state.auth import current_actor, now
from state.calendar.come_along import come_along_rows
from state.client import client_address
from state.directory.fits import fitting_rows
from state.hub import hub_id_of
from state.inputs import toggled
from state.ui import show

CALLBACK_FIELDS = ("phone", "good_time")
INTRO, RESULT = "intro", "uitkomst"  # the steps around the questions, as go_to and the page name them
POSTCODE_PROBLEM = N_("Dit lijkt geen postcode. Typ bijvoorbeeld 3831 AB.")


class QuestionnaireState(rx.State):
    # What the page shows; a browser may set these (setvar), so no handler reads them.
    key: str = wegwijzer.QUESTIONS[0].key  # the question on screen; "" on the result
    intro: bool = True  # the short first screen, before the first question
    before: str = INTRO  # the step the page's "Terug" goes to (for assets/wegwijzer.js)
    moves: int = 0  # counts go_to, so the browser's history follows even when the step stays
    confirming: bool = False  # "Opnieuw beginnen" asks once
    chosen: list[str] = []  # its answer so far (one value, many values, or the place)
    position: int = 1
    total: int = len(wegwijzer.QUESTIONS)
    wijken: list[dict[str, str]] = []  # {"value": place answer, "name": wijk name}
    postcode: str = ""  # as typed, kept when it is not one
    postcode_problem: str = ""  # Dutch catalogue id, or ""
    cares: str = ""  # the answer to "Zorgt u voor iemand?"
    band: str = ""  # light, moderate, heavy, or "" without one
    categories: list[str] = []  # the help they would like
    services: list[dict[str, str]] = []  # on the result: the sociale kaart's that fit (state.directory.fits)
    coming: list[dict[str, str]] = []  # on the result: the next café and walk-in hour (come_along)
    phone: str = ""  # as typed, kept as it is typed, so a reload keeps it
    name: str = ""  # the same, for the name she may give
    good_time: str = ""
    # The answer to a heavy load (services.help.support_lines), each text as {lang: text}.
    promise: dict[str, str] = {}  # who calls back and when; with the chosen time once asked
    hub_phone: str = ""  # the hub's number to call now, "" without one
    hub_phone_href: str = ""
    urgent: bool = False  # "Vaak" on "ik kan het niet meer aan": the huisarts and the national line
    line_text: dict[str, str] = {}
    line_number: str = ""
    line_href: str = ""
    problems: dict[str, str] = dict.fromkeys(CALLBACK_FIELDS, "")
    asked: bool = False  # 'Bel mij terug' is sent
    refused: str = ""  # Dutch catalogue id when a limit refused it, or ""
    # The truth, on the server only.
    _answers: dict = {}
    _current: str | None = wegwijzer.QUESTIONS[0].key  # None: the result
    _intro: bool = True
    _opened: bool = False  # load ran in this tab before
    _hub_id: int | None = None
    _wijk_ids: list[int] = []
    _asked: bool = False

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.event
    async def load(self):
        """Opens the hub's questions where this tab left them; another hub starts afresh."""
        hub_id = await hub_id_of(self)
        if hub_id != self._hub_id:
            self._hub_id, self._answers, self._asked, self._intro = hub_id, {}, False, True
            self._current = wegwijzer.QUESTIONS[0].key
        if not self._opened and self._answers:  # answers carried over from another tab: it has begun
            self._intro = False
        self._opened = True
        with rx.session() as session:
            found = hubs.wijken(session, hub_id) if hub_id is not None else []
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            self._show_hub(hub, self.good_time if self._asked else "")
        self._wijk_ids = [wijk.id for wijk in found]
        self.wijken = [{"value": wegwijzer.place_for_wijk(w.id), "name": w.name} for w in found]
        self._show(self._answers, self._current)

    @rx.event
    def begin(self):
        """'Beginnen' on the first screen: the first question."""
        self._intro = False
        self._show(self._answers, self._current)

    @rx.event
    def go_to(self, form: dict):
        """The browser's Back or Forward: the step of that history entry ("intro", a question key or
        "uitkomst"), opened when the walk has come that far; else where the walk goes on."""
        self.moves += 1
        step = form.get("step") if isinstance(form, dict) else None
        if step == INTRO:
            self._intro = True
            first = wegwijzer.visible(self._answers)[0].key
            self._show(self._answers, first)
            return
        if not isinstance(step, str):
            return
        self._intro = False
        reached = step in wegwijzer.BY_KEY and wegwijzer.reachable(step, self._answers)
        self.postcode_problem = ""
        self._show(self._answers, step if reached else None)

    @rx.event
    def choose(self, value):
        """A tap on an answer: a "one" question or a wijk goes on, a "many" answer turns on or off."""
        question = self._question()
        if question is None or not isinstance(value, str):
            return
        if question.kind == "many":
            if value in {choice.value for choice in question.choices}:
                answers = self._answers
                self._show(
                    {**answers, question.key: toggled(answers.get(question.key, []), value)}, question.key
                )
            return
        known = (
            [wegwijzer.place_for_wijk(wijk_id) for wijk_id in self._wijk_ids]
            if question.kind == "place"
            else [choice.value for choice in question.choices]
        )
        if value in known:
            self._go_on(question.key, value)

    @rx.event
    def go_on(self):
        """'Verder' under a "many" question: none chosen is an answer too ("none of these")."""
        question = self._question()
        if question is not None and question.kind == "many":
            self._go_on(question.key, self._answers.get(question.key, []))

    @rx.event
    def use_postcode(self, form: dict):
        """The typed postcode on the place question, instead of a wijk."""
        question = self._question()
        if question is None or question.kind != "place":
            return
        self.postcode = str(form.get("postcode", ""))[:40]
        place = wegwijzer.place_for_postcode(self.postcode)
        self.postcode_problem = "" if place else POSTCODE_PROBLEM
        if place:
            self._go_on(question.key, place)

    @rx.event
    def back(self):
        """One question back; from the result, to the last question; from the first, to the first
        screen. The answers stay."""
        if self._current is None:
            shown = wegwijzer.visible(self._answers)
            key = shown[-1].key if shown else None
        else:
            key = wegwijzer.previous_key(self._current, self._answers)
            if key is None:
                self._intro, key = True, self._current
        self.postcode_problem = ""
        self._show(self._answers, key)

    @rx.event
    def ask_start_over(self):
        """'Opnieuw beginnen' asks once: it forgets every answer."""
        self.confirming = True

    @rx.event
    def keep_answers(self):
        self.confirming = False

    @rx.event
    def start_over(self):
        """Forgets the answers (and the number typed) and shows the first question."""
        self.postcode, self.postcode_problem = "", ""
        self._intro = False
        if not self._asked:
            self.phone = self.name = ""
        self._show({}, None, after=True)

    @rx.event
    def keep_phone(self, value):
        """The number as it is typed, so a reload shows it again; nothing is sent to anyone."""
        if isinstance(value, str) and not self._asked:
            self.phone = value[:40]

    @rx.event
    def keep_name(self, value):
        if isinstance(value, str) and not self._asked:
            self.name = value[:60]

    @rx.event
    async def ask_callback(self, form: dict):
        """'Bel mij terug' from the result page: once per tab, with the band worked out here."""
        if self._asked or self._current is not None or self._hub_id is None:
            return
        self.phone = str(form.get("phone", ""))[:40]
        self.name = str(form.get("name", ""))[:60]
        typed_time = str(form.get("good_time", ""))[:20]
        self.good_time = typed_time if typed_time in callbacks.GOOD_TIMES else ""
        band = wegwijzer.score(self._answers)
        summary = wegwijzer.summary(self._answers, self._wijk_ids)
        self.problems, self.refused = dict.fromkeys(CALLBACK_FIELDS, ""), ""
        asker = await current_actor(self)  # signed in: the consulent can also write to them
        with rx.session() as session:
            try:
                callbacks.ask(
                    session,
                    self._hub_id,
                    self.phone,
                    self.good_time,
                    band or "",
                    now(),
                    client_address(self),
                    name=self.name,
                    cares_for=" ".join(summary["for_whom"]),
                    wishes=" ".join(summary["categories"]),
                    asker=asker,
                )
            except callbacks.Invalid as invalid:
                self.problems = {field: invalid.problems.get(field, "") for field in CALLBACK_FIELDS}
                return
            except callbacks.TooMany:
                self.refused = callbacks.TOO_MANY  # the typed number stays in the form
                return
            self._show_hub(session.get(Hub, self._hub_id), self.good_time)
        self._asked = self.asked = True

    def _show_hub(self, hub: Hub | None, good_time: str) -> None:
        """The hub's promise, its number and its country's national line, for the result."""
        if hub is None:
            show(
                self, promise={}, hub_phone="", hub_phone_href="", line_text={}, line_number="", line_href=""
            )
            return
        now_line, national = support_lines.call_now(hub), support_lines.national_line(hub.country)
        show(
            self,
            promise=support_lines.promise(hub, good_time),
            hub_phone=now_line.number if now_line else "",
            hub_phone_href=now_line.href if now_line else "",
            line_text=national.text if national else {},
            line_number=national.number if national else "",
            line_href=national.href if national else "",
        )

    def _question(self) -> wegwijzer.Question | None:
        return wegwijzer.question(self._current) if self._current is not None else None

    def _go_on(self, key: str, answer):
        """Keeps the answer to ``key`` and shows the question after it."""
        self._intro = False
        self._show({**self._answers, key: answer}, key, after=True)

    def _show(self, answers: dict, key: str | None, after: bool = False) -> None:
        """Keeps the answers as the service cleans them and copies what the screen needs."""
        found = wegwijzer.screen(answers, self._wijk_ids, key, after=after)
        self._answers, self._current = found.answers, found.key
        summary = found.summary
        intro = self._intro and found.key == wegwijzer.QUESTIONS[0].key
        self._intro = intro
        show(
            self,
            cares=summary["cares"] or "",
            categories=summary["categories"],
            services=fitting_rows(self._hub_id, summary) if found.key is None else [],
            coming=come_along_rows(self._hub_id) if found.key is None and summary["cares"] != "nee" else [],
            band=summary["band"].value if summary["band"] else "",
            urgent=support_lines.needs_line(found),
            asked=self._asked,
            key=found.key or "",
            intro=intro,
            before=INTRO if intro else found.before or INTRO,
            confirming=False,
            chosen=found.chosen,
            position=found.position,
            total=found.total,
        )
        if found.key == "plek" and summary["postcode"]:
            show(self, postcode=summary["postcode"])
