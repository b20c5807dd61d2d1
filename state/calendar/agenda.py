"""The Agenda tab at /[hub]/agenda: the hub's coming dates under "Deze week", "Volgende week" and
then by month, as big cards; chips narrow them to one kind or one wijk.

Public: anyone may look. Only the hub the server looked up from the address is read. Whether the
person comes ("U komt") is read for the person the tab's owner check found from the session cookie
(``TabOwnerState``), never from anything the browser sent. A chip's value counts only when it is
one the list offered.
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.calendar import activities, agenda, recurrence
from mantelzorg_app.services.calendar.agenda import Card
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.platform import hubs
from state.auth import TabOwnerState, now, session_token
from state.hub import hub_id_of
from state.inputs import as_id
from state.ui import show


class AgendaCard(TypedDict):
    id: str  # the activity's id
    key: str  # the date a sign-up is for (recurrence.key): a course's first evening
    date_key: str  # this card's own date: its element ids
    icon: str  # the kind's pictogram
    label: str  # the kind's word, a catalogue id
    title: str
    when: dict[str, str]  # "dinsdag 3 december, 14.00 uur" by language
    place: str
    note: str  # a changed date's note: "Deze keer in De Deel"
    moved: str  # "ja": this date was moved
    free: str  # places still free as digits; "" when there is no limit
    mine: str  # "booked", "waiting" or ""
    evening: str  # a course: this evening's number as digits ("2"), else ""
    evenings: str  # and how many evenings it has ("4")


class AgendaGroup(TypedDict):
    name: str  # "this-week", "next-week", "2027-01"
    heading: dict[str, str]  # by language
    cards: list[AgendaCard]


class Chip(TypedDict):
    value: str
    icon: str
    label: str  # a kind's catalogue id, or a wijk's own name


def agenda_card(card: Card, zone: str) -> AgendaCard:
    item = card.dated
    activity = item.activity
    return {
        "id": str(activity.id),
        "key": recurrence.key(agenda.sign_up_date(item)),  # a course: its sign-up, the first date
        "date_key": item.date.key,
        "icon": KIND_ICONS.get(activity.kind, "calendar-days"),
        "label": KIND_LABELS.get(activity.kind, ""),
        "title": activity.title,
        "when": activities.when_in_words_all(item.date, zone),
        "place": agenda.place_of(item),
        "note": item.date.note,
        "moved": "ja" if item.date.moved else "",
        "free": "" if card.free is None else str(card.free),
        "mine": card.mine,
        "evening": str(card.evening[0]) if card.evening else "",
        "evenings": str(card.evening[1]) if card.evening else "",
    }


class AgendaState(rx.State):
    groups: list[AgendaGroup] = []
    kinds: list[Chip] = []  # the kinds the coming dates have, in the chips' order
    wijken: list[Chip] = []  # the wijken of the coming dates
    kind: str = ""  # the chosen kind chip, "" for Alles
    wijk: str = ""  # the chosen wijk chip's id, "" for every wijk
    wijk_name: str = ""
    month: str = ""  # this month on the hub's clock, for "Print deze maand": 2026-12
    organiser: bool = False  # a coordinator or professional: the way to Agenda beheren (it checks again)
    loaded: bool = False
    _kind: str = ""
    _wijk_id: int | None = None
    _kinds: tuple[str, ...] = ()  # what the chips may choose (server-side)
    _wijk_names: dict[int, str] = {}

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is None:
                show(self, groups=[], kinds=[], wijken=[], loaded=True)
                return
            kinds, wijk_ids = agenda.choices(session, hub, now())
            names = {w.id: w.name for w in hubs.wijken(session, hub.id) if w.id in wijk_ids}
            self._kinds, self._wijk_names = tuple(kinds), names
            if self._kind not in self._kinds:
                self._kind = ""
            if self._wijk_id not in names:
                self._wijk_id = None
            actor = authz.actor(session, session_token(self), hub.id, now())
            show(
                self,
                organiser=activities.may_organise(actor),
                kinds=[{"value": k, "icon": KIND_ICONS[k], "label": KIND_LABELS[k]} for k in kinds],
                wijken=[{"value": str(i), "icon": "map-pin", "label": n} for i, n in names.items()],
                month=agenda.month_name(agenda.this_month(now(), hub.timezone)),
            )
            await self._refresh(session, hub)

    @rx.event
    async def choose_kind(self, value):
        """A kind chip ("" is Alles); a value the chips did not offer is ignored."""
        if value == "" or (isinstance(value, str) and value in self._kinds):
            self._kind = value
            await self._again()

    @rx.event
    async def choose_wijk(self, value):
        """A wijk chip ("" is every wijk); only one of the wijken the chips offered counts."""
        wijk_id = as_id(value)
        if value == "" or (wijk_id is not None and wijk_id in self._wijk_names):
            self._wijk_id = None if value == "" else wijk_id
            await self._again()

    @rx.event
    async def show_all(self):
        if self._kind or self._wijk_id is not None:
            self._kind, self._wijk_id = "", None
            await self._again()

    async def _again(self) -> None:
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is not None:
                await self._refresh(session, hub)

    async def _refresh(self, session, hub: Hub) -> None:
        person_id = (await self.get_state(TabOwnerState))._person_id
        moment = now()
        found = agenda.cards(session, hub, person_id, moment, self._kind, self._wijk_id)
        by_date = [card.dated for card in found]
        cards_of = {id(card.dated): card for card in found}
        groups: list[AgendaGroup] = [
            {
                "name": name,
                "heading": heading,
                "cards": [agenda_card(cards_of[id(item)], hub.timezone) for item in items],
            }
            for name, heading, items in activities.groups(by_date, hub.timezone, moment)
        ]
        wijk_name = self._wijk_names.get(self._wijk_id, "") if self._wijk_id is not None else ""
        show(
            self,
            groups=groups,
            kind=self._kind,
            wijk=str(self._wijk_id or ""),
            wijk_name=wijk_name,
            loaded=True,
        )
