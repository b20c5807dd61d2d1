"""Wie is wie at /[hub]/wie-is-wie (the Inn-formeel network): per organisation, the contact person
for partners with a direct number to tap and when they are there, and its services on the sociale
kaart. Only for the hub's professionals and coordinators; a visitor is asked to sign in first."""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.category_icons import category_icon
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.directory.taxonomy import CATEGORIES
from mantelzorg_app.services.platform.i18n import N_
from state.directory.who import WhoState as W
from state.ui import t

HEADING = N_("Wie is wie")


def _tel(number: rx.Var, href: rx.Var) -> rx.Component:
    """A number: a link to tap when it dials, else the number as written."""
    return rx.cond(
        href != "",
        rx.el.a(
            rx.icon("phone", size=24, aria_hidden="true"), rx.el.span(number), href=href, class_name="tel"
        ),
        rx.el.span(number),
    )


def _filter() -> rx.Component:
    """One category of the hub's services, folded away until asked for; the one chosen shows above
    the cards with a way back to all."""
    chosen = rx.el.div(
        rx.el.p(
            rx.match(
                W.category,
                *(
                    (
                        c.value,
                        rx.fragment(rx.icon(c.icon, size=24, aria_hidden="true"), rx.el.span(t(c.label))),
                    )
                    for c in CATEGORIES
                ),
                rx.fragment(),
            )
        ),
        row_button("x", t("Alles tonen"), W.pick("")),
        class_name="chosen-filter",
    )
    return rx.fragment(
        rx.el.details(
            rx.el.summary(
                rx.icon("sliders-horizontal", size=24, aria_hidden="true"),
                rx.el.span(t("Kies een soort hulp")),
            ),
            choice_buttons(
                t("Soort hulp"),
                *(
                    rx.cond(
                        W.categories.contains(c.value),
                        choice_button(c.icon, t(c.label), W.category == c.value, W.pick(c.value)),
                    )
                    for c in CATEGORIES
                ),
                compact=True,
            ),
            class_name="filters",
        ),
        rx.cond(W.category != "", chosen),
    )


def _service(service: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            category_icon(service["category"]),
            rx.el.span(service["name"]),
            href=hub_href(f"{routes.DIRECTORY}/") + service["id"],
            class_name="service-link",
        )
    )


def _card(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h2(
            rx.cond(
                row.informal,
                rx.icon("handshake", size=28, aria_hidden="true"),
                rx.icon("building-2", size=28, aria_hidden="true"),
            ),
            rx.el.span(row.name),
            class_name="card-title",
        ),
        rx.cond(row.informal, rx.el.p(t("Vrijwilligers en buren"))),
        rx.el.p(
            rx.icon("user-round", size=24, aria_hidden="true"),
            rx.cond(
                row.contact != "", rx.el.span(row.contact), rx.el.span(t("Nog geen contactpersoon bekend."))
            ),
            class_name="icon-line",
        ),
        rx.cond(row.phone != "", rx.el.p(rx.el.span(t("Direct nummer:")), _tel(row.phone, row.tel))),
        rx.cond(
            row.hours != "",
            rx.el.p(
                rx.icon("clock", size=24, aria_hidden="true"),
                rx.el.span(t("Aanwezig:"), " ", row.hours),
                class_name="icon-line",
            ),
        ),
        rx.cond(
            row.public_phone != "",
            rx.el.p(rx.el.span(t("Nummer voor iedereen:")), _tel(row.public_phone, row.public_tel)),
        ),
        rx.cond(
            row.services.length() > 0,
            rx.fragment(
                rx.el.p(t("Op de sociale kaart:")),
                rx.el.ul(rx.foreach(row.services, _service), class_name="service-links"),
            ),
        ),
        class_name="card",
    )


def _list() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("Bel elkaar direct. Deze nummers zijn alleen voor medewerkers, niet voor mantelzorgers.")),
        rx.cond(W.categories.length() > 1, _filter()),
        rx.cond(
            W.rows.length() > 0,
            rx.el.ul(rx.foreach(W.rows, _card), class_name="cards"),
            rx.el.p(t("Er staan nog geen organisaties op de sociale kaart.")),
        ),
        class_name="who",
    )


@hub_page_at(
    routes.WHO_IS_WHO,
    W.load,
    heading=t(HEADING),
    guard=Guard(
        W,
        t("Deze pagina is alleen voor medewerkers van de gemeente en de partners."),
        sign_in=True,
        note=t("Hier staat wie u kunt bellen bij elke organisatie."),
    ),
)
def who_is_who() -> rx.Component:
    return _list()
