""" "Meld" on a message and the sheet it opens: four reasons with a pictogram, block the person,
a thank-you. The conversation page places ``report_button`` in each message and ``report_sheet``
once; state.chat.report.ReportState checks everything on the server."""

import reflex as rx

from components.controls import action_button, icon_link
from mantelzorg_app import routes
from mantelzorg_app.models import Reason
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.services.platform.i18n import N_
from state.chat.report import (
    BLOCK_ASK,
    BLOCK_SAYS_ID,
    BLOCKED,
    CHOOSE,
    MELD_ID,
    SHEET_HEADING,
    THANKS,
    ReportState,
)
from state.ui import t

# Each reason, its pictogram and its word: the sheet's buttons and the coordinator's list.
REASONS = (
    (Reason.rude.value, "angry", N_("Onbeleefd")),
    (Reason.unsafe.value, "shield-alert", N_("Onveilig")),
    (Reason.spam.value, "megaphone", N_("Reclame of spam")),
    (Reason.other.value, "circle-help", N_("Iets anders")),
)
BLOCK_SAYS = N_("U krijgt dan geen berichten meer van deze persoon, ook niet in groepen.")
THANKED = N_("Dank u. De coördinator kijkt ernaar.")
BLOCKED_SAYS = N_("U krijgt geen berichten meer van deze persoon.")
UNDO_SAYS = N_("Deze persoon merkt dat niet. Terugdraaien kan bij Mijn gegevens.")


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
            id=MELD_ID + line["id"].to(str),  # the focus comes back here when the sheet closes
            class_name="chat-action report-button",
        ),
    )


def _reason(value: str, icon: str, word: str) -> rx.Component:
    return rx.el.li(
        action_button(icon, t(word), ReportState.report(value), "choice-button"),
    )


def _block() -> rx.Component:
    """Two steps: "Blokkeer deze persoon", then what that does, above "Ja, blokkeer"."""
    return rx.cond(
        ReportState.can_block,
        rx.el.div(
            rx.cond(
                ReportState.blocking,
                rx.fragment(
                    rx.el.p(t(BLOCK_SAYS), id=BLOCK_SAYS_ID, tab_index=-1, class_name="block-says"),
                    action_button("ban", t("Ja, blokkeer"), ReportState.block, "main-action"),
                    action_button(
                        "undo-2", t("Nee, niet blokkeren"), ReportState.keep_unblocked, "second-action"
                    ),
                ),
                action_button(
                    "ban", t("Blokkeer deze persoon"), ReportState.ask_block, "second-action", id=BLOCK_ASK
                ),
            ),
            class_name="report-block",
        ),
    )


def _blocked() -> rx.Component:
    return rx.fragment(
        rx.el.p(t(BLOCKED_SAYS), role="status", class_name="done"),
        rx.el.p(t(UNDO_SAYS)),
        icon_link("user-round", t("Naar Mijn gegevens"), hub_href(routes.ACCOUNT), "row-action"),
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
                            rx.el.p(t(THANKED), role="status", class_name="done"),
                            _block(),
                        ),
                    ),
                    (BLOCKED, _blocked()),
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
