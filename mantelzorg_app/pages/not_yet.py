"""The parts of a hub that are not built yet: each says so plainly and leads back Home.

Each later feature replaces its entry here with a page module of its own.
"""

import reflex as rx

from components.controls import link_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import HUB_ON_LOAD, hub_href, hub_page
from mantelzorg_app.services.platform.i18n import N_
from state.ui import t

# path part: (heading, which bottom bar item is current)
NOT_YET = {
    routes.SEARCH: (N_("Zoeken"), routes.SEARCH),
    routes.CHAT: (N_("Praten"), routes.CHAT),
    routes.CALENDAR: (N_("Agenda"), routes.CALENDAR),
    routes.NEWS: (N_("Nieuws"), None),
    routes.DIRECTORY: (N_("Sociale kaart"), None),
    routes.VOICE: (N_("Uw stem"), None),
}


def not_yet_page(title: str, active: str | None):
    def not_yet() -> rx.Component:
        return hub_page(
            t(title),
            rx.el.p(t("Dit deel is nog niet klaar.")),
            rx.el.p(t("Wij werken eraan. Kijk binnenkort nog eens.")),
            link_button("house", t("Terug naar Home"), hub_href()),
            active=active,
        )

    return not_yet


def register(app: rx.App) -> None:
    for part, (title, active) in NOT_YET.items():
        app.add_page(
            not_yet_page(title, active),
            route=routes.hub_route(part),
            title="Mantelzorghub",
            on_load=HUB_ON_LOAD,
        )
