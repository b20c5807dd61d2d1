"""What the news keeps about one person, for the AVG export and wipe (services/privacy.py).

Export: the posts they wrote (title, text, wijk, status in its own word, the coordinator's note to
them, the dates), their photos' descriptions and sizes (not the pictures: those are in the posts'
pages), and the posts they decided on as coordinator (title, what they decided, when), never the
writers of those.

Wipe (``forget``, in the caller's transaction):

- their **drafts and every post that is not published** (waiting, to change, rejected, taken
  down) are deleted, with their index entries;
- their **photos** go too, except the photo of a published post, which stays with that post;
- their **published posts stay** for the wijk (the text is the neighbourhood's news) but lose the
  writer: ``author_id`` and ``author_name`` are emptied, so the pages say "Trekkersgroep {wijk}";
- the posts they decided on as coordinator stay: only the link to them is cut.
"""

from datetime import datetime

from sqlmodel import Session, col, select, update
from sqlmodel import delete as delete_rows

from mantelzorg_app.models import Hub, NewsPhoto, NewsPost, PostStatus, Wijk
from mantelzorg_app.services.news import indexing

# Every news table with a foreign key to person.id (services/privacy.py checks they are all handled).
TABLES = (NewsPost, NewsPhoto)


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def stored(session: Session, person_id: int) -> dict:
    hubs = dict(session.exec(select(Hub.id, Hub.slug)).all())
    wijken = dict(session.exec(select(Wijk.id, Wijk.name)).all())
    written = session.exec(
        select(NewsPost).where(NewsPost.author_id == person_id).order_by(col(NewsPost.id))
    ).all()
    photos = session.exec(
        select(NewsPhoto).where(NewsPhoto.author_id == person_id).order_by(col(NewsPhoto.id))
    ).all()
    decided = session.exec(
        select(NewsPost).where(NewsPost.decided_by_id == person_id).order_by(col(NewsPost.id))
    ).all()
    return {
        "news_posts": [
            {
                "hub": hubs.get(p.hub_id),
                "wijk": wijken.get(p.wijk_id) if p.wijk_id else None,
                "title": p.title,
                "text": p.body,
                "status": p.status,
                "signed_as": p.author_name,
                "note_from_the_coordinator": p.note,
                "created_at": _when(p.created_at),
                "updated_at": _when(p.updated_at),
                "sent_at": _when(p.sent_at),
                "decided_at": _when(p.decided_at),
                "published_at": _when(p.published_at),
            }
            for p in written
        ],
        "news_photos": [
            {
                "hub": hubs.get(f.hub_id),
                "description": f.alt,
                "width": f.width,
                "height": f.height,
                "created_at": _when(f.created_at),
            }
            for f in photos
        ],
        "news_posts_you_decided": [
            {
                "hub": hubs.get(p.hub_id),
                "title": p.title,
                "status": p.status,
                "decided_at": _when(p.decided_at),
            }
            for p in decided
        ],
    }


def forget(session: Session, person_id: int) -> None:
    """Wipes the person's news rows as the module says (not committed)."""
    gone = session.exec(
        select(NewsPost).where(NewsPost.author_id == person_id, NewsPost.status != PostStatus.published)
    ).all()
    for post in gone:
        indexing.unindex(session, post.id)
        session.delete(post)
    session.flush()
    kept = select(NewsPost.photo_id).where(col(NewsPost.photo_id).is_not(None))
    session.exec(
        delete_rows(NewsPhoto).where(col(NewsPhoto.author_id) == person_id, col(NewsPhoto.id).not_in(kept))
    )
    session.exec(update(NewsPhoto).where(col(NewsPhoto.author_id) == person_id).values(author_id=None))
    session.exec(
        update(NewsPost).where(col(NewsPost.author_id) == person_id).values(author_id=None, author_name="")
    )
    session.exec(update(NewsPost).where(col(NewsPost.decided_by_id) == person_id).values(decided_by_id=None))
