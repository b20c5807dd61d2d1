"""The coordinator's HSDS file on the sociale kaart's beheer page: download it, or upload one.

``upload_section()`` goes on the page at routes.DIRECTORY_MANAGE (pages/directory/manage.py). The
upload loads everything or nothing and then says what it did, or each problem, in the visitor's
language (state.directory.upload).
"""

import reflex as rx

from mantelzorg_app.hsds_routes import DOWNLOAD_PREFIX
from mantelzorg_app.services.directory.validation import MAX_BYTES
from state.directory.upload import LOADED, REFUSED, UPLOAD_ID, UploadState
from state.hub import HubState
from state.ui import UiState, t

HEADING = "hsds-bestand"


def _line(line: rx.Var) -> rx.Component:
    return rx.el.li(line[UiState.lang])


def _report() -> rx.Component:
    first = UploadState.lines[0][UiState.lang]
    rest = UploadState.lines[1:]
    return rx.el.div(
        rx.cond(
            UploadState.outcome == LOADED,
            rx.el.div(
                rx.el.p(first),
                rx.el.ul(rx.foreach(rest, _line)),
                role="status",
                class_name="done",
            ),
        ),
        rx.cond(
            UploadState.outcome == REFUSED,
            rx.el.div(
                rx.el.p(first, class_name="summary-title"),
                rx.el.ul(rx.foreach(rest, _line)),
                role="alert",
                class_name="summary",
            ),
        ),
    )


def upload_section() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Het bestand van de sociale kaart"), id=HEADING),
        rx.el.p(
            t(
                "Alle diensten staan in één bestand (HSDS, JSON). Download het, pas het aan "
                "en laad het weer. Er verandert pas iets als het hele bestand klopt."
            )
        ),
        rx.el.a(
            rx.icon("download", size=24, aria_hidden="true"),
            rx.el.span(t("Download de sociale kaart")),
            href=DOWNLOAD_PREFIX + "/" + HubState.slug,
            download="sociale-kaart-" + HubState.slug + ".json",
            reload_document=True,  # the browser fetches it, not the client-side router
            class_name="second-action",
        ),
        rx.upload.root(
            rx.el.button(
                rx.icon("upload", size=24, aria_hidden="true"),
                rx.el.span(t("Kies een bestand om te laden")),
                type="button",
                class_name="second-action",
            ),
            id=UPLOAD_ID,
            accept={"application/json": [".json"]},
            max_files=1,
            multiple=False,
            max_size=MAX_BYTES,
            no_keyboard=True,  # the button inside takes the keyboard; the zone is no second stop
            on_drop=UploadState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
            on_drop_rejected=UploadState.rejected,
        ),
        rx.cond(UploadState.lines.length() > 0, _report()),
        aria_labelledby=HEADING,
    )
