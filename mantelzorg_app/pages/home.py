"""Home of a hub: a short welcome and big tiles for every part."""

import reflex as rx

from components.tile import tile, tile_grid
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import HUB_ON_LOAD, hub_href, hub_page
from mantelzorg_app.services.i18n import N_
from state.hub import HubState
from state.ui import t

TILES = [
    ("hand-heart", N_("Hulp vragen"), routes.HELP),
    ("search", N_("Zoeken"), routes.SEARCH),
    ("message-circle", N_("Praten"), routes.CHAT),
    ("calendar-days", N_("Agenda"), routes.CALENDAR),
    ("newspaper", N_("Nieuws"), routes.NEWS),
    ("map-pinned", N_("Sociale kaart"), routes.DIRECTORY),
    ("megaphone", N_("Uw stem"), routes.VOICE),
]


def home() -> rx.Component:
    return hub_page(
        t("Welkom"),
        rx.el.p(
            t("Zorgt u voor iemand? Hier vindt u hulp en mensen in {hub}.").replace("{hub}", HubState.name),
            class_name="intro",
        ),
        tile_grid(*(tile(icon, t(label), hub_href(part)) for icon, label, part in TILES)),
        active="home",
    )


def register(app: rx.App) -> None:
    app.add_page(home, route=routes.HUB, title="Mantelzorghub", on_load=HUB_ON_LOAD)
