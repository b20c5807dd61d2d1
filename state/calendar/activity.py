"""One activity at /[hub]/activiteit/[activiteit] (?datum=<key> picks a date): everything about it,
its coming dates each with its state for the viewer, and "Ik kom" / "Ik kom niet meer".

Public to read: the id in the address is the browser's word, and ``activities.one`` finds it only in
the hub the server looked up, so another hub's id reads "Deze activiteit kennen wij niet". What the
handlers act on is what ``load`` found, kept in backend-only vars (the activity, the chosen date,
the chosen slot); the person is found again from their session cookie in every handler, and
services.calendar.bookings checks the hub, the date, the places and the slot once more.
Words about a date come in every language at once ({lang: text}); labels are msgids.
"""

from datetime import datetime

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Activity, ActivityKind, BookingStatus, Hub
from mantelzorg_app.services.calendar import activities, bookings, notices, signing
from mantelzorg_app.services.calendar.bookings import NotPossible
from mantelzorg_app.services.calendar.recurrence import key as _key
from mantelzorg_app.services.calendar.recurrence import parse_key
from mantelzorg_app.services.calendar.vocabulary import AUDIENCE_LABELS, HOST_ROLES, KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import dates, i18n, mail
from mantelzorg_app.services.platform.i18n import N_
from state.auth import current_actor, now, require
from state.client import page_argument, page_origin
from state.hub import hub_id_of

PICK_A_TIME = N_("Kies eerst een tijd. Of loop gewoon binnen.")
SIGNED_UP = N_("Dank u wel. U bent aangemeld.")
ON_THE_LIST = N_("U staat op de wachtlijst. Komt er een plek vrij? Dan krijgt u een mail.")
CANCELLED = N_("U bent afgemeld. Fijn dat u het laat weten.")


_NONE = dict.fromkeys(i18n.LANGUAGES, "")  # nothing to say, in every language


class ActivityState(rx.State):
    loaded: bool = False
    known: bool = False
    signed_in: bool = False
    # The activity's plain facts as strings ("" where it has none): id, title, kind (a msgid), icon,
    # audience (a msgid), summary, for_whom, place, address, map_href, cost, access, bring,
    # organiser, whole ("ja": one sign-up for every evening), walk_in ("ja": slots to book),
    # pairs ("ja": "Ik neem iemand mee" is offered), ics_href.
    card: dict[str, str] = {}
    when: dict[str, str] = _NONE  # by language: the chosen date, "dinsdag 3 december, 14.00 tot 16.00 uur"
    moved_note: str = ""  # the organiser's note of a moved date, in their words
    # The coming dates: key, one text per language (nl, en), label (a msgid), n (its number),
    # chosen ("ja"), the date's own place when moved.
    dates: list[dict[str, str]] = []
    status: str = ""  # the viewer's booking of the chosen date: "", "booked", "waiting"
    label: str = ""  # msgid: what the chosen date says ("Vol", "Nog {n} plaatsen", "U komt", ...)
    label_n: str = ""
    full: bool = False
    two: bool = False  # the viewer's booking is for two
    slot_words: dict[str, str] = _NONE  # by language: the viewer's booked slot, "10.15 uur"
    slots: list[dict[str, str]] = []  # key, nl, en, taken ("ja"), chosen ("ja")
    hosts: list[dict[str, str]] = []  # first_name, role (a msgid)
    with_someone: bool = False  # "Ik neem iemand mee": sign up as two
    walk_in_only: bool = False  # "Ik loop gewoon binnen" chosen
    problem: str = ""  # msgid: why the sign-up did not go
    done: str = ""  # msgid: what the last tap did
    asking: bool = False  # "Ik kom niet meer" asks "Zeker weten?" first
    # Server-side: what the handlers act on, as load found it in the hub the server looked up.
    _activity_id: int | None = None
    _occurrence: datetime | None = None  # the date a sign-up is for
    _slot: datetime | None = None
    _slots: list[datetime] = []
    _asking: datetime | None = None  # the date whose "Ik kom niet meer" was asked about

    @rx.event
    async def load(self):
        self.with_someone = self.walk_in_only = False
        self.problem = self.done = ""
        self._slot = None
        self._stop_asking()
        actor = await current_actor(self)
        self.signed_in = bool(actor and actor.roles)
        hub_id = await hub_id_of(self)
        raw = page_argument(self, "activiteit")
        raw = raw if raw.isascii() and raw.isdigit() and len(raw) <= 12 else ""
        with rx.session() as session:
            activity = activities.one(session, hub_id, raw) if hub_id is not None and raw else None
            if activity is None or activity.cancelled_at is not None:
                self._forget()
            else:
                self._show(session, activity, actor, page_argument(self, routes.DATE_PARAM))
        self.loaded = True

    @rx.event
    async def choose(self, key):
        """One of the listed dates (a series'; a course has one sign-up for all)."""
        chosen = parse_key(key)
        if self._activity_id is None or chosen is None:
            return
        self.problem = self.done = ""
        self._slot, self.walk_in_only = None, False
        self._stop_asking()
        await self._again(key)

    @rx.event
    def choose_slot(self, key):
        """A walk-in hour's time: one of this tab's slots (server-side), not taken; "" walks in."""
        self.problem = ""
        if key == "":
            self._slot, self.walk_in_only = None, True
        else:
            chosen = parse_key(key)
            taken = {s["key"] for s in self.slots if s["taken"] == "ja"}
            if chosen is None or chosen not in self._slots or key in taken:
                return
            self._slot, self.walk_in_only = chosen, False
        self.slots = [
            s | {"chosen": "ja" if self._slot and s["key"] == _key(self._slot) else ""} for s in self.slots
        ]

    @rx.event
    def toggle_someone(self):
        self.with_someone = not self.with_someone and self.card.get("pairs") == "ja"

    @rx.event
    async def sign_up(self):
        """ "Ik kom" / "Zet mij op de wachtlijst": booked when the places fit, else waiting."""
        actor = await require(self, bookings.ACTION)
        if actor is None or self._activity_id is None or self._occurrence is None:
            return
        if self.card.get("walk_in") == "ja" and self._slot is None:
            self.problem = PICK_A_TIME
            return
        with rx.session() as session:
            try:
                outcome = bookings.sign_up(
                    session,
                    actor,
                    self._activity_id,
                    self._occurrence,
                    now(),
                    places=2 if self.with_someone else 1,
                    slot_at=self._slot,
                )
            except Refused:
                return
            except NotPossible as not_possible:
                session.rollback()
                self.problem = not_possible.msgid
                await self._again(self._key_now())
                self.problem = not_possible.msgid
                return
            session.commit()
            waiting = outcome.booking.status == BookingStatus.waiting
        self.with_someone = False
        await self._again(self._key_now())
        self.done = ON_THE_LIST if waiting else SIGNED_UP

    @rx.event
    def ask_cancel(self):
        """ "Ik kom niet meer": first "Zeker weten?", for the date chosen now (held here)."""
        self.done = ""
        if self._activity_id is not None and self._occurrence is not None and self.status:
            self._asking, self.asking = self._occurrence, True

    @rx.event
    def keep_booking(self):
        """ "Nee, ik kom wel": nothing changes."""
        self._stop_asking()

    @rx.event
    async def cancel(self):
        """ "Ja, ik kom niet": the viewer's own booking of the date asked about goes; who now fits
        moves up and gets a mail (after the commit)."""
        asked = self._asking
        self._stop_asking()
        actor = await require(self, signing.ACTION)
        if actor is None or self._activity_id is None or self._occurrence is None:
            return
        if asked is None or asked != self._occurrence:  # not asked first, or another date since
            return
        told: list[mail.Message] = []
        with rx.session() as session:
            own = [
                b
                for b in signing.own_live(session, actor, self._activity_id)
                if b.occurrence == self._occurrence
            ]
            try:
                if not own:
                    signing.cancel_own(session, actor, None, now())  # refuses and logs
                outcome = signing.cancel_own(session, actor, own[0].id, now())
                told = notices.moved_up(session, outcome.moved_up, settings.link_base(page_origin(self)))
            except Refused:
                return
            session.commit()
        mail.send_all(told)
        await self._again(self._key_now())
        self.done = CANCELLED

    # -- helpers --------------------------------------------------------------------------------

    def _stop_asking(self) -> None:
        self._asking, self.asking = None, False

    def _key_now(self) -> str:
        return _key(self._occurrence) if self._occurrence else ""

    async def _again(self, key: str) -> None:
        actor = await current_actor(self)
        hub_id = await hub_id_of(self)
        with rx.session() as session:
            activity = activities.one(session, hub_id, self._activity_id) if hub_id is not None else None
            if activity is None or activity.cancelled_at is not None:
                self._forget()
                return
            self._show(session, activity, actor, key)

    def _forget(self) -> None:
        self.known, self.card, self.dates, self.slots, self.hosts = False, {}, [], [], []
        self.when, self.slot_words = _NONE, _NONE
        self._activity_id, self._occurrence, self._slot, self._slots = None, None, None, []
        self._stop_asking()

    def _show(self, session, activity: Activity, actor: Actor | None, key: str) -> None:
        hub = session.get(Hub, activity.hub_id)
        zone, moment = hub.timezone, now()
        person_id = actor.person_id if actor and actor.roles else None
        listed = signing.coming(session, activity, zone, moment)
        if activity.whole_series:
            chosen = signing.sign_up_date(activity, listed)
        else:
            wanted = parse_key(key)
            chosen = next((d for d in listed if d.occurrence == wanted), None)
            chosen = chosen or next(
                (d for d in listed if d.starts_at > moment), listed[0] if listed else None
            )
        state = signing.state_of(session, activity, chosen, person_id) if chosen else None
        self._activity_id, self._occurrence = activity.id, chosen.occurrence if chosen else None
        self.card = self._card(activity, hub, chosen.key if chosen and not activity.whole_series else "")
        self.known = True
        self.dates = [self._row(session, activity, d, person_id, chosen, zone) for d in listed]
        self.when = activities.when_in_words_all(chosen, zone, until=True) if chosen else _NONE
        self.moved_note = chosen.note if chosen else ""
        if chosen and chosen.place:
            self.card = self.card | {"place": chosen.place}
        label, number = state.label() if state else ("", 0)
        self.label, self.label_n = label, str(number)
        self.full = bool(state and state.full)
        mine = state.mine if state else None
        self.status = mine.status if mine is not None else ""
        self.two = bool(mine and mine.places == 2)
        self.slot_words = dates.clock_in_words_all(mine.slot_at if mine is not None else None, zone)
        self._slots = [at for at, _taken in state.slots] if state else []
        if self._slot not in self._slots:
            self._slot = None
        self.slots = [
            {"key": _key(at), "taken": "ja" if taken else "", "chosen": "ja" if at == self._slot else ""}
            | dates.clock_in_words_all(at, zone)
            for at, taken in (state.slots if state else ())
        ]
        self.hosts = [
            {"first_name": h.first_name, "role": HOST_ROLES.get(h.role, "")}
            for h in (activities.hosts(session, activity.id, chosen.occurrence) if chosen else [])
        ]

    @staticmethod
    def _row(session, activity: Activity, date, person_id, chosen, zone: str) -> dict[str, str]:
        row = {"key": date.key, "chosen": "ja" if chosen and date.occurrence == chosen.occurrence else ""}
        row |= activities.when_in_words_all(date, zone)
        row["place"] = date.place
        if activity.whole_series:
            row["label"], row["n"] = "", "0"
        else:
            label, number = signing.state_of(session, activity, date, person_id).label()
            row["label"], row["n"] = label, str(number)
        return row

    @staticmethod
    def _card(activity: Activity, hub: Hub, date_key: str) -> dict[str, str]:
        return {
            "id": str(activity.id),
            "title": activity.title,
            "kind": KIND_LABELS.get(activity.kind, KIND_LABELS[ActivityKind.other]),
            "icon": KIND_ICONS.get(activity.kind, "calendar-days"),
            "audience": AUDIENCE_LABELS.get(activity.audience, ""),
            "summary": activity.summary,
            "for_whom": activity.for_whom,
            "place": activity.place,
            "address": activity.address,
            "map_href": activities.map_link(activity),
            "cost": activity.cost,
            "access": activity.access,
            "bring": activity.bring,
            "organiser": activity.organiser_name,
            "whole": "ja" if activity.whole_series else "",
            "walk_in": "ja" if activity.slot_minutes else "",
            "pairs": "ja" if activity.pairs else "",
            "ics_href": routes.activity_feed(hub.slug, activity.id, date_key),
            "href": f"/{hub.slug}/{routes.activity_part(activity.id)}",
        }
