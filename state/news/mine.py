"""Mijn berichten at /[hub]/nieuws/mijn-berichten: the signed-in person's posts, each with its state
in plain words ("Wacht op de coördinator", "Gepubliceerd op 3 december", the coordinator's note),
"Verder schrijven" or "Pas aan" where it can still change, "Gooi weg" for a draft or a post to change
(asked first), and "Haal terug" for a post still waiting for the coordinator (back to the drafts, to
change or throw away: the open posts' limit never fills up for good).

``discard`` and ``take_back`` take a place in the list this tab loaded (the post ids stay
server-side), so a browser cannot name another person's post; services.news.posts checks whose it
is again.
"""

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.models import Hub, NewsPost, PostStatus, Role
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import posts
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act, viewer
from state.auth import now
from state.client import page_argument

ACTION = posts.ACTION
WRITERS = (Role.trekker, Role.coordinator)
STATUS = {
    PostStatus.draft: N_("Nog niet verstuurd"),
    PostStatus.waiting: N_("Wacht op de coördinator"),
    PostStatus.published: N_("Gepubliceerd op {day}"),
    PostStatus.changes: N_("De coördinator vraagt een wijziging: {note}"),
    PostStatus.rejected: N_("Niet geplaatst: {note}"),
    PostStatus.taken_down: N_("Weggehaald"),
}
TAKEN_DOWN_WITH_NOTE = N_("Weggehaald: {note}")
ICONS = {
    PostStatus.draft: "pencil",
    PostStatus.waiting: "hourglass",
    PostStatus.published: "circle-check",
    PostStatus.changes: "message-circle-warning",
    PostStatus.rejected: "circle-x",
    PostStatus.taken_down: "eye-off",
}
SENT = N_("Verstuurd. De coördinator leest uw bericht. U krijgt een mail als het op de Nieuws-pagina staat.")
PLACED = N_("Uw bericht staat op de Nieuws-pagina.")
THROWN_AWAY = N_("Het kladje is weggegooid.")
TAKEN_BACK = N_("Het bericht is terug bij uw kladjes. U kunt het aanpassen of weggooien.")


def status_message(post: NewsPost) -> str:
    """The msgid that says the post's state; ``{day}`` and ``{note}`` are filled by the page."""
    if post.status == PostStatus.taken_down and post.note:
        return TAKEN_DOWN_WITH_NOTE
    return STATUS[PostStatus(post.status)]


class MyPostsState(rx.State):
    allowed: bool = False
    signed_in: bool = False
    loaded: bool = False
    writer: bool = False  # a trekker or the coordinator: "Nieuw bericht"
    # One per post: place, title ("" shows "Zonder titel"), status (a msgid), icon, note, nl/en (the
    # day it was published, in words), edit_href (to go on writing, "" when it cannot change),
    # changes ("1" when the coordinator asked for a change), draft ("1"), discardable ("1": a draft or
    # a post to change), waiting ("1": "Haal terug"), view_href (published).
    rows: list[dict[str, str]] = []
    done: str = ""  # msgid
    asking: str = ""  # the place of the post whose "Gooi weg" asks "Zeker weten?"
    _post_ids: list[int] = []
    _asking: int | None = None  # the post asked about, as this tab listed it

    @rx.event
    async def load(self):
        self._asking, self.asking = None, ""
        sent = page_argument(self, "verstuurd") == "1"
        self.done = SENT if sent else PLACED if page_argument(self, "geplaatst") == "1" else ""
        actor = await viewer(self, *Role)
        self.writer = bool(actor and actor.has(*WRITERS))
        self._refresh(actor)
        self.loaded = True

    @rx.event
    def ask_discard(self, place):
        """ "Gooi weg" on the list's ``place``-th post (0 first), a draft or a post to change:
        "Zeker weten?" first."""
        post_id = self._post_at(place)
        row = self.rows[int(place)] if post_id is not None else {}
        self.done = ""
        if post_id is None or row.get("discardable") != "1":
            self._asking, self.asking = None, ""
            return
        self._asking, self.asking = post_id, place

    @rx.event
    def keep_post(self):
        """ "Nee, bewaar het": nothing changes."""
        self._asking, self.asking = None, ""

    @rx.event
    async def discard(self, place):
        """ "Ja, gooi weg" on the post asked about (the ``place``-th); anything else changes nothing."""
        post_id = self._post_at(place)
        if post_id != self._asking:
            post_id = None
        self._asking, self.asking = None, ""
        await self._change(post_id, posts.discard, THROWN_AWAY)  # someone else's: refused and logged

    @rx.event
    async def take_back(self, place):
        """ "Haal terug" on the ``place``-th post, still waiting for the coordinator: back to the drafts."""
        self._asking, self.asking = None, ""

        def change(session, actor: Actor, chosen: int):
            posts.take_back(session, actor, chosen, now())  # someone else's: refused and logged

        await self._change(self._post_at(place), change, TAKEN_BACK)

    async def _change(self, post_id: int | None, change, done: str) -> None:
        """Runs ``change(session, actor, post_id)`` for the signed-in person, then shows the list as
        it is now with ``done`` said, or why it could not (sent or decided meanwhile, another tab)."""
        try:
            actor = await act(self, ACTION, change, post_id, roles=tuple(Role))
        except posts.NotPossible as not_possible:
            self._refresh(await viewer(self, *Role))
            self.done = not_possible.msgid
            return
        if actor:
            self._refresh(actor)
            self.done = done

    def _post_at(self, place) -> int | None:
        """The post at the list's place as the page sends it: "0", "1", ... (text only)."""
        if not (isinstance(place, str) and place.isascii() and place.isdigit() and len(place) <= 4):
            return None
        index = int(place)
        return self._post_ids[index] if index < len(self._post_ids) else None

    def _refresh(self, actor: Actor | None) -> None:
        if actor is None:
            self.rows, self._post_ids = [], []
            return
        with rx.session() as session:
            hub = session.get(Hub, actor.hub_id)
            found = posts.mine(session, actor)
        self._post_ids = [p.id for p in found]
        rows = []
        for index, post in enumerate(found):
            editable = post.status in posts.EDITABLE
            published = post.status == PostStatus.published and post.published_at is not None
            day = (
                dates.day_in_words_all(dates.local(post.published_at, hub.timezone).date())
                if published
                else {}
            )
            rows.append(
                {
                    "place": str(index),
                    "title": post.title,
                    "status": status_message(post),
                    "icon": ICONS[PostStatus(post.status)],
                    "note": post.note,
                    "nl": day.get("nl", ""),
                    "en": day.get("en", ""),
                    "edit_href": f"/{hub.slug}/{routes.NEWS_WRITE}?bericht={post.id}" if editable else "",
                    "changes": "1" if post.status == PostStatus.changes else "",
                    "draft": "1" if post.status == PostStatus.draft else "",
                    "discardable": "1" if post.status in posts.DISCARDABLE else "",
                    "waiting": "1" if post.status == PostStatus.waiting else "",
                    "view_href": f"/{hub.slug}/{routes.post_part(post.id)}" if published else "",
                }
            )
        self.rows = rows
