"""Home of a hub. Signed in: what is going on in words, the person's own main action, the search box
(pages/search.py), then big tiles for every part. A visitor: a short welcome and "Inloggen" on the
first screen, then the search box and the tiles."""

import reflex as rx

from components.controls import icon_link, link_button
from components.tile import tile, tile_grid
from mantelzorg_app import routes
from mantelzorg_app.pages.calendar.agenda import next_activity
from mantelzorg_app.pages.layout import HOME, hub_href
from mantelzorg_app.pages.news.listing import newest_news
from mantelzorg_app.pages.search import home_search_box
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.help import overview
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.calendar.next_up import NextActivityState
from state.home import HomeState
from state.hub import HubState
from state.news.listing import NewestNewsState
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

# Each main action: its pictogram, its word, where it goes, and who has it (as AuthState knows).
ACTIONS = {
    overview.MAIN_REQUESTS: ("hand-heart", N_("Mijn hulpvragen"), routes.REQUESTS, AuthState.asks_help),
    overview.MAIN_HELPING: ("hand-helping", N_("Helpen"), routes.HELPING, AuthState.volunteer),
    overview.MAIN_COORDINATION: ("settings", N_("Beheer"), routes.COORDINATION, AuthState.coordinator),
}


def _line(line: rx.Var) -> rx.Component:
    return rx.el.li(
        fill(
            t(line["message"]),
            name=line["name"],
            caregiver=line["caregiver"],
            when=t(line["when"]),
            n=line["n"],
            help=t(line["help"]),
        )
    )


def _intro() -> rx.Component:
    return rx.el.p(
        fill(t("Zorgt u voor iemand? Hier vindt u hulp en mensen in {hub}."), hub=HubState.name),
        class_name="intro",
    )


def _main_action() -> rx.Component:
    return rx.match(
        HomeState.main,
        *(
            (key, link_button(icon, t(label), hub_href(part)))
            for key, (icon, label, part, _has) in ACTIONS.items()
        ),
        rx.fragment(),
    )


def _other_actions() -> rx.Component:
    """The person's other roles' pages, below the tiles; the main one is the first button already."""
    return rx.fragment(
        *(
            rx.cond(
                has & (HomeState.main != key),
                icon_link(icon, t(label), hub_href(part), "second-action"),
            )
            for key, (icon, label, part, has) in ACTIONS.items()
        ),
        rx.cond(
            AuthState.staff,
            icon_link("book-user", t("Wie is wie"), hub_href(routes.WHO_IS_WHO), "second-action"),
        ),
        rx.cond(
            HomeState.partner,
            icon_link("building-2", t("Mijn organisatie"), hub_href(routes.PARTNER), "second-action"),
        ),
        icon_link("user", t("Mijn gegevens"), hub_href(routes.ACCOUNT), "second-action"),
    )


def _tiles() -> rx.Component:
    return tile_grid(*(tile(icon, t(label), hub_href(part)) for icon, label, part in TILES))


@hub_page_at(
    "",  # the hub itself: /[hub]
    AuthState.load,
    HomeState.load,
    NextActivityState.load,
    NewestNewsState.load,
    heading=rx.cond(AuthState.signed_in, fill(t("Welkom, {name}"), name=AuthState.first_name), t("Welkom")),
    title=t("Welkom"),  # browsers keep titles in their history: no name in it
    active=HOME,
)
def home() -> rx.Component:
    return rx.cond(
        AuthState.signed_in,
        rx.fragment(
            rx.cond(
                HomeState.lines,
                rx.el.ul(rx.foreach(HomeState.lines, _line), class_name="overview"),
                _intro(),
            ),
            _main_action(),
            home_search_box(),
            next_activity(),
            newest_news(),
            _tiles(),
            _other_actions(),
        ),
        rx.fragment(
            _intro(),
            link_button("log-in", t("Inloggen"), hub_href(routes.SIGN_IN)),
            home_search_box(),
            next_activity(),
            newest_news(),
            _tiles(),
        ),
    )
