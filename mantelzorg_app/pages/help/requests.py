"""Mijn hulpvragen at /[hub]/hulpvragen: each request's status in plain words, when, and offers to
answer; stopping one asks once first."""

import reflex as rx

from components.controls import link_button, main_button, row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import follow_ups, help_page_at, request_card, thread_link
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard
from state.help.follow_ups import FollowUpState
from state.help.requests import RequestsState as R
from state.ui import UiState, fill, t


def _offer(offer: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.p(fill(t("{name} wil u helpen. Wilt u dat?"), name=offer["name"]), class_name="status"),
        rx.el.div(
            main_button("check", t("Ja, graag"), R.answer(offer["id"], True)),
            row_button("x", t("Nee, liever niet"), R.answer(offer["id"], False)),
            class_name="row-actions",
        ),
        class_name="offer",
    )


def _icon_line(icon: str, words: rx.Var) -> rx.Component:
    return rx.el.p(rx.icon(icon, size=20, aria_hidden="true"), rx.el.span(words), class_name="icon-line")


def _stop(row: rx.Var) -> rx.Component:
    """ "Ik heb deze hulp niet meer nodig", and on a tap "Weet u het zeker?" with yes and no."""
    return rx.cond(
        R.stopping == row["id"],
        rx.el.div(
            rx.el.p(
                t("Weet u het zeker? Dan stopt deze hulpvraag. Niemand kan er dan nog op reageren."),
                role="alert",
                class_name="summary",
            ),
            main_button("circle-stop", t("Ja, stop deze hulpvraag"), R.stop(row["id"])),
            row_button("undo-2", t("Nee, ik wil nog hulp"), R.keep),
        ),
        row_button("circle-stop", t("Ik heb deze hulp niet meer nodig"), R.ask_stop(row["id"])),
    )


def _request(row: rx.Var) -> rx.Component:
    return request_card(
        row,
        rx.cond(row["caregiver"] != "", rx.el.p(fill(t("Voor {name}"), name=row["caregiver"]))),
        _icon_line("calendar", row["when"][UiState.lang]),
        rx.cond(
            row["status"] != "", rx.el.p(fill(t(row["status"]), name=row["helper"]), class_name="status")
        ),
        rx.cond(row["state"] == "matched", _icon_line("calendar-check", row["first"][UiState.lang])),
        rx.foreach(R.offers, lambda o: rx.cond(o["request_id"] == row["id"], _offer(o))),
        rx.cond(row["state"] == "matched", thread_link(row)),
        rx.cond(
            (row["state"] == "open") | (row["state"] == "offered") | (row["state"] == "matched"),
            _stop(row),
        ),
        level=2,
    )


def _list() -> rx.Component:
    return rx.fragment(
        rx.cond(
            R.just_asked,
            rx.el.p(t("Dank u wel. Uw hulpvraag staat klaar."), role="status", class_name="done"),
        ),
        follow_ups(),
        link_button("plus", t("Nieuwe hulpvraag"), hub_href(routes.REQUEST_NEW)),
        rx.cond(
            R.rows.length() > 0,
            rx.el.ul(rx.foreach(R.rows, _request), class_name="cards"),
            rx.el.p(t("U heeft nog geen hulpvraag.")),
        ),
    )


@help_page_at(
    routes.REQUESTS,
    R.load,
    FollowUpState.load,
    heading=t("Mijn hulpvragen"),
    guard=Guard(R, t("Hier staan de hulpvragen van mantelzorgers."), sign_in=True),
)
def help_requests() -> rx.Component:
    return _list()
