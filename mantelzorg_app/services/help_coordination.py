"""The coordinator's view of help requests: those waiting too long, and suggesting a volunteer.

A request still without a volunteer `STALE_AFTER` after it was asked, or one where somebody answered
"Is het gelukt?" with no, is on the list. For each, the best fitting volunteers are offered to pick.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mantelzorg_app.models import HelpOffer, HelpRequest, Membership, Person, Role, VolunteerProfile
from mantelzorg_app.services import audit, matching
from mantelzorg_app.services.authz import Actor, refuse, require_role
from mantelzorg_app.services.help_requests import OfferStatus, Status, place_label
from mantelzorg_app.services.volunteering import as_request, as_volunteer, hub_wijken

STALE_AFTER = timedelta(days=3)
CANDIDATES = 3


@dataclass(frozen=True)
class Waiting:
    request: HelpRequest
    wijk: str
    days: int  # since it was asked
    candidates: tuple[tuple[int, str], ...]  # (volunteer's person id, first name), best first
    suggested: tuple[str, ...]  # first names already suggested


def _volunteers(
    session: Session, hub_id: int, wijk_names: dict[int, str]
) -> tuple[list[matching.Volunteer], dict[int, str]]:
    """The hub's volunteers with a profile, for the matching, and their first names by person id."""
    rows = session.exec(
        select(VolunteerProfile, Membership, Person)
        .join(
            Membership,
            (col(Membership.person_id) == col(VolunteerProfile.person_id))
            & (col(Membership.hub_id) == col(VolunteerProfile.hub_id)),
        )
        .join(Person, col(Person.id) == col(VolunteerProfile.person_id))
        .where(
            VolunteerProfile.hub_id == hub_id,
            Membership.role == Role.volunteer,
            ~col(Membership.pending),
        )
    ).all()
    found = [as_volunteer(p, wijk_names, m.vog_checked_on is not None) for p, m, _ in rows]
    return found, {person.id: person.first_name for _, _, person in rows}


def waiting(session: Session, actor: Actor, now: datetime) -> list[Waiting]:
    """Requests of this hub that need the coordinator, oldest first."""
    require_role(session, actor, "stale-requests", Role.coordinator)
    rows = session.exec(
        select(HelpRequest)
        .where(
            HelpRequest.hub_id == actor.hub_id,
            ((HelpRequest.status == Status.open) & (HelpRequest.created_at <= now - STALE_AFTER))
            | ((HelpRequest.status == Status.matched) & col(HelpRequest.needs_attention)),
        )
        .order_by(col(HelpRequest.created_at))
    ).all()
    if not rows:
        return []
    wijken = hub_wijken(session, actor.hub_id)
    wijk_names = {wijk_id: wijk.name for wijk_id, wijk in wijken.items()}
    volunteers, names = _volunteers(session, actor.hub_id, wijk_names)
    offers = session.exec(select(HelpOffer).where(col(HelpOffer.request_id).in_([r.id for r in rows]))).all()
    found = []
    for row in rows:
        asked = {o.volunteer_id: o.status for o in offers if o.request_id == row.id}
        ranked = matching.volunteers_for(as_request(row, wijken), volunteers, now)  # none when matched
        candidates = [(m.id, names[m.id]) for m in ranked if m.id not in asked and m.id != row.caregiver_id]
        found.append(
            Waiting(
                request=row,
                wijk=place_label(row, wijk_names),
                days=(now - row.created_at).days,
                candidates=tuple(candidates[:CANDIDATES]),
                suggested=tuple(
                    names.get(v, "") for v, status in asked.items() if status == OfferStatus.suggested
                ),
            )
        )
    return found


def handled(session: Session, actor: Actor, request_id: int) -> None:
    """The coordinator called about a "nee": the request leaves the list (it stays matched)."""
    require_role(session, actor, "attention-handled", Role.coordinator)
    request = session.get(HelpRequest, request_id)
    if request is None or request.hub_id != actor.hub_id or not request.needs_attention:
        refuse(session, "attention-handled", actor.hub_id, actor.person_id, f"request {request_id}")
    request.needs_attention = False
    session.add(request)
    session.commit()


def suggest(session: Session, actor: Actor, request_id: int, volunteer_id: int, now: datetime) -> None:
    """Puts the request on top of the volunteer's list, marked "De coördinator vraagt of u kunt helpen"."""
    require_role(session, actor, "suggest-volunteer", Role.coordinator)
    listed = {w.request.id: w for w in waiting(session, actor, now)}
    entry = listed.get(request_id)
    if entry is None or volunteer_id not in {person_id for person_id, _ in entry.candidates}:
        refuse(session, "suggest-volunteer", actor.hub_id, actor.person_id, f"request {request_id}")
    session.add(HelpOffer(request_id=request_id, volunteer_id=volunteer_id, status=OfferStatus.suggested))
    session.flush()
    audit.record(
        session,
        audit.SUGGESTED_VOLUNTEER,
        hub_id=actor.hub_id,
        actor_id=actor.person_id,
        subject_id=volunteer_id,
    )
