"""The conversation of a matched request at /[hub]/hulpvraag/[nr]."""

import reflex as rx

from components.form import problem, submit_button
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import help_page_at, request_card
from mantelzorg_app.pages.shape import Guard
from state.help.thread import ThreadState as T
from state.ui import UiState, fill, t


def _icon_line(icon: str, words: rx.Var) -> rx.Component:
    return rx.el.p(rx.icon(icon, size=20, aria_hidden="true"), rx.el.span(words), class_name="icon-line")


def _message(message: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(message["author"]), " · ", rx.el.span(message["when"][UiState.lang])),
        rx.el.p(message["text"]),
        class_name=rx.cond(message["mine"] != "", "message mine", "message"),
    )


def _thread() -> rx.Component:
    return rx.fragment(
        rx.el.p(
            fill(
                t("{caregiver} en {volunteer} kunnen hier samen afspreken."),
                caregiver=T.caregiver,
                volunteer=T.volunteer,
            )
        ),
        rx.el.ul(
            request_card(
                T.request,
                _icon_line("calendar", T.when[UiState.lang]),
                rx.cond(T.first[UiState.lang], _icon_line("calendar-check", T.first[UiState.lang])),
                level=2,
            ),
            class_name="cards",
        ),
        rx.cond(
            T.messages.length() > 0,
            rx.el.ol(rx.foreach(T.messages, _message), class_name="messages", aria_label=t("Berichten")),
            rx.el.p(t("Nog geen berichten. Stuur het eerste bericht.")),
        ),
        rx.cond(
            T.takes_messages,
            rx.el.form(
                rx.el.div(
                    rx.el.label(t("Uw bericht"), html_for="message"),
                    rx.cond(T.problem != "", problem(t(T.problem), "message")),
                    rx.el.textarea(id="message", name="message", rows=3, class_name="field"),
                    class_name="field-group",
                ),
                rx.el.input(type="hidden", name="request", value=T.request["id"]),
                submit_button("send", t("Stuur")),
                on_submit=T.send,
                no_validate=True,
            ),
            rx.el.p(t("Dit gesprek is gesloten. U kunt hier geen berichten meer sturen.")),
        ),
    )


@help_page_at(
    routes.THREAD, T.load, heading=t("Gesprek"), guard=Guard(T, t("Dit gesprek kunt u niet openen."))
)
def thread() -> rx.Component:
    return _thread()
