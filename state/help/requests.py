"""A caregiver's help requests: the status of each in plain words, offers to answer, and stopping.

A professional sees the requests they posted for caregivers, and may answer offers for them.
"""

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.models import Role
from mantelzorg_app.services.help import notices, requests
from mantelzorg_app.services.help.requests import STATUS_WORDS
from mantelzorg_app.services.help.vocabulary import HELP_CATEGORIES
from state.actions import act, viewer
from state.auth import now
from state.client import page_origin

ASKERS = (Role.caregiver, Role.professional, Role.coordinator)
CATEGORY = {c.value: (c.label, c.icon) for c in HELP_CATEGORIES}


def request_row(request, wijk: str) -> dict[str, str]:
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


class RequestsState(rx.State):
    signed_in: bool = False
    allowed: bool = False
    rows: list[dict[str, str]] = []
    offers: list[dict[str, str]] = []  # {"id", "request_id", "name"}
    just_asked: bool = False  # "Uw hulpvraag staat klaar", once, after the form
    _asked: bool = False  # set by the form; shown by the next load

    @rx.event
    async def load(self):
        actor = await viewer(self, *ASKERS)
        self.just_asked, self._asked = self._asked, False
        if actor:
            self._refresh(actor)

    def _refresh(self, actor) -> None:
        with rx.session() as session:
            found = requests.mine(session, actor)
        rows, offers = [], []
        for item in found:
            r = item.request
            rows.append(
                {
                    **request_row(r, item.wijk),
                    "status": STATUS_WORDS[item.shown],
                    "state": item.shown,
                    "helper": item.helper,
                    "for": item.caregiver if r.caregiver_id != actor.person_id else "",
                }
            )
            offers += [{"id": str(o.id), "request_id": str(r.id), "name": o.first_name} for o in item.offers]
        self.rows, self.offers = rows, offers

    @rx.event
    async def answer(self, offer_id, accept):
        """ "Ja, graag" or "Nee, liever niet" to a volunteer's offer; a yes is mailed to the volunteer."""
        base = settings.link_base(page_origin(self))

        def answer(session, actor, found_id) -> list:
            request = requests.answer_offer(session, actor, found_id, accept is True, now())
            return notices.offer_accepted(session, request, base) if accept is True else []

        await self._act("answer-offer", answer, offer_id)

    @rx.event
    async def stop(self, request_id):
        def stop(session, actor, found_id) -> None:
            requests.stop(session, actor, found_id, now())

        await self._act("stop-request", stop, request_id)

    async def _act(self, action: str, change, raw_id) -> None:
        """``change(session, actor, id)`` returns the mails to send once it worked (state.actions)."""
        if actor := await act(self, action, change, raw_id, roles=ASKERS):
            self.just_asked = False
            self._refresh(actor)
