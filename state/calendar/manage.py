"""Agenda beheren at /[hub]/beheer/agenda: the activities a professional organises (the
coordinator: all of the hub's), the next date first, each with "Veranderen" and its sign-ups.
``services.calendar.editing.organised`` decides whose; anyone else sees nothing."""

import reflex as rx

from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.calendar import activities, editing, recurrence, schedule
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS, KIND_LABELS
from state.actions import viewer
from state.auth import now
from state.client import page_argument

STAFF = (Role.professional, Role.coordinator)


def _list_key(found: editing.Organised) -> str:
    if found.next_date is None:
        return ""
    return recurrence.key(schedule.sign_up_name(found.activity, found.next_date.occurrence))


class OrganiserState(rx.State):
    signed_in: bool = False
    allowed: bool = False
    loaded: bool = False
    cancelled: bool = False  # back from "Zeg de hele activiteit af"
    # {"id", "title", "icon", "kind" (a catalogue id), "key" (the next date's, "" when none), "list_key"}
    items: list[dict[str, str]] = []
    when: dict[str, dict[str, str]] = {}  # activity id: language: "dinsdag 3 december, 14.00 uur"

    @rx.event
    async def load(self):
        actor = await viewer(self, *STAFF)
        self.loaded = True
        self.cancelled = page_argument(self, "afgezegd") == "1"
        if actor is None:
            self.items, self.when = [], {}
            return
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            found = editing.organised(session, actor, now())
        self.items = [
            {
                "id": str(o.activity.id),
                "title": o.activity.title,
                "icon": KIND_ICONS.get(o.activity.kind, "calendar-days"),
                "kind": KIND_LABELS.get(o.activity.kind, ""),
                "key": o.next_date.key if o.next_date else "",
                # the organiser's list: a course's sign-ups are all under its first evening
                "list_key": _list_key(o),
            }
            for o in found
        ]
        self.when = {
            str(o.activity.id): activities.when_in_words_all(o.next_date, zone) for o in found if o.next_date
        }
