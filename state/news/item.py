"""One general news item at /[hub]/nieuws/algemeen/[item]: its title, source, day, its text (HTML
sanitised when it was imported, services.news.sanitising), its picture only after a tap, and the
link to the whole item at its source.

Public. The id in the address is the browser's word: services.news.listing.item_view finds it only
among the hub's own feeds, so another hub's id or any junk reads "Dit bericht kennen wij niet".
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.news import listing
from state.auth import now
from state.client import page_argument
from state.hub import hub_id_of
from state.inputs import as_id
from state.ui import show


class ItemFacts(TypedDict):
    id: str
    title: str
    source: str  # the feed's name
    day: dict[str, str]  # by language
    html: str  # sanitised
    link: str  # http(s), or ""
    image_url: str  # http(s), or ""


NO_ITEM: ItemFacts = {"id": "", "title": "", "source": "", "day": {}, "html": "", "link": "", "image_url": ""}


class ItemState(rx.State):
    loaded: bool = False
    known: bool = False
    item: ItemFacts = NO_ITEM

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        item_id = as_id(page_argument(self, "item"))
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            seen = listing.item_view(session, hub, item_id, now()) if hub and item_id else None
        if seen is None:
            show(self, known=False, item=NO_ITEM, loaded=True)
            return
        facts: ItemFacts = {
            "id": str(seen.id),
            "title": seen.title,
            "source": seen.source,
            "day": seen.day,
            "html": seen.html,
            "link": seen.link,
            "image_url": seen.image_url,
        }
        show(self, known=True, item=facts, loaded=True)
