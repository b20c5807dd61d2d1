"""Nieuwsbronnen: the coordinator's RSS and Atom feeds, how their last fetch went, "Nu ophalen",
"Bron toevoegen" and "Haal weg" (asked first)."""

import reflex as rx

from components.controls import icon_link, main_button, row_button
from components.form import submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import coordinator_only, hub_page_at
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.news.sources import NAME_FIELD, URL_FIELD, SourcesState
from state.ui import UiState, fill, t

S = SourcesState
ABOUT = N_("Het algemeen nieuws komt van deze websites. De app haalt elk uur het nieuwe nieuws op.")
HOW = N_("Zoek op de website naar 'RSS'. Kopieer dat adres en plak het hier.")


def _last_fetch(row: rx.Var) -> rx.Component:
    return rx.cond(
        row.ok_when[UiState.lang] != "",
        rx.el.p(fill(t("Laatst goed opgehaald: {when}."), when=row.ok_when[UiState.lang]), class_name="when"),
        rx.el.p(t("Nog nooit goed opgehaald."), class_name="when"),
    )


def _asking(row: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.p(t("Zeker weten? Dan gaan ook de berichten van deze bron weg.")),
        rx.el.div(
            row_button("trash-2", t("Ja, haal weg"), S.remove),
            row_button("arrow-left", t("Nee, laat staan"), S.keep),
            class_name="row-actions",
        ),
        role="alert",
    )


def _feed(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(rx.icon("rss", size=24, aria_hidden="true"), row.name),
        rx.el.div(row.url, style={"overflow_wrap": "anywhere"}),  # a long address wraps, never scrolls
        _last_fetch(row),
        rx.cond(
            row.error != "",
            rx.el.p(
                rx.icon("triangle-alert", size=24, aria_hidden="true"),
                fill(t("Het ging mis bij de laatste keer: {reason}"), reason=t(row.error)),
                class_name="status marked",
            ),
        ),
        rx.el.p(
            rx.cond(
                row.count == 1,
                t("1 bericht van deze bron."),
                fill(t("{n} berichten van deze bron."), n=row.count.to_string()),
            )
        ),
        rx.cond(
            S.asking == row.id,
            _asking(row),
            rx.el.div(row_button("trash-2", t("Haal weg"), S.ask_remove(row.id)), class_name="row-actions"),
        ),
        class_name="card",
    )


def _fetch_button() -> rx.Component:
    return rx.cond(
        S.fetching,
        main_button(
            "loader", t("Bezig met ophalen. Dit duurt even."), rx.noop(), disabled=True, aria_busy="true"
        ),
        main_button("refresh-cw", t("Nu ophalen"), S.fetch),
    )


def _feeds() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Bronnen")),
        rx.el.p(t(ABOUT)),
        rx.cond(
            S.feeds.length() > 0,
            rx.fragment(rx.el.ul(rx.foreach(S.feeds, _feed), class_name="cards"), _fetch_button()),
            rx.el.p(t("Er zijn nog geen bronnen.")),
        ),
    )


def _problem(field: str) -> rx.Var:
    return fill(t(S.problems[field]), most=S.most[field])


def _add_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Bron toevoegen")),
        rx.el.form(
            summary(t("Er is een probleem"), S.problem_list, show_item=lambda p: _problem_of(p)),
            text_field(t("Naam van de bron"), NAME_FIELD, _problem(NAME_FIELD), default_value=S.name),
            rx.el.p(t(HOW), id=f"{URL_FIELD}-uitleg", class_name="hint"),
            text_field(
                t("Adres van de RSS- of Atom-feed"),
                URL_FIELD,
                _problem(URL_FIELD),
                default_value=S.url,
                type="url",
                input_mode="url",
                auto_complete="off",
                placeholder="https://",
            ),
            submit_button("plus", t("Bron toevoegen"), class_name="second-action"),
            on_submit=S.add,
            no_validate=True,
        ),
    )


def _problem_of(item: rx.Var) -> rx.Var:
    return fill(t(item["message"]), most=S.most[item["field"].to(str)])


def _said() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            rx.cond(S.done != "", rx.el.p(fill(t(S.done), n=S.done_n), class_name="done")),
            role="status",
        ),
        rx.cond(S.problem != "", rx.el.p(t(S.problem), role="alert", class_name="problem")),
    )


@hub_page_at(
    routes.NEWS_FEEDS,
    AuthState.load,
    SourcesState.load,
    heading=t("Nieuwsbronnen"),
    guard=coordinator_only(SourcesState),
)
def news_sources() -> rx.Component:
    return rx.el.div(
        _said(),
        _feeds(),
        _add_form(),
        icon_link(
            "arrow-left",
            t("Terug naar Nieuws controleren"),
            hub_href(routes.NEWS_MODERATION),
            "second-action",
        ),
        icon_link("arrow-left", t("Terug naar Beheer"), hub_href(routes.COORDINATION), "second-action"),
    )
