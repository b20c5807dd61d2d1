"""Which hub the visitor is in, from the URL's first path segment; looked up on the server."""

import reflex as rx

from mantelzorg_app.services.platform import hubs
from mantelzorg_app.services.platform.i18n import N_
from state.client import page_argument


class HubState(rx.State):
    slug: str = ""
    name: str = ""
    speech_locale: str = "nl-NL"
    found: bool = True
    # Server-side copies: a browser can set any plain var (Reflex's setvar), never these.
    _hub_id: int | None = None  # every handler scopes to this hub
    _slug: str = ""

    @rx.event
    def load(self):
        """Every hub page runs this on load; a slug we do not know shows a plain 'not found'."""
        self._look_up()

    def _look_up(self) -> None:
        slug = page_argument(self, "hub")
        with rx.session() as session:
            hub = hubs.hub_by_slug(session, slug)
        if hub is None:
            self.slug, self.name, self.found, self._hub_id, self._slug = "", "", False, None, ""
            return
        self._hub_id, self._slug = hub.id, hub.slug
        self.slug, self.name, self.speech_locale, self.found = (
            hub.slug,
            hub.name,
            hub.speech_locale,
            True,
        )

    def _ensure_hub_id(self) -> int | None:
        """The hub's id, looked up now if a tap came before the page's on_load (a slow phone)."""
        if self._hub_id is None:
            self._look_up()
        return self._hub_id


async def hub_id_of(state: rx.State) -> int | None:
    """The hub the server looked up for this page; every handler scopes to it."""
    return (await state.get_state(HubState))._ensure_hub_id()


# Why a sign-in link sent the visitor back to the start (the ?probleem= of /auth/link).
LINK_PROBLEMS = {
    "used": N_("Deze link is al gebruikt. Kies uw gemeente en vraag een nieuwe code aan."),
    "expired": N_("Deze link is te oud. Kies uw gemeente en vraag een nieuwe code aan."),
    "unknown": N_("Deze link werkt niet. Kies uw gemeente en vraag een nieuwe code aan."),
}


class HubListState(rx.State):
    """The hubs a visitor can choose from on the start page."""

    choices: list[dict[str, str]] = []
    problem: str = ""

    @rx.event
    def load(self):
        reason = page_argument(self, "probleem")
        self.problem = LINK_PROBLEMS.get(reason, LINK_PROBLEMS["unknown"]) if reason else ""
        with rx.session() as session:
            self.choices = [{"slug": h.slug, "name": h.name} for h in hubs.active_hubs(session)]
