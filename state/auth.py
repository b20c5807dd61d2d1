"""Who is signed in, and the sign-in and sign-up forms. Every handler works from server-side data:
the hub the server looked up and the session cookie, never an id the browser sent."""

import json
import logging

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.models.base import utcnow as now  # the one clock of every handler
from mantelzorg_app.routes import after_sign_in, auth_finish_url
from mantelzorg_app.services.identity import accounts, authz, handoffs, login_codes, notices, oidc
from mantelzorg_app.services.identity import sessions as login_sessions
from mantelzorg_app.services.platform import cookies, hubs, mail
from mantelzorg_app.services.platform.i18n import N_
from state import ui
from state.client import client_address, page_argument, page_origin
from state.hub import HubState, hub_id_of
from state.tab import empty_every_state, empty_other_tabs, forget_tab
from state.ui import UiState

PROBLEMS = {
    login_codes.Outcome.wrong: N_("Deze code klopt niet. Probeer het nog eens."),
    login_codes.Outcome.unknown: N_("Deze code klopt niet. Probeer het nog eens."),
    login_codes.Outcome.expired: N_("Deze code is te oud. Vraag een nieuwe code aan."),
    login_codes.Outcome.used: N_("Deze code is al gebruikt. Vraag een nieuwe code aan."),
    login_codes.Outcome.locked: N_("U heeft te vaak een verkeerde code getypt. Vraag een nieuwe code aan."),
}
NOT_AN_ADDRESS = N_("Dit lijkt geen e-mailadres. Kijk het nog eens na.")
SIGN_UP_FIELDS = ("first_name", "wijk", "role", "consent")
MAIL_FAILED = N_("De mail kon niet worden verstuurd. Probeer het over een paar minuten nog eens.")
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


class SignInState(rx.State):
    """Step one: the address; step two: the 6-digit code from the mail."""

    email: str = ""
    step: str = "email"
    problem: str = ""
    _then: str = ""  # the allowed part of the hub to go on to after signing in (?verder=)

    @rx.event
    def load(self):
        self._then = after_sign_in(page_argument(self, "verder"))

    @rx.event
    def start_over(self):
        self.step, self.problem = "email", ""

    @rx.event
    async def send_code(self, form: dict):
        self.email = str(form.get("email", ""))[:300]
        address = login_codes.normalise_email(self.email)
        if address is None:
            self.problem = NOT_AN_ADDRESS
            return
        hub_id = await hub_id_of(self)
        if hub_id is None:
            return
        lang = (await self.get_state(UiState)).lang
        with rx.session() as session:
            hub_name = session.get(Hub, hub_id).name
            issued = login_codes.request(session, hub_id, address, client_address(self), now())
        if issued is None:  # a limit, per address or per client: the same words for both
            self.problem = login_codes.TOO_MANY
            return
        try:
            base = settings.link_base(page_origin(self))
            mail.send(notices.sign_in_code(address, hub_name, issued, base, lang))
        except mail.MailError as error:
            logging.getLogger("mantelzorg.auth").error("sign-in mail not sent: %s", error)
            self.problem = MAIL_FAILED
            return
        self.step, self.problem = "code", ""

    @rx.event
    async def check_code(self, form: dict):
        code = "".join(ch for ch in str(form.get("code", ""))[:20] if ch.isdigit())
        address = login_codes.normalise_email(self.email)
        if address is None:
            self.start_over()
            return
        with rx.session() as session:
            checked = login_codes.check_code(session, address, code, now())
            if checked.outcome != login_codes.Outcome.ok:
                self.problem = PROBLEMS[checked.outcome]
                return
            token = handoffs.issue(session, handoffs.SIGN_IN, checked.hub_id, checked.email, now())
            session.commit()
        self.problem = ""
        return go_to_finish(self, token, self._then)


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


class SignUpState(rx.State):
    """A new person: first name, wijk, what they come for, and consent. The address is already checked."""

    first_name: str = ""
    problems: dict[str, str] = dict.fromkeys(SIGN_UP_FIELDS, "")  # field: Dutch catalogue id, or ""

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    wijken: list[dict[str, str]] = []
    ready: bool = False
    _then: str = ""  # as SignInState's: carried through /auth/finish (?verder=)

    def _ticket(self, take: bool = False):
        token = session_token(self, cookies.SIGN_UP)
        with rx.session() as session:
            use = handoffs.take if take else handoffs.peek
            ticket = use(session, handoffs.SIGN_UP, token, now())
            return (ticket.hub_id, ticket.email) if ticket else None

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        self._then = after_sign_in(page_argument(self, "verder"))
        ticket = self._ticket()
        self.ready = ticket is not None and ticket[0] == hub_id
        if self.ready:
            with rx.session() as session:
                self.wijken = [{"id": str(w.id), "name": w.name} for w in hubs.wijken(session, hub_id)]

    @rx.event
    async def submit(self, form: dict):
        self.first_name = str(form.get("first_name", ""))[:200]
        wijk = str(form.get("wijk", ""))[:10]
        hub_id = await hub_id_of(self)
        ticket = self._ticket()
        if ticket is None or ticket[0] != hub_id:
            self.ready = False
            return
        answers = accounts.SignUp(
            first_name=self.first_name,
            wijk_id=int(wijk) if wijk.isdigit() else None,
            role=str(form.get("role", ""))[:20],
            consent=form.get("consent") in (True, "on", "true"),
        )
        with rx.session() as session:
            try:
                accounts.sign_up(session, hub_id, ticket[1], answers, now())
            except accounts.Invalid as invalid:
                self.problems = {field: invalid.problems.get(field, "") for field in SIGN_UP_FIELDS}
                return
            self._ticket(take=True)
            token = handoffs.issue(session, handoffs.SIGN_IN, hub_id, ticket[1], now())
            session.commit()
        self.problems = dict.fromkeys(SIGN_UP_FIELDS, "")
        return go_to_finish(self, token, self._then)
