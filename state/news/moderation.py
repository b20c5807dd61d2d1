"""The coordinator's Nieuws controleren page (routes.NEWS_MODERATION): the posts that wait, with
"Goedkeuren", "Vraag een wijziging" and "Niet plaatsen", and the published posts with "Haal weg".

Every handler checks the coordinator of this hub on the server (``act``); services.news.moderation
checks the post's hub, its state and its version again. The version a decision is for is the one
this tab's load showed, kept server-side (``_versions``): a post sent again since, or decided on in
another tab, is not decided on unseen. A post id from the browser is only an id. "Meer" under the
published posts shows the next ``moderation.PUBLISHED_SHOWN`` (how many, kept server-side), so every
published post can be reached to take down.
"""

import dataclasses

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import moderation
from mantelzorg_app.services.news.posts import NotPossible
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid
from state.actions import act
from state.auth import current_actor, now, require
from state.client import page_origin
from state.inputs import as_form, as_id, form_text

COORDINATOR = (Role.coordinator,)
ACTION = "news-moderation"
NOTE_FIELD = "notitie"  # the note's textarea (its id, and the form's field)
FIELDS = ("note", "form")  # the note's problem, and the post's ("changed elsewhere")
NOTE_PROBLEMS = (moderation.NO_NOTE, moderation.LONG_NOTE)

# The decisions with a note: the field the page opens, the service, and what the page says after.
CHANGE, REJECT, TAKE_DOWN = "wijziging", "niet-plaatsen", "weghalen"
NOTED = {
    CHANGE: (moderation.ASK_CHANGE, N_("De schrijver krijgt een mail met uw vraag.")),
    REJECT: (moderation.REJECT, N_("Het bericht wordt niet geplaatst. De schrijver krijgt een mail.")),
    TAKE_DOWN: (moderation.TAKE_DOWN, N_("Het bericht is weggehaald. De schrijver krijgt een mail.")),
}
APPROVED = N_("Goedgekeurd. Het bericht staat nu bij Nieuws.")


@dataclasses.dataclass
class PostRow:
    """One post on the page: its id (what the buttons send), its words, the wijk's name ("" for the
    whole hub), the photo's address and description, the linked activity, and when it was sent or
    published, in every language."""

    id: str = ""
    title: str = ""
    paragraphs: list[str] = dataclasses.field(default_factory=list)
    wijk: str = ""
    author: str = ""
    photo_url: str = ""
    photo_alt: str = ""
    activity_href: str = ""  # the hub part of the activity's page; "" for none
    activity_title: str = ""
    post_href: str = ""  # the hub part of the post's own page
    when: dict[str, str] = dataclasses.field(default_factory=dict)


def _row(found: moderation.Listed, zone: str, moment) -> PostRow:
    at = found.published_at or found.sent_at
    return PostRow(
        id=str(found.id),
        title=found.title,
        paragraphs=list(found.paragraphs),
        wijk=found.wijk,
        author=found.author,
        photo_url=routes.news_photo(found.photo_id) if found.photo_id else "",
        photo_alt=found.photo_alt,
        activity_href=routes.activity_part(found.activity_id) if found.activity_id else "",
        activity_title=found.activity_title,
        post_href=routes.post_part(found.id),
        when=dates.in_words_all(at, zone, moment) if at else {},
    )


class NewsModerationState(rx.State):
    allowed: bool = False
    signed_in: bool = False
    waiting: list[PostRow] = []
    published: list[PostRow] = []
    more_published: bool = False  # "Meer": there are older published posts than these
    noting: str = ""  # display only: the post whose note field is open
    noting_kind: str = ""  # display only: one of NOTED's keys
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    done: str = ""  # Dutch catalogue id of what just worked
    _versions: dict[str, int] = {}  # post id: the version this tab's load showed
    _published_most: int = moderation.PUBLISHED_SHOWN  # how many published posts this tab shows

    def _refresh(self, actor: Actor) -> None:
        moment = now()
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            waiting = moderation.waiting(session, actor)
            published, more = moderation.published(session, actor, self._published_most)
        self._versions = {str(p.id): p.version for p in (*waiting, *published)}
        self.waiting = [_row(p, zone, moment) for p in waiting]
        self.published = [_row(p, zone, moment) for p in published]
        self.more_published = more

    @rx.event
    async def load(self):
        self.done = self.noting = self.noting_kind = ""
        self.problems = dict.fromkeys(FIELDS, "")
        self._published_most = moderation.PUBLISHED_SHOWN
        self.signed_in = await current_actor(self) is not None
        actor = await require(self, ACTION, *COORDINATOR)
        self.allowed = actor is not None
        if actor is not None:
            self._refresh(actor)

    @rx.event
    async def more(self):
        """ "Meer": the next published posts, for the coordinator (once more are there)."""
        actor = await require(self, ACTION, *COORDINATOR)
        self.allowed = actor is not None
        if actor is not None and self.more_published:
            self._published_most += moderation.PUBLISHED_SHOWN
            self._refresh(actor)

    @rx.event
    def open_note(self, post_id, kind):
        """Display only: opens the note field of one decision on one post; the decision checks all."""
        self.noting = str(as_id(post_id) or "")
        self.noting_kind = kind if isinstance(kind, str) and kind in NOTED else ""
        self.problems = dict.fromkeys(FIELDS, "")
        self.done = ""
        if self.noting and self.noting_kind:  # into the field that opened (its id: digits only)
            field = f"{NOTE_FIELD}-{self.noting}"
            return rx.call_script(f"setTimeout(() => document.getElementById('{field}')?.focus(), 50)")
        return None

    @rx.event
    def close_note(self):
        """Display only: closes the note field."""
        self.noting = self.noting_kind = ""
        self.problems = dict.fromkeys(FIELDS, "")

    async def _decide(self, decision: moderation.Decision | None, raw_id, note: str, done: str) -> None:
        """Runs the decision (None: the form named none, so nothing is done after the checks)."""
        self.done = ""
        base, moment, versions = settings.link_base(page_origin(self)), now(), self._versions

        def change(session, actor, post_id):
            try:
                version = versions.get(str(post_id))
                return moderation.decide(session, actor, decision, post_id, version, note, moment, base)
            except NotPossible as problem:
                field = "note" if problem.msgid in NOTE_PROBLEMS else "form"
                raise Invalid({field: problem.msgid}) from problem

        ready = decision is not None
        actor = await act(self, ACTION, change, raw_id, roles=COORDINATOR, ready=ready, problems=FIELDS)
        if actor is not None:
            self.done, self.noting, self.noting_kind = done, "", ""
            self._refresh(actor)
        elif self.problems.get("form"):  # decided on or changed elsewhere: show it as it is now
            self.noting = self.noting_kind = ""
            if again := await require(self, ACTION, *COORDINATOR):
                self._refresh(again)

    @rx.event
    async def approve(self, post_id):
        await self._decide(moderation.APPROVE, post_id, "", APPROVED)

    @rx.event
    async def decide_noted(self, form: dict):
        """ "Vraag een wijziging", "Niet plaatsen" or "Haal weg" with the note: the post and the
        decision come back in the form's hidden fields, and the service checks them all again."""
        form = as_form(form)
        decision, done = NOTED.get(form_text(form, "besluit", 20), (None, ""))
        await self._decide(decision, form.get("bericht"), form_text(form, NOTE_FIELD, 2000), done)
