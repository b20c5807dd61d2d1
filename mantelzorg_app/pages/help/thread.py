"""/[hub]/hulpvraag/[nr]: on to the conversation of the request (state.chat.request_chat)."""

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import help_page_at
from mantelzorg_app.pages.shape import Guard
from state.chat.request_chat import RequestChatState as R
from state.ui import t


@help_page_at(
    routes.THREAD, R.load, heading=t("Gesprek"), guard=Guard(R, t("Dit gesprek kunt u niet openen."))
)
def thread() -> rx.Component:
    return rx.el.p(t("Het gesprek wordt geopend."))
