"""One page shape: a decorator registers a page with its route, title, on_load and access guard.

``@hub_page_at(part, *loads, heading=..., active=..., guard=...)`` above a function that lays out a
page's content makes it a hub page: the shell of ``layout.hub_page`` around it, the hub's own
``on_load`` first, then the page's loads, and, with a ``Guard``, the content only for those the
page's state allows. ``@page_at`` registers a page as it is, for the start page outside every hub.
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
from mantelzorg_app.pages.layout import hub_href, hub_page
from state.auth import TabOwnerState
from state.hub import HubState
from state.ui import UiState, t

TITLE = "Mantelzorghub"  # every page's <title>; its heading says where you are

# Every hub page loads these first, in this order: TabOwnerState.check must run first.
HUB_ON_LOAD = (TabOwnerState.check, UiState.apply_language, HubState.load)

PageFunction = Callable[[], rx.Component]
Content = rx.Component | tuple[rx.Component, ...]


@dataclass(frozen=True)
class Page:
    """One registered page: what ``app.add_page`` is given."""

    route: str
    component: PageFunction
    on_load: tuple[EventHandler, ...]
    title: str = TITLE

    @property
    def module(self) -> str:
        return self.component.__module__

    def add_to(self, app: rx.App) -> None:
        app.add_page(self.component, route=self.route, title=self.title, on_load=list(self.on_load))


_REGISTERED: list[Page] = []


def registered() -> tuple[Page, ...]:
    """Every page registered so far, in the order its module defined it."""
    return tuple(_REGISTERED)


def page_at(route: str, *on_load: EventHandler, title: str = TITLE):
    """Registers the decorated page function at ``route``, unchanged."""

    def register(component: PageFunction) -> PageFunction:
        _REGISTERED.append(Page(route, component, tuple(on_load), title))
        return component

    return register


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


def hub_page_at(
    part: str,
    *loads: EventHandler,
    heading: rx.Var[str],
    active: str | None = None,
    guard: Guard | None = None,
):
    """Registers the decorated content as the hub page at ``/[hub]/part`` (``part`` "": the hub's Home).

    The function returns the page's content: one component, or a tuple of them without a guard.
    ``heading`` is the page's h1, ``active`` the bottom bar's current item.
    """
    route = routes.hub_route(part) if part else routes.HUB

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

        return page_at(route, *HUB_ON_LOAD, *loads)(full_page)

    return register
