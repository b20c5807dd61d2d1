"""The Wegwijzer's "Kom ook eens langs": the next Mantelzorgcafé and walk-in hour as small cards,
each its pictogram and title (the link to its page at that date), when in words and where."""

import reflex as rx

from components.icons import matched_icon
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS
from state.ui import UiState, t


def _card(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(
            rx.el.a(
                matched_icon(row["kind"], KIND_ICONS, "calendar-days", size=28),
                rx.el.span(row["title"]),
                href=hub_href("") + "/" + row["part"],
            ),
            class_name="card-title",
        ),
        rx.el.p(row[UiState.lang]),
        rx.cond(row["place"] != "", rx.el.p(row["place"])),
        class_name="card",
    )


def come_along(rows: rx.Var) -> rx.Component:
    """The section, only when something is coming."""
    return rx.cond(
        rows.length() > 0,
        rx.el.section(
            rx.el.h2(t("Kom ook eens langs")),
            rx.el.ul(rx.foreach(rows, _card), class_name="cards"),
        ),
    )
