"""The sociale kaart at /[hub]/sociale-kaart: the visitor's hub's services by category, as cards.

Public: no sign-in. Only the hub the server looked up from the address is read, so another hub's
services never show. Each card is a plain dict of strings: its id, name, one line and pictogram.
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app.services.directory import entries
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from state.hub import hub_id_of

INFORMAL_ICON = "hand-helping"  # the "Vrijwilligers" badge


class Card(TypedDict):
    id: str
    name: str
    summary: str
    icon: str  # the category's pictogram
    informal: str  # "ja" for volunteers and neighbours, else ""


def card(service, informal: bool) -> Card:
    category = BY_VALUE.get(service.category)
    return {
        "id": str(service.id),
        "name": service.name,
        "summary": service.summary,
        "icon": category.icon if category else "map-pin",
        "informal": "ja" if informal else "",
    }


class KaartState(rx.State):
    # The cards by category value, in the taxonomy's order; a category without services is absent.
    cards: dict[str, list[Card]] = {}
    loaded: bool = False

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        found: dict[str, list[Card]] = {}
        if hub_id is not None:
            with rx.session() as session:
                for service in entries.published(session, hub_id):
                    if service.category in BY_VALUE:  # the session keeps each organisation once
                        informal = entries.organization_of(session, service).informal
                        found.setdefault(service.category, []).append(card(service, informal))
        self.cards, self.loaded = found, True
