"""Mijn berichten at /[hub]/nieuws/mijn-berichten: my posts with their state in plain words,
"Verder schrijven" or "Pas aan", "Gooi weg" for a draft or a post to change (asked first), "Haal
terug" for a post still waiting for the coordinator, and "Nieuw bericht"."""

import reflex as rx

from components.controls import icon_link, link_button, row_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.platform.i18n import N_
from state.news.mine import ICONS
from state.news.mine import MyPostsState as S
from state.ui import UiState, fill, t

HEADING = N_("Mijn berichten")


def _actions(row: rx.Var) -> rx.Component:
    go_on = rx.cond(
        row["edit_href"] != "",
        icon_link(
            "pencil",
            rx.cond(row["changes"] == "1", t("Pas aan"), t("Verder schrijven")),
            row["edit_href"],
            "row-action",
        ),
    )
    view = rx.cond(
        row["view_href"] != "", icon_link("eye", t("Bekijk het bericht"), row["view_href"], "row-action")
    )
    throw_away = rx.cond(
        row["discardable"] == "1", row_button("trash-2", t("Gooi weg"), S.ask_discard(row["place"]))
    )
    take_back = rx.cond(
        row["waiting"] == "1", row_button("undo-2", t("Haal terug"), S.take_back(row["place"]))
    )
    return rx.cond(
        S.asking == row["place"],
        rx.el.div(
            rx.el.p(t("Zeker weten? Dan is wat u schreef weg.")),
            rx.el.div(
                row_button("trash-2", t("Ja, gooi weg"), S.discard(row["place"])),
                row_button("arrow-left", t("Nee, bewaar het"), S.keep_post),
                class_name="row-actions",
            ),
            role="alert",
        ),
        rx.fragment(
            rx.cond(
                row["waiting"] == "1",
                rx.el.p(t("Wilt u nog iets veranderen? Haal het bericht dan terug."), class_name="hint"),
            ),
            rx.el.div(go_on, view, take_back, throw_away, class_name="row-actions"),
        ),
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h2(rx.cond(row["title"] != "", row["title"], t("Zonder titel")), class_name="card-title"),
        rx.el.p(
            matched_icon(row["icon"], {icon: icon for icon in ICONS.values()}, "newspaper"),
            rx.el.span(fill(t(row["status"]), day=row[UiState.lang], note=row["note"])),
            class_name="icon-line",
        ),
        _actions(row),
        class_name="card",
    )


def _content() -> rx.Component:
    return rx.fragment(
        rx.el.p(t(S.done), role="status", class_name=rx.cond(S.done != "", "done", "")),
        rx.cond(S.writer, link_button("pencil-line", t("Nieuw bericht"), hub_href(routes.NEWS_WRITE))),
        rx.cond(
            S.rows.length() > 0,
            rx.el.ul(rx.foreach(S.rows, _row), class_name="cards"),
            rx.cond(S.loaded, rx.el.p(t("U heeft nog geen berichten geschreven."))),
        ),
        icon_link("arrow-left", t("Terug naar het nieuws"), hub_href(routes.NEWS), "back-link"),
    )


@hub_page_at(
    routes.NEWS_MINE,
    S.load,
    heading=t(HEADING),
    guard=Guard(
        S,
        t("Deze pagina is voor wie in deze gemeente meedoet."),
        sign_in=True,
        note=t("Hier ziet u de berichten die u schreef voor het nieuws."),
    ),
)
def my_posts() -> rx.Component:
    return _content()
