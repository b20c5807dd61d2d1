"""The parts of a hub that are not built yet: each says so plainly and leads back Home.

Each later feature replaces its entry here with a page module of its own.
"""

import reflex as rx

from components.controls import link_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.platform.i18n import N_
from state.ui import t

# path part: (heading, which bottom bar item is current)
NOT_YET = {
    routes.VOICE: (N_("Uw stem"), None),
}


def not_yet() -> tuple[rx.Component, ...]:
    return (
        rx.el.p(t("Dit deel is nog niet klaar.")),
        rx.el.p(t("Wij werken eraan. Kijk binnenkort nog eens.")),
        link_button("house", t("Terug naar Start"), hub_href()),
    )


for part, (heading, active) in NOT_YET.items():
    hub_page_at(part, heading=t(heading), active=active)(not_yet)
