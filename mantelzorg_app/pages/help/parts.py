"""What the help pages share: their shape, a request card, a link to its conversation, 'Is het gelukt?'."""

import reflex as rx
from reflex.event import EventHandler

from components.controls import link_button, row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.platform.i18n import N_
from state.help.follow_ups import FollowUpState
from state.ui import fill, t


def help_page_at(
    part: str,
    *loads: EventHandler,
    heading: rx.Var[str],
    guard: Guard | None = None,
    title: rx.Var[str] | None = None,
    section: rx.Var[str] | None = None,
):
    """A help page: a hub page (``shape.hub_page_at``) whose bottom bar shows "Hulp" as current.
    ``title``, ``section``: the page's own parts of its ``<title>``, as ``hub_page_at`` takes them."""
    return hub_page_at(
        part, *loads, heading=heading, active=routes.HELP, guard=guard, title=title, section=section
    )


ANSWERS = (
    ("yes", "thumbs-up", N_("Ja")),
    ("no", "thumbs-down", N_("Nee")),
    ("not_yet", "clock", N_("Nog niet")),
)


def request_card(row: rx.Var, *extra: rx.Component, level: int = 3) -> rx.Component:
    """A request: its pictogram and category word, its text, where, and what kind of help.
    ``level``: its heading's, one below the heading it sits under (2 right under the page's h1)."""
    heading = rx.el.h2 if level == 2 else rx.el.h3
    return rx.el.li(
        rx.el.div(
            heading(
                rx.icon("hand-heart", size=24, aria_hidden="true"),
                rx.el.span(t(row["label"])),
                class_name="card-title",
            ),
            rx.el.p(row["text"]),
            rx.cond(row["wijk"] != "", rx.el.p(rx.icon("map-pin", size=20, aria_hidden="true"), row["wijk"])),
            rx.cond(row["home_visit"] != "", rx.el.p(t("Hulp aan huis"))),
            rx.cond(row["recurring"] != "", rx.el.p(t("Vaker, niet één keer"))),
            class_name="row-text",
        ),
        *extra,
        class_name="card",
    )


def thread_link(row: rx.Var) -> rx.Component:
    return link_button(
        "message-circle", t("Naar het gesprek"), hub_href(f"{routes.THREAD_PREFIX}/") + row["id"]
    )


def follow_ups() -> rx.Component:
    """'Is het gelukt?' for each due follow-up: yes, no, not yet."""

    def ask(item: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.el.p(fill(t("Is het gelukt met {name}? ({help})"), name=item["other"], help=t(item["label"]))),
            rx.el.div(
                *(
                    row_button(icon, t(word), FollowUpState.answer(item["id"], value))
                    for value, icon, word in ANSWERS
                ),
                class_name="row-actions",
            ),
            class_name="card",
        )

    return rx.fragment(
        rx.cond(
            FollowUpState.due.length() > 0,
            rx.el.section(
                rx.el.h2(t("Is het gelukt?")),
                rx.el.ul(rx.foreach(FollowUpState.due, ask), class_name="cards"),
            ),
        ),
        rx.cond(
            FollowUpState.thanks, rx.el.p(t("Dank u wel voor uw antwoord."), role="status", class_name="done")
        ),
    )
