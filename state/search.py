"""Zoeken: the one search box over the hub's sociale kaart and the app's own pages.

The words typed live only in this tab's state on the server (``_query``; ``query`` is the box's
starting value after a reload or from Home): never in a URL, never in a log. Signing out empties
them with every other state of the tab (``state.tab``). Every handler is public and takes any
argument: text is cut to ``MAX_QUERY``, a chip value that is not one of the list is ignored, and a
search returns at most ``MAX_RESULTS`` cards. The state holds only the cards on screen.
"""

import dataclasses

import reflex as rx
from sqlmodel import Session

from mantelzorg_app import routes
from mantelzorg_app.models import Hub
from mantelzorg_app.services.directory.taxonomy import CATEGORY_VALUES
from mantelzorg_app.services.help import support_lines
from mantelzorg_app.services.platform import hubs
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.search import query as search_query
from mantelzorg_app.services.search.text import MAX_QUERY
from state.hub import HubState, hub_id_of
from state.inputs import as_id, as_text, form_text
from state.ui import show

MAX_RESULTS = 30  # cards a search shows; each tab pays for no more
FIELD = "zoekwoorden"  # the box's id and name, on the Zoeken page and on Home
# The heading above each kind of result, in services.search.query's order of kinds.
KIND_HEADINGS = {
    "service": N_("Sociale kaart"),
    "page": N_("In deze app"),
    "activity": N_("Agenda"),
    "post": N_("Nieuws"),
}


@dataclasses.dataclass
class ResultGroup:
    """One kind of result on screen: its heading (a catalogue id) and its cards, each
    ``{"title", "summary", "icon", "part", "own"}``: ``part`` is the hub path it links to, ``own``
    is "1" when title and summary are the app's own words (catalogue ids) and "" for a service's."""

    kind: str = ""
    heading: str = ""
    hits: list[dict[str, str]] = dataclasses.field(default_factory=list)


# A kind of the hub's own items: the page of one, and the list when its id is not a row id.
ITEM_PAGES = {
    "service": (routes.service_part, routes.DIRECTORY),
    "activity": (routes.activity_part, routes.CALENDAR),
    "post": (routes.post_part, routes.NEWS),
}


def _part(hit) -> str:
    """Where a result's card leads, inside the hub."""
    if hit.kind not in ITEM_PAGES:
        return hit.ref  # an app page: its path part
    page_of, listing = ITEM_PAGES[hit.kind]
    item_id = as_id(hit.ref)
    return page_of(item_id) if item_id else listing


def _row(hit) -> dict[str, str]:
    return {
        "title": hit.title,
        "summary": hit.summary,
        "icon": hit.icon,
        "part": _part(hit),
        "own": "" if hit.kind in ITEM_PAGES else "1",  # a service's, activity's, post's: the hub's words
    }


class SearchState(rx.State):
    query: str = ""  # the box's starting value; the truth is _query
    field_key: int = 0  # a new value shows the box afresh with ``query`` (words from Home)
    category: str = ""  # the chosen category chip, or ""
    wijk: str = ""  # the chosen wijk chip's id, or ""
    wijk_name: str = ""  # and its name
    wijken: list[dict[str, str]] = []  # the hub's wijken for the chips: {"id", "name"}
    groups: list[ResultGroup] = []
    count: int = 0  # cards shown
    searched: bool = False  # words were searched for (else the page offers where to start)
    suggestion: str = ""  # "Bedoelt u: ...?" when the cards are for it (nothing matched the words)
    hub_phone: str = ""  # the hub's own number, as people write it
    hub_phone_href: str = ""  # its tel: link, "" when it has none a phone can dial
    caller: str = ""  # who answers it (support_lines.CALLERS, a catalogue id with {hub})
    # Server-side truth: the browser can set any plain var above, never these.
    _query: str = ""
    _category: str = ""
    _wijk_id: int | None = None
    _wijk_names: dict[int, str] = {}  # the hub's wijken the chips may choose

    @rx.event
    async def load(self):
        """The hub's wijken and number, and the cards for the words this tab holds (from Home, or
        before a reload)."""
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            found = hubs.wijken(session, hub_id) if hub is not None else []
            self._wijk_names = {w.id: w.name for w in found}
            line = support_lines.call_now(hub) if hub is not None else None
            show(
                self,
                wijken=[{"id": str(w.id), "name": w.name} for w in found],
                hub_phone=line.number if line else "",
                hub_phone_href=line.href if line else "",
                caller=support_lines.caller(hub) if hub is not None else "",
            )
            if self._wijk_id not in self._wijk_names:
                self._wijk_id = None
            self._search(session, hub_id)

    @rx.event
    async def typed(self, value):
        """The box as it is typed (debounced in the browser) or spoken into."""
        await self._new_words(as_text(value, MAX_QUERY))

    @rx.event
    async def submit(self, form_data):
        """The phone's search key (or Enter): the cards for the words now."""
        await self._new_words(form_text(form_data, FIELD, MAX_QUERY))

    @rx.event
    async def choose_category(self, value):
        """A category chip: on, or off again; a value that is not a category is ignored."""
        if isinstance(value, str) and value in CATEGORY_VALUES:
            self._category = "" if self._category == value else value
            await self._refresh()

    @rx.event
    async def choose_wijk(self, value):
        """A wijk chip: on, or off again; only one of this hub's wijken counts."""
        wijk_id = as_id(value)
        if wijk_id is not None and wijk_id in self._wijk_names:
            self._wijk_id = None if self._wijk_id == wijk_id else wijk_id
            await self._refresh()

    @rx.event
    async def clear_filters(self):
        if self._category or self._wijk_id is not None:
            self._category, self._wijk_id = "", None
            await self._refresh()

    @rx.event
    async def from_home(self, form_data):
        """Home's search box: the words go into this tab's state and Zoeken opens, without them
        in its address."""
        self._query = self.query = form_text(form_data, FIELD, MAX_QUERY)
        self._category, self._wijk_id = "", None
        self.field_key += 1
        slug = (await self.get_state(HubState))._slug
        if slug:
            return rx.redirect(f"/{slug}/{routes.SEARCH}")

    async def _new_words(self, words: str) -> None:
        if words == self._query:
            return
        self._query = words
        show(self, query=words)
        await self._refresh()

    async def _refresh(self) -> None:
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            self._search(session, hub_id)

    def _search(self, session: Session, hub_id: int | None) -> None:
        wijk_name = self._wijk_names.get(self._wijk_id, "") if self._wijk_id is not None else ""
        show(self, category=self._category, wijk=str(self._wijk_id or ""), wijk_name=wijk_name)
        if hub_id is None or not self._query.strip():
            show(self, groups=[], count=0, searched=False, suggestion="")
            return
        found = search_query.search(
            session,
            hub_id,
            self._query,
            category=self._category,
            wijk_id=self._wijk_id,
            limit=MAX_RESULTS,
        )
        groups, left = [], MAX_RESULTS
        for group in found.groups:
            rows = [_row(hit) for hit in group.hits[:left]]
            left -= len(rows)
            if rows:
                heading = KIND_HEADINGS.get(group.kind, KIND_HEADINGS["page"])
                groups.append(ResultGroup(kind=group.kind, heading=heading, hits=rows))
        show(
            self,
            groups=groups,
            count=MAX_RESULTS - left,
            searched=True,
            suggestion=found.suggestion if found.used_suggestion and groups else "",
        )
