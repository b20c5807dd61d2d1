"""HTTP routes of the sign-in: the link from the mail, and the step that sets the session cookie.

A State handler cannot set an HttpOnly cookie, so a checked code becomes a single-use handoff
ticket and the browser is sent to /auth/finish, which sets the cookie and goes on to the hub.

The link from the mail first asks "Inloggen als bram@example.org?" (login CSRF: opening someone
else's link must not sign you into their account), with the whole address: "b...@example.org"
would fit a look-alike address an attacker chose. We ask rather than bind the link to the browser
that asked for the code, because people ask on a computer and open the mail on their phone or in
their mail app's own browser: a bound link fails them, the question works everywhere. The GET
uses nothing up (mail scanners open links); the button's POST does, and only from the browser that
was shown the question: the form carries a random value that must match a SameSite=Strict cookie
set with the page, so a form posted from another site, which would skip the question, gets the
question instead.

The link signs in anywhere, but what the sign-in carries (services.identity.carried) passes on its
Wegwijzer answers only in the browser that asked for the code: its tab set the random value of
``cookies.CARRY``, whose digest the code keeps. A code someone else asked for her address (a typo,
or on purpose with made-up answers) signs her in with nothing of theirs; only the way back goes.
"""

import hmac
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mantelzorg_app import settings
from mantelzorg_app.models import STAFF_ROLES, Hub, Membership
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.pages.identity import confirm as confirm_page
from mantelzorg_app.routes import AUTH_FINISH, AUTH_LINK, AUTH_YES, SIGN_IN, after_sign_in
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.identity import accounts, carried, handoffs, login_codes, sessions
from mantelzorg_app.services.platform import audit, cookies, digests, i18n
from mantelzorg_app.services.platform.i18n import N_

CONFIRM_MAX_AGE = 600  # seconds: the question waits as long as a code lives
ASK_TITLE = N_("Inloggen als {address}?")
ASK_TEXT = N_("Is dit uw e-mailadres? Tik dan op de knop. Is het niet van u? Sluit dan deze pagina.")
ASK_BUTTON = N_("Ja, log in")
# What the link of services.confirmations asks, by its purpose: title, text, button.
YES_WORDS = {
    handoffs.ON_BEHALF: (
        N_("Mag Mantelzorghub {hub} een hulpvraag voor u plaatsen?"),
        N_("Als u ja zegt, zoeken wij een vrijwilliger voor u. Log daarna in om de hulpvraag te volgen."),
        N_("Ja, dat is goed"),
    ),
    handoffs.INVITE: (
        N_("Wilt u medewerker zijn bij Mantelzorghub {hub}?"),
        N_("Als u ja zegt, kunt u daarna inloggen via uw gemeente."),
        N_("Ja, dat wil ik"),
    ),
}


def is_https(request: Request) -> bool:
    return settings.served_over_https(request.url.scheme)


def _hub_slug(session: Session, hub_id: int) -> str:
    hub = session.get(Hub, hub_id)
    return hub.slug if hub else ""


async def link(request: Request) -> Response:
    """The link in the mail: GET asks "Inloggen als ...?", the POST of its button signs in."""
    if request.method == "POST":
        form = await request.form()
        return await run_in_threadpool(
            _confirmed, request, str(form.get("t", "")), str(form.get("bevestig", ""))
        )
    return await run_in_threadpool(_ask, request, request.query_params.get("t", ""))


def _problem(outcome: login_codes.Outcome, slug: str = "") -> RedirectResponse:
    """Why the link did not sign in, on its hub's sign-in page ("Deze link is al gebruikt. Vraag
    hier een nieuwe code."), so she stays in her hub; on the start page when the hub is unknown."""
    target = f"/{slug}/{SIGN_IN}?probleem={outcome}" if slug else f"/?probleem={outcome}"
    return RedirectResponse(target, status_code=303)


def _link_problem(session: Session, checked: login_codes.Checked) -> RedirectResponse:
    slug = _hub_slug(session, checked.hub_id) if checked.hub_id is not None else ""
    return _problem(checked.outcome, slug)


def _ask(request: Request, token: str) -> Response:
    with rx.session() as session:
        checked = login_codes.peek_link(session, token, utcnow())
        if checked.outcome != login_codes.Outcome.ok:
            return _link_problem(session, checked)
    https = is_https(request)
    lang = confirm_page.language(request, https)
    nonce = digests.new_token()
    response = confirm_page.render(
        lang,
        i18n.gettext(lang, ASK_TITLE, address=checked.email),
        i18n.gettext(lang, ASK_TEXT),
        i18n.gettext(lang, ASK_BUTTON),
        AUTH_LINK,
        {"t": token, "bevestig": nonce},
    )
    set_cookie(response, cookies.name(cookies.CONFIRM, https), nonce, CONFIRM_MAX_AGE, https, "strict")
    return response


def _confirmed(request: Request, token: str, nonce: str) -> Response:
    """Yes to the question, in the browser that was shown it: used once, then as if the code was
    typed. The answers go on only when this browser asked the code (its CARRY cookie)."""
    https = is_https(request)
    kept = cookies.read(request.headers.get("cookie", ""), cookies.CONFIRM, https) or ""
    if not (nonce and kept and hmac.compare_digest(nonce.encode(), kept.encode())):
        return RedirectResponse(f"{AUTH_LINK}?t={quote(token)}", status_code=303)  # ask here first
    now = utcnow()
    with rx.session() as session:
        checked = login_codes.check_link(session, token, now)
        if checked.outcome != login_codes.Outcome.ok:
            return _link_problem(session, checked)
        asker = cookies.read(request.headers.get("cookie", ""), cookies.CARRY, https)
        passed = carried.passed_on(checked.carried, asker)
        ticket = handoffs.issue(session, handoffs.SIGN_IN, checked.hub_id, checked.email, now, carried=passed)
        session.commit()
    response = finish(request, ticket)
    response.delete_cookie(cookies.name(cookies.CONFIRM, https), path="/", secure=https, httponly=True)
    return response


async def yes(request: Request) -> Response:
    """The link that asks someone with an account for their yes: GET asks, the button's POST says it.

    No tie to the browser is needed here: the token only says yes for the person it was mailed to,
    and signs nobody in."""
    if request.method == "POST":
        form = await request.form()
        return await run_in_threadpool(_said_yes, str(form.get("t", "")))
    return await run_in_threadpool(_ask_yes, request, request.query_params.get("t", ""))


def _ask_yes(request: Request, token: str) -> Response:
    with rx.session() as session:
        asked = confirmations.peek(session, token, utcnow())
    if asked is None:
        return _problem(login_codes.Outcome.unknown)
    lang = confirm_page.language(request, is_https(request))
    title, text, button = (i18n.gettext(lang, words, hub=asked.hub) for words in YES_WORDS[asked.purpose])
    return confirm_page.render(lang, title, text, button, AUTH_YES, {"t": token})


def _said_yes(token: str) -> RedirectResponse:
    with rx.session() as session:
        then = confirmations.confirm(session, token, utcnow())
    return RedirectResponse(then, status_code=303) if then else _problem(login_codes.Outcome.unknown)


def finish(request: Request, token: str | None = None) -> RedirectResponse:
    """Signs in a known person (cookie, then Home or the way back); sends a new one to the short
    sign-up form. What the sign-in carried (services.identity.carried: the way back, the Wegwijzer's
    answers) goes on to the new session, or to the sign-up ticket and from there to the session.
    A ticket carries answers only when the browser that asked the code used it (``passed_on`` in
    ``_confirmed`` and ``SignInState.check_code``), and only our page hands it over.

    After a code or the sign-up form, our own page hands over the ticket in a cookie it sets itself
    (``state.auth.go_to_finish``), never in the URL: a ticket of the attacker's own account that
    another site links to signs nobody in (login CSRF, like the mail link's), and no ticket ends
    up in a log or a Referer. The mail link's yes passes its ticket here directly."""
    now = utcnow()
    https = is_https(request)
    then = after_sign_in(request.query_params.get("verder")) if token is None else ""
    if token is None:
        token = cookies.read(request.headers.get("cookie", ""), cookies.TICKET, https)
    with rx.session() as session:
        ticket = handoffs.take(session, handoffs.SIGN_IN, token, now)
        if ticket is None:
            hub_id = handoffs.hub_of(session, handoffs.SIGN_IN, token)
            slug = _hub_slug(session, hub_id) if hub_id is not None else ""
            return _problem(login_codes.Outcome.expired, slug)
        slug = _hub_slug(session, ticket.hub_id)
        then = then or carried.unpack(ticket.carried).then
        person = accounts.by_email(session, ticket.email)
        memberships = (
            session.exec(
                select(Membership).where(
                    Membership.person_id == person.id, Membership.hub_id == ticket.hub_id
                )
            ).all()
            if person is not None
            else []
        )
        if not memberships:
            sign_up = handoffs.issue(
                session, handoffs.SIGN_UP, ticket.hub_id, ticket.email, now, carried=ticket.carried
            )
            session.commit()
            response = RedirectResponse(f"/{slug}/welkom" + (f"?verder={then}" if then else ""), 303)
            set_cookie(response, cookies.name(cookies.SIGN_UP, https), sign_up, 1800, https)
            return response
        staff = any(m.role in STAFF_ROLES and not m.pending for m in memberships)
        kind = sessions.STAFF_EMAIL if staff else sessions.EMAIL
        session_token = sessions.start(session, person.id, kind, now, carried=ticket.carried)
        audit.record(session, audit.SIGN_IN, hub_id=ticket.hub_id, actor_id=person.id, detail="email")
        session.commit()
    return signed_in(slug, session_token, https, kind, then)


def signed_in(slug: str, session_token: str, https: bool, kind: str, then: str = "") -> RedirectResponse:
    """On to the hub's Home (or the allowed part ``then``) with the session cookie set; also used by
    the OpenID Connect callback."""
    response = RedirectResponse(f"/{slug}/{then}" if then else f"/{slug}", status_code=303)
    max_age = int(sessions.lifetime(kind).total_seconds())
    set_cookie(response, cookies.name(cookies.SESSION, https), session_token, max_age, https)
    response.delete_cookie(cookies.name(cookies.SIGN_UP, https), path="/", secure=https, httponly=True)
    response.delete_cookie(cookies.name(cookies.TICKET, https), path="/", secure=https)
    response.delete_cookie(cookies.name(cookies.CARRY, https), path="/", secure=https)
    return response


def set_cookie(
    response: Response, key: str, value: str, max_age: int, https: bool, samesite: str = "lax"
) -> None:
    response.set_cookie(key, value, max_age=max_age, path="/", secure=https, httponly=True, samesite=samesite)


routes = [
    Route(AUTH_LINK, link, methods=["GET", "POST"]),
    Route(AUTH_FINISH, finish),
    Route(AUTH_YES, yes, methods=["GET", "POST"]),
]
