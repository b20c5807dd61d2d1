"""A calm notice while the connection to the server is lost; it goes away by itself."""

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors


def offline_notice(message: rx.Var | str) -> rx.Component:
    return rx.cond(
        has_connection_errors,
        rx.el.div(
            rx.icon("wifi-off", size=24, aria_hidden="true"),
            rx.el.span(message),
            role="status",
            class_name="offline",
        ),
    )
