"""Help requests: a caregiver (or a professional on their behalf) asks; the caregiver follows the status.

A request has one category. Its text is picked from example sentences or typed, so nobody has to
write. Only the caregiver, and the professional who posted it, see and answer a request's offers.
Every function takes the `Actor` the handler got from ``authz.require`` and checks the hub and the
person against the rows; a forged id of another hub or person is refused and logged.

Limit: one person makes at most `REQUESTS_PER_DAY` requests in 24 hours, their own and those they
post for others together (counted from the requests themselves); a real caregiver or professional
never gets near it, a script that floods the volunteers' lists does.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from mantelzorg_app.models import (
    STAFF_ROLES,
    Consent,
    HelpOffer,
    HelpRequest,
    Membership,
    OfferStatus,
    Person,
    Role,
    Status,
    Wijk,
)
from mantelzorg_app.models.base import joined
from mantelzorg_app.services.help import follow_ups
from mantelzorg_app.services.help.eligibility import qualifies
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES
from mantelzorg_app.services.identity import accounts, login_codes, memberships
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit, places
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

TEXT_MAX = 300
ON_BEHALF_CONSENT = "namens-2026-11"  # the version of the words the professional confirms
REQUESTS_PER_DAY = 10
DAY = timedelta(days=1)  # the caps count back this far
TOO_MANY_REQUESTS = N_("U heeft vandaag al veel hulpvragen gemaakt. Probeer het morgen weer.")

# Example sentences per category: tap one instead of writing. The first is chosen when none is.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "boodschappen": (
        N_("Wie kan één keer per week boodschappen voor ons doen?"),
        N_("Wie wil met mij naar de supermarkt gaan?"),
    ),
    "vervoer": (
        N_("Wie kan ons naar het ziekenhuis brengen?"),
        N_("Wie kan mijn moeder naar de dagbesteding rijden?"),
    ),
    "gezelschap": (
        N_("Wie komt een uurtje koffie drinken met mijn vader?"),
        N_("Wie wil samen met mijn partner een stukje wandelen?"),
    ),
    "klusjes": (
        N_("Wie kan een lamp ophangen of een kraan maken?"),
        N_("Wie helpt met de tuin?"),
    ),
    "oppas": (
        N_("Wie kan een middag blijven, zodat ik even weg kan?"),
        N_("Wie kan een avond oppassen?"),
    ),
    "huishouden": (
        N_("Wie helpt met de was en de strijk?"),
        N_("Wie helpt met stofzuigen en opruimen?"),
    ),
    "papierwerk": (
        N_("Wie helpt met brieven en formulieren?"),
        N_("Wie helpt met een aanvraag bij de gemeente?"),
    ),
    "praten": (
        N_("Ik wil graag af en toe met iemand praten."),
        N_("Wie belt mij eens per week even op?"),
    ),
}
NO_TEXT = N_("Schrijf in een paar woorden wat u zoekt, of kies een voorbeeld.")
# Help that takes a volunteer into the home: shown only to volunteers the coordinator vetted (VOG).
HOME_VISIT_BY_DEFAULT = frozenset({"gezelschap", "klusjes", "oppas", "huishouden", "papierwerk"})


# The status of a request in plain words, for the caregiver, by ``Mine.shown``. ``{name}``: the
# volunteer's first name.
OFFERED = "offered"  # shown, never stored: open, with volunteers' offers waiting for the caregiver's answer
STATUS_WORDS = {
    "open": N_("Wij zoeken een vrijwilliger."),
    OFFERED: N_("Iemand wil u helpen. Wilt u dat?"),
    "matched": N_("{name} helpt u."),
    "done": N_("Gelukt. Deze hulpvraag is klaar."),
    "closed": N_("Gestopt. U heeft deze hulpvraag stopgezet."),
}


@dataclass
class Draft:
    """A request as the form holds it, before it is checked. ``wijk_id`` or ``postcode`` says where."""

    category: str = ""
    text: str = ""
    wijk_id: int | None = None
    postcode: str = ""
    days: list[str] = field(default_factory=list)
    dayparts: list[str] = field(default_factory=list)
    recurring: bool = False
    home_visit: bool | None = None  # None: what the category usually needs


@dataclass(frozen=True)
class OnBehalf:
    """Who a professional posts for: the caregiver's first name and address, and their consent."""

    first_name: str
    email: str
    consent: bool


def draft_from_answers(found: dict) -> Draft:
    """A draft from the Wegwijzer's ``summary``: the first help chosen, its first example, when, where."""
    categories = [c for c in found.get("categories", []) if c in CATEGORY_VALUES]
    category = categories[0] if categories else ""
    return Draft(
        category=category,
        text=EXAMPLES[category][0] if category else "",
        wijk_id=found.get("wijk_id"),
        postcode=found.get("postcode") or "",
        days=list(found.get("days", [])),
        dayparts=list(found.get("dayparts", [])),
    )


def draft_from_form(chosen: dict, text: str, postcode: str) -> Draft:
    """The request the form describes. ``chosen``: its taps (a Draft as a dict, with ``example``, the
    chosen example sentence's index, -1 for their own words). The sentence, or the typed ``text``
    (Invalid, on the text, when it is empty); a typed ``postcode`` stands instead of the wijk."""
    example = chosen.get("example", 0)
    sentences = EXAMPLES.get(chosen.get("category", ""), ())
    own = example == -1 or not sentences
    if own and not text.strip():
        raise Invalid({"text": NO_TEXT})
    return Draft(
        category=chosen.get("category", ""),
        text=text if own else sentences[min(max(example, 0), len(sentences) - 1)],
        wijk_id=None if postcode.strip() else chosen.get("wijk_id"),
        postcode=postcode,
        days=chosen.get("days", []),
        dayparts=chosen.get("dayparts", []),
        recurring=bool(chosen.get("recurring")),
        home_visit=chosen.get("home_visit"),
    )


def _check(session: Session, hub_id: int, draft: Draft) -> dict:
    problems = {}
    if draft.category not in CATEGORY_VALUES:
        problems["category"] = N_("Kies bij welke hulp u iemand zoekt.")
    text = " ".join(draft.text.split())
    if not text and draft.category in EXAMPLES:
        text = EXAMPLES[draft.category][0]
    if len(text) > TEXT_MAX:
        problems["text"] = N_("Deze tekst is te lang. Schrijf het korter, in een paar zinnen.")
    wijk = session.get(Wijk, draft.wijk_id) if draft.wijk_id is not None else None
    if wijk is not None and wijk.hub_id != hub_id:
        wijk = None
    postcode = places.normalise(draft.postcode)
    if wijk is None and postcode is None:
        problems["place"] = N_("Kies uw wijk of dorp, of typ uw postcode.")
    if problems:
        raise Invalid(problems)
    home_visit = draft.home_visit if draft.home_visit is not None else draft.category in HOME_VISIT_BY_DEFAULT
    return {
        "category": draft.category,
        "text": text,
        "wijk_id": wijk.id if wijk else None,
        "postcode": postcode,
        "days": joined(draft.days, DAY_VALUES),
        "dayparts": joined(draft.dayparts, DAYPART_VALUES),
        "recurring": bool(draft.recurring),
        "home_visit": bool(home_visit),
    }


def create(session: Session, actor: Actor, draft: Draft, now: datetime) -> HelpRequest:
    """The caregiver's own request. Raises Invalid with plain-words problems by field."""
    require_role(session, actor, "create-request", Role.caregiver)
    _check_daily_cap(session, actor, now)
    request = HelpRequest(
        hub_id=actor.hub_id,
        caregiver_id=actor.person_id,
        created_at=now,
        **_check(session, actor.hub_id, draft),
    )
    session.add(request)
    session.commit()
    session.refresh(request)
    return request


def create_on_behalf(
    session: Session, actor: Actor, draft: Draft, who: OnBehalf, now: datetime
) -> HelpRequest:
    """A professional posts for a caregiver who said yes, so they can sign in with their address,
    follow the request and answer offers. A new address gets an account with the typed name, the
    caregiver role and the consent now, and so does the consent of a caregiver of this hub. Anyone
    else's account is not touched: the request waits for their yes by mail (services.confirmations,
    which mails every case alike). The poster sees the name they typed, never the stored one."""
    require_role(session, actor, "create-request-on-behalf", *STAFF_ROLES)
    _check_daily_cap(session, actor, now)
    problems = {}
    try:
        fields = _check(session, actor.hub_id, draft)
    except Invalid as invalid:
        problems.update(invalid.problems)
    first_name = " ".join(who.first_name.split())
    if not first_name or len(first_name) > accounts.FIRST_NAME_MAX:
        problems["caregiver_first_name"] = N_("Typ de voornaam van de mantelzorger.")
    address = login_codes.normalise_email(who.email)
    if address is None:
        problems["caregiver_email"] = N_("Dit lijkt geen e-mailadres. Kijk het nog eens na.")
    if not who.consent:
        problems["consent"] = N_("Vraag eerst of de mantelzorger het goed vindt.")
    if problems:
        raise Invalid(problems)
    person = accounts.by_email(session, address)
    waiting = (
        person is not None and memberships.held(session, person.id, actor.hub_id, Role.caregiver) is None
    )
    if person is None:
        person = Person(first_name=first_name, email=address, created_at=now)
        session.add(person)
        session.flush()
        wijk_id = fields["wijk_id"]
        session.add(
            Membership(person_id=person.id, hub_id=actor.hub_id, role=Role.caregiver, wijk_id=wijk_id)
        )
    if not waiting:
        session.add(Consent(person_id=person.id, text_version=ON_BEHALF_CONSENT, given_at=now))
    request = HelpRequest(
        hub_id=actor.hub_id,
        caregiver_id=person.id,
        posted_by_id=actor.person_id,
        caregiver_name=first_name,
        status=Status.waiting if waiting else Status.open,
        created_at=now,
        **fields,
    )
    session.add(request)
    session.flush()
    audit.record(
        session, audit.REQUEST_ON_BEHALF, hub_id=actor.hub_id, actor_id=actor.person_id, subject_id=person.id
    )
    session.commit()
    session.refresh(request)
    return request


def shown_status(request: HelpRequest) -> str:
    """The status as people see it: a request waiting for the caregiver's yes looks open, so the
    poster cannot tell whether the address they typed already had an account."""
    return Status.open if request.status == Status.waiting else request.status


def _check_daily_cap(session: Session, actor: Actor, now: datetime) -> None:
    """Raises Invalid (on the text, so the form keeps what was typed) past `REQUESTS_PER_DAY`."""
    made_by_actor = func.coalesce(col(HelpRequest.posted_by_id), col(HelpRequest.caregiver_id))
    made = session.exec(
        select(func.count()).where(made_by_actor == actor.person_id, HelpRequest.created_at > now - DAY)
    ).one()
    if made >= REQUESTS_PER_DAY:
        raise Invalid({"text": TOO_MANY_REQUESTS})


def may_answer(request: HelpRequest, actor: Actor) -> bool:
    """The caregiver, or the professional who posted it, decides about offers and may stop it."""
    return request.hub_id == actor.hub_id and actor.person_id in (request.caregiver_id, request.posted_by_id)


def _own_request(session: Session, actor: Actor, request_id: int, action: str) -> HelpRequest:
    request = session.get(HelpRequest, request_id)
    if request is None or not may_answer(request, actor):
        refuse(session, action, actor.hub_id, actor.person_id, f"request {request_id}")
    return request


@dataclass(frozen=True)
class Offer:
    id: int
    first_name: str


@dataclass(frozen=True)
class Mine:
    """One of the caregiver's requests as their page shows it."""

    request: HelpRequest
    wijk: str
    offers: tuple[Offer, ...]  # volunteers who said "Ik help", waiting for an answer
    shown: str  # its status as the page words it, a key of STATUS_WORDS (shown_status, or OFFERED)
    helper: str  # the volunteer's first name once matched, else ""
    caregiver: str  # the caregiver's first name; for the professional who posted it, as they typed it


def mine(session: Session, actor: Actor) -> list[Mine]:
    """The requests the actor asked, or posted for someone, in this hub: newest first."""
    requests = session.exec(
        select(HelpRequest)
        .where(
            HelpRequest.hub_id == actor.hub_id,
            (col(HelpRequest.caregiver_id) == actor.person_id)
            | (col(HelpRequest.posted_by_id) == actor.person_id),
        )
        .order_by(col(HelpRequest.created_at).desc(), col(HelpRequest.id).desc())
    ).all()
    if not requests:
        return []
    ids = [r.id for r in requests]
    offers = session.exec(
        select(HelpOffer, Person)
        .join(Person, col(Person.id) == col(HelpOffer.volunteer_id))
        .where(col(HelpOffer.request_id).in_(ids), HelpOffer.status == OfferStatus.offered)
        .order_by(col(HelpOffer.id))
    ).all()
    names = first_names(session, {r.volunteer_id for r in requests} | {r.caregiver_id for r in requests})
    wijken = _wijk_names(session, {r.wijk_id for r in requests})
    offered = {
        r.id: tuple(Offer(o.id, p.first_name) for o, p in offers if o.request_id == r.id) for r in requests
    }
    return [
        Mine(
            request=r,
            wijk=place_label(r, wijken),
            offers=offered[r.id],
            shown=OFFERED if offered[r.id] and shown_status(r) == Status.open else shown_status(r),
            helper=names.get(r.volunteer_id, "") if r.status != Status.open else "",
            caregiver=caregiver_name_for(r, actor, names),
        )
        for r in requests
    ]


def caregiver_name_for(request: HelpRequest, actor: Actor, names: dict[int, str]) -> str:
    """As the poster typed it, for the poster: they never see the name an existing account holds."""
    if request.posted_by_id == actor.person_id:
        return request.caregiver_name
    return names.get(request.caregiver_id, "")


def place_label(request: HelpRequest, wijk_names: dict[int, str]) -> str:
    """Where help is asked, as people read it: the wijk's name, else the postcode."""
    return wijk_names.get(request.wijk_id, request.postcode or "")


def first_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """First names by person id; ids that are None are skipped."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.exec(select(Person.id, Person.first_name).where(col(Person.id).in_(wanted))).all())


def _wijk_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.exec(select(Wijk.id, Wijk.name).where(col(Wijk.id).in_(wanted))).all())


def answer_offer(session: Session, actor: Actor, offer_id: int, accept: bool, now: datetime) -> HelpRequest:
    """Yes or no to a volunteer's offer. Yes matches the request: other offers are declined, the
    agreed moment is worked out, and both get an "Is het gelukt?" a day after it."""
    offer = session.get(HelpOffer, offer_id)
    request = session.get(HelpRequest, offer.request_id) if offer is not None else None
    if (
        offer is None
        or request is None
        or not may_answer(request, actor)
        or offer.status != OfferStatus.offered
        or request.status != Status.open
        or (accept and not qualifies(session, request, offer.volunteer_id))
    ):
        refuse(session, "answer-offer", actor.hub_id, actor.person_id, f"offer {offer_id}")
    offer.status, offer.answered_at = (OfferStatus.accepted if accept else OfferStatus.declined), now
    session.add(offer)
    if accept:
        _decline_waiting(session, request.id, now)
        request.status, request.volunteer_id = Status.matched, offer.volunteer_id
        request.needs_attention = False  # the coordinator's "find someone else" is done
        follow_ups.plan(session, request, offer.volunteer_id, now)
        session.add(request)
    session.commit()
    session.refresh(request)
    return request


def stop(session: Session, actor: Actor, request_id: int, now: datetime) -> HelpRequest:
    """The caregiver needs no help any more: the request closes, waiting offers are declined."""
    request = _own_request(session, actor, request_id, "stop-request")
    if request.status in (Status.waiting, Status.open, Status.matched):
        request.status = Status.closed
        _decline_waiting(session, request.id, now)
        session.add(request)
        session.commit()
    return request


def _decline_waiting(session: Session, request_id: int, now: datetime) -> None:
    """Offers and suggestions still waiting on the request are declined (it is taken or stopped)."""
    for offer in session.exec(
        select(HelpOffer).where(
            HelpOffer.request_id == request_id,
            col(HelpOffer.status).in_([OfferStatus.offered, OfferStatus.suggested]),
        )
    ):
        offer.status, offer.answered_at = OfferStatus.declined, now
        session.add(offer)
