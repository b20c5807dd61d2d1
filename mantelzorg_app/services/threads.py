"""The private conversation of a matched request: the caregiver, the volunteer, and the professional
who posted it on the caregiver's behalf. Plain and kept; the chat feature makes it real time."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app.models import HelpRequest, ThreadMessage
from mantelzorg_app.services.authz import Actor, refuse
from mantelzorg_app.services.help_requests import Status, first_names
from mantelzorg_app.services.i18n import N_
from mantelzorg_app.services.problems import Invalid

TEXT_MAX = 1000


@dataclass(frozen=True)
class Thread:
    request: HelpRequest
    caregiver: str  # first names
    volunteer: str
    messages: tuple[tuple[str, str, datetime, bool], ...]  # author's first name, text, when, by the reader


def _open(session: Session, actor: Actor, request_id: int, action: str) -> HelpRequest:
    request = session.get(HelpRequest, request_id)
    if (
        request is None
        or request.hub_id != actor.hub_id
        or request.status == Status.open
        or actor.person_id not in (request.caregiver_id, request.volunteer_id, request.posted_by_id)
    ):
        refuse(session, action, actor.hub_id, actor.person_id, f"request {request_id}")
    return request


def read(session: Session, actor: Actor, request_id: int) -> Thread:
    request = _open(session, actor, request_id, "read-thread")
    names = first_names(session, {request.caregiver_id, request.volunteer_id, request.posted_by_id})
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
    )


def post(session: Session, actor: Actor, request_id: int, text: str, now: datetime) -> ThreadMessage:
    request = _open(session, actor, request_id, "post-thread")
    cleaned = text.strip()
    if not cleaned:
        raise Invalid({"text": N_("Typ eerst een bericht.")})
    if len(cleaned) > TEXT_MAX:
        raise Invalid({"text": N_("Dit bericht is te lang. Schrijf het korter.")})
    message = ThreadMessage(request_id=request.id, author_id=actor.person_id, text=cleaned, created_at=now)
    session.add(message)
    session.commit()
    session.refresh(message)
    return message
