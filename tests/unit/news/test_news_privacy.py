"""The news in the AVG export and wipe (services.news.privacy through services.privacy): the export
holds the person's posts and photo descriptions, nobody else's; a wipe deletes their drafts and
unpublished posts with their photos, keeps their published posts without their name, and cuts the
coordinator's link to the posts they decided on."""

import json

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import NewsPhoto, NewsPost, PostStatus, SearchDocument
from mantelzorg_app.services import privacy
from mantelzorg_app.services.news import indexing
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, help_world


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _photo(session: Session, world: Help, person_id: int, alt: str) -> NewsPhoto:
    photo = NewsPhoto(
        hub_id=world.leusden.id, author_id=person_id, data=b"\xff\xd8jpeg", width=4, height=3, alt=alt
    )
    session.add(photo)
    session.flush()
    return photo


def _post(session: Session, world: Help, title: str, status: PostStatus, photo: NewsPhoto | None = None):
    post = NewsPost(
        hub_id=world.leusden.id,
        wijk_id=world.centrum.id,
        author_id=world.carla.id,
        author_name="Carla",
        title=title,
        body=f"De tekst van {title}.",
        status=status,
        photo_id=photo.id if photo else None,
        published_at=NOW if status == PostStatus.published else None,
        decided_by_id=world.cora.id if status != PostStatus.draft else None,
        decided_at=NOW if status != PostStatus.draft else None,
        note="Graag korter." if status == PostStatus.changes else "",
    )
    session.add(post)
    session.flush()
    indexing.index(session, post)
    return post


@pytest.fixture
def posts(session: Session, world: Help) -> dict[str, NewsPost]:
    made = {
        "published": _post(
            session,
            world,
            "Ruilkast",
            PostStatus.published,
            _photo(session, world, world.carla.id, "Een kast"),
        ),
        "draft": _post(
            session, world, "Concept", PostStatus.draft, _photo(session, world, world.carla.id, "Kladje")
        ),
        "waiting": _post(session, world, "Wacht", PostStatus.waiting),
        "changes": _post(session, world, "Aanpassen", PostStatus.changes),
        "rejected": _post(session, world, "Afgewezen", PostStatus.rejected),
        "taken_down": _post(session, world, "Weggehaald", PostStatus.taken_down),
    }
    _photo(session, world, world.carla.id, "Nog niet gebruikt")  # uploaded, never attached
    other = NewsPost(
        hub_id=world.leusden.id, author_id=world.vera.id, author_name="Vera", title="Van Vera", body="Tekst."
    )
    session.add(other)
    _photo(session, world, world.vera.id, "Vera's foto")
    session.commit()
    return made


def test_the_export_holds_her_posts_and_photos(session: Session, world: Help, posts) -> None:
    data = privacy.stored(session, world.carla.id)
    assert {p["title"]: p["status"] for p in data["news_posts"]} == {
        "Ruilkast": "published",
        "Concept": "draft",
        "Wacht": "waiting",
        "Aanpassen": "changes",
        "Afgewezen": "rejected",
        "Weggehaald": "taken_down",
    }
    (changes,) = [p for p in data["news_posts"] if p["title"] == "Aanpassen"]
    assert (
        changes["text"] == "De tekst van Aanpassen."
        and changes["note_from_the_coordinator"] == "Graag korter."
    )
    assert changes["hub"] == "leusden" and changes["wijk"] == world.centrum.name
    assert changes["decided_at"] == NOW.isoformat()
    assert sorted(f["description"] for f in data["news_photos"]) == [
        "Een kast",
        "Kladje",
        "Nog niet gebruikt",
    ]
    assert data["news_posts_you_decided"] == []
    text = json.dumps(data)
    assert "Vera" not in text and "jpeg" not in text, "nobody else's, and not the picture's bytes"


def test_the_coordinators_export_holds_what_she_decided_not_who_wrote_it(
    session: Session, world: Help, posts
) -> None:
    data = privacy.stored(session, world.cora.id)
    assert data["news_posts"] == [] and data["news_photos"] == []
    assert len(data["news_posts_you_decided"]) == 5
    assert "Carla" not in json.dumps(data["news_posts_you_decided"])


def test_a_wipe_deletes_her_unpublished_posts_and_photos(session: Session, world: Help, posts) -> None:
    published_id, photo_id = posts["published"].id, posts["published"].photo_id
    assert privacy.delete(session, world.carla.id)
    session.expire_all()

    (kept,) = session.exec(select(NewsPost).where(NewsPost.title != "Van Vera")).all()
    assert (kept.id, kept.status, kept.title, kept.body) == (
        published_id,
        PostStatus.published,
        "Ruilkast",
        "De tekst van Ruilkast.",
    )
    assert (kept.author_id, kept.author_name) == (None, ""), "the pages say 'Trekkersgroep {wijk}'"
    photos = session.exec(select(NewsPhoto)).all()
    assert {(p.id, p.author_id) for p in photos if p.alt != "Vera's foto"} == {(photo_id, None)}
    (indexed,) = session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).all()
    assert indexed.ref == str(published_id), "the published post is still found"


def test_a_wipe_keeps_everyone_elses_posts(session: Session, world: Help, posts) -> None:
    privacy.delete(session, world.carla.id)
    session.expire_all()
    vera = session.exec(select(NewsPost).where(NewsPost.title == "Van Vera")).one()
    assert (vera.author_id, vera.author_name) == (world.vera.id, "Vera")
    assert session.exec(select(NewsPhoto).where(NewsPhoto.author_id == world.vera.id)).one()


def test_wiping_the_coordinator_keeps_the_posts_she_decided(session: Session, world: Help, posts) -> None:
    privacy.delete(session, world.cora.id)
    session.expire_all()
    rows = session.exec(select(NewsPost).where(NewsPost.author_id == world.carla.id)).all()
    assert len(rows) == 6
    assert all(row.decided_by_id is None for row in rows)
    assert {row.decided_at for row in rows if row.status != PostStatus.draft} == {NOW}
