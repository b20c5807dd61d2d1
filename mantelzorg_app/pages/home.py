"""Home of a hub: a short welcome and big tiles for every part."""

import reflex as rx

from components.controls import link_button
from components.tile import tile, tile_grid
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.hub import HubState
from state.ui import fill, t

TILES = [
    ("hand-heart", N_("Hulp vragen"), routes.HELP),
    ("search", N_("Zoeken"), routes.SEARCH),
    ("message-circle", N_("Praten"), routes.CHAT),
    ("calendar-days", N_("Agenda"), routes.CALENDAR),
    ("newspaper", N_("Nieuws"), routes.NEWS),
    ("map-pinned", N_("Sociale kaart"), routes.DIRECTORY),
    ("megaphone", N_("Uw stem"), routes.VOICE),
]


@hub_page_at(
    "",  # the hub itself: /[hub]
    AuthState.load,
    heading=rx.cond(AuthState.signed_in, fill(t("Welkom, {name}"), name=AuthState.first_name), t("Welkom")),
    active="home",
)
def home() -> tuple[rx.Component, ...]:
    return (
        rx.el.p(
            fill(t("Zorgt u voor iemand? Hier vindt u hulp en mensen in {hub}."), hub=HubState.name),
            class_name="intro",
        ),
        tile_grid(*(tile(icon, t(label), hub_href(part)) for icon, label, part in TILES)),
        rx.cond(
            AuthState.signed_in,
            link_button("user", t("Mijn gegevens"), hub_href(routes.ACCOUNT)),
            link_button("log-in", t("Inloggen"), hub_href(routes.SIGN_IN)),
        ),
        rx.cond(
            AuthState.asks_help, link_button("hand-heart", t("Mijn hulpvragen"), hub_href(routes.REQUESTS))
        ),
        rx.cond(AuthState.volunteer, link_button("hand-helping", t("Helpen"), hub_href(routes.HELPING))),
        rx.cond(
            AuthState.coordinator,
            link_button("settings", t("Beheer"), hub_href(routes.COORDINATION)),
        ),
    )
