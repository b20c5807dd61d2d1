"""Help requests: a caregiver (or a professional on their behalf) asks; the caregiver follows the status.

A request has one category. Its text is picked from example sentences or typed, so nobody has to
write; an example is saved in the language it was shown in. The form (``new_form`` ... ``drafts_from_form``,
kept by the tab) asks in short steps and may carry several kinds of help: ``create_all`` posts one
request per kind together, in one commit (why one each: see the form's notes below).
Only the caregiver, and the professional who posted it, see and answer a request's offers.
Every function takes the `Actor` the handler got from ``authz.require`` and checks the hub and the
person against the rows; a forged id of another hub or person is refused and logged.

Limit: one person makes at most `REQUESTS_PER_DAY` requests in 24 hours, their own and those they
post for others together (counted from the requests themselves); a real caregiver or professional
never gets near it, a script that floods the volunteers' lists does.
"""

from collections.abc import Sequence
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
from mantelzorg_app.services.help import follow_ups, wegwijzer
from mantelzorg_app.services.help.eligibility import qualifies
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES
from mantelzorg_app.services.identity import accounts, login_codes, memberships
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit, i18n, places
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

TEXT_MAX = 300
ON_BEHALF_CONSENT = "namens-2026-11"  # the version of the words the professional confirms
REQUESTS_PER_DAY = 10
DAY = timedelta(days=1)  # the caps count back this far
TOO_MANY_REQUESTS = N_("U heeft vandaag al veel hulpvragen gemaakt. Probeer het morgen weer.")

# Example sentences per category: tap one instead of writing. The first is chosen when none is.
# Neutral: they name nobody, so they fit whoever the caregiver looks after (``examples`` picks).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "boodschappen": (
        N_("Wie kan één keer per week boodschappen voor ons doen?"),
        N_("Wie wil met mij naar de supermarkt gaan?"),
    ),
    "vervoer": (
        N_("Wie kan ons naar het ziekenhuis brengen?"),
        N_("Wie kan ons naar de dagbesteding brengen?"),
    ),
    "gezelschap": (
        N_("Wie komt een uurtje op bezoek, voor koffie en een praatje?"),
        N_("Wie wil samen met ons een stukje wandelen?"),
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
# Sentences that name the person cared for, by the Wegwijzer's "Voor wie zorgt u?" answer: only
# words without a gender ("mijn partner", "mijn kind"). "ouder" stays neutral: we never guess
# whether it is a father or a mother, and "mijn vader of moeder" reads clumsily in a request.
FITTING: dict[str, dict[str, tuple[str, ...]]] = {
    "partner": {
        "vervoer": (
            N_("Wie kan mijn partner naar het ziekenhuis brengen?"),
            N_("Wie kan mijn partner naar de dagbesteding brengen?"),
        ),
        "gezelschap": (
            N_("Wie komt een uurtje koffie drinken met mijn partner?"),
            N_("Wie wil samen met mijn partner een stukje wandelen?"),
        ),
        "oppas": (
            N_("Wie kan een middag bij mijn partner blijven, zodat ik even weg kan?"),
            N_("Wie kan een avond bij mijn partner blijven?"),
        ),
    },
    "kind": {
        "vervoer": (
            N_("Wie kan mijn kind naar het ziekenhuis brengen?"),
            N_("Wie kan mijn kind naar school of de dagbesteding brengen?"),
        ),
        "gezelschap": (
            N_("Wie komt een uurtje spelen met mijn kind?"),
            N_("Wie wil samen met mijn kind iets leuks doen?"),
        ),
        "oppas": (
            N_("Wie kan een middag op mijn kind passen, zodat ik even weg kan?"),
            N_("Wie kan een avond op mijn kind passen?"),
        ),
    },
}
OWN_WORDS = -1  # the example index that means: in their own words
NO_TEXT = N_("Vertel kort wat voor hulp u zoekt.")
TOO_LONG = N_("Deze tekst is te lang. Schrijf het korter, in een paar zinnen.")
NO_CATEGORY = N_("Kies bij welke hulp u iemand zoekt.")
NO_PLACE = N_("Kies uw wijk of dorp, of typ uw postcode.")
NOT_A_POSTCODE = N_("Dit lijkt geen postcode. Typ bijvoorbeeld 3831 AB.")
NO_FIRST_NAME = N_("Typ de voornaam van de mantelzorger.")
NO_EMAIL = N_("Vul het e-mailadres van de mantelzorger in.")
NOT_AN_EMAIL = N_("Dit lijkt geen e-mailadres. Kijk het nog eens na.")
NO_CONSENT = N_("Vraag eerst of de mantelzorger het goed vindt.")
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


def examples(category: str, for_whom: Sequence[str] = ()) -> tuple[str, ...]:
    """The example sentences for ``category`` that fit whom the caregiver looks after: ones that
    name "mijn partner" or "mijn kind" when that is the only answer, else the neutral ones."""
    whom = for_whom[0] if len(for_whom) == 1 else ""
    return FITTING.get(whom, {}).get(category, EXAMPLES.get(category, ()))


# --- The request form, as a tab keeps it --------------------------------------------------------
#
# The form is a plain dict (state.help.request_form keeps it server side, so a reload keeps every
# tap and every typed letter). Its keys:
#   kinds        the help chosen, in the order of HELP_CATEGORIES: one request each
#   for_whom     the Wegwijzer's "Voor wie zorgt u?", for fitting examples
#   example      kind -> the chosen example's index, OWN_WORDS for their own words (absent: 0)
#   own          kind -> their own words as typed
#   home_visit   kind -> True/False when said (absent: HOME_VISIT_BY_DEFAULT)
#   wijk_id, postcode, days, dayparts, recurring: where and when, the same for every kind
#   caregiver_first_name, caregiver_email, consent: asked of staff posting for a caregiver
#
# Why one request per kind, posted together, and not one request with several kinds: a request has
# one ``category`` and one volunteer; volunteers are matched and notified by category (matching,
# volunteering), and the shopping helper is seldom the one who does the paperwork. Separate requests
# let each kind find its own volunteer, close on its own, and need no migration. Staff posting for
# someone choose one kind: the caregiver's yes by mail (services.confirmations) opens one request.

STEP_FOR_WHOM = "voor_wie"  # staff only: whose request it is
STEP_KINDS = "hulp"
STEP_TEXT = "tekst:"  # + a kind: one screen per kind chosen
STEP_WHEN = "wanneer"
STEP_WHERE = "waar"
STEP_CHECK = "controle"


def new_form(found: dict | None = None, on_behalf: bool = False) -> dict:
    """A form filled in from the Wegwijzer's ``summary`` (or empty): every help chosen (staff posting
    for a caregiver: the first, as their form posts one request), for whom, when and where."""
    found = found or {}
    chosen = set(found.get("categories") or [])
    whom = set(found.get("for_whom") or [])
    kinds = [c for c in CATEGORY_VALUES if c in chosen]
    return {
        "kinds": kinds[:1] if on_behalf else kinds,
        "for_whom": [w for w in wegwijzer.FOR_WHOM_VALUES if w in whom],
        "example": {},
        "own": {},
        "home_visit": {},
        "wijk_id": found.get("wijk_id"),
        "postcode": found.get("postcode") or "",
        "days": [d for d in DAY_VALUES if d in set(found.get("days") or [])],
        "dayparts": [p for p in DAYPART_VALUES if p in set(found.get("dayparts") or [])],
        "recurring": False,
        "caregiver_first_name": "",
        "caregiver_email": "",
        "consent": False,
    }


def form_steps(form: dict, on_behalf: bool) -> list[str]:
    """The screens of the form, in order: for whom (staff only), which help, a text for each kind,
    when, where, and a last look before sending."""
    texts = [STEP_TEXT + kind for kind in form.get("kinds", [])] or [STEP_TEXT]
    return [
        *([STEP_FOR_WHOM] if on_behalf else []),
        STEP_KINDS,
        *texts,
        STEP_WHEN,
        STEP_WHERE,
        STEP_CHECK,
    ]


def home_visit_of(form: dict, kind: str) -> bool:
    said = form.get("home_visit", {}).get(kind)
    return said if isinstance(said, bool) else kind in HOME_VISIT_BY_DEFAULT


def sentence(form: dict, kind: str) -> tuple[str, bool]:
    """The request's text for ``kind`` as the form holds it: (an example's Dutch msgid, True) or
    (their own words, False)."""
    sentences = examples(kind, form.get("for_whom", []))
    chosen = form.get("example", {}).get(kind, 0)
    if chosen == OWN_WORDS or not sentences:
        return " ".join(str(form.get("own", {}).get(kind, "")).split()), False
    return sentences[min(max(chosen, 0), len(sentences) - 1)], True


def step_problems(form: dict, step: str) -> dict[str, str]:
    """What a step still needs, by field, in plain words that say what to do ({} when nothing)."""
    problems = {}
    if step == STEP_FOR_WHOM:
        name = " ".join(str(form.get("caregiver_first_name", "")).split())
        if not name or len(name) > accounts.FIRST_NAME_MAX:
            problems["caregiver_first_name"] = NO_FIRST_NAME
        address = str(form.get("caregiver_email", "")).strip()
        if not address:
            problems["caregiver_email"] = NO_EMAIL
        elif login_codes.normalise_email(address) is None:
            problems["caregiver_email"] = NOT_AN_EMAIL
        if not form.get("consent"):
            problems["consent"] = NO_CONSENT
    elif step == STEP_KINDS:
        if not form.get("kinds"):
            problems["category"] = NO_CATEGORY
    elif step.startswith(STEP_TEXT):
        text, _ = sentence(form, step.removeprefix(STEP_TEXT))
        if not text:
            problems["text"] = NO_TEXT
        elif len(text) > TEXT_MAX:
            problems["text"] = TOO_LONG
    elif step == STEP_WHERE:
        typed = str(form.get("postcode", "")).strip()
        if typed and places.normalise(typed) is None:
            problems["place"] = NOT_A_POSTCODE
        elif not typed and form.get("wijk_id") is None:
            problems["place"] = NO_PLACE
    return problems


def first_problem(form: dict, on_behalf: bool) -> tuple[str, dict[str, str]] | None:
    """The first step that still needs something, with its problems; None when all is ready."""
    for step in form_steps(form, on_behalf):
        if problems := step_problems(form, step):
            return step, problems
    return None


def drafts_from_form(form: dict, lang: str) -> list[Draft]:
    """The requests the form describes, one per kind: each with the example sentence in ``lang``,
    as the caregiver saw it on screen, or their own words as typed; a typed postcode stands instead
    of the wijk. Raises Invalid, by field, when a step still needs something."""
    if missing := first_problem(form, on_behalf=False):
        raise Invalid(missing[1])
    postcode = str(form.get("postcode", "")).strip()
    drafts = []
    for kind in form["kinds"]:
        text, is_example = sentence(form, kind)
        drafts.append(
            Draft(
                category=kind,
                text=i18n.gettext(lang, text) if is_example else text,
                wijk_id=None if postcode else form.get("wijk_id"),
                postcode=postcode,
                days=list(form.get("days", [])),
                dayparts=list(form.get("dayparts", [])),
                recurring=bool(form.get("recurring")),
                home_visit=home_visit_of(form, kind),
            )
        )
    return drafts


def _check(session: Session, hub_id: int, draft: Draft) -> dict:
    problems = {}
    if draft.category not in CATEGORY_VALUES:
        problems["category"] = NO_CATEGORY
    text = " ".join(draft.text.split())
    if not text and draft.category in EXAMPLES:
        text = EXAMPLES[draft.category][0]
    if len(text) > TEXT_MAX:
        problems["text"] = TOO_LONG
    wijk = session.get(Wijk, draft.wijk_id) if draft.wijk_id is not None else None
    if wijk is not None and wijk.hub_id != hub_id:
        wijk = None
    postcode = places.normalise(draft.postcode)
    if wijk is None and postcode is None:
        problems["place"] = NO_PLACE
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
    return create_all(session, actor, [draft], now)[0]


def create_all(session: Session, actor: Actor, drafts: Sequence[Draft], now: datetime) -> list[HelpRequest]:
    """The caregiver's own requests, one per kind of help the form chose, all or none, in one commit.
    Raises Invalid with plain-words problems by field (the first draft's that has any)."""
    require_role(session, actor, "create-request", Role.caregiver)
    _check_daily_cap(session, actor, now, adding=max(len(drafts), 1))
    fields = [_check(session, actor.hub_id, draft) for draft in drafts]
    if not fields:
        raise Invalid({"category": NO_CATEGORY})
    mine = {"hub_id": actor.hub_id, "caregiver_id": actor.person_id, "created_at": now}
    made = [HelpRequest(**mine, **f) for f in fields]
    session.add_all(made)
    session.commit()
    for request in made:
        session.refresh(request)
    return made


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
        problems["caregiver_first_name"] = NO_FIRST_NAME
    address = login_codes.normalise_email(who.email)
    if address is None:
        problems["caregiver_email"] = NOT_AN_EMAIL if who.email.strip() else NO_EMAIL
    if not who.consent:
        problems["consent"] = NO_CONSENT
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


def _check_daily_cap(session: Session, actor: Actor, now: datetime, adding: int = 1) -> None:
    """Raises Invalid (on the text, so the form keeps what was typed) when ``adding`` more would go
    past `REQUESTS_PER_DAY`."""
    made_by_actor = func.coalesce(col(HelpRequest.posted_by_id), col(HelpRequest.caregiver_id))
    made = session.exec(
        select(func.count()).where(made_by_actor == actor.person_id, HelpRequest.created_at > now - DAY)
    ).one()
    if made + adding > REQUESTS_PER_DAY:
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
