"""News rows for the photo's security tests: in each demo hub a draft of its coordinator with a
photo on it, and a photo as the phone sends it through Reflex's upload."""

import io
from pathlib import Path

import reflex as rx
from PIL import Image
from sqlmodel import select

TITLE = "Fotoproef"
COORDINATORS = {"leusden": "Gerrit", "poperinge": "Jolien"}  # as tests.security.conftest.people


def jpeg(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def chosen(data: bytes | None = None) -> list:
    """The chosen photo as Reflex's upload hands it over: in memory."""
    data = jpeg() if data is None else data
    return [rx.UploadFile(file=io.BytesIO(data), path=Path("foto.jpg"), size=len(data))]


def drafted(slug: str) -> dict:
    """The hub coordinator's draft with a photo (made once per test): the post's and photo's ids."""
    from mantelzorg_app.models import Hub, Membership, NewsPost, Person, Role
    from mantelzorg_app.models.base import utcnow
    from mantelzorg_app.services.identity.authz import Actor
    from mantelzorg_app.services.news import photos, posts

    with rx.session() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        query = select(NewsPost).where(NewsPost.hub_id == hub_id, NewsPost.title == TITLE)
        post = session.exec(query).first()
        if post is None:
            person = session.exec(
                select(Person)
                .join(Membership, Membership.person_id == Person.id)
                .where(Membership.hub_id == hub_id, Membership.role == Role.coordinator)
                .where(Person.first_name == COORDINATORS[slug])
            ).one()
            writer = Actor(person.id, person.first_name, hub_id, frozenset({Role.coordinator}))
            now = utcnow()
            post = posts.save_draft(session, writer, None, posts.Fields(TITLE, "Een proef."), 0, now)
            posts.attach_photo(session, writer, post.id, photos.make(session, writer, jpeg(), now), now)
            session.refresh(post)
        return {"post": post.id, "photo": post.photo_id, "author": post.author_id}
