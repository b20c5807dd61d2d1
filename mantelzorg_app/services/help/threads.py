"""The private conversation of a matched request: the caregiver, the volunteer, and the professional
who posted it on the caregiver's behalf. Plain and kept; the chat feature makes it real time.

It takes messages only while the request is matched and its volunteer still qualifies
(`eligibility.qualifies`: a volunteer of the hub, with a VOG date for help at home). Once the
request is stopped or done it stays readable, as the people's own history; a volunteer who no longer
qualifies no longer reads it at all, so no longer sees the caregiver's name.

Limit: one person writes at most `MESSAGES_PER_DAY` messages in 24 hours (counted from the messages
themselves): far more than any real conversation needs, and a stop to a script flooding a thread.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from mantelzorg_app.models import HelpRequest, Status, ThreadMessage
from mantelzorg_app.services.help.eligibility import qualifies
from mantelzorg_app.services.help.requests import DAY, caregiver_name_for, first_names
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

TEXT_MAX = 1000
MESSAGES_PER_DAY = 200
TOO_MANY = N_("U heeft vandaag al heel veel berichten gestuurd. Probeer het morgen weer.")


@dataclass(frozen=True)
class Thread:
    request: HelpRequest
    caregiver: str  # first names
    volunteer: str
    messages: tuple[tuple[str, str, datetime, bool], ...]  # author's first name, text, when, by the reader
    takes_messages: bool  # matched, with a volunteer who still qualifies


def _open(session: Session, actor: Actor, request_id: int, action: str) -> tuple[HelpRequest, bool]:
    """The request, and whether its volunteer still qualifies; refused for anyone not in it."""
    request = session.get(HelpRequest, request_id)
    if (
        request is None
        or request.hub_id != actor.hub_id
        or request.status == Status.open
        or actor.person_id not in (request.caregiver_id, request.volunteer_id, request.posted_by_id)
    ):
        refuse(session, action, actor.hub_id, actor.person_id, f"request {request_id}")
    volunteer_qualifies = qualifies(session, request, request.volunteer_id)
    if actor.person_id == request.volunteer_id and not volunteer_qualifies:
        refuse(session, action, actor.hub_id, actor.person_id, f"request {request_id}, no longer qualifies")
    return request, volunteer_qualifies


def read(session: Session, actor: Actor, request_id: int) -> Thread:
    request, volunteer_qualifies = _open(session, actor, request_id, "read-thread")
    names = first_names(session, {request.caregiver_id, request.volunteer_id, request.posted_by_id})
    names[request.caregiver_id] = caregiver_name_for(request, actor, names)
    rows = session.exec(
        select(ThreadMessage)
        .where(ThreadMessage.request_id == request.id)
        .order_by(col(ThreadMessage.created_at), col(ThreadMessage.id))
    ).all()
    return Thread(
        request=request,
        caregiver=names.get(request.caregiver_id, ""),
        volunteer=names.get(request.volunteer_id, ""),
        messages=tuple(
            (names.get(m.author_id, ""), m.text, m.created_at, m.author_id == actor.person_id) for m in rows
        ),
        takes_messages=request.status == Status.matched and volunteer_qualifies,
    )


def post(session: Session, actor: Actor, request_id: int, text: str, now: datetime) -> ThreadMessage:
    request, volunteer_qualifies = _open(session, actor, request_id, "post-thread")
    if request.status != Status.matched or not volunteer_qualifies:
        refuse(session, "post-thread", actor.hub_id, actor.person_id, f"request {request_id}, closed")
    cleaned = text.strip()
    if not cleaned:
        raise Invalid({"text": N_("Typ eerst een bericht.")})
    if len(cleaned) > TEXT_MAX:
        raise Invalid({"text": N_("Dit bericht is te lang. Schrijf het korter.")})
    written = session.exec(
        select(func.count()).where(
            ThreadMessage.author_id == actor.person_id, ThreadMessage.created_at > now - DAY
        )
    ).one()
    if written >= MESSAGES_PER_DAY:
        raise Invalid({"text": TOO_MANY})
    message = ThreadMessage(request_id=request.id, author_id=actor.person_id, text=cleaned, created_at=now)
    session.add(message)
    session.commit()
    session.refresh(message)
    return message
