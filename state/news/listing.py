"""The Nieuws page at /[hub]/nieuws (?wijk=<id> chooses the wijk): "Uit uw wijk", "Uit {hub}" and
"Algemeen nieuws" as big cards, a wijk chip to choose another wijk, "Meer" per section; and Home's
card of the newest local post. A chip's choice goes into the address (?wijk=<id>, ?wijk=alle), so a
reload, or Back from a post, shows the same wijk.

Public: anyone may look. Only the hub the server looked up from the address is read, and only
published posts (services.news.listing). The person's own wijk comes from their session cookie,
never from the browser; a wijk chip or ?wijk= counts only when it is one of the hub's wijken.
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.news import listing, posts
from mantelzorg_app.services.news.listing import Card, Section
from mantelzorg_app.services.platform import hubs
from state.auth import current_actor, now
from state.client import page_argument
from state.hub import HubState, hub_id_of
from state.inputs import as_id
from state.ui import show

ALL = "alle"  # the "Alle wijken" chip: no wijk section, every post under the hub


class NewsCard(TypedDict):
    id: str
    kind: str  # "post" or "item"
    part: str  # its page, the part after the hub: "nieuws/7", "nieuws/algemeen/31"
    title: str
    summary: str
    day: dict[str, str]  # by language
    source: dict[str, str]  # by language
    photo_url: str
    photo_alt: str


class NewsSection(TypedDict):
    name: str  # "wijk", "hub", "general": its element ids
    heading: str  # a msgid
    wijk: str  # the heading's {wijk}
    hub: str  # the heading's {hub}
    cards: list[NewsCard]
    more: bool


class WijkChip(TypedDict):
    value: str
    label: str


NO_CARD: NewsCard = {
    "id": "",
    "kind": "",
    "part": "",
    "title": "",
    "summary": "",
    "day": {},
    "source": {},
    "photo_url": "",
    "photo_alt": "",
}


def news_card(card: Card) -> NewsCard:
    part = routes.post_part(card.id) if card.kind == listing.POST else routes.news_item_part(card.id)
    return {
        "id": str(card.id),
        "kind": card.kind,
        "part": part,
        "title": card.title,
        "summary": card.summary,
        "day": card.day,
        "source": card.source,
        "photo_url": card.photo_url,
        "photo_alt": card.photo_alt,
    }


def news_section(found: Section) -> NewsSection:
    return {
        "name": found.name,
        "heading": found.heading,
        "wijk": found.values.get("wijk", ""),
        "hub": found.values.get("hub", ""),
        "cards": [news_card(card) for card in found.cards],
        "more": found.more,
    }


class NewsState(rx.State):
    sections: list[NewsSection] = []
    wijken: list[WijkChip] = []  # the hub's wijken, for the chips
    wijk: str = ""  # the chip that is chosen: a wijk's id, or ALL
    writer: bool = False  # a trekker or the coordinator: "Schrijf een bericht" (that page checks again)
    coordinator: bool = False  # "Nieuws controleren" (that page checks again)
    loaded: bool = False
    # Server-side: the chip's choice (None: the person's own wijk; ``_all``: none) and the hub's wijken.
    _wijk_id: int | None = None
    _all: bool = False
    _wijk_ids: tuple[int, ...] = ()

    @rx.event
    async def load(self):
        raw = page_argument(self, "wijk")
        self._wijk_id, self._all = as_id(raw), raw == ALL
        hub_id = await hub_id_of(self)
        actor = await current_actor(self)
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is None:
                show(self, sections=[], wijken=[], loaded=True)
                return
            found = hubs.wijken(session, hub.id)
            self._wijk_ids = tuple(w.id for w in found)
            show(
                self,
                wijken=[{"value": str(w.id), "label": w.name} for w in found],
                writer=posts.may_write(session, actor) or bool(posts.writable_wijken(session, actor)),
                coordinator=bool(actor and actor.has(Role.coordinator)),
            )
            self._refresh(session, hub, actor)

    @rx.event
    async def choose_wijk(self, value):
        """A wijk chip, or ALL; only one of this hub's wijken counts."""
        wijk_id = as_id(value)
        if value == ALL:
            self._wijk_id, self._all = None, True
        elif wijk_id is not None and wijk_id in self._wijk_ids:
            self._wijk_id, self._all = wijk_id, False
        else:
            return
        await self._again()
        slug = (await self.get_state(HubState))._slug
        address = f"/{slug}/{routes.NEWS}?wijk={ALL if self._all else self._wijk_id}"
        # The address the page comes back to after a reload or Back; the router itself stays here.
        return rx.call_script(f"window.history.replaceState(window.history.state, '', '{address}')")

    @rx.event
    async def more(self, name):
        """The next cards of one section ("Meer")."""
        shown = next((s for s in self.sections if s["name"] == name and s["more"]), None)
        if shown is None:
            return
        hub_id = await hub_id_of(self)
        actor = await current_actor(self)
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is None:
                return
            found = listing.section(
                session, hub, actor, name, self._wijk_id, now(), len(shown["cards"]), own=not self._all
            )
        if found is None or found.name != name:
            return
        seen = {card["id"] for card in shown["cards"]}
        added = [news_card(card) for card in found.cards if str(card.id) not in seen]
        self.sections = [
            s | {"cards": s["cards"] + added, "more": found.more} if s["name"] == name else s
            for s in self.sections
        ]

    async def _again(self) -> None:
        hub_id = await hub_id_of(self)
        actor = await current_actor(self)
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is not None:
                self._refresh(session, hub, actor)

    def _refresh(self, session, hub: Hub, actor) -> None:
        wijk, _own = listing.chosen_wijk(session, hub, actor, self._wijk_id, not self._all)
        found = listing.sections(session, hub, actor, self._wijk_id, now(), own=not self._all)
        show(
            self,
            sections=[news_section(s) for s in found],
            wijk=str(wijk.id) if wijk is not None else ALL,
            loaded=True,
        )


class NewestNewsState(rx.State):
    """Home's card: the newest published post of the person's wijk (from their session cookie),
    else of the hub. Public, like the Nieuws page."""

    card: NewsCard = NO_CARD  # "id" "" when there is none

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        actor = await current_actor(self)
        found = None
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is not None:
                found = listing.newest_local(session, hub, actor, now())
        show(self, card=news_card(found) if found is not None else NO_CARD)
