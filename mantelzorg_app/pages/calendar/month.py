"""One month of the agenda to print, at /[hub]/agenda/maand/[maand]: each date of the month in large
type (day, time, what, where) and a "Print" button. On paper (assets/app.css, ``@media print``)
there is no top bar, bottom bar or button: one A4 sheet to put on the fridge."""

import reflex as rx

from components.controls import icon_link, main_button
from mantelzorg_app import routes
from mantelzorg_app.pages.calendar.agenda import kind_icon
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from state.calendar.month import MonthState as M
from state.hub import HubState
from state.ui import UiState, fill, t


def _line(line: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.p(line["day"][UiState.lang], class_name="month-day"),
        rx.el.p(line["time"][UiState.lang], class_name="month-time"),
        rx.el.p(kind_icon(line["icon"], 24), rx.el.span(line["title"]), class_name="month-title"),
        rx.cond(line["place"] != "", rx.el.p(line["place"], class_name="month-place")),
        class_name="month-line",
    )


def _other_months() -> rx.Component:
    return rx.el.nav(
        rx.cond(
            M.earlier != "",
            icon_link(
                "chevron-left", t("Vorige maand"), hub_href("agenda/maand/") + M.earlier, "second-action"
            ),
        ),
        rx.cond(
            M.later != "",
            icon_link(
                "chevron-right", t("Volgende maand"), hub_href("agenda/maand/") + M.later, "second-action"
            ),
        ),
        icon_link("calendar-days", t("Terug naar de agenda"), hub_href(routes.CALENDAR), "second-action"),
        aria_label=t("Andere maanden"),
        class_name="month-nav no-print",
        data_noread="",
    )


def _found() -> rx.Component:
    return rx.fragment(
        rx.el.p(fill(t("Mantelzorghub {hub}"), hub=HubState.name), class_name="month-hub"),
        rx.cond(
            M.lines.length() > 0,
            rx.el.ul(rx.foreach(M.lines, _line), class_name="month-lines"),
            rx.el.p(t("Deze maand staat er niets in de agenda.")),
        ),
        rx.el.div(
            main_button("printer", t("Print"), rx.call_script("window.print()")),
            class_name="no-print",
        ),
        _other_months(),
    )


def _not_found() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("Deze maand kunnen wij niet laten zien.")),
        icon_link("calendar-days", t("Terug naar de agenda"), hub_href(routes.CALENDAR), "main-action"),
    )


@hub_page_at(
    routes.CALENDAR_MONTH,
    M.load,
    heading=rx.cond(
        M.found & (M.name != ""), fill(t("Agenda van {month}"), month=M.heading[UiState.lang]), t("Agenda")
    ),
    active=routes.CALENDAR,
)
def month() -> rx.Component:
    return rx.el.div(rx.cond(M.found, _found(), _not_found()), class_name="print-month")
