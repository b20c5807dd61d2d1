"""The organiser's list of one date at /[hub]/activiteit/[activiteit]/aanmeldingen (?datum=<key>):
who comes, with a "Bel" link each, the waiting list, the other coming dates, and a form to sign up
someone who phoned.

Only for who may organise the activity (services.calendar.attendees refuses, and logs, anyone
else: a caregiver, a professional who does not organise it, a coordinator of another hub). The id
and date in the address are the browser's word; the form carries them back as hidden fields, and
every handler finds the person from their session cookie and lets the service check it all again.
Words about a date come in every language at once ({lang: text}); labels are msgids.
"""

import dataclasses

import reflex as rx

from mantelzorg_app import routes, settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.calendar import activities, attendees, notices
from mantelzorg_app.services.calendar.recurrence import key as date_key
from mantelzorg_app.services.calendar.recurrence import parse_key
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.help.support_lines import tel_href
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_
from state.actions import act
from state.auth import current_actor, now
from state.client import page_argument, page_origin
from state.inputs import as_id, form_text
from state.ui import problem_list

ORGANISERS = (Role.coordinator, Role.professional)
FIELDS = ("name", "phone", "form")
ADDED = N_("{name} is aangemeld.")
ADDED_WAITING = N_("{name} staat op de wachtlijst.")
CANCELLED = N_("{name} is afgemeld.")


@dataclasses.dataclass
class Row:
    """One sign-up on the list: its booking id, the name, places (1 or 2), the booked slot by
    language ({} for none), the phone as given and its tel: link, by phone or not, and its number
    on the waiting list (0: has a place)."""

    id: str = ""
    name: str = ""
    places: int = 1
    slot: dict[str, str] = dataclasses.field(default_factory=dict)
    phone: str = ""
    tel_href: str = ""
    by_phone: bool = False
    waiting: int = 0


def _row(found: attendees.Attendee, zone: str) -> Row:
    return Row(
        id=str(found.booking_id),
        name=found.name,
        places=found.places,
        slot=dates.clock_in_words_all(found.slot_at, zone) if found.slot_at else {},
        phone=found.phone,
        tel_href=tel_href(found.phone) if found.phone else "",
        by_phone=found.by_phone,
        waiting=found.waiting,
    )


class SignUpsState(rx.State):
    allowed: bool = False
    signed_in: bool = False
    loaded: bool = False
    known: bool = False  # the activity has this date (else: "Deze datum kennen wij niet")
    activity_id: str = ""  # display and the form's hidden field; every handler checks it again
    date_key: str = ""
    title: str = ""
    kind: str = ""  # msgid of the kind's label
    icon: str = "calendar-days"
    place: str = ""
    activity_href: str = ""  # back to the activity's page at this date
    when: dict[str, str] = {}  # by language: "dinsdag 3 december, 14.00 tot 16.00 uur"
    whole: bool = False  # a course: one list for every evening
    taken: int = 0
    capacity: int = 0  # 0: no limit
    booked: list[Row] = []
    waiting: list[Row] = []
    # The other coming dates: key, href, chosen ("ja" or ""), and their words by language (nl, en).
    dates: list[dict[str, str]] = []
    pairs: bool = False  # "Met iemand erbij" is offered
    name: str = ""  # what the organiser typed, kept after a problem
    phone: str = ""
    two: bool = False  # "Met iemand erbij" was ticked
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    done: str = ""  # msgid of what just worked, with ``done_name``
    done_name: str = ""
    asking: str = ""  # display only: the booking whose "Afmelden" asks "Zeker weten?"

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return problem_list({k: v for k, v in self.problems.items() if k != "form"})

    @rx.event
    async def load(self):
        self.done = self.done_name = self.asking = ""
        self.problems = dict.fromkeys(FIELDS, "")
        self.name = self.phone = ""
        self.two = False
        actor = await current_actor(self)
        self.signed_in = actor is not None
        raw_id = page_argument(self, "activiteit")
        raw_key = page_argument(self, routes.DATE_PARAM)
        occurrence = parse_key(raw_key) if raw_key else None
        allowed = False
        if actor is not None:
            with rx.session() as session:
                try:
                    activity, date = attendees.date_for(session, actor, raw_id, occurrence, now())
                    allowed = True
                except Refused:  # logged by the service
                    activity = date = None
                if activity is not None:
                    key = date_key(date.occurrence) if date is not None else ""
                    self._show(session, actor, activity.id, key)
        else:
            self._forget()
        self.allowed = allowed
        self.loaded = True

    def _forget(self) -> None:
        self.known = False
        self.booked, self.waiting, self.dates = [], [], []
        self.title = self.activity_id = self.date_key = ""

    def _show(self, session, actor: Actor, activity_id: int, key: str) -> None:
        """The list of the date named ``key`` ("" for none: the activity has no coming date)."""
        moment = now()
        activity = activities.one(session, actor.hub_id, activity_id)
        zone = session.get(Hub, actor.hub_id).timezone
        listing = attendees.sign_ups(session, actor, activity.id, parse_key(key)) if key else None
        self.activity_id, self.title = str(activity.id), activity.title
        self.kind = KIND_LABELS.get(activity.kind, "")
        self.icon = KIND_ICONS.get(activity.kind, "calendar-days")
        self.whole, self.pairs = activity.whole_series, activity.pairs
        self.known = listing is not None
        self.date_key = key if listing is not None else ""
        self.activity_href = routes.activity_part(activity.id, self.date_key)
        coming = attendees.coming(session, activity, moment)
        self.dates = [
            {
                "key": date_key(d.occurrence),
                "href": routes.sign_ups_part(activity.id, date_key(d.occurrence)),
                "chosen": "ja" if date_key(d.occurrence) == key else "",
                **activities.when_in_words_all(d, zone),
            }
            for d in coming
        ]
        if listing is None:
            self.booked, self.waiting, self.when, self.place = [], [], {}, activity.place
            self.taken = self.capacity = 0
            return
        self.when = activities.when_in_words_all(listing.date, zone, until=True)
        self.place = listing.date.place or activity.place
        self.taken, self.capacity = listing.taken, listing.capacity or 0
        self.booked = [_row(a, zone) for a in listing.booked]
        self.waiting = [_row(a, zone) for a in listing.waiting]

    async def _refresh(self, actor: Actor) -> None:
        with rx.session() as session:
            if activities.one(session, actor.hub_id, as_id(self.activity_id)) is not None:
                try:
                    self._show(session, actor, int(self.activity_id), self.date_key)
                except Refused:
                    self._forget()

    def _base(self) -> str | None:
        return settings.link_base(page_origin(self))

    @rx.event
    async def add(self, form: dict):
        """ "Iemand aanmelden die belde": the activity and date come back in the form's hidden
        fields, and the service checks the organiser, the date and the places again."""
        self.name = form_text(form, "name", 200)
        self.phone = form_text(form, "phone", 60)
        self.two = form_text(form, "two") == "on"
        self.done = self.done_name = ""
        raw_id = form_text(form, "activiteit", 20)
        occurrence = parse_key(form_text(form, "datum", 20))
        places = 2 if self.two else 1
        name, phone, moment, base = self.name, self.phone, now(), self._base()
        found: dict = {}

        def add(session, actor):
            outcome = attendees.add_by_phone(session, actor, raw_id, occurrence, name, phone, places, moment)
            found["waiting"] = outcome.booking.status == "waiting"
            found["name"] = outcome.booking.name
            found["activity"] = outcome.booking.activity_id
            return notices.moved_up(session, outcome.moved_up, base)

        self.problems = dict.fromkeys(FIELDS, "")
        actor = await act(self, "calendar-add-by-phone", add, roles=ORGANISERS, problems=FIELDS)
        if actor is None:
            self._refused_unless_problems()
            return None
        self.done = ADDED_WAITING if found["waiting"] else ADDED
        self.done_name = found["name"]
        self.name = self.phone = ""
        self.two = False
        if str(found["activity"]) == self.activity_id and occurrence is not None:
            self.date_key = date_key(occurrence)
        await self._refresh(actor)
        return [rx.set_value("name", ""), rx.set_value("phone", "")]

    @rx.event
    def ask_cancel(self, booking_id):
        """Display only: "Zeker weten?" under one row; cancel checks everything itself."""
        self.asking = str(as_id(booking_id) or "")

    @rx.event
    def keep_booking(self):
        """Display only."""
        self.asking = ""

    @rx.event
    async def cancel(self, booking_id):
        """The organiser cancels someone's booking; who waits and now fits moves up and gets a mail."""
        self.done = self.done_name = ""
        moment, base = now(), self._base()
        found: dict = {}

        def cancel(session, actor, bid):
            outcome = attendees.cancel_for(session, actor, bid, moment)
            found["name"] = outcome.booking.name or self._name_of(outcome.booking.id)
            return notices.moved_up(session, outcome.moved_up, base)

        self.asking = ""
        actor = await act(self, "calendar-cancel-for", cancel, booking_id, roles=ORGANISERS)
        if actor is None:
            self._refused_unless_problems()
            return None
        self.done, self.done_name = CANCELLED, found["name"]
        await self._refresh(actor)
        return None

    def _refused_unless_problems(self) -> None:
        """After a refusal (not a form's problem) the page shows nothing of the list any more: the
        role check passed, but the service found the activity not the caller's to organise."""
        if not any(self.problems.values()):
            self.allowed = False
            self._forget()

    def _name_of(self, booking_id: int) -> str:
        return next((r.name for r in [*self.booked, *self.waiting] if r.id == str(booking_id)), "")
