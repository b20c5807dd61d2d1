"""HTTP routes of the sign-in: the link from the mail, and the step that sets the session cookie.

A State handler cannot set an HttpOnly cookie, so a checked code becomes a single-use handoff
ticket and the browser is sent to /auth/finish, which sets the cookie and goes on to the hub.
"""

import reflex as rx
from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from mantelzorg_app.models import STAFF_ROLES, Hub, Membership
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.routes import AUTH_FINISH, AUTH_LINK, after_sign_in
from mantelzorg_app.services import accounts, audit, cookies, handoffs, login_codes, sessions


def is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _hub_slug(session: Session, hub_id: int) -> str:
    hub = session.get(Hub, hub_id)
    return hub.slug if hub else ""


def link(request: Request) -> RedirectResponse:
    """The link in the mail: used once, then on as if the code was typed."""
    now = utcnow()
    with rx.session() as session:
        checked = login_codes.check_link(session, request.query_params.get("t", ""), now)
        if checked.outcome != login_codes.Outcome.ok:
            return RedirectResponse(f"/?probleem={checked.outcome}", status_code=303)
        token = handoffs.issue(session, handoffs.SIGN_IN, checked.hub_id, checked.email, now)
    return finish(request, token)


def finish(request: Request, token: str | None = None) -> RedirectResponse:
    """Signs in a known person (cookie, then Home); sends a new one to the short sign-up form."""
    now = utcnow()
    https = is_https(request)
    then = after_sign_in(request.query_params.get("verder")) if token is None else ""
    with rx.session() as session:
        ticket = handoffs.take(session, handoffs.SIGN_IN, token or request.query_params.get("t"), now)
        if ticket is None:
            return RedirectResponse("/?probleem=expired", status_code=303)
        slug = _hub_slug(session, ticket.hub_id)
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
            sign_up = handoffs.issue(session, handoffs.SIGN_UP, ticket.hub_id, ticket.email, now)
            response = RedirectResponse(f"/{slug}/welkom" + (f"?verder={then}" if then else ""), 303)
            set_cookie(response, cookies.name(cookies.SIGN_UP, https), sign_up, 1800, https)
            return response
        staff = any(m.role in STAFF_ROLES and not m.pending for m in memberships)
        kind = sessions.STAFF_EMAIL if staff else sessions.EMAIL
        session_token = sessions.start(session, person.id, kind, now)
        audit.record(session, audit.SIGN_IN, hub_id=ticket.hub_id, actor_id=person.id, detail="email")
    return signed_in(slug, session_token, https, kind, then)


def signed_in(slug: str, session_token: str, https: bool, kind: str, then: str = "") -> RedirectResponse:
    """On to the hub's Home (or the allowed part ``then``) with the session cookie set; also used by
    the OpenID Connect callback."""
    response = RedirectResponse(f"/{slug}/{then}" if then else f"/{slug}", status_code=303)
    max_age = int(sessions.lifetime(kind).total_seconds())
    set_cookie(response, cookies.name(cookies.SESSION, https), session_token, max_age, https)
    response.delete_cookie(cookies.name(cookies.SIGN_UP, https), path="/", secure=https, httponly=True)
    return response


def set_cookie(response: RedirectResponse, key: str, value: str, max_age: int, https: bool) -> None:
    response.set_cookie(key, value, max_age=max_age, path="/", secure=https, httponly=True, samesite="lax")


routes = [Route(AUTH_LINK, link), Route(AUTH_FINISH, finish)]
