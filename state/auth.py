"""Who is signed in, and the staff sign-in's offer. Every handler works from server-side data: the
hub the server looked up and the session cookie, never an id the browser sent. The sign-in and
sign-up forms are in state.identity.sign_in (above state.help: they carry the Wegwijzer's answers)."""

import json

import reflex as rx

from mantelzorg_app.models import STAFF_ROLES, Role
from mantelzorg_app.models.base import utcnow as now  # the one clock of every handler
from mantelzorg_app.routes import auth_finish_url
from mantelzorg_app.services.identity import authz, oidc
from mantelzorg_app.services.identity import sessions as login_sessions
from mantelzorg_app.services.platform import cookies
from mantelzorg_app.services.platform.i18n import N_
from state.client import page_argument, page_origin
from state.hub import HubState, hub_id_of
from state.tab import empty_every_state, empty_other_tabs, forget_tab

# Why the sign-in through the municipality sent the visitor back (the ?probleem= of /auth/oidc/callback).
STAFF_PROBLEMS = {
    oidc.Problem.failed: N_("Inloggen als medewerker is niet gelukt. Probeer het nog eens."),
    oidc.Problem.not_invited: N_("U bent nog niet uitgenodigd. Vraag het de coördinator van uw gemeente."),
}


def go_to_finish(state: rx.State, ticket: str, then: str) -> rx.event.EventSpec:
    """On to /auth/finish with the ticket in a cookie only this page sets (SameSite=Strict, 2
    minutes, ``__Host-`` over HTTPS): a link from elsewhere cannot hand it a ticket."""
    https = cookies.https_origin(page_origin(state))
    cookie = f"{cookies.name(cookies.TICKET, https)}={ticket}; Path=/; Max-Age=120; SameSite=Strict"
    cookie += "; Secure" if https else ""
    url = json.dumps(auth_finish_url(then))
    return rx.call_script(f"document.cookie = {json.dumps(cookie)}; window.location.replace({url})")


def session_token(state: rx.State, base: str = cookies.SESSION) -> str | None:
    """The opaque token from the HttpOnly session cookie (or another of ours, ``base``) this tab
    connected with. The page is HTTPS when its origin is: the browser sends that Origin on the event
    socket's handshake, and only an HTTPS page holds the ``__Host-`` cookie."""
    https = cookies.https_origin(page_origin(state))
    return cookies.read(state.router.headers.cookie, base, https)


async def current_actor(state: rx.State) -> authz.Actor | None:
    """Who is signed in, with their roles in this page's hub; None for a visitor. Refuses nothing:
    for pages that show a signed-out view. Handlers that act use ``require``."""
    hub_id = await hub_id_of(state)
    with rx.session() as session:
        return authz.actor(session, session_token(state), hub_id, now())


async def require(state: rx.State, action: str, *roles: Role) -> authz.Actor | None:
    """The one check at the top of every protected handler: the signed-in person, in the hub the
    server looked up, holding one of ``roles``. None (refusal logged) when not."""
    hub_id = await hub_id_of(state)
    with rx.session() as session:
        try:
            return authz.require(session, session_token(state), hub_id, action, now(), roles=roles)
        except authz.Refused:
            return None


class AuthState(rx.State):
    """The signed-in person as far as the page needs to know: a first name, nothing more."""

    first_name: str = ""
    coordinator: bool = False  # shows the way to the coordinator's page; the page checks again
    asks_help: bool = False  # a caregiver or staff: the way to their help requests
    volunteer: bool = False
    staff: bool = False  # a professional or coordinator: the way to Wie is wie; that page checks again

    @rx.var
    def signed_in(self) -> bool:
        return self.first_name != ""

    @rx.event
    async def load(self):
        found = await current_actor(self)
        self.first_name = found.first_name if found else ""
        self.coordinator = bool(found and found.has(Role.coordinator))
        self.asks_help = bool(found and found.has(Role.caregiver, Role.professional, Role.coordinator))
        self.volunteer = bool(found and found.has(Role.volunteer))
        self.staff = bool(found and found.has(*STAFF_ROLES))

    @rx.event
    async def sign_out(self, everywhere: bool = False):
        hub_id = await hub_id_of(self)
        token = session_token(self)
        with rx.session() as session:
            tabs = login_sessions.sign_out(session, token, bool(everywhere), hub_id)
        await empty_other_tabs(tabs, self)
        return await forget_tab(self, f"/{(await self.get_state(HubState))._slug}")


class TabOwnerState(rx.State):
    """Whose data this tab holds. Runs first on every hub page: when the person it held is no longer
    signed in here (signed out elsewhere, wiped, expired, or someone else signed in), every state of
    the tab is emptied before the page loads anything. A visitor who signs in keeps their answers."""

    _person_id: int | None = None

    @rx.event
    async def check(self):
        with rx.session() as session:
            person = login_sessions.person(
                session, session_token(self), now(), tab=self.router.session.client_token
            )
        person_id = person.id if person else None
        if self._person_id is not None and person_id != self._person_id:
            await empty_every_state(self)
        self._person_id = person_id


class StaffSignInState(rx.State):
    """Whether this hub lets professionals sign in through the municipality, and why a try failed."""

    available: bool = False
    provider_label: str = ""
    problem: str = ""  # Dutch catalogue id, or ""

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            provider = oidc.provider_for(session, hub_id) if hub_id is not None else None
            self.available = provider is not None
            self.provider_label = provider.label if provider else ""
        reason = page_argument(self, "probleem")
        self.problem = STAFF_PROBLEMS.get(reason, "") if isinstance(reason, str) else ""
