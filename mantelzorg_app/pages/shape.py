"""One page shape: a decorator registers a page with its route, title, on_load and access guard.

``@hub_page_at(part, *loads, heading=..., active=..., guard=..., title=..., section=...)`` above a
function that lays out a page's content makes it a hub page: the shell of ``layout.hub_page`` around
it, the hub's own ``on_load`` first, then the page's loads, and, with a ``Guard``, the content only
for those the page's state allows. ``@page_at`` registers a page as it is, for the start page
outside every hub.

Every page has its own ``<title>``, a Var that follows the language and the page's state (Reflex
puts it in the page, React keeps ``document.title`` equal to it): "<title part> - <section> -
Mantelzorghub <hub>", e.g. "Vraag 3 van 14 - Hulp - Mantelzorghub Leusden". The title part is the
page's heading unless the page passes ``title=``; the section is the bottom bar's word of ``active``
(none for Home and pages outside the bar) unless the page passes ``section=``.
The help pages use ``help/parts.help_page_at``, the same with "Hulp" lit in the bottom bar.
Like reflex-web's ``pcweb/templates/webpage.py``: the decorator wraps the page and records its
route; ``pages/registry.py`` collects them, ``mantelzorg_app.py`` adds them in one loop.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx
from reflex.event import EventHandler

from components.controls import link_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import HOME, NAV_WORDS, hub_href, hub_page
from mantelzorg_app.services.platform.i18n import N_
from state.auth import TabOwnerState
from state.home import NavState
from state.hub import HubState
from state.ui import UiState, t

BRAND = "Mantelzorghub"  # the last part of every page's <title>
SEPARATOR = " - "

# Every hub page loads these first, in this order: TabOwnerState.check must run first; NavState.load
# (whether the bottom bar's "Hulp" opens the person's requests) uses what it and the hub found.
HUB_ON_LOAD = (TabOwnerState.check, UiState.apply_language, HubState.load, NavState.load)

PageFunction = Callable[[], rx.Component]
Content = rx.Component | tuple[rx.Component, ...]


@dataclass(frozen=True)
class Page:
    """One registered page: what ``app.add_page`` is given."""

    route: str
    component: PageFunction
    on_load: tuple[EventHandler, ...]
    title: str | rx.Var[str] = BRAND

    @property
    def module(self) -> str:
        return self.component.__module__

    def add_to(self, app: rx.App) -> None:
        app.add_page(self.component, route=self.route, title=self.title, on_load=list(self.on_load))


_REGISTERED: list[Page] = []


def registered() -> tuple[Page, ...]:
    """Every page registered so far, in the order its module defined it."""
    return tuple(_REGISTERED)


def page_at(route: str, *on_load: EventHandler, title: str | rx.Var[str] = BRAND):
    """Registers the decorated page function at ``route``, unchanged."""

    def register(component: PageFunction) -> PageFunction:
        _REGISTERED.append(Page(route, component, tuple(on_load), title))
        return component

    return register


def _joined(*parts: rx.Var[str] | str) -> rx.Var[str]:
    joined = rx.Var.create(parts[0]).to(str)
    for part in parts[1:]:
        joined = joined + part
    return joined


def outside_title(part: rx.Var[str] | str) -> rx.Var[str]:
    """The ``<title>`` of a page outside every hub: "<part> - Mantelzorghub"."""
    return _joined(part, SEPARATOR, BRAND)


def hub_title(part: rx.Var[str], section: rx.Var[str] | None = None) -> rx.Var[str]:
    """The ``<title>`` of a hub page: "<part> - <section> - Mantelzorghub <hub>"; a section equal to
    the part (the bottom bar's own pages) is said once; a hub we do not know says so, as the page."""
    between = (
        SEPARATOR
        if section is None
        else rx.cond(section == part, SEPARATOR, _joined(SEPARATOR, section, SEPARATOR))
    )
    hub = rx.cond(HubState.name != "", _joined(BRAND, " ", HubState.name), BRAND)
    return rx.cond(
        HubState.found, _joined(part, between, hub), outside_title(t("Deze plaats kennen wij niet"))
    )


def sign_in_first(then: str) -> rx.Component:
    """For a visitor: sign in first, and come back here."""
    return rx.fragment(
        rx.el.p(t("Log eerst in. Dan kunt u verder.")),
        link_button("log-in", t("Inloggen"), hub_href(f"{routes.SIGN_IN}?verder={then}")),
    )


@dataclass(frozen=True)
class Guard:
    """Who sees a page's content: those the page's state ``allowed``; anyone else reads ``refused``.

    With ``sign_in``, a visitor (the state's ``signed_in`` false) reads "sign in first" instead, after
    ``note`` when there is one, with a link that brings them back to this page. The state's ``load``
    sets both flags from server-side data, and every handler checks again: this only chooses what shows.
    """

    state: type[rx.State]
    refused: rx.Var[str]
    sign_in: bool = False
    note: rx.Var[str] | None = None

    def around(self, content: rx.Component, part: str) -> rx.Component:
        allowed, refused = self.state.allowed, rx.el.p(self.refused)
        if not self.sign_in:
            return rx.cond(allowed, content, refused)
        visitor = sign_in_first(part)
        if self.note is not None:
            visitor = rx.fragment(rx.el.p(self.note), visitor)
        return rx.cond(allowed, content, rx.cond(self.state.signed_in, refused, visitor))


COORDINATOR_ONLY = N_("Deze pagina is alleen voor de coördinator van deze gemeente.")


def coordinator_only(state: type[rx.State]) -> Guard:
    """The guard of the coordinator's own pages (Beheer, Sociale kaart beheren)."""
    return Guard(state, t(COORDINATOR_ONLY))


def hub_page_at(
    part: str,
    *loads: EventHandler,
    heading: rx.Var[str],
    active: str | None = None,
    guard: Guard | None = None,
    title: rx.Var[str] | None = None,
    section: rx.Var[str] | None = None,
):
    """Registers the decorated content as the hub page at ``/[hub]/part`` (``part`` "": the hub's Home).

    The function returns the page's content: one component, or a tuple of them without a guard.
    ``heading`` is the page's h1, ``active`` the bottom bar's current item. ``title``: the page's own
    part of its ``<title>`` (default the heading); ``section``: the part after it (default the bottom
    bar's word of ``active``). Never put personal data (a first name) in a title: browsers keep
    titles in their history.
    """
    route = routes.hub_route(part) if part else routes.HUB
    if section is None and active in NAV_WORDS and active != HOME:  # Home is the hub itself
        section = t(NAV_WORDS[active])
    page_title = hub_title(heading if title is None else title, section)

    def register(content: Callable[[], Content]) -> PageFunction:
        @functools.wraps(content)  # Reflex names the page and its compiled module after the function
        def full_page() -> rx.Component:
            children = content()
            if guard is not None:
                if isinstance(children, tuple):
                    raise TypeError(f"{content.__name__}: a guard wraps one component, not a tuple")
                children = guard.around(children, part)
            children = children if isinstance(children, tuple) else (children,)
            return hub_page(heading, *children, active=active)

        return page_at(route, *HUB_ON_LOAD, *loads, title=page_title)(full_page)

    return register
