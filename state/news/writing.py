"""The writing page at /[hub]/nieuws/schrijven (?bericht=<id>: go on with a draft).

A trekker writes for their own wijk (shown, not chosen); the coordinator chooses a wijk or the whole
hub. The draft is saved as they type: a typed field comes to the server a moment after the last key
(the page's TYPED_DELAY_MS) and when the field loses the focus, and is saved at once
(services.news.posts.save_draft, with the version this tab read). What is guaranteed: everything up
to that moment. A tab closed within the moment after the last key may lose those last letters (the
browser gives no safe last word to the server); the page says "Opgeslagen" only once the save is
done. After the first save the address says ``?bericht=<id>``: a reload, or "Verder schrijven" on
Mijn berichten, brings the draft back. The writing helper's hints (services.news.writing_help) come
with each save of the text and never block sending.

A save that fails says so plainly and keeps what was typed in the fields (``unsaved``): signed out
("log in again; copy your text first"), no longer allowed (the trekker role or its wijk changed),
or the draft changed, sent or thrown away in another tab, with "Bewaar wat hier staat"
(``save_over``: the form saved over the writer's own post as it is now, or as a new draft). Each
next typed letter tries again.

The truth is on the server: ``_form`` holds what was typed, ``_post_id`` and ``_version`` the draft
this tab saved; the wijken and activities this tab may choose are kept server-side as they were
offered. Every save and the sending go through ``act`` (the role) and services.news.posts, which
checks the writer, the wijk and the post again from the database.
"""

from datetime import timedelta

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.models import Hub, NewsPost, PostStatus, Role
from mantelzorg_app.services.calendar import activities
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.news import posts, writing_help
from mantelzorg_app.services.news.posts import Fields, NotPossible
from mantelzorg_app.services.platform import database
from mantelzorg_app.services.platform.i18n import N_
from state import ui
from state.actions import act, viewer
from state.auth import current_actor, now
from state.client import page_argument
from state.hub import HubState
from state.inputs import as_form, as_id
from state.news.photo import ALT_FIELD, PhotoState, version_after_photo
from state.ui import UiState, show

ACTION = posts.ACTION
WRITERS = (Role.trekker, Role.coordinator)
TYPED_MAX = {"title": posts.TITLE_MOST + 20, "body": posts.BODY_MOST + 100}  # the service says "too long"
FIELDS = ("title", "body", "wijk", ALT_FIELD, "send")
FIELD_OF = {
    posts.NO_TITLE: "title",
    posts.LONG_TITLE: "title",
    posts.NO_BODY: "body",
    posts.LONG_BODY: "body",
    posts.NO_WIJK: "wijk",
    posts.NO_ALT: ALT_FIELD,  # the photo part's description field
}
ACTIVITIES_AHEAD_DAYS = 120
ACTIVITIES_MOST = 8  # the next ones, each a big button
SIGNED_OUT = N_("Niet opgeslagen. U bent niet meer ingelogd. Kopieer eerst uw tekst. Log daarna opnieuw in.")
NOT_ALLOWED = N_(
    "Niet opgeslagen. U mag hier nu geen bericht schrijven. "
    "Kopieer eerst uw tekst. Vraag daarna de coördinator."
)
ELSEWHERE = N_(
    "Niet opgeslagen. Dit bericht is in een ander scherm veranderd, verstuurd of weggegooid. "
    "Wilt u houden wat hier staat? Kies dan: Bewaar wat hier staat."
)
AT_THE_FIELD = N_("Niet opgeslagen. Kijk bij het probleem hierboven.")
NOT_SENT = N_("Niet verstuurd. U mag dit bericht nu niet sturen. Vraag de coördinator.")


def _blank(wijk: str) -> dict[str, str]:
    return {"title": "", "body": "", "wijk": wijk, "activity": ""}


def _form_of(post: NewsPost) -> dict[str, str]:
    return {
        "title": post.title,
        "body": post.body,
        "wijk": str(post.wijk_id) if post.wijk_id else "",
        "activity": str(post.activity_id) if post.activity_id else "",
    }


class WritingState(rx.State):
    # What the page shows; copies of the truth below.
    signed_in: bool = False
    allowed: bool = False
    loaded: bool = False
    known: bool = True  # the draft in the address is the writer's own and can still be changed
    publishes: bool = False  # the coordinator: sending publishes at once
    post_id: str = ""  # the draft's id once saved ("" before)
    form_key: int = 0  # a new value mounts the fields afresh with the values below
    values: dict[str, str] = {"title": "", "body": ""}
    choosing: bool = False  # the coordinator chooses the wijk; a trekker's is shown
    wijk: str = ""  # the chosen wijk's id; "" the whole hub
    wijk_name: str = ""
    wijken: list[dict[str, str]] = []
    activity: str = ""
    activities: list[dict[str, str]] = []  # {"id", "nl", "en"}: "Mantelzorgcafé, dinsdag 3 december"
    hints: list[dict[str, str]] = []  # {"message", "words", "plain", "n"}
    saved: bool = False  # "Opgeslagen"
    unsaved: str = ""  # why the last save failed (a msgid); "" when it worked
    elsewhere: bool = False  # it failed as another tab changed the draft: "Bewaar wat hier staat"
    note: str = ""  # the coordinator's words when they asked for a change
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    problem_values: dict[str, str] = {}  # "{most}" of a problem
    # The truth, on the server only.
    _owner: list = []  # [person id, hub id] the form was loaded for
    _post_id: int | None = None
    _version: int = 0
    _in_address: bool = False  # the address says ?bericht=<the draft>
    _form: dict = {}
    _choosing: bool = False
    _wijk_ids: list[str] = []
    _activity_ids: list[str] = []

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    @rx.event
    async def load(self):
        """A new post, or the writer's own draft (or post to change) in the address; anyone else's
        id, or a post already sent, shows nothing of it."""
        actor = await viewer(self, *WRITERS)
        self.loaded, self.saved, self.note = True, False, ""
        self.unsaved, self.elsewhere = "", False
        self.problems, self.problem_values = dict.fromkeys(FIELDS, ""), {}
        if actor is None:
            self._forget()
            return None
        raw = page_argument(self, "bericht")
        owner = [actor.person_id, actor.hub_id]
        with rx.session() as session:
            wijken = posts.writable_wijken(session, actor)
            self._choosing = actor.has(Role.coordinator)
            if not wijken and not self._choosing:  # a trekker role without its wijk
                self.allowed = False
                self._forget()
                return None
            post = None
            if raw:
                try:  # a draft thrown away is simply not found; anyone else's id: refused and logged
                    post = posts.own_if_there(session, actor, as_id(raw))
                except Refused:
                    post = None
                if post is None or post.status not in posts.EDITABLE:
                    self.known = False
                    self._forget()
                    return None
            self.known = True
            if post is not None:
                self._post_id, self._version, self._form = post.id, post.version, _form_of(post)
                self._in_address = True
                self.note = post.note if post.status == PostStatus.changes else ""
            elif self._owner != owner or self._post_id is not None or not self._form:
                own_wijk = "" if self._choosing else str(wijken[0].id)
                self._post_id, self._version, self._form = None, 0, _blank(own_wijk)
                self._in_address = False
            self._owner = owner
            self._wijk_ids = [str(w.id) for w in wijken]
            self._show_choices(session, actor, wijken)
        self.publishes = self._choosing
        self._show_form(await self._lang())
        self.form_key += 1
        if self._post_id is not None:
            return PhotoState.load(self._post_id)
        photo = await self.get_state(PhotoState)  # a new post: no photo of an earlier one
        show(photo, url="", alt="", problem="")
        return None

    @rx.event
    async def keep(self, name, value):
        """A typed title or text: kept, its hints shown, and the draft saved."""
        if not isinstance(name, str) or name not in TYPED_MAX or not isinstance(value, str):
            return None
        typed = value[: TYPED_MAX[name]]
        if self._form and self._post_id is not None and self._form.get(name) == typed and not self.unsaved:
            return None  # the blur after the debounced save: nothing new to save
        if self._form:
            self._form = {**self._form, name: typed}
            if name == "body":
                self._show_hints(await self._lang())
        return (await self._save())[1]

    @rx.event
    async def choose_wijk(self, value):
        """The coordinator's wijk chip (or "Heel {hub}", ""): only one this tab offered counts."""
        if not self._owner or not self._choosing or value not in ["", *self._wijk_ids]:
            return None
        self._form = {**self._form, "wijk": value}
        self.wijk = value
        self.problems = {**self.problems, "wijk": ""}
        return (await self._save())[1]

    @rx.event
    async def choose_activity(self, value):
        """The activity the post is about ("" none): only one this tab offered counts."""
        if not self._owner or value not in ["", *self._activity_ids]:
            return None
        self._form = {**self._form, "activity": value}
        self.activity = value
        return (await self._save())[1]

    @rx.event
    async def save_over(self):
        """ "Bewaar wat hier staat": this tab's form saved over the writer's own draft as another tab
        left it (or, sent or thrown away there, as a new draft)."""
        return (await self._save(over=True))[1]

    @rx.event
    async def send(self, form: dict):
        """ "Stuur naar de coördinator" (the coordinator's: publish): the form saved as typed, then
        sent; a problem is said at its field and nothing typed is lost. The photo's description in
        the form counts too (saved with the sending)."""
        typed = as_form(form)
        for name, most in TYPED_MAX.items():
            if self._form and isinstance(typed.get(name), str):
                self._form = {**self._form, name: typed[name][:most]}
        alt = typed.get(ALT_FIELD) if isinstance(typed.get(ALT_FIELD), str) else None
        done, script = await self._save(empty_too=True)
        if not done or self._post_id is None:
            return script
        post_id, problem = self._post_id, []

        def change(session, actor: Actor):
            try:
                posts.send(session, actor, post_id, now(), alt=alt)
            except NotPossible as not_possible:
                problem.append(not_possible)

        if not await act(self, ACTION, change, roles=WRITERS, shows_page=False):
            self.problems = {**dict.fromkeys(FIELDS, ""), "send": NOT_SENT}  # saved, not sent
            return script
        if problem:
            self._show_problem(problem[0])
            return script
        published = self._choosing
        self._owner, self._form, self._post_id = [], {}, None
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.NEWS_MINE}?{'geplaatst' if published else 'verstuurd'}=1")

    async def _save(self, empty_too: bool = False, over: bool = False) -> tuple[bool, object]:
        """Saves the form as the tab's draft (a new one on the first save; ``over``: over whatever
        another tab saved, posts.save_over); answers whether it worked, and the script that puts
        ``?bericht=<id>`` in the address after a save that made the draft. A failure is said
        plainly (``unsaved``); the page keeps what was typed."""
        owner, post_id = list(self._owner), self._post_id
        version = await version_after_photo(self, post_id, self._version)  # a photo raises it
        fields = self._fields()
        typed = bool(fields.title.strip() or fields.body.strip())
        # Nothing loaded for a writer, or nothing typed yet: no empty draft (the role is checked still).
        ready = bool(owner) and bool(self._form) and (post_id is not None or typed or empty_too)
        checked: list[bool] = []  # the role and the session passed
        saved: list[tuple[int, int]] = []  # the draft's id and version
        problem: list[NotPossible] = []

        def is_ready(actor: Actor) -> bool:
            checked.append(True)
            self.allowed = True  # a failed check leaves the form shown, with what was typed
            return ready

        def change(session, actor: Actor):
            if owner != [actor.person_id, actor.hub_id]:
                return  # another account signed in since: nothing saved for them
            try:
                if over:
                    post = posts.save_over(session, actor, post_id, fields, now())
                else:
                    post = posts.save_draft(session, actor, post_id, fields, version, now())
                saved.append((post.id, post.version))
            except NotPossible as not_possible:
                problem.append(not_possible)

        await act(self, ACTION, change, roles=WRITERS, ready=is_ready, shows_page=False)
        if not owner or (checked and not ready):  # no form loaded, or nothing typed yet
            self.saved = False
            return False, None
        if not saved:
            signed_out = not checked and await current_actor(self) is None
            self._not_saved(problem[0] if problem else None, SIGNED_OUT if signed_out else NOT_ALLOWED)
            return False, None
        moved = post_id is not None and saved[0][0] != post_id  # a new draft instead of one gone
        self._post_id, self._version = saved[0]
        self.saved, self.unsaved, self.elsewhere = True, "", False
        self.problems = {**dict.fromkeys(FIELDS, ""), ALT_FIELD: self.problems.get(ALT_FIELD, "")}
        self.post_id = str(self._post_id)
        if moved:
            self._in_address, self.note = False, ""
            show(await self.get_state(PhotoState), url="", alt="", problem="")  # the photo stayed there
        if self._in_address:
            return True, None
        self._in_address = True
        slug = (await self.get_state(HubState))._slug
        address = f"/{slug}/{routes.NEWS_WRITE}?bericht={self._post_id}"
        # The address the page goes on from after a reload; the router itself stays where it is.
        return True, rx.call_script(f"window.history.replaceState(window.history.state, '', '{address}')")

    def _fields(self) -> Fields:
        form = self._form
        wijk = database.id_of(form.get("wijk", ""))
        activity = database.id_of(form.get("activity", ""))
        return Fields(form.get("title", ""), form.get("body", ""), wijk, activity)

    def _not_saved(self, not_possible: NotPossible | None, otherwise: str) -> None:
        """Says why the save failed: at its field (too long, no wijk, too many), as changed in
        another tab, or ``otherwise`` (signed out, no longer allowed)."""
        if not_possible is not None and not_possible.msgid != posts.CHANGED_ELSEWHERE:
            self._show_problem(not_possible)
            self.unsaved, self.elsewhere = AT_THE_FIELD, False
            return
        self.saved, self.elsewhere = False, not_possible is not None
        self.unsaved = ELSEWHERE if self.elsewhere else otherwise
        self.problems = {**dict.fromkeys(FIELDS, ""), ALT_FIELD: self.problems.get(ALT_FIELD, "")}

    def _show_problem(self, not_possible: NotPossible) -> None:
        self.saved = False
        field = FIELD_OF.get(not_possible.msgid, "send")
        self.problems = {**dict.fromkeys(FIELDS, ""), field: not_possible.msgid}
        self.problem_values = {name: str(value) for name, value in not_possible.values.items()}

    async def _lang(self) -> str:
        return (await self.get_state(UiState)).lang

    def _show_hints(self, lang: str) -> None:
        found = writing_help.hints(self._form.get("body", ""), lang)
        rows = [{"message": h.message, **h.values} for h in found]
        show(self, hints=rows)

    def _show_choices(self, session, actor: Actor, wijken) -> None:
        hub = session.get(Hub, actor.hub_id)
        moment = now()
        found = activities.dated(session, hub, moment, moment + timedelta(days=ACTIVITIES_AHEAD_DAYS))
        offered: list[dict[str, str]] = []
        for item in found:
            if len(offered) >= ACTIVITIES_MOST:
                break
            if any(o["id"] == str(item.activity.id) for o in offered):
                continue
            when = activities.when_in_words_all(item.date, hub.timezone)
            offered.append(
                {"id": str(item.activity.id), **{k: f"{item.activity.title}, {v}" for k, v in when.items()}}
            )
        linked = self._form.get("activity", "")
        if linked and not any(o["id"] == linked for o in offered):  # linked before, now past
            activity = activities.one(session, actor.hub_id, linked)
            if activity is not None:
                offered.append({"id": linked, "nl": activity.title, "en": activity.title})
        self._activity_ids = [o["id"] for o in offered]
        show(
            self,
            activities=offered,
            choosing=self._choosing,
            wijken=[{"id": str(w.id), "name": w.name} for w in wijken],
            wijk_name=next((w.name for w in wijken if str(w.id) == self._form.get("wijk")), ""),
        )

    def _show_form(self, lang: str) -> None:
        form = self._form
        show(
            self,
            values={"title": form.get("title", ""), "body": form.get("body", "")},
            wijk=form.get("wijk", ""),
            activity=form.get("activity", ""),
            post_id=str(self._post_id) if self._post_id else "",
        )
        self._show_hints(lang)

    def _forget(self) -> None:
        self._owner, self._form, self._post_id, self._version = [], {}, None, 0
        self._wijk_ids, self._activity_ids = [], []
        show(self, values={"title": "", "body": ""}, post_id="", hints=[], activities=[], wijken=[], note="")
