"""A post from writing to sending: who may write for which wijk, the draft saved as they type, and
sending it to the coordinator for the check (services.news.moderation decides).

A trekker writes for the one wijk their trekker role is for; the coordinator for any wijk of the
hub or the whole hub (``wijk_id`` None), and their own post is published when sent: they are the
one who checks. Everything is checked here from the database, whatever the caller sent.

Nothing fills up for good: the writer throws away a draft or a post to change (``discard``), and
takes a post still waiting for the check back to the drafts (``take_back``); a tab whose draft was
changed, sent or thrown away elsewhere keeps its words with ``save_over``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select, update

from mantelzorg_app.models import Activity, Membership, NewsPhoto, NewsPost, PostStatus, Role, Wijk
from mantelzorg_app.services.identity.authz import Actor, Refused, refuse
from mantelzorg_app.services.news import indexing
from mantelzorg_app.services.platform import database
from mantelzorg_app.services.platform.i18n import N_

TITLE_MOST = 80
BODY_MOST = 3000
OPEN_MOST = 20  # drafts and posts waiting or to change, per person: a form cannot fill the table
SENT_A_DAY_MOST = 10  # posts one person sends for the check in 24 hours
EDITABLE = (PostStatus.draft, PostStatus.changes)
ACTION = "news-post"

NO_TITLE = N_("Geef uw bericht een titel.")
LONG_TITLE = N_("De titel is te lang. Hoogstens {most} tekens.")
NO_BODY = N_("Schrijf eerst wat er te vertellen is.")
LONG_BODY = N_("Het bericht is te lang. Hoogstens {most} tekens.")
NO_WIJK = N_("Kies de wijk van uw bericht.")
NO_ALT = N_("Zeg in een paar woorden wat er op de foto staat.")
TOO_MANY_OPEN = N_("U heeft al {most} berichten die nog niet klaar zijn. Maak die eerst af.")
TOO_MANY_SENT = N_("U heeft vandaag al {most} berichten gestuurd. Probeer het morgen weer.")
CHANGED_ELSEWHERE = N_("Dit bericht is ergens anders veranderd. Open het opnieuw.")
NOT_WAITING = N_("Dit bericht wacht niet meer op de coördinator.")
DISCARDABLE = (PostStatus.draft, PostStatus.changes)


@dataclass(frozen=True)
class Fields:
    """What the form holds; ``wijk_id`` None is the whole hub (the coordinator only)."""

    title: str = ""
    body: str = ""
    wijk_id: int | None = None
    activity_id: int | None = None


class NotPossible(Exception):
    """A plain reason (a msgid with its values) the post cannot be saved or sent as it is."""

    def __init__(self, msgid: str, **values: object):
        super().__init__(msgid)
        self.msgid = msgid
        self.values = values


def trekker_wijk(session: Session, actor: Actor) -> int | None:
    """The wijk the actor is a trekker for in their hub, or None."""
    if not actor.has(Role.trekker):
        return None
    return session.exec(
        select(Membership.wijk_id).where(
            Membership.person_id == actor.person_id,
            Membership.hub_id == actor.hub_id,
            Membership.role == Role.trekker,
            ~col(Membership.pending),
        )
    ).first()


def writable_wijken(session: Session, actor: Actor | None) -> list[Wijk]:
    """The wijken the actor may write for: the coordinator every wijk of the hub, a trekker theirs."""
    if actor is None:
        return []
    query = select(Wijk).where(Wijk.hub_id == actor.hub_id).order_by(Wijk.name)
    if not actor.has(Role.coordinator):
        wijk_id = trekker_wijk(session, actor)
        if wijk_id is None:
            return []
        query = query.where(Wijk.id == wijk_id)
    return list(session.exec(query).all())


def may_write(session: Session, actor: Actor | None, wijk_id: int | None = None) -> bool:
    """Whether the actor may write a post for ``wijk_id`` (None: the whole hub, the coordinator only)."""
    if actor is None:
        return False
    if actor.has(Role.coordinator):
        return wijk_id is None or any(w.id == wijk_id for w in writable_wijken(session, actor))
    return wijk_id is not None and trekker_wijk(session, actor) == wijk_id


def may_see(actor: Actor | None, post: NewsPost) -> bool:
    """A published post anyone of the hub's page sees; before that its writer and the coordinator."""
    if post.status == PostStatus.published:
        return True
    if actor is None or actor.hub_id != post.hub_id:
        return False
    return actor.person_id == post.author_id or actor.has(Role.coordinator)


def own(session: Session, actor: Actor, post_id: object) -> NewsPost:
    """The actor's own post in their hub; refused (and logged) for any other id."""
    post = database.row(session, NewsPost, post_id)
    if post is None or post.hub_id != actor.hub_id or post.author_id != actor.person_id:
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"not the writer of post {post_id!r}")
        raise Refused(ACTION)
    return post


def own_if_there(session: Session, actor: Actor, post_id: object) -> NewsPost | None:
    """The actor's own post, or None when there is no such post (a draft thrown away); someone
    else's post (or another hub's) is refused and logged as ``own`` does."""
    if database.row(session, NewsPost, post_id) is None:
        return None
    return own(session, actor, post_id)


def _check_fields(session: Session, actor: Actor, fields: Fields) -> None:
    if len(fields.title) > TITLE_MOST:
        raise NotPossible(LONG_TITLE, most=TITLE_MOST)
    if len(fields.body) > BODY_MOST:
        raise NotPossible(LONG_BODY, most=BODY_MOST)
    if not may_write(session, actor, fields.wijk_id):
        if actor.has(Role.coordinator, Role.trekker) and fields.wijk_id is None:
            raise NotPossible(NO_WIJK)
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"may not write for wijk {fields.wijk_id!r}")
        raise Refused(ACTION)
    if fields.activity_id is not None:
        activity = database.row(session, Activity, fields.activity_id)
        if activity is None or activity.hub_id != actor.hub_id:
            raise NotPossible(NO_WIJK)  # never shown: the form offers the hub's activities only


def _open_count(session: Session, actor: Actor) -> int:
    return session.exec(
        select(func.count())
        .select_from(NewsPost)
        .where(
            NewsPost.author_id == actor.person_id,
            col(NewsPost.status).in_([PostStatus.draft, PostStatus.waiting, PostStatus.changes]),
        )
    ).one()


def save_draft(
    session: Session, actor: Actor, post_id: int | None, fields: Fields, version: int, now: datetime
) -> NewsPost:
    """Creates the draft (``post_id`` None) or saves the actor's own draft or post to change. A save
    from an older copy (``version`` not the stored one: another tab saved since), or of a post sent
    or thrown away meanwhile, is refused with CHANGED_ELSEWHERE, so one tab never overwrites the
    other's words unseen (``save_over`` does, when the writer says so)."""
    fields = Fields(fields.title.strip(), fields.body.strip(), fields.wijk_id, fields.activity_id)
    _check_fields(session, actor, fields)
    if post_id is None:
        if _open_count(session, actor) >= OPEN_MOST:
            raise NotPossible(TOO_MANY_OPEN, most=OPEN_MOST)
        post = NewsPost(hub_id=actor.hub_id, author_id=actor.person_id, author_name=actor.first_name)
    else:
        post = own_if_there(session, actor, post_id)  # someone else's: refused and logged
        if post is None or post.status not in EDITABLE:  # thrown away or sent elsewhere
            raise NotPossible(CHANGED_ELSEWHERE)
        taken = session.exec(
            update(NewsPost)
            .where(col(NewsPost.id) == post.id, col(NewsPost.version) == version)
            .values(version=NewsPost.version + 1)
        )
        if taken.rowcount != 1:
            session.rollback()
            raise NotPossible(CHANGED_ELSEWHERE)
        session.refresh(post)
    post.title, post.body = fields.title, fields.body
    post.wijk_id, post.activity_id = fields.wijk_id, fields.activity_id
    post.updated_at = now
    session.add(post)
    session.commit()
    session.refresh(post)
    return post


def save_over(session: Session, actor: Actor, post_id: int | None, fields: Fields, now: datetime) -> NewsPost:
    """ "Bewaar wat hier staat": a tab's form saved over the actor's own post to edit whatever
    another tab saved since (its version is taken from the database); when that post was sent or
    thrown away meanwhile, the form becomes a new draft, so no words are lost."""
    post = own_if_there(session, actor, post_id) if post_id is not None else None
    if post is None or post.status not in EDITABLE:
        return save_draft(session, actor, None, fields, 0, now)
    return save_draft(session, actor, post.id, fields, post.version, now)


def attach_photo(
    session: Session, actor: Actor, post_id: object, photo: NewsPhoto | None, now: datetime
) -> None:
    """Puts ``photo`` (already made by services.news.photos for this actor) on the actor's own post
    to edit, or takes the photo off (None); an old photo no other post uses is deleted."""
    post = own(session, actor, post_id)
    if post.status not in EDITABLE:
        raise NotPossible(CHANGED_ELSEWHERE)
    if photo is not None and (photo.author_id != actor.person_id or photo.hub_id != actor.hub_id):
        refuse(session, ACTION, actor.hub_id, actor.person_id, "someone else's photo")
        raise Refused(ACTION)
    old = post.photo_id
    post.photo_id = photo.id if photo is not None else None
    post.version += 1
    post.updated_at = now
    session.add(post)
    session.flush()
    if old is not None and old != post.photo_id:
        _delete_unused_photo(session, old)
    session.commit()


def describe_photo(session: Session, actor: Actor, post_id: object, alt: str, now: datetime) -> None:
    """The photo's description for screen readers, on the actor's own post to edit."""
    post = own(session, actor, post_id)
    photo = session.get(NewsPhoto, post.photo_id) if post.photo_id else None
    if post.status not in EDITABLE or photo is None:
        raise NotPossible(CHANGED_ELSEWHERE)
    photo.alt = alt.strip()[:200]
    post.updated_at = now
    session.add_all([photo, post])
    session.commit()


def _delete_unused_photo(session: Session, photo_id: int) -> None:
    used = session.exec(select(func.count()).select_from(NewsPost).where(NewsPost.photo_id == photo_id)).one()
    photo = session.get(NewsPhoto, photo_id)
    if not used and photo is not None:
        session.delete(photo)


def problems(session: Session, post: NewsPost) -> list[tuple[str, dict[str, object]]]:
    """What keeps the post from being sent, each a msgid with its values; empty when it can go."""
    found: list[tuple[str, dict[str, object]]] = []
    if not post.title.strip():
        found.append((NO_TITLE, {}))
    if not post.body.strip():
        found.append((NO_BODY, {}))
    photo = session.get(NewsPhoto, post.photo_id) if post.photo_id else None
    if photo is not None and not photo.alt.strip():
        found.append((NO_ALT, {}))
    return found


def send(session: Session, actor: Actor, post_id: object, now: datetime, alt: str | None = None) -> NewsPost:
    """Sends the actor's own draft (or post to change) for the coordinator's check; the
    coordinator's own post is published at once. Raises NotPossible with the first problem.
    ``alt``: the photo's description as the form holds it (saved first, when there is a photo)."""
    post = own(session, actor, post_id)
    if post.status not in EDITABLE:
        raise NotPossible(CHANGED_ELSEWHERE)
    photo = session.get(NewsPhoto, post.photo_id) if post.photo_id else None
    if alt is not None and photo is not None:
        photo.alt = alt.strip()[:200]
        session.add(photo)
        session.flush()
    if not may_write(session, actor, post.wijk_id):  # the trekker role or its wijk changed since
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"may not write for wijk {post.wijk_id!r}")
        raise Refused(ACTION)
    found = problems(session, post)
    if found:
        msgid, values = found[0]
        raise NotPossible(msgid, **values)
    sent = session.exec(
        select(func.count())
        .select_from(NewsPost)
        .where(NewsPost.author_id == actor.person_id, col(NewsPost.sent_at) > now - timedelta(days=1))
    ).one()
    if sent >= SENT_A_DAY_MOST:
        raise NotPossible(TOO_MANY_SENT, most=SENT_A_DAY_MOST)
    post.sent_at = now
    post.version += 1
    post.updated_at = now
    if actor.has(Role.coordinator):
        post.status, post.published_at = PostStatus.published, now
        post.decided_by_id, post.decided_at, post.note = actor.person_id, now, ""
    else:
        post.status = PostStatus.waiting
    session.add(post)
    indexing.index(session, post)  # the coordinator's own post is in the search at once
    session.commit()
    session.refresh(post)
    return post


def discard(session: Session, actor: Actor, post_id: object) -> None:
    """Deletes the actor's own draft or post to change (never one waiting, published or decided)
    with its photo."""
    post = own(session, actor, post_id)
    if post.status not in DISCARDABLE:
        raise NotPossible(CHANGED_ELSEWHERE)
    photo_id = post.photo_id
    session.delete(post)
    session.flush()
    if photo_id is not None:
        _delete_unused_photo(session, photo_id)
    session.commit()


def take_back(session: Session, actor: Actor, post_id: object, now: datetime) -> NewsPost:
    """ "Haal terug": the actor's own post still waiting for the check goes back to the drafts, to
    change or throw away (it leaves the coordinator's list; a decision on it now is refused, as its
    version went up). Only while it waits."""
    post = own(session, actor, post_id)
    if post.status != PostStatus.waiting:
        raise NotPossible(NOT_WAITING)
    post.status = PostStatus.draft
    post.version += 1
    post.updated_at = now
    session.add(post)
    session.commit()
    session.refresh(post)
    return post


def mine(session: Session, actor: Actor) -> list[NewsPost]:
    """The actor's posts in their hub, the newest change first."""
    return list(
        session.exec(
            select(NewsPost)
            .where(NewsPost.hub_id == actor.hub_id, NewsPost.author_id == actor.person_id)
            .order_by(col(NewsPost.updated_at).desc())
        ).all()
    )
