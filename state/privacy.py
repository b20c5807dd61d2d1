"""Mijn gegevens: what we keep about the signed-in person, the chat's mail switch, and wiping their
account.

Every handler finds the person from the session cookie and the hub the server looked up;
nothing the browser sends says who it is about.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import reflex as rx
from babel.dates import format_date

from mantelzorg_app.models import Hub, Role
from mantelzorg_app.models.base import utcnow as now
from mantelzorg_app.services import privacy
from mantelzorg_app.services.chat import notices as chat_notices
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import audit, i18n
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act
from state.auth import current_actor
from state.hub import HubState, hub_id_of
from state.tab import empty_other_tabs, forget_tab

# What someone does in a hub, in their own words (the sign-up answers, and the roles given later).
CONFIRM_FOR = timedelta(minutes=10)  # how long "Weet u het zeker?" stays answered
ROLE_LABELS = {
    Role.caregiver: N_("Ik zorg voor iemand"),
    Role.volunteer: N_("Ik wil helpen als vrijwilliger"),
    Role.trekker: N_("Ik wil nieuws uit mijn wijk delen"),
    Role.professional: N_("Ik help vanuit mijn werk"),
    Role.coordinator: N_("Ik ben coördinator"),
}


def _full_dates(moment: str, timezone: str) -> dict[str, str]:
    """A stored moment as a date in words, in every language: "maandag 23 november 2026"."""
    day = datetime.fromisoformat(moment).astimezone(ZoneInfo(timezone)).date()
    return {lang: format_date(day, format="full", locale=lang) for lang in i18n.LANGUAGES}


class PrivacyState(rx.State):
    """The person's own data as shown on the page; emptied on every load and after a wipe."""

    email: str = ""
    phone: str = ""
    memberships: list[dict[str, str]] = []  # hub, role (catalogue id), wijk, pending ("1" or "")
    consented_on: dict[str, str] = {}  # language: date in words, of the latest consent
    chat_mail: bool = True  # "Stuur mij een mail als er een bericht op mij wacht" (Person.chat_mail)
    confirming: bool = False  # shows the confirm step; delete_account trusts only the two below
    _confirmed_by: int | None = None  # the person who tapped "Verwijder mijn account"
    _confirmed_at: datetime | None = None

    @rx.event
    async def load(self):
        self.reset()
        found = await current_actor(self)
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            data = privacy.stored(session, found.person_id) if found else None
            timezone = session.get(Hub, hub_id).timezone if found else ""
        if data is None:
            return
        self.email = data["person"]["email"] or ""
        self.phone = data["person"]["phone"] or ""
        self.memberships = [
            {
                "hub": m["hub_name"],
                "role": ROLE_LABELS[Role(m["role"])],
                "wijk": m["wijk"] or "",
                "pending": "1" if m["pending"] else "",
            }
            for m in data["memberships"]
        ]
        if data["consents"]:
            self.consented_on = _full_dates(data["consents"][-1]["given_at"], timezone)
        self.chat_mail = data["chat_mail"]["on"]

    @rx.event
    async def set_chat_mail(self, on: bool):
        """The unread mail on or off, for the signed-in person only (from their session cookie)."""

        def switch(session, actor) -> None:
            chat_notices.switch(session, actor.person_id, on)

        if await act(self, "chat-mail", switch, shows_page=False, ready=isinstance(on, bool)):
            self.chat_mail = on

    @rx.event
    async def ask_to_delete(self):
        """The confirm step. The server remembers it for a few minutes: a browser cannot skip it."""
        found = await current_actor(self)
        self.confirming = found is not None
        self._confirmed_by, self._confirmed_at = (found.person_id, now()) if found else (None, None)

    @rx.event
    def keep_account(self):
        self.confirming, self._confirmed_by, self._confirmed_at = False, None, None

    @rx.event
    async def delete_account(self):
        """Wipes the signed-in person after the confirm step, forgets this tab and goes to the hub's Home."""
        hub = await self.get_state(HubState)
        tabs: set[str] = set()

        def wipe(session, actor) -> None:
            tabs.update(sessions.tabs(session, person_id=actor.person_id))
            privacy.delete(session, actor.person_id, hub_id=hub._hub_id)

        if await act(self, audit.DELETE, wipe, shows_page=False, ready=self._confirmed):
            await empty_other_tabs(tabs, self)
            return await forget_tab(self, f"/{hub._slug}")
        return None

    def _confirmed(self, actor) -> bool:
        """Whether this person tapped "Verwijder mijn account" a few minutes ago; if not, the
        confirm step starts again."""
        asked_at = self._confirmed_at if self._confirmed_by == actor.person_id else None
        if asked_at is not None and now() - asked_at <= CONFIRM_FOR:
            return True
        self.keep_account()
        return False
