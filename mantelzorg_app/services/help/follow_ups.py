"""'Is het gelukt?': a day after the agreed moment, the caregiver and the volunteer are both asked.

The agreed moment is the first day x daypart both said suits them, from the moment of the match on,
in the hub's time zone (a daypart starts at `DAYPART_STARTS`). "Ja" from the caregiver ends a one-off
request; "nee" from either puts it on the coordinator's list; "nog niet" asks again two days later.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from mantelzorg_app.models import Answer, FollowUp, HelpRequest, Hub, Person, Status, VolunteerProfile
from mantelzorg_app.models.base import split
from mantelzorg_app.services.help import matching
from mantelzorg_app.services.help.eligibility import qualifies
from mantelzorg_app.services.identity.authz import Actor, refuse

DAYPART_STARTS = (time(9), time(14), time(19))  # ochtend, middag, avond
ASK_AFTER = timedelta(days=1)
ASK_AGAIN_AFTER = timedelta(days=2)


def agreed_moment(
    request: HelpRequest, profile: VolunteerProfile | None, zone: str, now: datetime
) -> datetime:
    """The start of the first slot both can do from the slot of ``now`` on (so it may have begun just
    now); any slot of the request when they share none."""
    wanted = matching.slots(split(request.days), split(request.dayparts))
    offered = matching.slots(split(profile.days), split(profile.dayparts)) if profile else matching.ALL_SLOTS
    shared = wanted & offered or wanted
    local = now.astimezone(ZoneInfo(zone))
    start = matching.slot_of(local)  # the slot of now counts: the moment may be today
    ahead = start + (matching.next_slot(shared, start) - start) % (7 * len(DAYPART_STARTS))
    day, part = divmod(ahead, len(DAYPART_STARTS))
    when = datetime.combine(local.date() + timedelta(days=day - local.weekday()), DAYPART_STARTS[part])
    return when.replace(tzinfo=local.tzinfo)


def plan(session: Session, request: HelpRequest, volunteer_id: int, now: datetime) -> None:
    """On a match: the agreed moment, and a follow-up for the caregiver and the volunteer."""
    hub = session.get(Hub, request.hub_id)
    profile = session.exec(
        select(VolunteerProfile).where(
            VolunteerProfile.person_id == volunteer_id, VolunteerProfile.hub_id == request.hub_id
        )
    ).first()
    request.agreed_at = agreed_moment(request, profile, hub.timezone, now)
    for person_id in (request.caregiver_id, volunteer_id):
        session.add(
            FollowUp(request_id=request.id, person_id=person_id, due_at=request.agreed_at + ASK_AFTER)
        )


@dataclass(frozen=True)
class Due:
    id: int
    request_id: int
    category: str
    other: str  # the first name of the other one: the volunteer for the caregiver, and back


def due(session: Session, actor: Actor, now: datetime) -> list[Due]:
    """The actor's unanswered follow-ups in this hub whose moment has come; none for a volunteer who
    no longer qualifies for the request (eligibility.qualifies), who no longer sees the caregiver."""
    rows = session.exec(
        select(FollowUp, HelpRequest)
        .join(HelpRequest, col(HelpRequest.id) == col(FollowUp.request_id))
        .where(
            FollowUp.person_id == actor.person_id,
            HelpRequest.hub_id == actor.hub_id,
            col(FollowUp.answer).is_(None),
            FollowUp.due_at <= now,
            HelpRequest.status == Status.matched,
        )
        .order_by(col(FollowUp.due_at))
    ).all()
    found = []
    for follow_up, request in rows:
        if actor.person_id == request.volunteer_id and not qualifies(session, request, actor.person_id):
            continue
        other_id = request.volunteer_id if actor.person_id == request.caregiver_id else request.caregiver_id
        other = session.get(Person, other_id) if other_id is not None else None
        found.append(Due(follow_up.id, request.id, request.category, other.first_name if other else ""))
    return found


def answer(session: Session, actor: Actor, follow_up_id: int, given: str, now: datetime) -> None:
    """Records the answer; see the module's docstring for what each does."""
    follow_up = session.get(FollowUp, follow_up_id)
    request = session.get(HelpRequest, follow_up.request_id) if follow_up is not None else None
    if (
        follow_up is None
        or request is None
        or follow_up.person_id != actor.person_id
        or request.hub_id != actor.hub_id
        or follow_up.answer is not None
        or given not in set(Answer)
    ):
        refuse(session, "answer-follow-up", actor.hub_id, actor.person_id, f"follow-up {follow_up_id}")
    follow_up.answer, follow_up.answered_at = given, now
    session.add(follow_up)
    if given == Answer.not_yet:
        session.add(FollowUp(request_id=request.id, person_id=actor.person_id, due_at=now + ASK_AGAIN_AFTER))
    elif given == Answer.no:
        request.needs_attention = True
    elif actor.person_id == request.caregiver_id and not request.recurring:
        request.status = Status.done
    session.add(request)
    session.commit()
