"""What is going on for the signed-in person in a hub, in a few lines of words: the top of Home.

"Carla helpt u, dinsdagmiddag", "Er is 1 nieuwe reactie", "Er zijn 2 hulpvragen bij u in de buurt",
"1 persoon wil teruggebeld worden". Each line is a `matching.Reason`: a catalogue message id with its
named values (shown as they are: first names, counts) and terms (catalogue ids themselves, such as
"dinsdagmiddag", translated before they go into the sentence). Counts choose between a singular and
a plural sentence here, so every sentence stays whole in the catalogue.

What "new" means, honestly: the app does not track what a person has read, so a caregiver's "nieuwe
reacties" are the volunteers' offers that wait for their answer (they stop counting once answered),
not unread messages in a conversation.

Also the person's own main action on Home (`MAIN_*`), and `has_requests`, which the bottom bar asks on
every hub page: one indexed query.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from mantelzorg_app.models import (
    STAFF_ROLES,
    CallbackTask,
    HelpRequest,
    Hub,
    Membership,
    NewsPost,
    PostStatus,
    Role,
    Status,
)
from mantelzorg_app.services.help import coordination, follow_ups, requests, volunteering
from mantelzorg_app.services.help.matching import SLOT_WORDS, Reason, slot_of
from mantelzorg_app.services.help.vocabulary import CATEGORY_LABELS
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import dates
from mantelzorg_app.services.platform.i18n import N_

ASKERS = (Role.caregiver, *STAFF_ROLES)  # who asks for help, for themselves or for someone else
ACTIVE = (Status.waiting, Status.open, Status.matched)  # a request that is still going on
MAX_LINES = 5
SLOT_LENGTH = timedelta(hours=5)  # a daypart lasts about this long from its start (follow_ups)

# The person's own main action, the first big button on Home.
MAIN_REQUESTS = "requests"  # "Mijn hulpvragen"
MAIN_HELPING = "helping"  # "Helpen"
MAIN_COORDINATION = "coordination"  # "Beheer"

HELPS_YOU_AT = N_("{name} helpt u, {when}")
HELPS_YOU = requests.STATUS_WORDS["matched"]  # "{name} helpt u."
HELPS_OTHER_AT = N_("{name} helpt {caregiver}, {when}")  # for the professional who posted it
HELPS_OTHER = N_("{name} helpt {caregiver}.")
YOU_HELP_AT = N_("U helpt {name}, {when}")
YOU_HELP = N_("U helpt {name}.")
ONE_REACTION = N_("Er is 1 nieuwe reactie")
REACTIONS = N_("Er zijn {n} nieuwe reacties")
SEARCHING = requests.STATUS_WORDS["open"]  # "Wij zoeken een vrijwilliger."
DID_IT_WORK = N_("Is het gelukt met {name}? ({help})")
NO_PROFILE = N_("Vertel eerst wat u graag doet, waar en wanneer.")
ASKED_BY_COORDINATOR = N_("De coördinator vraagt of u kunt helpen.")
ONE_FIT = N_("Er is 1 hulpvraag bij u in de buurt")
FITS = N_("Er zijn {n} hulpvragen bij u in de buurt")
ONE_CALLBACK = N_("1 persoon wil teruggebeld worden")
CALLBACKS = N_("{n} mensen willen teruggebeld worden")
ONE_TREKKER = N_("1 trekker wacht op uw goedkeuring")
TREKKERS = N_("{n} trekkers wachten op uw goedkeuring")
ONE_POST = N_("1 bericht wacht op uw controle")  # news posts: Beheer, Nieuws controleren
POSTS = N_("{n} berichten wachten op uw controle")
ONE_WAITING = N_("1 hulpvraag wacht op u")
WAITING = N_("{n} hulpvragen wachten op u")

# The agreed moment today and tomorrow, by daypart (ochtend, middag, avond); further on in the week
# it is `matching.SLOT_WORDS`' "dinsdagmiddag". One catalogue word each: languages do not all glue
# a day and a daypart together.
TODAY_PARTS = (N_("vanochtend"), N_("vanmiddag"), N_("vanavond"))
TOMORROW_PARTS = (N_("morgenochtend"), N_("morgenmiddag"), N_("morgenavond"))


@dataclass(frozen=True)
class Overview:
    lines: tuple[Reason, ...]
    main: str  # one of MAIN_*, or "" when the person has no main action yet


def _counted(n: int, one: str, many: str) -> list[Reason]:
    if n <= 0:
        return []
    return [Reason(one)] if n == 1 else [Reason(many, {"n": str(n)})]


def moment_word(agreed_at: datetime | None, recurring: bool, zone: str, now: datetime) -> str | None:
    """The agreed moment as one catalogue word: "vanmiddag", "morgenochtend", "dinsdagmiddag". A
    recurring request's moment comes back every week: its next one. None when there is none, or a
    one-off's moment has passed."""
    if agreed_at is None:
        return None
    at, today = dates.local(agreed_at, zone), dates.local(now, zone)
    if at + SLOT_LENGTH <= today:
        if not recurring:
            return None
        weeks = (today - at - SLOT_LENGTH) // timedelta(weeks=1) + 1
        at += timedelta(weeks=weeks)  # on the wall clock: the same hour across a change to summer time
    slot = slot_of(at)
    ahead = (at.date() - today.date()).days
    if ahead == 0:
        return TODAY_PARTS[slot % 3]
    if ahead == 1:
        return TOMORROW_PARTS[slot % 3]
    return SLOT_WORDS[slot]


def _helps(message_at: str, message: str, values: dict[str, str], when: str | None) -> Reason:
    return Reason(message_at, values, {"when": when}) if when else Reason(message, values)


def _asker_lines(session: Session, actor: Actor, zone: str, now: datetime) -> list[Reason]:
    mine = requests.mine(session, actor)
    lines = []
    for m in mine:
        if m.shown != Status.matched or not m.helper:
            continue
        when = moment_word(m.request.agreed_at, m.request.recurring, zone, now)
        if m.request.caregiver_id == actor.person_id:
            lines.append(_helps(HELPS_YOU_AT, HELPS_YOU, {"name": m.helper}, when))
        else:
            values = {"name": m.helper, "caregiver": m.caregiver}
            lines.append(_helps(HELPS_OTHER_AT, HELPS_OTHER, values, when))
    waiting = sum(len(m.offers) for m in mine if m.shown == requests.OFFERED)
    lines += _counted(waiting, ONE_REACTION, REACTIONS)
    if any(m.shown == Status.open for m in mine):
        lines.append(Reason(SEARCHING))
    return lines


def _did_it_work(session: Session, actor: Actor, now: datetime) -> list[Reason]:
    return [
        Reason(DID_IT_WORK, {"name": due.other}, {"help": CATEGORY_LABELS.get(due.category, due.category)})
        for due in follow_ups.due(session, actor, now)
    ]


def _volunteer_lines(session: Session, actor: Actor, zone: str, now: datetime) -> list[Reason]:
    page = volunteering.overview(session, actor, now)
    lines = [
        _helps(
            YOU_HELP_AT,
            YOU_HELP,
            {"name": h.caregiver},
            moment_word(h.request.agreed_at, h.request.recurring, zone, now),
        )
        for h in page.helping
    ]
    if not page.has_profile:
        return [*lines, Reason(NO_PROFILE)]
    if any(f.suggested and not f.offered for f in page.fits):
        lines.append(Reason(ASKED_BY_COORDINATOR))
    return lines + _counted(sum(not f.offered for f in page.fits), ONE_FIT, FITS)


def _coordinator_lines(session: Session, actor: Actor, now: datetime) -> list[Reason]:
    calls = session.exec(
        select(func.count())
        .select_from(CallbackTask)
        .where(CallbackTask.hub_id == actor.hub_id, col(CallbackTask.done_at).is_(None))
    ).one()
    trekkers = session.exec(
        select(func.count())
        .select_from(Membership)
        .where(Membership.hub_id == actor.hub_id, Membership.role == Role.trekker, col(Membership.pending))
    ).one()
    news = session.exec(  # models only: services.news sits above help
        select(func.count())
        .select_from(NewsPost)
        .where(NewsPost.hub_id == actor.hub_id, NewsPost.status == PostStatus.waiting)
    ).one()
    return [
        *_counted(calls, ONE_CALLBACK, CALLBACKS),
        *_counted(trekkers, ONE_TREKKER, TREKKERS),
        *_counted(news, ONE_POST, POSTS),
        *_counted(len(coordination.waiting(session, actor, now)), ONE_WAITING, WAITING),
    ]


def overview(session: Session, actor: Actor, now: datetime) -> Overview:
    """The lines for Home, most personal first (who helps, then what waits for the person), at most
    `MAX_LINES`; and the person's main action."""
    zone = session.get(Hub, actor.hub_id).timezone
    lines: list[Reason] = []
    if actor.has(Role.coordinator):
        lines += _coordinator_lines(session, actor, now)
    if actor.has(*ASKERS):
        lines += _asker_lines(session, actor, zone, now)
    if actor.has(Role.volunteer):
        lines += _volunteer_lines(session, actor, zone, now)
    if actor.has(*ASKERS, Role.volunteer):
        lines += _did_it_work(session, actor, now)
    return Overview(tuple(lines[:MAX_LINES]), main_action(session, actor))


def has_requests(session: Session, person_id: int, hub_id: int) -> bool:
    """Whether the person asked, or posted for someone, a request of this hub that is still going on
    (waiting, open or matched): then the bottom bar's "Hulp" opens "Mijn hulpvragen"."""
    found = session.exec(
        select(HelpRequest.id)
        .where(
            HelpRequest.hub_id == hub_id,
            (col(HelpRequest.caregiver_id) == person_id) | (col(HelpRequest.posted_by_id) == person_id),
            col(HelpRequest.status).in_(ACTIVE),
        )
        .limit(1)
    ).first()
    return found is not None


def main_action(session: Session, actor: Actor) -> str:
    """The coordinator's "Beheer"; else "Mijn hulpvragen" for someone who asks (a caregiver who also
    volunteers: while a request is going on); else a volunteer's "Helpen"."""
    if actor.has(Role.coordinator):
        return MAIN_COORDINATION
    if actor.has(*ASKERS) and (
        not actor.has(Role.volunteer) or has_requests(session, actor.person_id, actor.hub_id)
    ):
        return MAIN_REQUESTS
    if actor.has(Role.volunteer):
        return MAIN_HELPING
    return ""
