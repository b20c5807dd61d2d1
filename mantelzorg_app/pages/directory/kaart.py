"""The sociale kaart at /[hub]/sociale-kaart: the hub's services by category, each a big card
(pictogram, name, one line) that opens the service's own page; a row of topics jumps down the list,
and "Zoeken" finds one by its words."""

import reflex as rx

from components.controls import icon_link
from mantelzorg_app import routes
from mantelzorg_app.pages.category_icons import named_icon
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.directory.taxonomy import CATEGORIES, Category
from mantelzorg_app.services.platform.i18n import N_
from state.directory.kaart import INFORMAL_ICON
from state.directory.kaart import KaartState as K
from state.hub import HubState
from state.ui import fill, t

HEADING = N_("Sociale kaart")


def informal_badge() -> rx.Component:
    """Volunteers and neighbours, not a professional organisation: pictogram and word."""
    return rx.el.span(
        rx.icon(INFORMAL_ICON, size=20, aria_hidden="true"),
        rx.el.span(t("Vrijwilligers")),
        class_name="informal-badge",
    )


def _service(card: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            rx.el.span(
                named_icon(card["icon"], "map-pin", 32),
                rx.el.span(card["name"], class_name="service-name"),
                class_name="service-head",
            ),
            rx.el.span(card["summary"], class_name="service-line"),
            rx.cond(card["informal"] == "ja", informal_badge()),
            href=hub_href(routes.DIRECTORY) + "/" + card["id"],
            class_name="service-card",
        )
    )


def _category(category: Category) -> rx.Component:
    return rx.cond(
        K.cards.contains(category.value),
        rx.el.section(
            rx.el.h2(rx.icon(category.icon, size=28, aria_hidden="true"), rx.el.span(t(category.label))),
            rx.el.p(t(category.what), class_name="kaart-what"),
            rx.el.ul(rx.foreach(K.cards[category.value], _service), class_name="service-cards"),
            id=category.value,
            aria_label=t(category.label),
            class_name="kaart-category",
        ),
    )


def _topics() -> rx.Component:
    """The categories on the map as small tiles: a tap jumps to their services."""
    return rx.el.nav(
        rx.el.ul(
            *(
                rx.cond(
                    K.cards.contains(category.value),
                    rx.el.li(
                        icon_link(category.icon, t(category.label), f"#{category.value}", "kaart-topic", 28)
                    ),
                )
                for category in CATEGORIES
            ),
            class_name="kaart-topics",
        ),
        aria_label=t("Onderwerpen"),
        data_noread="",  # "Lees voor" reads the services themselves, not this row of links first
    )


def _empty() -> rx.Component:
    return rx.fragment(
        rx.el.p(fill(t("Er staan nog geen diensten op de sociale kaart van {hub}."), hub=HubState.name)),
        icon_link("hand-helping", t("Vraag een vrijwilliger"), hub_href(routes.HELP), "second-action"),
    )


@hub_page_at(routes.DIRECTORY, K.load, heading=t(HEADING))
def kaart() -> rx.Component:
    return rx.fragment(
        rx.el.p(
            t("Hier vindt u hulp bij u in de buurt. Tik op een dienst om meer te lezen."), class_name="intro"
        ),
        icon_link("search", t("Zoek een dienst"), hub_href(routes.SEARCH), "second-action"),
        rx.cond(
            K.cards.length() > 0,
            rx.fragment(_topics(), *(_category(category) for category in CATEGORIES)),
            rx.cond(K.loaded, _empty()),
        ),
    )
