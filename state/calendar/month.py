"""One month of the agenda to print, at /[hub]/agenda/maand/[maand] ("2026-12"): every date of that
month on the hub's clock, in large type, on one A4 sheet.

Public, like the Agenda tab: only the hub the server looked up is read, and the month comes from the
address, read by ``services.calendar.agenda.parse_month`` (anything else shows "not found").
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.calendar import activities, agenda
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.platform import dates
from state.auth import now
from state.client import page_argument
from state.hub import hub_id_of
from state.ui import show


class MonthLine(TypedDict):
    id: str
    key: str
    icon: str
    label: str  # the kind's catalogue id
    title: str
    day: dict[str, str]  # "dinsdag 3 december" by language
    time: dict[str, str]  # "14.00 tot 16.00 uur" by language
    place: str


class MonthState(rx.State):
    found: bool = True
    name: str = ""  # "2026-12"
    heading: dict[str, str] = {}  # "december 2026" by language
    earlier: str = ""  # the month before, "" when the list offers none
    later: str = ""
    lines: list[MonthLine] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        first = agenda.parse_month(page_argument(self, "maand"))
        hub_id = await hub_id_of(self)
        moment = now()
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            if hub is None or first is None or not agenda.in_month(first, moment, hub.timezone):
                show(self, found=False, name="", heading={}, lines=[], earlier="", later="", loaded=True)
                return
            zone = hub.timezone
            lines = [_line(item, zone) for item in agenda.month(session, hub, first)]
        before, after = agenda.shifted(first, -1), agenda.shifted(first, 1)
        show(
            self,
            found=True,
            name=agenda.month_name(first),
            heading=activities.month_in_words_all(first),
            lines=lines,
            earlier=agenda.month_name(before) if agenda.in_month(before, moment, zone) else "",
            later=agenda.month_name(after) if agenda.in_month(after, moment, zone) else "",
            loaded=True,
        )


def _line(item: activities.Dated, zone: str) -> MonthLine:
    return {
        "id": str(item.activity.id),
        "key": item.date.key,
        "icon": KIND_ICONS.get(item.activity.kind, "calendar-days"),
        "label": KIND_LABELS.get(item.activity.kind, ""),
        "title": item.activity.title,
        "day": dates.day_in_words_all(agenda.day_of(item, zone)),
        "time": agenda.times_in_words_all(item, zone),
        "place": agenda.place_of(item),
    }
