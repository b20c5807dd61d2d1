"""The start page: choose your municipality's hub."""

import reflex as rx

from components.controls import link_button
from components.form import problem
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import page
from mantelzorg_app.pages.shape import outside_title, page_at
from state.hub import HubListState
from state.ui import UiState, t


@page_at(routes.START, UiState.apply_language, HubListState.load, title=outside_title(t("Kies uw gemeente")))
def start() -> rx.Component:
    return page(
        t("Kies uw gemeente"),
        rx.cond(HubListState.problem != "", problem(t(HubListState.problem), "link")),
        rx.el.p(t("Deze app helpt mensen die voor iemand zorgen. Kies waar u woont.")),
        rx.el.ul(
            rx.foreach(
                HubListState.choices,
                lambda hub: rx.el.li(link_button("map-pin", hub["name"], "/" + hub["slug"])),
            ),
            class_name="choices",
        ),
        place=rx.el.span("Mantelzorghub", class_name="place"),
        nav=None,
    )
