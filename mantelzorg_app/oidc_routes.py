"""HTTP routes of the sign-in through the municipality (OpenID Connect), for professionals and coordinators.

``/auth/oidc/start/<hub>`` sends the browser to the hub's provider; the provider sends it back to
``/auth/oidc/callback``, which signs an invited person in (a 12-hour session, the same cookie as the
e-mail sign-in) or goes back to the sign-in page with a ``?probleem=`` it explains. The state also
waits in a short HttpOnly cookie, so a callback only works in the browser that started it.
"""

import hmac
import logging
from datetime import UTC, datetime

import reflex as rx
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from mantelzorg_app import settings
from mantelzorg_app.auth_routes import is_https, set_cookie, signed_in
from mantelzorg_app.models import Hub
from mantelzorg_app.routes import AUTH_OIDC_CALLBACK, AUTH_OIDC_START, SIGN_IN
from mantelzorg_app.services.identity import oidc, sessions
from mantelzorg_app.services.platform import audit, hubs

log = logging.getLogger(__name__)

STATE_COOKIE = "mz_oidc"
STATE_MAX_AGE = int(oidc.REQUEST_LIFETIME.total_seconds())


def _state_cookie(https: bool) -> str:
    return f"__Host-{STATE_COOKIE}" if https else STATE_COOKIE


def _callback_url(request: Request) -> str:
    return f"{(settings.public_url() or str(request.base_url)).rstrip('/')}{AUTH_OIDC_CALLBACK}"


def _problem(slug: str | None, problem: oidc.Problem) -> RedirectResponse:
    target = f"/{slug}/{SIGN_IN}?probleem={problem}" if slug else "/"
    return RedirectResponse(target, status_code=303)


def start(request: Request) -> RedirectResponse:
    """To the provider of the hub in the path, with a fresh state, nonce and PKCE challenge."""
    with rx.session() as session:
        hub = hubs.hub_by_slug(session, request.path_params["hub_slug"])
        if hub is None:
            return RedirectResponse("/", status_code=303)
        provider = oidc.provider_for(session, hub.id)
        if provider is None:
            return _problem(hub.slug, oidc.Problem.failed)
        try:
            started = oidc.begin(
                session, provider, _callback_url(request), datetime.now(UTC), state_prefix=f"{hub.slug}."
            )
        except oidc.OidcError as error:
            log.warning("OIDC start for %s failed: %s: %s", hub.slug, type(error).__name__, error)
            return _problem(hub.slug, error.problem)
    response = RedirectResponse(started.url, status_code=303)
    https = is_https(request)
    set_cookie(response, _state_cookie(https), started.state, STATE_MAX_AGE, https)
    return response


def callback(request: Request) -> RedirectResponse:
    """Back from the provider: signs in an invited person, or explains on the sign-in page."""
    now = datetime.now(UTC)
    https = is_https(request)
    state = request.query_params.get("state", "")
    kept = request.cookies.get(_state_cookie(https), "")
    with rx.session() as session:
        try:
            if not (state and kept and hmac.compare_digest(state.encode(), kept.encode())):
                raise oidc.BadState("the state is not the one this browser started with")
            identity = oidc.finish(
                session, state, request.query_params.get("code", ""), _callback_url(request), now
            )
            person = oidc.person_for(session, identity, now)
        except oidc.OidcError as error:
            log.warning("OIDC sign-in failed: %s: %s", type(error).__name__, error)
            if isinstance(error, oidc.NotInvited):
                audit.refused(session, "sign-in oidc not invited", hub_id=identity.hub_id)
            hub = hubs.hub_by_slug(session, (kept or state).partition(".")[0])  # a state starts with the slug
            response = _problem(hub.slug if hub else None, error.problem)
        else:
            token = sessions.start(session, person.id, sessions.OIDC, now)
            audit.record(session, audit.SIGN_IN, hub_id=identity.hub_id, actor_id=person.id, detail="oidc")
            session.commit()
            response = signed_in(session.get(Hub, identity.hub_id).slug, token, https, sessions.OIDC)
    response.delete_cookie(_state_cookie(https), path="/", secure=https, httponly=True)
    return response


routes = [
    Route(f"{AUTH_OIDC_START}/{{hub_slug}}", start),
    Route(AUTH_OIDC_CALLBACK, callback),
]
