""" "Meld" on a message and the sheet it opens: four reasons with a pictogram, block the person,
a thank-you. The conversation page places ``report_button`` in each message and ``report_sheet``
once; state.chat.report.ReportState checks everything on the server."""

import reflex as rx

from components.controls import action_button
from mantelzorg_app.models import Reason
from mantelzorg_app.services.platform.i18n import N_
from state.chat.report import BLOCKED, CHOOSE, SHEET_HEADING, THANKS, ReportState
from state.ui import t

# Each reason, its pictogram and its word: the sheet's buttons and the coordinator's list.
REASONS = (
    (Reason.rude.value, "angry", N_("Onbeleefd")),
    (Reason.unsafe.value, "shield-alert", N_("Onveilig")),
    (Reason.spam.value, "megaphone", N_("Reclame of spam")),
    (Reason.other.value, "circle-help", N_("Iets anders")),
)
BLOCK_SAYS = N_(
    "U krijgt dan geen berichten meer van deze persoon, ook niet in groepen. Deze persoon merkt dat niet."
)
THANKED = N_("Dank u. De coördinator kijkt ernaar.")
BLOCKED_SAYS = N_("U krijgt geen berichten meer van deze persoon.")


def report_button(line: rx.Var) -> rx.Component:
    """ "Meld" under a message of someone else (not one's own, not a hidden one)."""
    return rx.cond(
        (line["mine"] == "") & (line["hidden"] == ""),
        rx.el.button(
            rx.icon("flag", size=20, aria_hidden="true"),
            rx.el.span(t("Meld")),
            type="button",
            on_click=ReportState.open(line["id"]),
            aria_haspopup="dialog",
            class_name="chat-action report-button",
        ),
    )


def _reason(value: str, icon: str, word: str) -> rx.Component:
    return rx.el.li(
        action_button(icon, t(word), ReportState.report(value), "choice-button"),
    )


def _block() -> rx.Component:
    return rx.cond(
        ReportState.can_block,
        rx.el.div(
            action_button("ban", t("Blokkeer deze persoon"), ReportState.block, "second-action"),
            rx.el.p(t(BLOCK_SAYS)),
            class_name="report-block",
        ),
    )


def _choose() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("De coördinator leest uw melding. De schrijver ziet niet dat u het was.")),
        rx.cond(
            ReportState.problems["report"] != "",
            rx.el.p(t(ReportState.problems["report"]), role="alert", class_name="problem"),
        ),
        rx.el.ul(*(_reason(*r) for r in REASONS), class_name="report-reasons"),
        _block(),
    )


def report_sheet() -> rx.Component:
    """The sheet over the page while a message is being reported."""
    return rx.cond(
        ReportState.step != "",
        rx.el.div(
            rx.el.div(
                rx.el.h2(
                    rx.match(
                        ReportState.step,
                        (BLOCKED, t("Geblokkeerd")),
                        (THANKS, t("Gemeld")),
                        t("Wat is er mis met dit bericht?"),
                    ),
                    id=SHEET_HEADING,
                    tab_index=-1,
                ),
                rx.match(
                    ReportState.step,
                    (CHOOSE, _choose()),
                    (
                        THANKS,
                        rx.fragment(
                            rx.el.p(
                                t("Dank u. De coördinator kijkt ernaar."), role="status", class_name="done"
                            ),
                            _block(),
                        ),
                    ),
                    (
                        BLOCKED,
                        rx.el.p(
                            t("U krijgt geen berichten meer van deze persoon."),
                            role="status",
                            class_name="done",
                        ),
                    ),
                    rx.fragment(),
                ),
                action_button("arrow-left", t("Terug"), ReportState.close, "second-action"),
                role="dialog",
                aria_modal="true",
                aria_labelledby=SHEET_HEADING,
                class_name="sheet",
            ),
            class_name="sheet-backdrop",
        ),
    )
