"""Meldingen: the coordinator's list of reported messages in Praten, with what to do about each."""

import reflex as rx

from components.controls import icon_link, row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.chat.report_part import REASONS
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import coordinator_only, hub_page_at
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.chat.moderation import ModerationState
from state.ui import UiState, fill, t

INTRO = N_(
    "Mensen hebben deze berichten gemeld. Kies wat u doet. "
    "Bij 'Waarschuw' en 'Haal uit de groep' wordt het bericht ook verborgen en krijgt de schrijver een mail."
)


def _reason(reason: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.match(
            reason.reason,
            *((value, rx.icon(icon, size=24, aria_hidden="true")) for value, icon, _word in REASONS),
            rx.icon("circle-help", size=24, aria_hidden="true"),
        ),
        rx.el.span(
            rx.match(
                reason.reason,
                *((value, t(word)) for value, _icon, word in REASONS),
                t("Iets anders"),
            )
        ),
        rx.cond(reason.count > 1, rx.el.span(fill(t("({count} keer)"), count=reason.count))),
    )


def _report(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(
            rx.icon("flag", size=24, aria_hidden="true"),
            rx.el.span(
                rx.cond(
                    row.count > 1,
                    fill(t("{count} mensen meldden dit bericht"), count=row.count),
                    t("Iemand meldde dit bericht"),
                )
            ),
        ),
        rx.el.ul(rx.foreach(row.reasons, _reason), class_name="report-why"),
        rx.el.blockquote(
            rx.cond(row.hidden, t("Dit bericht is al verborgen."), row.text), class_name="reported-text"
        ),
        rx.el.p(
            rx.icon("user", size=24, aria_hidden="true"),
            rx.el.span(
                fill(
                    t("Geschreven door {name}, {when}."),
                    name=rx.cond(row.author != "", row.author, t("verwijderde gebruiker")),
                    when=row.when[UiState.lang],
                )
            ),
            class_name="icon-line",
        ),
        rx.el.p(
            rx.cond(
                row.room,
                rx.icon("users", size=24, aria_hidden="true"),
                rx.icon("message-circle", size=24, aria_hidden="true"),
            ),
            rx.el.span(
                rx.cond(
                    row.room,
                    fill(t("In de groep {room}."), room=t(row.where)),
                    fill(t("In het gesprek van {people}."), people=row.where),
                )
            ),
            class_name="icon-line",
        ),
        rx.el.div(
            row_button("eye-off", t("Verberg het bericht"), ModerationState.hide(row.id)),
            row_button("triangle-alert", t("Waarschuw"), ModerationState.warn(row.id)),
            rx.cond(
                row.removable,
                row_button("user-x", t("Haal uit de groep"), ModerationState.remove(row.id)),
            ),
            row_button("check", t("Niets doen"), ModerationState.keep(row.id)),
            class_name="row-actions",
        ),
        class_name="card report-card",
    )


def _content() -> rx.Component:
    return rx.el.div(
        rx.cond(
            ModerationState.done != "", rx.el.p(t(ModerationState.done), role="status", class_name="done")
        ),
        rx.cond(
            ModerationState.reports.length() > 0,
            rx.fragment(
                rx.el.p(t(INTRO)),
                rx.el.ul(rx.foreach(ModerationState.reports, _report), class_name="cards"),
            ),
            rx.el.p(t("Er zijn geen meldingen. Alles is rustig.")),
        ),
        icon_link("arrow-left", t("Terug naar Beheer"), hub_href(routes.COORDINATION), "second-action"),
    )


@hub_page_at(
    routes.CHAT_MODERATION,
    AuthState.load,
    ModerationState.load,
    heading=t("Meldingen"),
    guard=coordinator_only(ModerationState),
)
def moderation() -> rx.Component:
    return _content()
