"""News rows for the moderation's security tests: in each demo hub a post that waits for the check
and a published one, written by a caregiver of the hub (Anna in Leusden, Hilde in Poperinge)."""

import reflex as rx
from sqlmodel import select

WRITERS = {"leusden": "Anna", "poperinge": "Hilde"}  # caregivers of tests.security.conftest.people
TITLES = {"waiting": "Wachtproef", "published": "Publicatieproef"}


def news_post(slug: str, status: str = "waiting") -> int:
    """The hub's post in ``status`` ("waiting" or "published"), made once per test; its id."""
    from mantelzorg_app.models import Hub, Membership, NewsPost, Person, PostStatus
    from mantelzorg_app.models.base import utcnow

    with rx.session() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        title = TITLES[status]
        found = session.exec(
            select(NewsPost.id).where(NewsPost.hub_id == hub_id, NewsPost.title == title)
        ).first()
        if found is not None:
            return found
        writer = session.exec(
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.hub_id == hub_id, Person.first_name == WRITERS[slug])
        ).first()
        now = utcnow()
        post = NewsPost(
            hub_id=hub_id,
            author_id=writer.id,
            author_name=writer.first_name,
            title=title,
            body="Een proef.\n\nMet twee alinea's.",
            status=PostStatus(status),
            sent_at=now,
            published_at=now if status == "published" else None,
        )
        session.add(post)
        session.commit()
        return post.id
