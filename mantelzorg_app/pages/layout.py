"""The shell around every page: top bar, heading, read aloud, bigger text, bottom bar."""

import reflex as rx

from components.bottom_nav import NavItem, bottom_nav
from components.controls import icon_button, language_choice, link_button
from components.offline import offline_notice
from mantelzorg_app import routes
from mantelzorg_app.services.platform.i18n import LANGUAGES, N_
from state.home import NavState
from state.hub import HubState
from state.ui import UiState, fill, t


def hub_href(part: str = "") -> rx.Var:
    """A link inside the visitor's current hub."""
    return f"/{HubState.slug}/{part}" if part else f"/{HubState.slug}"


HOME = "home"  # the bottom bar's key for the hub's Home
# The bottom bar's word for each item; a hub page's section in its <title> too (pages.shape).
NAV_WORDS = {
    HOME: N_("Start"),
    routes.HELP: N_("Hulp"),
    routes.SEARCH: N_("Zoeken"),
    routes.CHAT: N_("Praten"),
    routes.CALENDAR: N_("Agenda"),
}


def _unread_name() -> rx.Var:
    """ "Praten" with the unread count in words: the Praten link's accessible name while any wait."""
    words = t(NAV_WORDS[routes.CHAT])
    return rx.cond(
        NavState.unread == 1,
        fill(t("{label}, 1 nieuw bericht"), label=words),
        fill(t("{label}, {n} nieuwe berichten"), label=words, n=NavState.unread),
    )


def _nav_items() -> list[NavItem]:
    """The bottom bar. "Hulp" opens "Mijn hulpvragen" while the person has a request going on
    (``NavState``, loaded on every hub page), else the Wegwijzer; "Praten" shows their unread
    messages as a count."""
    help_href = rx.cond(NavState.has_requests, hub_href(routes.REQUESTS), hub_href(routes.HELP))
    items = [
        (HOME, "house", hub_href()),
        (routes.HELP, "hand-heart", help_href),
        (routes.SEARCH, "search", hub_href(routes.SEARCH)),
        (routes.CHAT, "message-circle", hub_href(routes.CHAT)),
        (routes.CALENDAR, "calendar-days", hub_href(routes.CALENDAR)),
    ]
    counted = {routes.CHAT: (NavState.unread, _unread_name())}
    return [NavItem(key, icon, t(NAV_WORDS[key]), href, *counted.get(key, ())) for key, icon, href in items]


def _top_bar(place: rx.Component) -> rx.Component:
    return rx.el.header(
        place,
        language_choice(LANGUAGES, UiState.lang, UiState.set_language, t("Taal")),
        class_name="top-bar",
    )


def _tools() -> rx.Component:
    """Read aloud (assets/read_aloud.js; hidden where the phone has no speech, and it says the word
    for a chosen answer in the visitor's language) and the bigger text switch."""
    return rx.el.div(
        rx.el.button(
            rx.icon("volume-2", size=24, aria_hidden="true"),
            rx.el.span(t("Lees voor")),
            on_click=rx.call_script("mzReadAloud()"),
            type="button",
            class_name="tool read-aloud",
            data_chosen=t("gekozen"),
        ),
        icon_button(
            "a-large-small",
            t("Grotere letters"),
            UiState.toggle_big_text,
            pressed=rx.cond(UiState.big_text, "true", "false"),
        ),
        class_name="tools",
        data_noread="",
    )


def page(title: rx.Var, *children: rx.Component, place: rx.Component, nav: rx.Component | None):
    return rx.el.div(
        rx.el.a(t("Naar de inhoud"), href="#inhoud", class_name="skip"),
        _top_bar(place),
        offline_notice(
            t("Er is even geen verbinding. Wij proberen het opnieuw."),
            t("U bent offline. Wij versturen het zodra er weer verbinding is."),
        ),
        rx.el.main(
            rx.el.h1(title),
            _tools(),
            *children,
            id="inhoud",
            tab_index=-1,
            data_voice=HubState.speech_locale,
        ),
        nav,
        class_name=rx.cond(UiState.big_text, "app big-text", "app"),
        data_ready=rx.cond(rx.State.is_hydrated, "true", "false"),  # the page's on_load has run
    )


def hub_page(title: rx.Var, *children: rx.Component, active: str | None = None) -> rx.Component:
    """A page inside a hub; a hub slug we do not know gets a plain message instead."""
    return rx.cond(
        HubState.found,
        page(
            title,
            *children,
            place=rx.el.a(HubState.name, href=hub_href(), class_name="place"),
            nav=bottom_nav(_nav_items(), active, t("Hoofdmenu")),
        ),
        page(
            t("Deze plaats kennen wij niet"),
            rx.el.p(t("Misschien is het adres niet goed. Kies uw gemeente.")),
            link_button("map-pin", t("Kies uw gemeente"), routes.START),
            place=rx.el.span(),
            nav=None,
        ),
    )
