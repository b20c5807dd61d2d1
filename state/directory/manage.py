"""The coordinator's sociale kaart page: partners' changes waiting (approve, or refuse with a
reason), entries not checked for 6 months, the hub's own search words.

Every handler checks the coordinator of this hub on the server (``act``), and the services check
the edit's or the word's hub again; ids from the browser are only ids.
"""

import dataclasses

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.directory import checks, edits
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates, i18n
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.search import synonyms
from state.actions import act
from state.auth import now, require
from state.client import page_origin
from state.inputs import as_form, as_id, form_text
from state.ui import problem_list

COORDINATOR = (Role.coordinator,)
REFUSE_FIELDS = ("note", "edit")
SYNONYM_FIELDS = ("word", "means")
ALL_FIELDS = (*REFUSE_FIELDS, *SYNONYM_FIELDS)
NOTE_FIELD = "weigering"  # the reason's textarea (its id, and the form's field)


@dataclasses.dataclass
class ChangeRow:
    """One field that changes: its label, the old and the new value in every language ("" in each:
    nothing filled in)."""

    label: dict[str, str] = dataclasses.field(default_factory=dict)
    old: dict[str, str] = dataclasses.field(default_factory=dict)
    new: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class WaitRow:
    id: str = ""
    name: str = ""
    organization: str = ""
    author: str = ""
    is_new: bool = False
    when: dict[str, str] = dataclasses.field(default_factory=dict)  # language: "gisteren om 9.00 uur"
    changes: list[ChangeRow] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class StaleRow:
    id: str = ""
    name: str = ""
    organization: str = ""
    since: dict[str, str] = dataclasses.field(default_factory=dict)  # language: the day last checked
    asked: dict[str, str] = dataclasses.field(default_factory=dict)  # language: the day mailed; "" not
    has_owner: bool = False


def _wait_row(waiting: edits.Waiting, zone: str, moment) -> WaitRow:
    return WaitRow(
        id=str(waiting.edit_id),
        name=waiting.name,
        organization=waiting.organization,
        author=waiting.author,
        is_new=waiting.is_new,
        when=dates.in_words_all(waiting.created_at, zone, moment) if waiting.created_at else {},
        changes=[ChangeRow(*c.in_words_all()) for c in waiting.changes],
    )


def _stale_row(found: checks.Stale, today) -> StaleRow:
    asked = dates.day_in_words_all(found.asked_on, today) if found.asked_on else {}
    return StaleRow(
        id=str(found.service.id),
        name=found.service.name,
        organization=found.organization,
        since=dates.day_in_words_all(found.service.checked_on, today),
        asked={lang: asked.get(lang, "") for lang in i18n.LANGUAGES},
        has_owner=found.has_owner,
    )


class ManageState(rx.State):
    allowed: bool = False
    waiting: list[WaitRow] = []
    stale: list[StaleRow] = []
    synonyms: list[dict[str, str]] = []  # {"id", "word", "means"}
    refusing: str = ""  # display only: the change whose reason field is open
    problems: dict[str, str] = dict.fromkeys(ALL_FIELDS, "")
    synonym_word: str = ""
    synonym_means: str = ""
    done: str = ""  # Dutch catalogue id of what just worked

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return problem_list({"word": self.problems.get("word", ""), "means": self.problems.get("means", "")})

    def _refresh(self, actor: Actor) -> None:
        moment = now()
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            today = dates.local(moment, zone).date()
            waiting = edits.waiting(session, actor.hub_id)
            stale = checks.overview(session, actor.hub_id, today)
            words = synonyms.of_hub(session, actor.hub_id)
            self.waiting = [_wait_row(w, zone, moment) for w in waiting]
            self.stale = [_stale_row(s, today) for s in stale]
            self.synonyms = [{"id": str(s.id), "word": s.word, "means": s.means} for s in words]

    def _base(self) -> str | None:
        return settings.link_base(page_origin(self))

    async def _act(self, action: str, change, *raw_ids, problems: tuple[str, ...] = ()) -> Actor | None:
        """``act`` for the coordinator; every form's problems stay keyed (act keeps only its own)."""
        actor = await act(self, action, change, *raw_ids, roles=COORDINATOR, problems=problems)
        self.problems = {**dict.fromkeys(ALL_FIELDS, ""), **self.problems}
        return actor

    @rx.event
    async def load(self):
        self.done = self.refusing = ""
        self.problems = dict.fromkeys(ALL_FIELDS, "")
        actor = await require(self, "directory-manage", *COORDINATOR)
        self.allowed = actor is not None
        if actor is not None:
            self._refresh(actor)

    @rx.event
    def ask_refuse(self, edit_id):
        """Display only: opens the reason field of one change; ``refuse`` checks everything itself."""
        self.refusing = str(as_id(edit_id) or "")
        self.problems = {**self.problems, "note": "", "edit": ""}

    @rx.event
    def keep(self):
        """Display only: closes the reason field."""
        self.refusing = ""

    @rx.event
    async def approve(self, edit_id):
        base, moment = self._base(), now()

        def yes(session, actor, eid):
            return edits.approve(session, actor, eid, base=base, now=moment)

        await self._decide(
            "directory-approve", yes, edit_id, N_("Goedgekeurd. De dienst staat zo op de sociale kaart.")
        )

    @rx.event
    async def refuse(self, form: dict):
        form = as_form(form)
        note = form_text(form, NOTE_FIELD, 1000)
        base, moment = self._base(), now()

        def no(session, actor, eid):
            return edits.refuse(session, actor, eid, note, base=base, now=moment)

        await self._decide(
            "directory-refuse",
            no,
            form.get("edit"),
            N_("Afgewezen. De partner krijgt een mail met uw reden."),
        )

    async def _decide(self, action: str, change, raw_id, done: str) -> None:
        self.done = ""
        if actor := await self._act(action, change, raw_id, problems=REFUSE_FIELDS):
            self.done, self.refusing = done, ""
            self._refresh(actor)

    @rx.event
    async def add_synonym(self, form: dict):
        self.synonym_word = form_text(form, "synonym_word", 200)
        self.synonym_means = form_text(form, "synonym_means", 200)
        self.done = ""

        def add(session, actor):
            synonyms.add(session, actor, self.synonym_word, self.synonym_means)

        actor = await self._act("synonym-add", add, problems=SYNONYM_FIELDS)
        if actor is None:
            return None
        self.synonym_word = self.synonym_means = ""
        self.done = N_("Het woord is toegevoegd. Zoeken vindt het nu.")
        self._refresh(actor)
        return [rx.set_value("synonym_word", ""), rx.set_value("synonym_means", "")]

    @rx.event
    async def remove_synonym(self, synonym_id):
        self.done = ""
        if actor := await self._act("synonym-remove", synonyms.remove, synonym_id):
            self.done = N_("Het woord is weggehaald.")
            self._refresh(actor)
