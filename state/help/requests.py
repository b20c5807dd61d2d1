"""A caregiver's help requests: the status of each in plain words, offers to answer, and stopping.

A professional sees the requests they posted for caregivers, and may answer offers for them.
Each card says a thing once: while offers wait, the offers ask the question, not a status line too.
"Ik heb deze hulp niet meer nodig" asks once ("Weet u het zeker?") before it stops the request.
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.help import moments, notices, requests
from mantelzorg_app.services.help.requests import OFFERED, STATUS_WORDS
from mantelzorg_app.services.help.vocabulary import HELP_CATEGORIES
from state.actions import act, viewer
from state.auth import now
from state.client import page_origin

ASKERS = (Role.caregiver, Role.professional, Role.coordinator)
STOPPABLE = ("open", OFFERED, "matched")  # shown states a caregiver can still stop
CATEGORY = {c.value: (c.label, c.icon) for c in HELP_CATEGORIES}


class RequestRow(TypedDict):
    """What every list shows of a request (``request_row``)."""

    id: str
    label: str
    icon: str
    text: str
    wijk: str
    home_visit: str
    recurring: str


def request_row(request, wijk: str) -> RequestRow:
    """What every list shows of a request: its category word and pictogram, text and place."""
    label, icon = CATEGORY.get(request.category, ("", "hand-heart"))
    return {
        "id": str(request.id),
        "label": label,
        "icon": icon,
        "text": request.text,
        "wijk": wijk,
        "home_visit": "ja" if request.home_visit else "",
        "recurring": "ja" if request.recurring else "",
    }


class StatusRow(RequestRow):
    """A request on "Mijn hulpvragen": ``request_row``'s keys, its status, and when in words."""

    status: str  # a STATUS_WORDS msgid, or "" while offers wait (they ask the question)
    state: str  # Mine.shown
    helper: str
    caregiver: str  # for whom, when the reader posted it for someone else; else ""
    when: dict[str, str]  # by language: "Wanneer: dinsdag of donderdag, in de middag"
    first: dict[str, str]  # by language, once matched: "Eerste moment dat past: morgen, in de middag"


class RequestsState(rx.State):
    signed_in: bool = False
    allowed: bool = False
    rows: list[StatusRow] = []
    offers: list[dict[str, str]] = []  # {"id", "request_id", "name"}
    just_asked: bool = False  # "Uw hulpvraag staat klaar", once, after the form
    stopping: str = ""  # the request whose "Weet u het zeker?" shows
    _asked: bool = False  # set by the form; shown by the next load

    @rx.event
    async def load(self):
        actor = await viewer(self, *ASKERS)
        self.just_asked, self._asked = self._asked, False
        self.stopping = ""
        if actor:
            self._refresh(actor)

    def _refresh(self, actor) -> None:
        moment = now()
        with rx.session() as session:
            found = requests.mine(session, actor)
            zone = session.get(Hub, actor.hub_id).timezone
        rows, offers = [], []
        for item in found:
            r = item.request
            rows.append(
                StatusRow(
                    **request_row(r, item.wijk),
                    status="" if item.shown == OFFERED else STATUS_WORDS[item.shown],
                    state=item.shown,
                    helper=item.helper,
                    caregiver=item.caregiver if r.caregiver_id != actor.person_id else "",
                    when=moments.when_all(r),
                    first=moments.first_moment_all(r, zone, moment) if item.shown == "matched" else {},
                )
            )
            offers += [{"id": str(o.id), "request_id": str(r.id), "name": o.first_name} for o in item.offers]
        self.rows, self.offers = rows, offers
        if self.stopping not in {row["id"] for row in rows if row["state"] in STOPPABLE}:
            self.stopping = ""

    @rx.event
    async def answer(self, offer_id, accept):
        """ "Ja, graag" or "Nee, liever niet" to a volunteer's offer; a yes is mailed to the volunteer."""
        base = settings.link_base(page_origin(self))

        def answer(session, actor, found_id) -> list:
            request = requests.answer_offer(session, actor, found_id, accept is True, now())
            return notices.offer_accepted(session, request, base) if accept is True else []

        await self._act("answer-offer", answer, offer_id)

    @rx.event
    def ask_stop(self, request_id):
        """ "Ik heb deze hulp niet meer nodig": first "Weet u het zeker?" on that card (display only:
        only a request this tab lists, that can still stop; ``stop`` checks everything itself)."""
        stoppable = {row["id"] for row in self.rows if row["state"] in STOPPABLE}
        self.stopping = str(request_id) if str(request_id) in stoppable else ""

    @rx.event
    def keep(self):
        """ "Nee, ik wil nog hulp": the question goes, nothing changes."""
        self.stopping = ""

    @rx.event
    async def stop(self, request_id):
        def stop(session, actor, found_id) -> None:
            requests.stop(session, actor, found_id, now())

        self.stopping = ""
        await self._act("stop-request", stop, request_id)

    async def _act(self, action: str, change, raw_id) -> None:
        """``change(session, actor, id)`` returns the mails to send once it worked (state.actions)."""
        if actor := await act(self, action, change, raw_id, roles=ASKERS):
            self.just_asked = False
            self._refresh(actor)
