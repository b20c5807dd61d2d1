"""Mijn aanmeldingen at /[hub]/mijn-aanmeldingen: what I signed up for, and my own agenda link."""

import reflex as rx

from components.controls import action_button, icon_link, link_button, row_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS
from mantelzorg_app.services.platform.i18n import LANGUAGES, N_
from state.calendar.mine import MyBookingsState as S
from state.ui import UiState, fill, t

HEADING = N_("Mijn aanmeldingen")
RENEW = N_("U heeft al een agenda-link. Kwijt? Maak een nieuwe. De oude werkt dan niet meer.")


def _row(row: rx.Var) -> rx.Component:
    slot = rx.match(UiState.lang, *((lang, row[f"slot_{lang}"]) for lang in LANGUAGES), row["slot_nl"])
    return rx.el.li(
        rx.el.h2(
            matched_icon(row["icon"], {icon: icon for icon in KIND_ICONS.values()}, "calendar-days", 28),
            rx.el.a(row["title"], href=row["href"]),
            class_name="card-title",
        ),
        rx.el.p(row[UiState.lang], class_name="when"),
        rx.cond(slot != "", rx.el.p(fill(t("Uw tijd: {time}"), time=slot))),
        rx.el.p(
            rx.cond(
                row["waiting"] == "ja",
                rx.icon("hourglass", size=24, aria_hidden="true"),
                rx.icon("circle-check", size=24, aria_hidden="true"),
            ),
            rx.el.span(t(row["status"])),
            class_name="icon-line",
        ),
        rx.cond(
            S.asking == row["place"],
            rx.el.div(
                rx.el.p(
                    rx.cond(
                        row["waiting"] == "ja",
                        t("Zeker weten? Dan gaat u van de wachtlijst af."),
                        t("Zeker weten? Dan gaat uw plek naar iemand anders."),
                    )
                ),
                rx.el.div(
                    row_button("calendar-x", t("Ja, ik kom niet"), S.cancel(row["place"])),
                    row_button("arrow-left", t("Nee, ik kom wel"), S.keep_booking),
                    class_name="row-actions",
                ),
                role="alert",
            ),
            row_button("calendar-x", t("Ik kom niet meer"), S.ask_cancel(row["place"])),
        ),
        class_name="card",
    )


def _feed() -> rx.Component:
    return rx.el.section(
        rx.el.h2(rx.icon("link", size=28, aria_hidden="true"), rx.el.span(t("Mijn eigen agenda-link"))),
        rx.el.p(t("Met deze link ziet u uw aanmeldingen in de agenda van uw telefoon.")),
        rx.el.p(t("Deel de link met niemand. Dan ziet niemand anders waar u heen gaat.")),
        rx.cond(
            S.feed_url != "",
            rx.el.div(
                rx.el.label(t("Uw agenda-link"), html_for="agenda-link", class_name="field-label"),
                rx.el.input(id="agenda-link", value=S.feed_url, read_only=True, class_name="field"),
                action_button("copy", t("Kopieer de link"), rx.set_clipboard(S.feed_url), "second-action"),
                rx.el.p(
                    t("U ziet deze link maar één keer. Zet hem nu in de agenda van uw telefoon."),
                    class_name="notice",
                ),
            ),
            rx.cond(
                S.has_feed,
                rx.fragment(
                    rx.el.p(
                        t("U heeft al een agenda-link. Kwijt? Maak een nieuwe. De oude werkt dan niet meer.")
                    ),
                    action_button("refresh-cw", t("Maak een nieuwe link"), S.make_feed, "second-action"),
                ),
                action_button("link", t("Maak mijn agenda-link"), S.make_feed, "second-action"),
            ),
        ),
        class_name="service-part",
    )


def _content() -> rx.Component:
    return rx.fragment(
        rx.el.p(t(S.done), role="status", class_name=rx.cond(S.done != "", "done", "")),
        rx.cond(
            S.rows.length() > 0,
            rx.el.ul(rx.foreach(S.rows, _row), class_name="cards"),
            rx.cond(
                S.loaded,
                rx.fragment(
                    rx.el.p(t("U heeft zich nog nergens voor aangemeld.")),
                    link_button("calendar-days", t("Naar de agenda"), hub_href(routes.CALENDAR)),
                ),
            ),
        ),
        _feed(),
        icon_link("arrow-left", t("Terug naar de agenda"), hub_href(routes.CALENDAR), "back-link"),
    )


@hub_page_at(
    routes.MY_BOOKINGS,
    S.load,
    heading=t(HEADING),
    active=routes.CALENDAR,
    guard=Guard(S, t("Deze pagina is voor wie in deze gemeente meedoet."), sign_in=True),
)
def my_bookings() -> rx.Component:
    return _content()
