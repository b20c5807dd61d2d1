"""The coordinator's check of the trekkers' posts, the mail to the writer on each decision, and the
coordinator's daily mail when posts wait.

- **The list** (``waiting``): the hub's posts that wait for the check, the oldest sent first, each
  with everything the page shows (the whole text, the wijk, the photo and its description, the
  linked activity). ``published``: the hub's published posts, newest first, to take down: the
  newest ``PUBLISHED_SHOWN`` and the word whether there are more, so the page's "Meer" asks for
  more and every published post can be reached. The text is split into paragraphs by the readers'
  own rule (``listing.paragraphs``): the coordinator sees exactly what readers will see.
- **A decision** (``approve``, ``ask_change``, ``reject``, ``take_down``): only by a coordinator of
  the post's hub, checked from the database (anyone else, or a post of another hub, is refused and
  logged like ``posts.own``); only on a post in the right state (approve, ask a change or reject a
  waiting post; take down a published one), and only on the version the coordinator read: a post
  that changed since (sent again after a change, another coordinator decided) is ``NotPossible``
  with CHANGED_ELSEWHERE, also when two coordinators tap at once (a conditional UPDATE takes it).
  Asking a change and not placing need the coordinator's words (``note``) for the writer; taking
  down may have them. Each decision keeps the note, who decided and when, commits, and answers the
  mail to the writer (when they have an address), for the caller to send after the commit. The
  search index (services.news.indexing) follows in the same commit: in when published, out when not.
- **The daily mail** (``due_digests``, from the hourly run in services.housekeeping): one mail a
  day per hub to its coordinators while posts wait, from 8.00 on the hub's clock. The hub's posts
  that wait are counted right before the claim, and the day is claimed only when some wait: a hub
  whose posts were all decided on meanwhile keeps its day, for a post sent later that day. Its
  ``NewsDigest`` row (unique per hub and day) is inserted and committed before the mails are
  handed over, so a second worker or run that day finds it taken and sends nothing.

Mails are in Dutch, the hub's language (services.platform.hub_mails). Their subjects are logged:
never a name or a title in them.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select, update

from mantelzorg_app import routes
from mantelzorg_app.models import (
    Activity,
    Hub,
    Membership,
    NewsDigest,
    NewsPhoto,
    NewsPost,
    Person,
    PostStatus,
    Role,
    Wijk,
)
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.news import indexing, listing
from mantelzorg_app.services.news.posts import CHANGED_ELSEWHERE, NotPossible
from mantelzorg_app.services.platform import audit, database, dates, hub_mails, mail
from mantelzorg_app.services.platform.i18n import N_

ACTION = "news-moderation"
NOTE_MOST = 500
PUBLISHED_SHOWN = 50  # the published posts listed to take down at a time; "Meer" shows more
DIGEST_FROM_HOUR = 8  # the daily mail goes from 8.00 on the hub's clock

# audit actions (the detail names the post, never its text)
APPROVED = "news-approved"
CHANGE_ASKED = "news-change-asked"
REJECTED = "news-rejected"
TAKEN_DOWN = "news-taken-down"

NO_NOTE = N_("Schrijf in een paar woorden wat de schrijver moet weten.")
LONG_NOTE = N_("Dat is te lang. Hoogstens {most} tekens.")

APPROVED_SUBJECT = N_("Uw bericht staat op de Mantelzorghub")
APPROVED_BODY = N_(
    "Hallo {name},\n\nDe coördinator heeft uw bericht '{title}' goedgekeurd. "
    "Iedereen kan het nu lezen bij Nieuws. Dank u wel!"
)
CHANGE_SUBJECT = N_("De coördinator vraagt een wijziging")
CHANGE_BODY = N_(
    "Hallo {name},\n\nDe coördinator heeft uw bericht '{title}' gelezen. "
    "De coördinator vraagt een wijziging:\n\n{note}\n\n"
    "Pas uw bericht aan bij Mijn berichten. Stuur het daarna opnieuw."
)
REJECTED_SUBJECT = N_("Uw bericht wordt niet geplaatst")
REJECTED_BODY = N_(
    "Hallo {name},\n\nDe coördinator heeft uw bericht '{title}' gelezen. "
    "Het wordt niet geplaatst. De coördinator schrijft:\n\n{note}\n\n"
    "Heeft u een vraag? Bel of mail dan de coördinator."
)
TAKEN_DOWN_SUBJECT = N_("Uw bericht is weggehaald")
TAKEN_DOWN_BODY = N_(
    "Hallo {name},\n\nDe coördinator heeft uw bericht '{title}' weggehaald. "
    "Het staat niet meer bij Nieuws.\n\nHeeft u een vraag? Bel of mail dan de coördinator."
)
TAKEN_DOWN_NOTE_BODY = N_(
    "Hallo {name},\n\nDe coördinator heeft uw bericht '{title}' weggehaald. "
    "Het staat niet meer bij Nieuws. De coördinator schrijft:\n\n{note}\n\n"
    "Heeft u een vraag? Bel of mail dan de coördinator."
)
DIGEST_SUBJECT = N_("Er wachten berichten")
DIGEST_ONE = N_("Hallo {name},\n\nEr wacht 1 bericht op uw controle. Kijk bij Nieuws controleren.")
DIGEST_MANY = N_("Hallo {name},\n\nEr wachten {n} berichten op uw controle. Kijk bij Nieuws controleren.")


@dataclass(frozen=True)
class Listed:
    """One post as the coordinator's page shows it: everything, to decide on the whole."""

    id: int
    version: int
    title: str
    paragraphs: tuple[str, ...]
    wijk: str  # the wijk's name; "" for the whole hub
    author: str  # the writer's first name as the post says it
    photo_id: int | None
    photo_alt: str
    activity_id: int | None
    activity_title: str
    sent_at: datetime | None
    published_at: datetime | None


def _require_coordinator(session: Session, actor: Actor, why: str) -> None:
    if not actor.has(Role.coordinator):
        refuse(session, ACTION, actor.hub_id, actor.person_id, why)


def _names(session: Session, id_column, name_column, ids: set) -> dict:
    return dict(session.exec(select(id_column, name_column).where(col(id_column).in_(ids))).all())


def _listed(session: Session, posts: list[NewsPost]) -> list[Listed]:
    wijken = _names(session, Wijk.id, Wijk.name, {p.wijk_id for p in posts if p.wijk_id})
    alts = _names(session, NewsPhoto.id, NewsPhoto.alt, {p.photo_id for p in posts if p.photo_id})
    titles = _names(session, Activity.id, Activity.title, {p.activity_id for p in posts if p.activity_id})
    return [
        Listed(
            id=p.id,
            version=p.version,
            title=p.title,
            paragraphs=tuple(listing.paragraphs(p.body)),
            wijk=wijken.get(p.wijk_id, ""),
            author=p.author_name,
            photo_id=p.photo_id if p.photo_id in alts else None,
            photo_alt=alts.get(p.photo_id, ""),
            activity_id=p.activity_id if p.activity_id in titles else None,
            activity_title=titles.get(p.activity_id, ""),
            sent_at=p.sent_at,
            published_at=p.published_at,
        )
        for p in posts
    ]


def waiting(session: Session, actor: Actor) -> list[Listed]:
    """The hub's posts that wait for the check, the oldest sent first (the coordinator only)."""
    _require_coordinator(session, actor, "waiting posts")
    found = session.exec(
        select(NewsPost)
        .where(NewsPost.hub_id == actor.hub_id, NewsPost.status == PostStatus.waiting)
        .order_by(col(NewsPost.sent_at), col(NewsPost.id))
    ).all()
    return _listed(session, list(found))


def published(session: Session, actor: Actor, most: int = PUBLISHED_SHOWN) -> tuple[list[Listed], bool]:
    """The hub's newest ``most`` published posts, to take down (the coordinator only), and whether
    there are more ("Meer" asks again with a larger ``most``)."""
    _require_coordinator(session, actor, "published posts")
    found = session.exec(
        select(NewsPost)
        .where(NewsPost.hub_id == actor.hub_id, NewsPost.status == PostStatus.published)
        .order_by(col(NewsPost.published_at).desc(), col(NewsPost.id).desc())
        .limit(max(most, 1) + 1)
    ).all()
    return _listed(session, list(found[: max(most, 1)])), len(found) > max(most, 1)


def waiting_count(session: Session, hub_id: int) -> int:
    """How many posts of the hub wait for the check."""
    return session.exec(
        select(func.count())
        .select_from(NewsPost)
        .where(NewsPost.hub_id == hub_id, NewsPost.status == PostStatus.waiting)
    ).one()


def _decidable(session: Session, actor: Actor, post_id: object, what: str) -> NewsPost:
    """The post of the actor's hub for a coordinator; refused (and logged) for anyone else and for
    any other id (a missing post and another hub's read the same)."""
    post = database.row(session, NewsPost, post_id)
    if not actor.has(Role.coordinator) or post is None or post.hub_id != actor.hub_id:
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"{what} post {post_id!r}")
    return post


def _is_version(version: object) -> bool:
    """A stored version (0 or a positive int, as the page's own load held it), not junk."""
    return database.is_row_id(version) or (version == 0 and type(version) is int)


def _note(note: object, required: bool) -> str:
    text = note.strip() if isinstance(note, str) else ""
    if required and not text:
        raise NotPossible(NO_NOTE)
    if len(text) > NOTE_MOST:
        raise NotPossible(LONG_NOTE, most=NOTE_MOST)
    return text


@dataclass(frozen=True)
class Decision:
    """What one decision does: from which state to which, whether it needs the coordinator's words,
    and the writer's mail (``noted_body`` when there are words and the body differs with them)."""

    action: str  # the audit action
    was: PostStatus
    becomes: PostStatus
    subject: str
    body: str
    note_required: bool = False
    noted_body: str = ""


APPROVE = Decision(APPROVED, PostStatus.waiting, PostStatus.published, APPROVED_SUBJECT, APPROVED_BODY)
ASK_CHANGE = Decision(
    CHANGE_ASKED, PostStatus.waiting, PostStatus.changes, CHANGE_SUBJECT, CHANGE_BODY, note_required=True
)
REJECT = Decision(
    REJECTED, PostStatus.waiting, PostStatus.rejected, REJECTED_SUBJECT, REJECTED_BODY, note_required=True
)
TAKE_DOWN = Decision(
    TAKEN_DOWN,
    PostStatus.published,
    PostStatus.taken_down,
    TAKEN_DOWN_SUBJECT,
    TAKEN_DOWN_BODY,
    noted_body=TAKEN_DOWN_NOTE_BODY,
)


def decide(
    session: Session,
    actor: Actor,
    decision: Decision,
    post_id: object,
    version: object,
    note: object,
    now: datetime,
    base: str | None = None,
) -> list[mail.Message]:
    """One decision on the post of the actor's hub, when it is still in ``decision.was`` at the
    ``version`` the coordinator read; committed, with the note and who decided. Answers the writer's
    mail. Refused (and logged) for anyone but the hub's coordinator; NotPossible when the post
    changed since or the words are missing or too long."""
    post = _decidable(session, actor, post_id, decision.action)
    if post.status != decision.was or not _is_version(version):
        raise NotPossible(CHANGED_ELSEWHERE)
    text = _note(note, decision.note_required)
    values: dict[str, object] = {
        "status": decision.becomes,
        "note": text,
        "decided_by_id": actor.person_id,
        "decided_at": now,
        "version": NewsPost.version + 1,
        "updated_at": now,
    }
    if decision.becomes == PostStatus.published:
        values["published_at"] = now
    taken = session.exec(
        update(NewsPost)
        .where(
            col(NewsPost.id) == post.id,
            col(NewsPost.version) == version,
            col(NewsPost.status) == decision.was,
        )
        .values(**values)
    )
    if taken.rowcount != 1:  # another coordinator, or the writer's new version, came first
        session.rollback()
        raise NotPossible(CHANGED_ELSEWHERE)
    session.refresh(post)
    indexing.index(session, post)  # in the search when published, out when not: in this commit
    audit.record(
        session, decision.action, hub_id=actor.hub_id, actor_id=actor.person_id, detail=f"post {post.id}"
    )
    session.commit()
    session.refresh(post)
    body = decision.noted_body if text and decision.noted_body else decision.body
    return _writer_mail(session, actor, post, decision.subject, body, base)


def _writer_mail(
    session: Session, actor: Actor, post: NewsPost, subject: str, body: str, base: str | None
) -> list[mail.Message]:
    """The mail to the post's writer (none for a wiped writer, one without an address, or the
    coordinator who decided on their own post), with the way to Mijn berichten."""
    person = session.get(Person, post.author_id) if post.author_id else None
    if person is None or not person.email or person.id == actor.person_id:
        return []
    hub = session.get(Hub, post.hub_id)
    title = " ".join(post.title.split())
    words = hub_mails.text(body, name=person.first_name, title=title, note=post.note)
    return [hub_mails.message(person.email, subject, words, hub_mails.link(base, hub, routes.NEWS_MINE), hub)]


def approve(
    session: Session, actor: Actor, post_id: object, version: object, now: datetime, base: str | None = None
) -> list[mail.Message]:
    """Publishes a waiting post."""
    return decide(session, actor, APPROVE, post_id, version, "", now, base)


def ask_change(
    session: Session, actor: Actor, post_id: object, version: object, note: object, now: datetime, base=None
) -> list[mail.Message]:
    """Sends a waiting post back to its writer with the coordinator's words (required)."""
    return decide(session, actor, ASK_CHANGE, post_id, version, note, now, base)


def reject(
    session: Session, actor: Actor, post_id: object, version: object, note: object, now: datetime, base=None
) -> list[mail.Message]:
    """Does not place a waiting post; the coordinator's words (required) go to the writer."""
    return decide(session, actor, REJECT, post_id, version, note, now, base)


def take_down(
    session: Session, actor: Actor, post_id: object, version: object, note: object, now: datetime, base=None
) -> list[mail.Message]:
    """Takes a published post down again, with the coordinator's words when there are any."""
    return decide(session, actor, TAKE_DOWN, post_id, version, note, now, base)


# --- the coordinator's daily mail ----------------------------------------------------------------


def _coordinators(session: Session, hub_id: int) -> list[Person]:
    return list(
        session.exec(
            select(Person)
            .join(Membership, col(Membership.person_id) == col(Person.id))
            .where(Membership.hub_id == hub_id, Membership.role == Role.coordinator, ~col(Membership.pending))
            .order_by(col(Person.id))
        ).all()
    )


def claim_digest(session: Session, hub_id: int, day) -> bool:
    """Takes the hub's daily mail of ``day`` (committed); False when another worker or run took it."""
    session.add(NewsDigest(hub_id=hub_id, day=day))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def due_digests(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    """Claims (and commits) today's mail of every hub where posts wait, from 8.00 on its clock, and
    answers the mails to its coordinators, for the caller to send."""
    counts = dict(
        session.exec(
            select(NewsPost.hub_id, func.count())
            .where(NewsPost.status == PostStatus.waiting)
            .group_by(col(NewsPost.hub_id))
        ).all()
    )
    found = []
    for hub in session.exec(select(Hub).where(col(Hub.id).in_(counts)).order_by(col(Hub.id))).all():
        local = dates.local(now, hub.timezone)
        if local.hour < DIGEST_FROM_HOUR:
            continue
        hub_id, day = hub.id, local.date()
        taken = session.exec(
            select(NewsDigest.id).where(NewsDigest.hub_id == hub_id, NewsDigest.day == day)
        ).first()
        if taken is not None:
            continue
        # counted again right before the claim: all decided on since the first count, the day is
        # not claimed, so a post sent later today still gets its mail
        n = waiting_count(session, hub_id)
        if not n or not claim_digest(session, hub_id, day):
            continue
        hub = session.get(Hub, hub_id)
        link = hub_mails.link(base, hub, routes.NEWS_MODERATION)
        for person in _coordinators(session, hub_id):
            if person.email:
                words = hub_mails.text(
                    DIGEST_ONE if n == 1 else DIGEST_MANY, name=person.first_name, n=str(n)
                )
                found.append(hub_mails.message(person.email, DIGEST_SUBJECT, words, link, hub))
    return found
