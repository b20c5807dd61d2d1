"""Helpen at /[hub]/helpen: the requests that fit a volunteer, best first, each with why; "Ik help"."""

import reflex as rx

from components.controls import link_button, main_button, row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import follow_ups, help_page_at, request_card, thread_link
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard
from state.help.follow_ups import FollowUpState
from state.help.volunteering import HelpingState as H
from state.ui import UiState, fill, t


def _reason(reason: rx.Var) -> rx.Component:
    return rx.el.li(
        fill(
            t(reason["message"]),
            when=t(reason["when"]),
            wijk=reason["wijk"],
            km=reason["km"],
            language=t(reason["language"]),
        )
    )


def _fit(row: rx.Var) -> rx.Component:
    return request_card(
        row,
        rx.cond(
            row["suggested"] != "", rx.el.p(t("De coördinator vraagt of u kunt helpen."), class_name="status")
        ),
        rx.el.ul(
            rx.foreach(H.reasons, lambda r: rx.cond(r["request_id"] == row["id"], _reason(r))),
            class_name="reasons",
        ),
        rx.cond(
            row["offered"] != "",
            rx.fragment(
                rx.el.p(t("U zei: ik help. Wij vragen de mantelzorger of het goed is."), class_name="status"),
                row_button("undo-2", t("Ik kan toch niet helpen"), H.take_back(row["id"])),
            ),
            main_button("hand-helping", t("Ik help"), H.offer(row["id"])),
        ),
    )


def _helping(row: rx.Var) -> rx.Component:
    return request_card(
        row,
        rx.el.p(fill(t("U helpt {name}."), name=row["caregiver"]), class_name="status"),
        rx.cond(
            row["first"][UiState.lang],
            rx.el.p(
                rx.icon("calendar-check", size=20, aria_hidden="true"),
                rx.el.span(row["first"][UiState.lang]),
                class_name="icon-line",
            ),
        ),
        thread_link(row),
    )


def _lists() -> rx.Component:
    return rx.fragment(
        rx.cond(
            H.offered_now,
            rx.el.p(t("Dank u wel. De mantelzorger krijgt uw aanbod."), role="status", class_name="done"),
        ),
        rx.cond(
            H.taken_back,
            rx.el.p(
                t("Goed. U helpt hier niet. De mantelzorger ziet uw aanbod niet meer."),
                role="status",
                class_name="done",
            ),
        ),
        follow_ups(),
        rx.cond(
            H.helping.length() > 0,
            rx.el.section(
                rx.el.h2(t("U helpt")), rx.el.ul(rx.foreach(H.helping, _helping), class_name="cards")
            ),
        ),
        rx.el.section(
            rx.el.h2(t("Hulpvragen die bij u passen")),
            rx.cond(
                H.has_profile,
                rx.cond(
                    H.fits.length() > 0,
                    rx.el.ul(rx.foreach(H.fits, _fit), class_name="cards"),
                    rx.el.p(t("Er is nu geen hulpvraag die bij u past. Kijk later nog eens.")),
                ),
                rx.el.p(t("Vertel eerst wat u graag doet, waar en wanneer.")),
            ),
        ),
        rx.cond(
            ~H.vetted,
            # The first time a volunteer reads "VOG", it says what one is: a Verklaring Omtrent het
            # Gedrag from the government (Justis) says nothing in their past stands in the way.
            rx.el.div(
                rx.el.p(t("Hulp bij mensen thuis ziet u pas als de coördinator uw VOG heeft gezien.")),
                rx.el.p(
                    t(
                        "Een VOG (Verklaring Omtrent het Gedrag) is een verklaring van de overheid. "
                        "Daarin staat dat u geen straf heeft gehad die een bezwaar is voor dit werk. "
                        "Vraag de coördinator hoe u een VOG krijgt."
                    )
                ),
            ),
        ),
        link_button("user-pen", t("Wat ik graag doe"), hub_href(routes.VOLUNTEER_PROFILE)),
    )


@help_page_at(
    routes.HELPING,
    H.load,
    FollowUpState.load,
    heading=t("Helpen"),
    guard=Guard(
        H, t("Deze pagina is voor vrijwilligers. Wilt u helpen? Vraag het de coördinator."), sign_in=True
    ),
)
def helping() -> rx.Component:
    return _lists()
