""" "Geblokkeerd" on Mijn gegevens: the first names of the people the person blocked at Praten,
each with "Deblokkeer". Shows only for someone who blocked a person; state.chat.blocked.BlockedState
keeps the ids on the server, the buttons send a place in the list."""

import reflex as rx

from components.controls import row_button
from state.chat.blocked import UNBLOCKED_ID
from state.chat.blocked import BlockedState as B
from state.ui import fill, t


def _person(name: rx.Var, index: rx.Var) -> rx.Component:
    name_id = "geblokkeerd-" + index.to(str)
    return rx.el.li(
        rx.el.span(name, id=name_id, class_name="blocked-name"),
        row_button("user-check", t("Deblokkeer"), B.unblock(index), aria_describedby=name_id),
        class_name="blocked-person",
    )


def blocked_section() -> rx.Component:
    return rx.cond(
        B.shown,
        rx.el.section(
            rx.el.h2(t("Geblokkeerd"), id="geblokkeerd"),
            rx.cond(
                B.unblocked != "",
                rx.el.p(
                    fill(t("U krijgt weer berichten van {name}."), name=B.unblocked),
                    role="status",
                    id=UNBLOCKED_ID,
                    tab_index=-1,
                    class_name="done",
                ),
            ),
            rx.cond(
                B.names.length() > 0,
                rx.fragment(
                    rx.el.p(t("Van deze mensen krijgt u geen berichten bij Praten.")),
                    rx.el.ul(rx.foreach(B.names, _person), class_name="blocked-list"),
                ),
                rx.el.p(t("U heeft niemand geblokkeerd.")),
            ),
            aria_labelledby="geblokkeerd",
        ),
    )
