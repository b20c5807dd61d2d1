"""Mijn hulpvragen at /[hub]/hulpvragen: each request's status in plain words, and offers to answer."""

import reflex as rx

from components.controls import link_button, main_button, row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import follow_ups, help_page_at, request_card, thread_link
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard
from state.help.follow_ups import FollowUpState
from state.help.requests import RequestsState as R
from state.ui import fill, t


def _offer(offer: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.p(fill(t("{name} wil u helpen."), name=offer["name"])),
        rx.el.div(
            main_button("check", t("Ja, graag"), R.answer(offer["id"], True)),
            row_button("x", t("Nee, liever niet"), R.answer(offer["id"], False)),
            class_name="row-actions",
        ),
        class_name="offer",
    )


def _request(row: rx.Var) -> rx.Component:
    return request_card(
        row,
        rx.cond(row["for"] != "", rx.el.p(fill(t("Voor {name}"), name=row["for"]))),
        rx.el.p(fill(t(row["status"]), name=row["helper"]), class_name="status"),
        rx.foreach(R.offers, lambda o: rx.cond(o["request_id"] == row["id"], _offer(o))),
        rx.cond(row["state"] == "matched", thread_link(row)),
        rx.cond(
            (row["state"] == "open") | (row["state"] == "offered") | (row["state"] == "matched"),
            row_button("circle-stop", t("Ik heb deze hulp niet meer nodig"), R.stop(row["id"])),
        ),
    )


def _list() -> rx.Component:
    return rx.fragment(
        rx.cond(
            R.just_asked,
            rx.el.p(
                t("Uw hulpvraag staat klaar. Wij zoeken een vrijwilliger."), role="status", class_name="done"
            ),
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
