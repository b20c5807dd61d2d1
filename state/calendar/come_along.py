"""The Wegwijzer's "Kom ook eens langs": the hub's next Mantelzorgcafé and next walk-in hour as
small cards (state.help.wegwijzer copies them onto the result). Read here, in state/, because
services.help never imports services.calendar (the layers in pyproject.toml)."""

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.models import ActivityKind, Hub
from mantelzorg_app.services.calendar import activities
from state.auth import now

KINDS = (ActivityKind.cafe, ActivityKind.walk_in)


def come_along_rows(hub_id: int | None) -> list[dict[str, str]]:
    """One card per kind that has a coming date: {"kind", "title", "part" (the
    activity's page at that date), "place", and its date in words per language ("nl", "en")}."""
    if hub_id is None:
        return []
    rows = []
    with rx.session() as session:
        hub = session.get(Hub, hub_id)
        if hub is None:
            return []
        for kind in KINDS:
            found = activities.next_of_kind(session, hub, kind, now())
            if found is None:
                continue
            activity, date = found.activity, found.date
            rows.append(
                {
                    "kind": str(kind),
                    "title": activity.title,
                    "part": routes.activity_part(activity.id, date.key),
                    "place": date.place or activity.place,
                    **activities.when_in_words_all(date, hub.timezone),
                }
            )
    return rows
