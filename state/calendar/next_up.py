"""Home's card of the next activity: the hub's next date for caregivers or everyone
(``activities.next_any``), as the Agenda tab shows it, with "U komt" for the person the tab's owner
check found. Public, like the Agenda tab."""

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.calendar import activities, agenda
from state.auth import TabOwnerState, now
from state.calendar.agenda import AgendaCard, agenda_card
from state.hub import hub_id_of
from state.ui import show

NOTHING: AgendaCard = {
    "id": "",
    "key": "",
    "date_key": "",
    "icon": "",
    "label": "",
    "title": "",
    "when": {},
    "place": "",
    "note": "",
    "moved": "",
    "free": "",
    "mine": "",
    "evening": "",
    "evenings": "",
}


class NextActivityState(rx.State):
    card: AgendaCard = NOTHING  # "id" "" when nothing is coming

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        person_id = (await self.get_state(TabOwnerState))._person_id
        found = NOTHING
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            coming = activities.next_any(session, hub, now()) if hub is not None else None
            if coming is not None:
                found = agenda_card(
                    agenda.with_places(session, [coming], person_id, hub.timezone)[0], hub.timezone
                )
        show(self, card=found)
