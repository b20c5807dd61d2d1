"""Praten at /[hub]/praten: "Uw gesprekken", newest on top (who or which group, the last line cut to
one line, when in words, the unread count), then "Groepen" to join with one tap ("Doe mee").
A visitor reads what Praten is and signs in first."""

import reflex as rx

from components.controls import row_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.shape import Guard, hub_page_at
from state.chat.listing import ChatListState as L
from state.hub import HubState
from state.ui import UiState, fill, t

KIND_ICONS = {"pair": "user-round", "organisation": "building-2", "room": "users"}


def _title(row: rx.Var) -> rx.Var:
    """The café by its name, a wijk's room "Groep Centrum", a person or organisation by name."""
    return rx.cond(
        row["named"] == "ja",
        t(row["title"]),
        rx.cond(
            row["title"] != "",
            rx.cond(row["kind"] == "room", fill(t("Groep {name}"), name=row["title"]), row["title"]),
            t("Gesprek"),
        ),
    )


def _unread(row: rx.Var) -> rx.Component:
    """The count as a digit for the eye and in words for a screen reader."""
    words = rx.cond(
        row["unread"] == 1, t("1 nieuw bericht"), fill(t("{n} nieuwe berichten"), n=row["unread"])
    )
    return rx.cond(
        row["unread"].to(int) > 0,
        rx.el.span(
            rx.el.span(row["unread"], class_name="badge", aria_hidden="true"),
            rx.el.span(words, class_name="unread-words"),
            class_name="unread",
        ),
    )


def _conversation(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            matched_icon(row["kind"], KIND_ICONS, "message-circle", size=28),
            rx.el.span(
                rx.el.strong(_title(row), class_name="chat-title"),
                rx.el.span(
                    rx.cond(row["last_line"] != "", row["last_line"], t("Nog geen berichten")),
                    class_name="last-line",
                ),
                rx.cond(row["when"].length() > 0, rx.el.span(row["when"][UiState.lang], class_name="when")),
                class_name="chat-text",
            ),
            _unread(row),
            href=f"/{HubState.slug}/{routes.CHAT}/" + row["id"].to(str),
            class_name="chat-row",
        ),
    )


def _room(row: rx.Var) -> rx.Component:
    title_id = "groep-" + row["id"].to(str)
    return rx.el.li(
        rx.el.p(
            matched_icon(row["kind"], KIND_ICONS, "users", size=28),
            rx.el.strong(_title(row), id=title_id),
            class_name="card-title",
        ),
        row_button("user-plus", t("Doe mee"), L.join(row["id"]), aria_describedby=title_id),
        class_name="card room",
    )


def _lists() -> rx.Component:
    return rx.fragment(
        rx.el.h2(t("Uw gesprekken")),
        rx.cond(
            L.mine.length() > 0,
            rx.el.ul(rx.foreach(L.mine, _conversation), class_name="chat-list"),
            rx.el.p(t("U heeft nog geen gesprekken. Doe mee met een groep hieronder.")),
        ),
        rx.cond(
            L.rooms.length() > 0,
            rx.fragment(
                rx.el.h2(t("Groepen")),
                rx.el.p(t("Praat mee met andere mantelzorgers. U kunt altijd weer stoppen.")),
                rx.el.ul(rx.foreach(L.rooms, _room), class_name="cards rooms"),
            ),
        ),
    )


@hub_page_at(
    routes.CHAT,
    L.load,
    heading=t("Praten"),
    active=routes.CHAT,
    guard=Guard(
        L,
        t("Praten is voor de mensen die meedoen in deze gemeente."),
        sign_in=True,
        note=t("Hier praat u met andere mantelzorgers, uw vrijwilliger en hulpverleners."),
    ),
)
def chat_list() -> rx.Component:
    return _lists()
