"""'Stuur naar mijn vrijwilliger' on a card (a sociale kaart service, an activity): the card into the
conversation with one's volunteer; with several volunteers, a button for each by first name."""

import reflex as rx

from components.controls import action_button, row_button
from state.chat.share import ShareState
from state.ui import fill, t


def share_buttons(kind: str, item_id: rx.Var) -> rx.Component:
    """The buttons for the item of ``kind`` (a services.chat.sharing.CARDS key) with this id."""
    pairs = ShareState.volunteers

    def to(pair: rx.Var):
        return ShareState.send(kind, item_id, pair["id"])

    return rx.fragment(
        rx.cond(
            pairs.length() == 1,
            action_button("send", t("Stuur naar mijn vrijwilliger"), to(pairs[0]), "second-action"),
        ),
        rx.cond(
            pairs.length() > 1,
            rx.el.div(
                rx.el.p(t("Stuur naar mijn vrijwilliger:"), id="stuur-naar"),
                rx.el.div(
                    rx.foreach(
                        pairs,
                        lambda pair: row_button("send", fill(t("Naar {name}"), name=pair["name"]), to(pair)),
                    ),
                    role="group",
                    aria_labelledby="stuur-naar",
                    class_name="row-actions",
                ),
            ),
        ),
        rx.cond(ShareState.problem != "", rx.el.p(t(ShareState.problem), role="alert", class_name="problem")),
    )
