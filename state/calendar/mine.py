"""Mijn aanmeldingen at /[hub]/mijn-aanmeldingen: what the signed-in person signed up for, each with
its date in words, its state and "Ik kom niet meer"; and "Mijn eigen agenda-link", the private feed.

``cancel`` takes a place in the list this tab loaded (its booking id stays server-side), so a
browser cannot name another person's booking; services.calendar.signing checks whose it is again.
The private feed's address is shown once, right after it is made (or renewed): only its hash is
kept, so the page can never show it again.
"""

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import BookingStatus, Hub, Role
from mantelzorg_app.services.calendar import activities, feeds, mine, notices, signing
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act, viewer
from state.auth import now
from state.client import page_origin
from state.hub import HubState

ACTION = "calendar-mine"
FEED_ACTION = "calendar-private-feed"
BOOKED = N_("U komt")
BOOKED_TWO = N_("U komt met z'n tweeën")
WAITING = N_("U staat op de wachtlijst")
CANCELLED = N_("U bent afgemeld. Fijn dat u het laat weten.")


class MyBookingsState(rx.State):
    allowed: bool = False
    signed_in: bool = False
    loaded: bool = False
    # One per booking: place, title, kind (a msgid), icon, href, status (a msgid), waiting ("ja"),
    # the date in words per language (nl, en),
    # slot_nl/slot_en ("10.15 uur" or "").
    rows: list[dict[str, str]] = []
    done: str = ""  # msgid
    asking: str = ""  # the place of the row whose "Ik kom niet meer" asks "Zeker weten?"
    has_feed: bool = False
    feed_url: str = ""  # shown once, right after it was made
    _booking_ids: list[int] = []
    _asking: int | None = None  # the booking asked about, as this tab listed it

    @rx.event
    async def load(self):
        self.done, self.feed_url = "", ""
        self._asking, self.asking = None, ""
        actor = await viewer(self, *Role)
        self._refresh(actor)
        self.loaded = True

    @rx.event
    def ask_cancel(self, place):
        """ "Ik kom niet meer" on the list's ``place``-th booking (0 first): "Zeker weten?" first."""
        booking_id = self._booking_at(place)
        self.done = ""
        self._asking, self.asking = booking_id, place if booking_id is not None else ""

    @rx.event
    def keep_booking(self):
        """ "Nee, ik kom wel": nothing changes."""
        self._asking, self.asking = None, ""

    @rx.event
    async def cancel(self, place):
        """ "Ja, ik kom niet" on the booking asked about (the ``place``-th, 0 first); anything else
        (not asked first, another row) changes nothing."""
        booking_id = self._booking_at(place)
        if booking_id != self._asking:
            booking_id = None
        self._asking, self.asking = None, ""
        base = settings.link_base(page_origin(self))

        def change(session, actor: Actor, chosen: int):
            outcome = signing.cancel_own(session, actor, chosen, now())
            return notices.moved_up(session, outcome.moved_up, base)

        if actor := await act(self, ACTION, change, booking_id):
            self._refresh(actor)
            self.done = CANCELLED

    @rx.event
    async def make_feed(self):
        """ "Maak mijn agenda-link" (or a new one: the old address stops working)."""
        made: list[str] = []

        def change(session, actor: Actor):
            made.append(feeds.make(session, actor))

        if await act(self, FEED_ACTION, change):
            slug = (await self.get_state(HubState))._slug
            base = settings.link_base(page_origin(self)) or page_origin(self)
            self.feed_url = base.rstrip("/") + routes.private_feed(slug, made[0])
            self.has_feed = True
            self.done = ""

    def _booking_at(self, place) -> int | None:
        """The booking at the list's place as the page sends it: "0", "1", ... (text only)."""
        if not (isinstance(place, str) and place.isascii() and place.isdigit() and len(place) <= 4):
            return None
        index = int(place)
        return self._booking_ids[index] if index < len(self._booking_ids) else None

    def _refresh(self, actor: Actor | None) -> None:
        if actor is None:
            self.rows, self._booking_ids, self.has_feed = [], [], False
            return
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            slug = session.get(Hub, actor.hub_id).slug
            found = mine.mine(session, actor, now())
            self.has_feed = feeds.has(session, actor)
        self._booking_ids = [m.booking_id for m in found]
        rows = []
        for index, m in enumerate(found):
            status = WAITING if m.status == BookingStatus.waiting else BOOKED_TWO if m.places == 2 else BOOKED
            when = activities.when_in_words_all(m.date, zone, until=True)
            slot = dates.clock_in_words_all(m.slot_at, zone)
            rows.append(
                {
                    "place": str(index),
                    "title": m.title,
                    "kind": KIND_LABELS.get(m.kind, ""),
                    "icon": KIND_ICONS.get(m.kind, "calendar-days"),
                    "href": f"/{slug}/{routes.activity_part(m.activity_id, m.date.key)}",
                    "status": status,
                    "waiting": "ja" if m.status == BookingStatus.waiting else "",
                    **when,
                    **{f"slot_{lang}": text for lang, text in slot.items()},
                }
            )
        self.rows = rows
