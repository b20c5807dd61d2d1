"""The sign-in and sign-up forms. Every handler works from server-side data: the hub the server
looked up and the session cookie, never an id the browser sent.

The mail's link usually opens in a new tab, which has none of this tab's state. So asking for a
code packs the way back (``?verder=``) and this tab's Wegwijzer answers on the server
(services.identity.carried): they go with the code to the handoff, to the sign-up form, and to the
new session, where the request form finds them. Nothing of it is in a URL. The answers pass on
only to this browser: the code keeps the digest of this tab's random value, which the tab also
puts in a cookie for the link's tab (``keep_carry_cookie``); a code used anywhere else carries
only the way back.

This module sits above state.help (it reads the Wegwijzer's answers); state.auth sits below both.
"""

import json
import logging
import re

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.routes import after_sign_in
from mantelzorg_app.services.help import wegwijzer
from mantelzorg_app.services.identity import accounts, carried, handoffs, login_codes, notices
from mantelzorg_app.services.platform import cookies, digests, hubs, mail, places
from mantelzorg_app.services.platform.i18n import N_
from state import ui
from state.auth import current_actor, go_to_finish, now, session_token
from state.client import client_address, page_argument, page_origin
from state.help.wegwijzer import QuestionnaireState
from state.hub import HubState, hub_id_of
from state.ui import UiState

PROBLEMS = {
    login_codes.Outcome.wrong: N_("Deze code klopt niet. Probeer het nog eens."),
    login_codes.Outcome.unknown: N_("Deze code klopt niet. Probeer het nog eens."),
    login_codes.Outcome.expired: N_("Deze code is te oud. Vraag een nieuwe code aan."),
    login_codes.Outcome.used: N_("Deze code is al gebruikt. Vraag een nieuwe code aan."),
    login_codes.Outcome.locked: N_("U heeft te vaak een verkeerde code getypt. Vraag een nieuwe code aan."),
}
# Why the mail's link (/auth/link, /auth/finish) sent the visitor to this hub's sign-in page.
LINK_PROBLEMS = {
    login_codes.Outcome.used: N_("Deze link is al gebruikt. Vraag hier een nieuwe code."),
    login_codes.Outcome.expired: N_("Deze link is te oud. Vraag hier een nieuwe code."),
    login_codes.Outcome.locked: N_("Deze link werkt niet meer. Vraag hier een nieuwe code."),
}
NO_ADDRESS = N_("Vul uw e-mailadres in.")
NOT_AN_ADDRESS = N_("Dit lijkt geen e-mailadres. Kijk het nog eens na.")
NO_CODE = N_("Vul de code uit de mail in.")
NOT_SIGNED_IN_HERE = N_("U bent hier nog niet ingelogd. Typ de code uit de mail, of vraag een nieuwe code.")
MAIL_FAILED = N_("De mail kon niet worden verstuurd. Probeer het over een paar minuten nog eens.")
SIGN_UP_FIELDS = ("first_name", "wijk", "role", "consent")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # digests.new_token's shape


class SignInState(rx.State):
    """Step one: the address; step two: the 6-digit code from the mail (or the link in it)."""

    email: str = ""  # as typed, kept to edit ("Ander e-mailadres")
    sent_to: str = ""  # the address the last code went to, shown on the code step
    step: str = "email"
    problem: str = ""  # the field's problem: Dutch catalogue id, or ""
    notice: str = ""  # why the link sent her here, or that this tab is not signed in yet; or ""
    locked: bool = False  # too many wrong codes: the main button asks a new one
    _then: str = ""  # the allowed part of the hub to go on to after signing in (?verder=)
    _sent_to: str = ""  # the truth of sent_to: "Stuur een nieuwe code" asks for this address only
    _look_again: bool = False  # this tab reloads to see whether another tab signed this browser in
    _nonce: str = ""  # the random value the answers of this tab's codes are bound to (carried.pack)

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list({"code" if self.step == "code" else "email": self.problem})

    @rx.event
    async def load(self):
        """Remembers the way back; goes on when another tab signed this browser in meanwhile (the
        link from the mail), and says why the mail's link sent the visitor here (?probleem=)."""
        self._then = after_sign_in(page_argument(self, "verder"))
        looked, self._look_again = self._look_again, False
        if self.step == "code" and await current_actor(self) is not None:
            self.step, self.problem, self.notice, self.locked = "email", "", "", False
            slug = (await self.get_state(HubState))._slug
            return rx.redirect(f"/{slug}/{self._then}" if self._then else f"/{slug}")
        if looked:
            return  # the problem that made this tab look stays on screen
        reason = page_argument(self, "probleem")
        self.notice = LINK_PROBLEMS.get(reason, "")
        if self.notice:
            self.step, self.problem, self.locked = "email", "", False

    @rx.event
    def start_over(self):
        """Back to the address, which stays to edit ("Ander e-mailadres", "Geen mail gekregen?")."""
        self.step, self.problem, self.notice, self.locked = "email", "", "", False

    @rx.event
    async def send_code(self, form: dict):
        self.email = str(form.get("email", ""))[:300]
        if not self.email.strip():
            self.problem = NO_ADDRESS
            return
        address = login_codes.normalise_email(self.email)
        if address is None:
            self.problem = NOT_AN_ADDRESS
            return
        return await self._send(address)

    @rx.event
    async def send_again(self):
        """ "Stuur een nieuwe code" after a locked code: for the address the last one went to."""
        if self._sent_to:
            return await self._send(self._sent_to)

    async def _send(self, address: str) -> rx.event.EventSpec | None:
        hub_id = await hub_id_of(self)
        if hub_id is None:
            return None
        lang = (await self.get_state(UiState)).lang
        answers = await self._answers(hub_id)
        if answers and not self._nonce:  # one value per browser when another tab set it already
            known = session_token(self, cookies.CARRY) or ""
            self._nonce = known if _TOKEN.fullmatch(known) else digests.new_token()
        packed = carried.pack(hub_id, self._then, answers, self._nonce)
        with rx.session() as session:
            hub_name = session.get(Hub, hub_id).name
            issued = login_codes.request(session, hub_id, address, client_address(self), now(), packed)
        if issued is None:  # a limit, per address or per client: the same words for both
            self.problem = login_codes.TOO_MANY
            return None
        try:
            base = settings.link_base(page_origin(self))
            mail.send(notices.sign_in_code(address, hub_name, issued, base, lang))
        except mail.MailError as error:
            logging.getLogger("mantelzorg.auth").error("sign-in mail not sent: %s", error)
            self.problem = MAIL_FAILED
            return None
        self._sent_to = self.sent_to = address
        self.step, self.problem, self.notice, self.locked = "code", "", "", False
        return keep_carry_cookie(self, self._nonce) if answers else None

    async def _answers(self, hub_id: int) -> dict:
        """This tab's Wegwijzer answers in this hub, cleaned as the Wegwijzer cleans them."""
        answers = await self.get_state(QuestionnaireState)
        if answers._hub_id != hub_id:
            return {}
        return wegwijzer.validate(answers._answers, answers._wijk_ids)

    @rx.event
    async def check_code(self, form: dict):
        typed = str(form.get("code", ""))[:20]
        code = "".join(ch for ch in typed if ch.isdigit())
        address = self._sent_to or login_codes.normalise_email(self.email)
        if address is None:
            self.start_over()
            return
        if not code:
            self.problem = NO_CODE
            return
        with rx.session() as session:
            checked = login_codes.check_code(session, address, code, now())
            if checked.outcome == login_codes.Outcome.ok:
                # Typed in this tab: its own value says whether this tab asked the code (the newest
                # code of the address may be someone else's, asked for her address).
                passed = carried.passed_on(checked.carried, self._nonce)
                token = handoffs.issue(
                    session, handoffs.SIGN_IN, checked.hub_id, checked.email, now(), carried=passed
                )
                session.commit()
        self.notice = ""
        if checked.outcome != login_codes.Outcome.ok:
            self.problem = PROBLEMS[checked.outcome]
            self.locked = checked.outcome == login_codes.Outcome.locked
            if checked.outcome == login_codes.Outcome.used:
                return self._look()  # the link in the mail may have signed this browser in
            return
        self.problem, self.locked = "", False
        return go_to_finish(self, token, self._then)

    @rx.event
    def tapped_link(self):
        """ "Ik heb op de link getikt": signed in by the link in another tab, this one goes on too."""
        if self.step == "code":
            self.notice = NOT_SIGNED_IN_HERE
            return self._look()

    def _look(self) -> rx.event.EventSpec:
        """Reloads the page: the event socket reads the cookies only when it connects, and the link
        may have set the session cookie in another tab of this browser since. ``load`` then goes on
        as signed in, or keeps the problem on screen."""
        self._look_again = True
        return rx.call_script("window.location.reload()")


def keep_carry_cookie(state: rx.State, nonce: str) -> rx.event.EventSpec:
    """The tab's random value in a cookie of this browser (SameSite=Strict, ``__Host-`` over HTTPS,
    as ``state.auth.go_to_finish`` sets the ticket), for the mail link's yes in another tab
    (auth_routes): only this browser's codes pass their answers on there."""
    https = cookies.https_origin(page_origin(state))
    cookie = f"{cookies.name(cookies.CARRY, https)}={nonce}; Path=/; Max-Age={carried.COOKIE_MAX_AGE}"
    cookie += "; SameSite=Strict" + ("; Secure" if https else "")
    return rx.call_script(f"document.cookie = {json.dumps(cookie)}")


class SignUpState(rx.State):
    """A new person: first name, wijk, what they come for, and consent. The address is already checked.

    What the Wegwijzer's answers already say (the sign-up ticket carries them) is not asked again:
    the wijk, and "Ik zorg voor iemand" for someone who said they care for someone."""

    first_name: str = ""
    problems: dict[str, str] = dict.fromkeys(SIGN_UP_FIELDS, "")  # field: Dutch catalogue id, or ""

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return ui.problem_list(self.problems)

    wijken: list[dict[str, str]] = []
    ready: bool = False
    known_wijk: str = ""  # a wijk id the answers gave, or "": then the wijk is not asked
    known_wijk_name: str = ""
    known_role: str = ""  # "caregiver" when the answers say so, or "": then the role is not asked
    _then: str = ""  # as SignInState's: carried through /auth/finish (?verder=)

    def _ticket(self, take: bool = False):
        token = session_token(self, cookies.SIGN_UP)
        with rx.session() as session:
            use = handoffs.take if take else handoffs.peek
            ticket = use(session, handoffs.SIGN_UP, token, now())
            return (ticket.hub_id, ticket.email, ticket.carried) if ticket else None

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        ticket = self._ticket()
        self.ready = ticket is not None and ticket[0] == hub_id
        found = carried.unpack(ticket[2]) if self.ready else carried.Carried()
        self._then = after_sign_in(page_argument(self, "verder")) or found.then
        if not self.ready:
            return
        with rx.session() as session:
            wijken = hubs.wijken(session, hub_id)
        self.wijken = [{"id": str(w.id), "name": w.name} for w in wijken]
        answers = found.answers if found.hub_id == hub_id else {}
        summary = wegwijzer.summary(answers, [w.id for w in wijken])
        wijk = places.wijk_of(wijken, summary["wijk_id"], summary["postcode"])
        self.known_wijk, self.known_wijk_name = (str(wijk.id), wijk.name) if wijk else ("", "")
        self.known_role = Role.caregiver.value if summary["cares"] == "ja" else ""

    @rx.event
    def change_wijk(self):
        """ "Ander antwoord" beside the wijk the answers gave: the question after all."""
        self.known_wijk, self.known_wijk_name = "", ""

    @rx.event
    def change_role(self):
        self.known_role = ""

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
            taken = self._ticket(take=True)
            token = handoffs.issue(
                session, handoffs.SIGN_IN, hub_id, ticket[1], now(), carried=taken[2] if taken else ""
            )
            session.commit()
        self.problems = dict.fromkeys(SIGN_UP_FIELDS, "")
        return go_to_finish(self, token, self._then)
