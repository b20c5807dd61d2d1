"""Agenda beheren at /[hub]/beheer/agenda: the activities the person organises, each with
"Veranderen" and "Aanmeldingen", and "Nieuwe activiteit" as the one main button."""

import reflex as rx

from components.controls import icon_link, link_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS
from state.calendar.manage import OrganiserState as O
from state.ui import UiState, t


def _card(item: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(
            matched_icon(item["icon"], {i: i for i in KIND_ICONS.values()}, "calendar-days", 24),
            rx.el.span(item["title"]),
        ),
        rx.el.p(t(item["kind"])),
        rx.cond(
            item["key"] != "",
            rx.el.p(O.when[item["id"]][UiState.lang], class_name="when"),
            rx.el.p(t("Er komen geen datums meer.")),
        ),
        rx.el.div(
            icon_link("pencil", t("Veranderen"), hub_href(f"activiteit/{item['id']}/bewerken"), "row-action"),
            rx.cond(
                item["key"] != "",
                icon_link(
                    "users",
                    t("Aanmeldingen"),
                    hub_href(f"activiteit/{item['id']}/aanmeldingen?{routes.DATE_PARAM}={item['list_key']}"),
                    "row-action",
                ),
            ),
            class_name="row-actions",
        ),
        class_name="card",
    )


@hub_page_at(
    routes.CALENDAR_MANAGE,
    O.load,
    heading=t("Agenda beheren"),
    active=routes.CALENDAR,
    guard=Guard(O, t("Alleen de coördinator en medewerkers kunnen hier activiteiten maken."), sign_in=True),
)
def manage_calendar() -> rx.Component:
    return rx.fragment(
        rx.cond(
            O.cancelled,
            rx.el.p(
                t("De activiteit gaat niet door. Wie zich had aangemeld, krijgt een mail."),
                role="status",
                class_name="notice",
            ),
        ),
        rx.el.p(t("Hier staan de activiteiten die u organiseert.")),
        link_button("plus", t("Nieuwe activiteit"), hub_href(routes.ACTIVITY_NEW)),
        rx.cond(
            O.items.length() > 0,
            rx.el.ul(rx.foreach(O.items, _card), class_name="cards"),
            rx.cond(O.loaded, rx.el.p(t("U organiseert nog geen activiteiten."))),
        ),
    )
