"""The link of the sociale kaart's "Klopt dit nog?" mail (services.directory.checks).

The GET shows the service's name, the one button "Ja, alles klopt" and the way to change the entry
("Er klopt iets niet": the hub's Mijn organisatie page); it changes nothing, because mail scanners
open links. Only the button's POST renews the date. Like the yes of services.confirmations (see
auth_routes.yes) no tie to the browser is needed: the token says only "still right" for the
service it was mailed about, by a professional who still keeps it, and signs nobody in.
"""

import reflex as rx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mantelzorg_app import routes as paths
from mantelzorg_app import settings
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.pages.identity import confirm as confirm_page
from mantelzorg_app.services.directory import checks
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_

ASK_TITLE = N_("Klopt dit nog?")
ASK_TEXT = N_(
    "Staat {service} nog goed op de sociale kaart van Mantelzorghub {hub}? Klopt alles? Tik dan op de knop."
)
ASK_BUTTON = N_("Ja, alles klopt")
WRONG = N_("Er klopt iets niet")
DONE_TITLE = N_("Dank u wel")
DONE_TEXT = N_("Wij hebben het genoteerd: {service} is vandaag gecontroleerd.")
SEE_IT = N_("Bekijk de dienst")
PROBLEM_TITLE = N_("Dat lukte niet")


def _lang(request: Request) -> str:
    return confirm_page.language(request, settings.served_over_https(request.url.scheme))


async def check(request: Request) -> Response:
    """GET asks "Klopt dit nog?"; the POST of its button says yes."""
    lang = _lang(request)
    if request.method == "POST":
        form = await request.form()
        return await run_in_threadpool(_said_yes, lang, str(form.get("t", "")))
    return await run_in_threadpool(_ask, lang, request.query_params.get("t", ""))


def _partner(answer: checks.Answer, lang: str) -> tuple[str, str] | None:
    return (i18n.gettext(lang, WRONG), f"/{answer.slug}/{paths.PARTNER}") if answer.slug else None


def _problem(answer: checks.Answer, lang: str) -> Response:
    link = _partner(answer, lang) if answer.outcome == checks.Outcome.expired else None
    return confirm_page.render(
        lang, i18n.gettext(lang, PROBLEM_TITLE), i18n.gettext(lang, answer.words), "", "", {}, link
    )


def _ask(lang: str, token: str) -> Response:
    with rx.session() as session:
        answer = checks.peek(session, token, utcnow())
    if answer.outcome != checks.Outcome.ok:
        return _problem(answer, lang)
    return confirm_page.render(
        lang,
        i18n.gettext(lang, ASK_TITLE),
        i18n.gettext(lang, ASK_TEXT, service=answer.service, hub=answer.hub),
        i18n.gettext(lang, ASK_BUTTON),
        paths.DIRECTORY_CHECK,
        {"t": token},
        _partner(answer, lang),
    )


def _said_yes(lang: str, token: str) -> Response:
    with rx.session() as session:
        answer = checks.still_right(session, token, utcnow())
    if answer.outcome != checks.Outcome.ok:
        return _problem(answer, lang)
    card = f"/{answer.slug}/{paths.service_part(answer.service_id)}"
    return confirm_page.render(
        lang,
        i18n.gettext(lang, DONE_TITLE),
        i18n.gettext(lang, DONE_TEXT, service=answer.service),
        "",
        "",
        {},
        (i18n.gettext(lang, SEE_IT), card),
    )


routes = [Route(paths.DIRECTORY_CHECK, check, methods=["GET", "POST"])]
