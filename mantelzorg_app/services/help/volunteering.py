"""Volunteers: their profile, the requests that fit them best first, and "Ik help".

A volunteer never sees who asked until the caregiver accepts: the list shows the category, the text,
the wijk and when. Home visits appear only for volunteers the coordinator vetted (VOG seen).
A volunteer may take back their "Ik help" until the caregiver says yes (`take_back`). The caregiver
hears of a volunteer's offer on a request once: a taken back offer stays as a withdrawn row, and a
new "Ik help" takes that row again without telling her a second time.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session, col, select

from mantelzorg_app.models import (
    HelpOffer,
    HelpRequest,
    Membership,
    OfferStatus,
    Person,
    Status,
    VolunteerProfile,
    Wijk,
)
from mantelzorg_app.models.base import joined, split
from mantelzorg_app.services.help import matching
from mantelzorg_app.services.help.eligibility import volunteer_membership
from mantelzorg_app.services.help.requests import place_label
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform import places
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

LANGUAGE_VALUES = ("nl", *matching.LANGUAGE_NAMES)
DISTANCES_KM = (2, 5, 10, 20)
LIST_LIMIT = 30


@dataclass
class ProfileForm:
    categories: list[str]
    wijk_ids: list[int]
    postcode: str
    max_km: int | None
    days: list[str]
    dayparts: list[str]
    languages: list[str]


def _volunteer(session: Session, actor: Actor, action: str) -> Membership:
    membership = volunteer_membership(session, actor.person_id, actor.hub_id)
    if membership is None:
        refuse(session, action, actor.hub_id, actor.person_id, "not a volunteer")
    return membership


def profile(session: Session, actor: Actor) -> VolunteerProfile | None:
    """The actor's profile in this hub, or None when they have not filled it in yet."""
    return session.exec(
        select(VolunteerProfile).where(
            VolunteerProfile.person_id == actor.person_id, VolunteerProfile.hub_id == actor.hub_id
        )
    ).first()


def save_profile(session: Session, actor: Actor, form: ProfileForm, now: datetime) -> VolunteerProfile:
    """Keeps what the volunteer chose; raises Invalid with plain-words problems by field."""
    _volunteer(session, actor, "save-volunteer-profile")
    hub_wijken = set(session.exec(select(Wijk.id).where(Wijk.hub_id == actor.hub_id)).all())
    wijk_ids = [w for w in form.wijk_ids if w in hub_wijken]
    postcode = places.normalise(form.postcode)
    problems = {}
    if not any(c in CATEGORY_VALUES for c in form.categories):
        problems["categories"] = N_("Kies minstens één soort hulp.")
    if form.postcode.strip() and postcode is None:
        problems["postcode"] = N_("Dit lijkt geen postcode. Typ bijvoorbeeld 3831 AB.")
    if not wijk_ids:
        # An empty field says what to do: the one step still missing, on its own field.
        distance = form.max_km in DISTANCES_KM
        if postcode and not distance:
            problems["max_km"] = N_("Kies hoe ver u wilt gaan.")
        elif distance and not form.postcode.strip():
            problems["postcode"] = N_("Typ uw postcode. Of kies een wijk of dorp.")
        elif "postcode" not in problems and not (postcode and distance):
            problems["wijken"] = N_("Kies een wijk of dorp, of typ uw postcode en kies een afstand.")
    if problems:
        raise Invalid(problems)
    found = profile(session, actor) or VolunteerProfile(person_id=actor.person_id, hub_id=actor.hub_id)
    found.categories = joined(form.categories, CATEGORY_VALUES)
    found.wijk_ids = " ".join(str(w) for w in sorted(wijk_ids))
    found.postcode = postcode
    found.max_km = form.max_km if form.max_km in DISTANCES_KM else None
    found.days = joined(form.days, DAY_VALUES)
    found.dayparts = joined(form.dayparts, DAYPART_VALUES)
    found.languages = joined(form.languages, LANGUAGE_VALUES)
    found.updated_at = now
    session.add(found)
    session.commit()
    session.refresh(found)
    return found


def as_volunteer(row: VolunteerProfile, wijk_names: dict[int, str], is_vetted: bool) -> matching.Volunteer:
    return matching.Volunteer(
        id=row.person_id,
        hub_id=row.hub_id,
        categories=frozenset(split(row.categories)),
        wijken=frozenset(wijk_names[int(w)] for w in split(row.wijk_ids) if int(w) in wijk_names),
        postcode=row.postcode,
        max_km=row.max_km,
        days=frozenset(split(row.days)),
        dayparts=frozenset(split(row.dayparts)),
        languages=frozenset(split(row.languages)),
        vetted=is_vetted,
    )


def as_request(row: HelpRequest, wijken: dict[int, Wijk]) -> matching.Request:
    """The request for the matching; a request placed by wijk is at the wijk's first postcode area."""
    wijk = wijken.get(row.wijk_id)
    postcode = row.postcode or places.wijk_postcode(wijk)
    return matching.Request(
        id=row.id,
        hub_id=row.hub_id,
        category=row.category,
        wijk=wijk.name if wijk else "",
        postcode=postcode,
        days=frozenset(split(row.days)),
        dayparts=frozenset(split(row.dayparts)),
        languages=frozenset(),
        home_visit=row.home_visit,
        open=row.status == Status.open,
        created_at=row.created_at,
    )


# What the matching reads of a request (see as_request): a few columns, not whole rows.
_MATCHED_COLUMNS = (
    HelpRequest.id,
    HelpRequest.hub_id,
    HelpRequest.category,
    HelpRequest.wijk_id,
    HelpRequest.postcode,
    HelpRequest.days,
    HelpRequest.dayparts,
    HelpRequest.home_visit,
    HelpRequest.status,
    HelpRequest.created_at,
)


def hub_wijken(session: Session, hub_id: int) -> dict[int, Wijk]:
    return {w.id: w for w in session.exec(select(Wijk).where(Wijk.hub_id == hub_id))}


@dataclass(frozen=True)
class Fit:
    """An open request for a volunteer: what, where, when, why it fits; never who asked."""

    request: HelpRequest
    wijk: str
    match: matching.Match
    suggested: bool  # the coordinator asked this volunteer
    offered: bool  # the volunteer said "Ik help" and waits for the caregiver


class _Me(NamedTuple):
    """The volunteer as the matching sees them."""

    profile: VolunteerProfile
    wijken: dict[int, Wijk]  # the hub's
    wijk_names: dict[int, str]
    volunteer: matching.Volunteer
    offers: dict[int, str]  # their offers' status by request id


def _me(session: Session, actor: Actor, membership: Membership) -> _Me | None:
    """None while the volunteer has no profile."""
    row = profile(session, actor)
    if row is None:
        return None
    wijken = hub_wijken(session, actor.hub_id)
    names = {wijk_id: wijk.name for wijk_id, wijk in wijken.items()}
    me = as_volunteer(row, names, membership.vog_checked_on is not None)
    mine = dict(
        session.exec(
            select(HelpOffer.request_id, HelpOffer.status).where(HelpOffer.volunteer_id == actor.person_id)
        ).all()
    )
    return _Me(row, wijken, names, me, mine)


def fits(session: Session, actor: Actor, now: datetime) -> list[Fit]:
    """The open requests that fit the volunteer, best first (the coordinator's suggestions on top).

    Requests they already offered to are listed too, marked, so they see their offer is waiting.
    A declined offer takes the request off their list. The hard rules that SQL can check (hub, open,
    category, home visit, wijk when the volunteer gave no distance) filter the rows before they are
    read; the matching checks them all again, and ranks. Only the shown rows are read whole.
    """
    return _fits(session, actor, _me(session, actor, _volunteer(session, actor, "volunteer-requests")), now)


def _fits(session: Session, actor: Actor, found: _Me | None, now: datetime) -> list[Fit]:
    if found is None:
        return []
    row, wijken, names, me, mine = found
    query = select(*_MATCHED_COLUMNS).where(
        HelpRequest.hub_id == actor.hub_id,
        HelpRequest.status == Status.open,
        HelpRequest.caregiver_id != actor.person_id,
        col(HelpRequest.category).in_(me.categories),
    )
    if not me.vetted:
        query = query.where(~col(HelpRequest.home_visit))
    if row.postcode is None or row.max_km is None:  # by wijken only
        query = query.where(col(HelpRequest.wijk_id).in_([int(w) for w in split(row.wijk_ids)]))
    candidates = [
        as_request(r, wijken) for r in session.exec(query).all() if mine.get(r.id) != OfferStatus.declined
    ]
    suggested = {r_id for r_id, status in mine.items() if status == OfferStatus.suggested}
    ranked = matching.requests_for(me, (r for r in candidates if r.id in suggested), now)
    ranked += [m for m in matching.requests_for(me, candidates, now, LIST_LIMIT) if m.id not in suggested]
    shown = ranked[:LIST_LIMIT]
    rows = {
        r.id: r
        for r in session.exec(select(HelpRequest).where(col(HelpRequest.id).in_([m.id for m in shown])))
    }
    return [
        Fit(
            request=rows[m.id],
            wijk=place_label(rows[m.id], names),
            match=m,
            suggested=m.id in suggested,
            offered=mine.get(m.id) == OfferStatus.offered,
        )
        for m in shown
    ]


def _fits_one(session: Session, actor: Actor, request_id: int, now: datetime) -> bool:
    found = _me(session, actor, _volunteer(session, actor, "offer-help"))
    request = session.get(HelpRequest, request_id)
    if found is None or request is None or request.caregiver_id == actor.person_id:
        return False
    _row, wijken, _names, me, mine = found
    if mine.get(request_id) == OfferStatus.declined:
        return False
    return bool(matching.requests_for(me, [as_request(request, wijken)], now))


def offer(session: Session, actor: Actor, request_id: int, now: datetime) -> HelpOffer | None:
    """ "Ik help": only on an open request of this hub that fits the volunteer, wherever it ranks.

    The offer, when "Ik help" made one the caregiver has not heard of (new, or from the coordinator's
    suggestion or an ended match): the caller mails her. None when she was told already, so the
    caller tells nobody: a repeated tap changes nothing, and an offer taken back (withdrawn) waits
    for her again in the same row, unmailed. After the caregiver's no the request is off their list
    and "Ik help" is refused."""
    if not _fits_one(session, actor, request_id, now):
        refuse(session, "offer-help", actor.hub_id, actor.person_id, f"request {request_id}")
    found = session.exec(
        select(HelpOffer).where(HelpOffer.request_id == request_id, HelpOffer.volunteer_id == actor.person_id)
    ).first()
    if found is not None and found.status == OfferStatus.offered:
        return None
    told = found is not None and found.status == OfferStatus.withdrawn
    if found is None:
        found = HelpOffer(request_id=request_id, volunteer_id=actor.person_id, status=OfferStatus.offered)
    found.status, found.created_at = OfferStatus.offered, now
    session.add(found)
    session.commit()
    session.refresh(found)
    return None if told else found


def take_back(session: Session, actor: Actor, request_id: int) -> None:
    """ "Ik kan toch niet helpen": the volunteer's own waiting "Ik help" on an open request of this
    hub goes, until the caregiver said yes. Refused (and logged) for anyone else's offer, another
    hub, an answered offer, or a request no longer open. The offer is withdrawn, not declined: the
    caregiver no longer sees it, the request stays on their list and they may offer again (`offer`
    then mails nobody: the row remembers she was told). A coordinator's suggestion that the
    volunteer had turned into an offer goes with it (they said no to it by taking it back)."""
    _volunteer(session, actor, "take-back-offer")
    request = session.get(HelpRequest, request_id)
    found = session.exec(
        select(HelpOffer).where(HelpOffer.request_id == request_id, HelpOffer.volunteer_id == actor.person_id)
    ).first()
    if (
        request is None
        or request.hub_id != actor.hub_id
        or request.status != Status.open
        or found is None
        or found.status != OfferStatus.offered
    ):
        refuse(session, "take-back-offer", actor.hub_id, actor.person_id, f"request {request_id}")
    found.status = OfferStatus.withdrawn
    session.add(found)
    session.commit()


@dataclass(frozen=True)
class Helping:
    request: HelpRequest
    caregiver: str  # first name


@dataclass(frozen=True)
class Overview:
    """Everything the "Helpen" page shows, read with one membership and one profile lookup."""

    has_profile: bool
    vetted: bool
    fits: list[Fit]
    helping: list[Helping]


def overview(session: Session, actor: Actor, now: datetime) -> Overview:
    membership = _volunteer(session, actor, "volunteer-requests")
    me = _me(session, actor, membership)
    return Overview(
        has_profile=me is not None,
        vetted=membership.vog_checked_on is not None,
        fits=_fits(session, actor, me, now),
        helping=_helping(session, actor, membership),
    )


def helping(session: Session, actor: Actor) -> list[Helping]:
    """The matched requests the actor helps with in this hub, with the caregiver's first name: only
    while they qualify (a volunteer of the hub; with a VOG date for help at home)."""
    membership = volunteer_membership(session, actor.person_id, actor.hub_id)
    return _helping(session, actor, membership) if membership is not None else []


def _helping(session: Session, actor: Actor, membership: Membership) -> list[Helping]:
    query = (
        select(HelpRequest, Person)
        .join(Person, col(Person.id) == col(HelpRequest.caregiver_id))
        .where(
            HelpRequest.hub_id == actor.hub_id,
            HelpRequest.volunteer_id == actor.person_id,
            HelpRequest.status == Status.matched,
        )
        .order_by(col(HelpRequest.id))
    )
    if membership.vog_checked_on is None:
        query = query.where(~col(HelpRequest.home_visit))
    rows = session.exec(query).all()
    return [Helping(request, person.first_name) for request, person in rows]
