"""The coordinator's view of help requests: every open one, those that need them, suggesting a volunteer.

A request still without a volunteer `STALE_AFTER` after it was asked, one where somebody answered
"Is het gelukt?" with no, or one that opened again because the coordinator took back its volunteer's
VOG (`vog_taken_back`), needs the coordinator (`waiting`). The page lists every open request
(`open_requests`): those first, then the ones still fresh. For each that needs them, the best fitting
volunteers are offered to pick.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import true
from sqlmodel import Session, col, select, update
from sqlmodel import delete as delete_rows

from mantelzorg_app.models import (
    FollowUp,
    HelpOffer,
    HelpRequest,
    Membership,
    OfferStatus,
    Person,
    Role,
    Status,
    VolunteerProfile,
)
from mantelzorg_app.services.help import matching
from mantelzorg_app.services.help.requests import first_names, place_label, shown_status
from mantelzorg_app.services.help.volunteering import as_request, as_volunteer, hub_wijken
from mantelzorg_app.services.identity import memberships
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit

STALE_AFTER = timedelta(days=3)
CANDIDATES = 3

VETTED = "vetted"
UNVETTED = "unvetted"


@dataclass(frozen=True)
class Waiting:
    request: HelpRequest
    wijk: str
    days: int  # since it was asked
    candidates: tuple[tuple[int, str], ...]  # (volunteer's person id, first name), best first
    suggested: tuple[str, ...]  # first names already suggested
    vog_taken_back_from: str  # first name of the volunteer it had until their VOG was taken back, or ""

    @property
    def said_no(self) -> bool:
        """Somebody answered "Is het gelukt?" with no: the coordinator calls."""
        return self.request.needs_attention and self.request.status == Status.matched

    @property
    def waits_long(self) -> bool:
        """Still without a volunteer `STALE_AFTER` after it was asked."""
        return self.request.status != Status.matched and self.days >= STALE_AFTER.days

    @property
    def needs_coordinator(self) -> bool:
        return self.waits_long or self.request.needs_attention


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
    """Requests of this hub that need the coordinator, oldest first.

    A request that waits for its caregiver's yes by mail is listed and ranked as if open (a
    suggestion reaches the volunteer once it opens): a coordinator who posted it must not learn
    from this list whether the address already had an account."""
    return _listed(session, actor, now, HelpRequest.created_at <= now - STALE_AFTER)


def open_requests(session: Session, actor: Actor, now: datetime) -> list[Waiting]:
    """Every request of this hub still without a volunteer, and those that need the coordinator
    (`waiting`): those first, each part oldest first."""
    found = _listed(session, actor, now, true())
    return sorted(found, key=lambda w: not w.needs_coordinator)  # stable: oldest first within each


def _listed(session: Session, actor: Actor, now: datetime, open_since) -> list[Waiting]:
    """Open (or waiting for a yes) requests of the hub that meet ``open_since``, and those that need
    attention, oldest first."""
    require_role(session, actor, "stale-requests", Role.coordinator)
    rows = session.exec(
        select(HelpRequest)
        .where(
            HelpRequest.hub_id == actor.hub_id,
            (col(HelpRequest.status).in_([Status.open, Status.waiting])) & open_since
            | (col(HelpRequest.status).in_([Status.open, Status.matched]) & col(HelpRequest.needs_attention)),
        )
        .order_by(col(HelpRequest.created_at))
    ).all()
    if not rows:
        return []
    wijken = hub_wijken(session, actor.hub_id)
    wijk_names = {wijk_id: wijk.name for wijk_id, wijk in wijken.items()}
    volunteers, names = _volunteers(session, actor.hub_id, wijk_names)
    offers = session.exec(select(HelpOffer).where(col(HelpOffer.request_id).in_([r.id for r in rows]))).all()
    ended = {o.request_id: o.volunteer_id for o in offers if o.status == OfferStatus.ended}
    ended_names = first_names(session, set(ended.values()))
    found = []
    for row in rows:
        asked = {o.volunteer_id: o.status for o in offers if o.request_id == row.id}
        entry = Waiting(
            request=row,
            wijk=place_label(row, wijk_names),
            days=(now - row.created_at).days,
            candidates=(),
            suggested=tuple(
                names.get(v, "") for v, status in asked.items() if status == OfferStatus.suggested
            ),
            vog_taken_back_from=ended_names.get(ended.get(row.id), "") if row.status == Status.open else "",
        )
        if entry.needs_coordinator:  # a fresh one may still find its volunteer by itself
            shown = replace(as_request(row, wijken), open=shown_status(row) == Status.open)
            ranked = matching.volunteers_for(shown, volunteers, now)  # none when matched
            candidates = [
                (m.id, names[m.id]) for m in ranked if m.id not in asked and m.id != row.caregiver_id
            ]
            entry = replace(entry, candidates=tuple(candidates[:CANDIDATES]))
        found.append(entry)
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
    session.commit()


def set_vetted(session: Session, by: Actor, membership_id: int, checked_on: date | None) -> None:
    """Records the day the VOG was seen (None takes it back); only vetted volunteers visit homes,
    so taking it back reopens their home visits for the coordinator (vog_taken_back)."""
    membership = memberships.of_hub(session, by, membership_id, Role.volunteer, "vet-volunteer")
    membership.vog_checked_on = checked_on
    if checked_on is None:
        vog_taken_back(session, by.hub_id, membership.person_id)
    session.add(membership)
    audit.record(
        session,
        VETTED if checked_on else UNVETTED,
        hub_id=by.hub_id,
        actor_id=by.person_id,
        subject_id=membership.person_id,
        detail=checked_on.isoformat() if checked_on else "",
    )
    session.commit()


def vog_taken_back(session: Session, hub_id: int, volunteer_id: int) -> None:
    """The coordinator took back the volunteer's VOG: they no longer help at people's homes.

    Each home-visit request matched with them opens again and goes on the coordinator's list at once,
    saying whose VOG went, with the volunteers who fit to ask. It reopens rather than only being
    flagged because what the coordinator does next is find someone else: only an open request gets
    candidates here and reaches other volunteers' lists, and the caregiver's page then says plainly
    that a volunteer is being looked for. The match's follow-ups go; its conversation stays the
    caregiver's history, closed (services.chat: the next volunteer gets a conversation of their own
    and never reads what was said to this one). Their waiting
    offers on home visits go too, so no caregiver accepts one. A VOG given back later brings no match
    back: the volunteer may offer again and the caregiver decides. In the caller's transaction.
    """
    homes = select(HelpRequest.id).where(HelpRequest.hub_id == hub_id, col(HelpRequest.home_visit))
    theirs = col(HelpOffer.volunteer_id) == volunteer_id
    matched = session.exec(
        select(HelpRequest).where(
            col(HelpRequest.id).in_(homes),
            HelpRequest.volunteer_id == volunteer_id,
            HelpRequest.status == Status.matched,
        )
    ).all()
    ids = [r.id for r in matched]
    session.exec(delete_rows(FollowUp).where(col(FollowUp.request_id).in_(ids)))
    session.exec(
        update(HelpOffer)
        .where(theirs, col(HelpOffer.request_id).in_(ids), HelpOffer.status == OfferStatus.accepted)
        .values(status=OfferStatus.ended)  # says whose VOG went (`Waiting.vog_taken_back_from`)
    )
    waiting = col(HelpOffer.status).in_([OfferStatus.offered, OfferStatus.suggested])
    session.exec(delete_rows(HelpOffer).where(theirs, waiting, col(HelpOffer.request_id).in_(homes)))
    for request in matched:
        request.status, request.volunteer_id, request.agreed_at = Status.open, None, None
        request.needs_attention = True
        session.add(request)
