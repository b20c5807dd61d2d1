"""The coordinator's upload of an HSDS file on the sociale kaart's beheer page.

The file comes through Reflex's upload (``rx.upload``): the handler reads it in memory, at most
``validation.MAX_BYTES``, and never stores it (files under /_upload are public). Only the
coordinator of this page's hub gets through, checked on the server in the handler (``act``). An
import loads everything or nothing (``transfer.load_file``, as ``manage hsds import``); the
report, or each problem, is kept in every language, so the page shows the visitor's.
"""

import reflex as rx
from sqlmodel import Session

from mantelzorg_app.models import Role
from mantelzorg_app.services.directory import transfer, validation
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act
from state.inputs import one_file

COORDINATOR = (Role.coordinator,)
ACTION = transfer.IMPORT_ACTION
UPLOAD_ID = "sociale-kaart-bestand"
SHOWN_MOST = 50  # problems on the page; the rest are counted
LOADED, REFUSED = "loaded", "refused"
NO_FILE = N_("Er is geen bestand gekozen. Kies een JSON-bestand met de sociale kaart.")
MORE = N_("En nog {count} problemen.")
REJECTED = N_("Dit bestand kan niet. Kies één JSON-bestand van hoogstens {megabytes} MB.")


def _all_languages(msgid: str, **values: object) -> dict[str, str]:
    return {lang: i18n.gettext(lang, msgid, **values) for lang in i18n.LANGUAGES}


def report_lines(report: transfer.Report) -> list[dict[str, str]]:
    """The report's lines, each in every language; at most ``SHOWN_MOST`` problems and a count."""
    shown = transfer.Report(report.added, report.changed, report.unchanged, report.problems[:SHOWN_MOST])
    by_language = {lang: transfer.report_in_words(shown, lang) for lang in i18n.LANGUAGES}
    lines = [{lang: by_language[lang][i] for lang in i18n.LANGUAGES} for i in range(len(by_language["nl"]))]
    if len(report.problems) > SHOWN_MOST:
        lines.append(_all_languages(MORE, count=len(report.problems) - SHOWN_MOST))
    return lines


class UploadState(rx.State):
    allowed: bool = False
    outcome: str = ""  # LOADED, REFUSED, or "" before any file
    lines: list[dict[str, str]] = []  # the report: each line by language

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Loads the chosen file into this hub's sociale kaart, for its coordinator only."""
        result: list[transfer.Report] = []

        def load(session: Session, actor: Actor) -> None:
            data = one_file(files, validation.MAX_BYTES)
            if data is None:
                result.append(transfer.Report(problems=(validation.Problem(0, "", NO_FILE),)))
                return
            result.append(transfer.load_file(session, actor.hub_id, data, actor.person_id))

        if await act(self, ACTION, load, roles=COORDINATOR) is None or not result:
            return
        report = result[0]
        self.outcome = REFUSED if report.problems else LOADED
        self.lines = report_lines(report)

    @rx.event
    def rejected(self, files: list[dict]):
        """Display only: the browser refused the chosen file (too big, not JSON, several)."""
        self.outcome = REFUSED
        self.lines = [_all_languages(REJECTED, megabytes=validation.MAX_BYTES // (1024 * 1024))]

    @rx.event
    def forget(self):
        """Display only: the report goes, for the next file."""
        self.outcome = ""
        self.lines = []
