"""The Wegwijzer's "Dit kan ook helpen": the sociale kaart's services that fit the answers, as the
result page's cards show them. Read here, in state/, because services.help never imports
services.directory (the layers in pyproject.toml)."""

import reflex as rx

from mantelzorg_app.models import Band
from mantelzorg_app.services.directory import fits
from mantelzorg_app.services.help.support_lines import tel_href
from mantelzorg_app.services.platform import hubs, places


def fitting_rows(hub_id: int | None, summary: dict) -> list[dict[str, str]]:
    """Two or three cards ({"id", "name", "summary", "category", "phone", "tel"}) for the answers'
    ``wegwijzer.summary``: the help chosen, the wijk (chosen, or of the postcode typed), the load.
    None for someone who does not care for anyone."""
    if hub_id is None or summary["cares"] in (None, "nee"):
        return []
    with rx.session() as session:
        wijk = places.wijk_of(hubs.wijken(session, hub_id), summary["wijk_id"], summary["postcode"])
        found = fits.fitting(
            session, hub_id, summary["categories"], wijk.id if wijk else None, summary["band"] == Band.heavy
        )
    return [
        {
            "id": str(service.id),
            "name": service.name,
            "summary": service.summary,
            "category": service.category,
            "phone": service.phone,
            "tel": tel_href(service.phone),
        }
        for service in found
    ]
