"""Which hub the visitor is in, from the URL's first path segment; looked up on the server."""

import reflex as rx

from mantelzorg_app.services import hubs


class HubState(rx.State):
    slug: str = ""
    name: str = ""
    speech_locale: str = "nl-NL"
    found: bool = True

    @rx.event
    def load(self):
        """Every hub page runs this on load; a slug we do not know shows a plain 'not found'."""
        slug = self.router.page.params.get("hub", "")
        with rx.session() as session:
            hub = hubs.hub_by_slug(session, slug) if isinstance(slug, str) else None
        if hub is None:
            self.slug, self.name, self.found = "", "", False
            return
        self.slug, self.name, self.speech_locale, self.found = (
            hub.slug,
            hub.name,
            hub.speech_locale,
            True,
        )


class HubListState(rx.State):
    """The hubs a visitor can choose from on the start page."""

    choices: list[dict[str, str]] = []

    @rx.event
    def load(self):
        with rx.session() as session:
            self.choices = [{"slug": h.slug, "name": h.name} for h in hubs.active_hubs(session)]
