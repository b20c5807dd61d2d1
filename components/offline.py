"""A calm notice while the connection is lost; it goes away by itself.

It is always in the page and shown by CSS (assets/app.css): while Reflex has connection errors
(class ``shown``) or while assets/offline.js has set ``<html data-offline>``, which it does at once
on the browser's ``offline`` event, well within two seconds. After a tap or a sent form while
offline that is ``data-offline="queued"``, and the notice says ``queued`` instead: Reflex keeps the
event in its queue and sends it when the socket is back, and the fields keep what was typed.
"""

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors


def offline_notice(message: rx.Var | str, queued: rx.Var | str | None = None) -> rx.Component:
    """``message`` while the connection is lost; ``queued`` (when given) after a tap meanwhile."""
    kind = "offline" if queued is None else "offline with-queued"
    return rx.el.div(
        rx.el.div(
            rx.icon("wifi-off", size=24, aria_hidden="true"),
            rx.el.span(message, class_name="offline-lost"),
            rx.el.span(queued, class_name="offline-queued") if queued is not None else rx.fragment(),
            class_name=rx.cond(has_connection_errors, f"{kind} shown", kind),
        ),
        role="status",
    )
