"""Published posts in the one search index (services.news.indexing): found by their title, text and
wijk under "post", in their own hub only; a draft, a post waiting, taken down or rejected is not.
Runs on PostgreSQL too (REFLEX_DB_URL)."""

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import NewsPost, PostStatus, Role, SearchDocument
from mantelzorg_app.services.news import indexing, posts
from mantelzorg_app.services.search import query
from state.search import _part
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, actor, help_world


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _post(session: Session, world: Help, status: PostStatus = PostStatus.published, **changes) -> NewsPost:
    fields = {
        "hub_id": world.leusden.id,
        "wijk_id": world.centrum.id,
        "author_id": world.carla.id,
        "author_name": "Carla",
        "title": "Boekenkast bij de bieb",
        "body": "In de hal van de bibliotheek staat nu een ruilkast. Neem een boek mee, of breng er een.",
        "status": status,
        "published_at": NOW if status == PostStatus.published else None,
    }
    post = NewsPost(**(fields | changes))
    session.add(post)
    session.flush()
    return post


def _found(session: Session, hub_id: int, words: str, **filters) -> list[tuple[str, str]]:
    return [(hit.kind, hit.title) for hit in query.search(session, hub_id, words, **filters).hits]


def test_a_published_post_is_found_by_its_title_text_and_wijk(session: Session, world: Help) -> None:
    post = _post(session, world)
    assert indexing.index(session, post)
    session.commit()

    hit = ("post", "Boekenkast bij de bieb")
    for words in ("boekenkast", "ruilkast", "bibliotheek", "centrum", "nieuws", "boek"):
        assert hit in _found(session, world.leusden.id, words), words
    assert _found(session, world.poperinge.id, "boekenkast") == [], "not in another hub"
    assert hit in _found(session, world.leusden.id, "boekenkast", wijk_id=world.centrum.id)
    assert _found(session, world.leusden.id, "boekenkast", wijk_id=world.zuid.id) == []
    (row,) = session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).all()
    assert (row.ref, row.icon, row.wijk_ids) == (str(post.id), "newspaper", str(world.centrum.id))
    assert row.summary.startswith("In de hal van de bibliotheek")


def test_the_writers_name_does_not_find_it(session: Session, world: Help) -> None:
    post = _post(session, world, author_name="Zeldzaamnaam")
    indexing.index(session, post)
    session.commit()
    assert _found(session, world.leusden.id, "zeldzaamnaam") == []


@pytest.mark.parametrize(
    "status", [PostStatus.draft, PostStatus.waiting, PostStatus.changes, PostStatus.rejected]
)
def test_a_post_not_published_stays_out(session: Session, world: Help, status: PostStatus) -> None:
    post = _post(session, world, status)
    assert not indexing.index(session, post)
    session.commit()
    assert _found(session, world.leusden.id, "boekenkast") == []


def test_taken_down_it_leaves_the_index(session: Session, world: Help) -> None:
    post = _post(session, world)
    indexing.index(session, post)
    session.commit()
    post.status = PostStatus.taken_down
    assert not indexing.index(session, post)  # index after any change: out when not published
    session.commit()
    assert _found(session, world.leusden.id, "boekenkast") == []

    again = _post(session, world, title="Boekenkast twee")
    indexing.index(session, again)
    session.commit()
    indexing.unindex(session, again.id)
    session.commit()
    assert _found(session, world.leusden.id, "boekenkast") == []


def test_unindex_of_a_deleted_post_clears_its_row(session: Session, world: Help) -> None:
    post = _post(session, world)
    indexing.index(session, post)
    session.commit()
    post_id = post.id
    session.delete(post)
    session.commit()
    indexing.unindex(session, post_id)
    session.commit()
    assert session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).all() == []


def test_index_all_is_idempotent(session: Session, world: Help) -> None:
    _post(session, world)
    _post(session, world, PostStatus.draft, title="Nog niet klaar")
    session.commit()
    assert indexing.index_all(session) == 1
    assert indexing.index_all(session) == 1
    session.commit()
    assert len(session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).all()) == 1


def test_an_edit_replaces_the_entry(session: Session, world: Help) -> None:
    post = _post(session, world)
    indexing.index(session, post)
    post.title = "Ruilkast voor boeken"
    indexing.index(session, post)
    session.commit()
    assert _found(session, world.leusden.id, "ruilkast") == [("post", "Ruilkast voor boeken")]


def test_the_summary_is_the_start_of_the_text_on_one_line(session: Session, world: Help) -> None:
    post = _post(session, world, body="Kort  en\n\ngoed. " + "woord " * 60)
    indexing.index(session, post)
    session.commit()
    row = session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).one()
    assert row.summary.startswith("Kort en goed. woord") and row.summary.endswith("woord…")
    assert len(row.summary) <= indexing.SUMMARY_MOST


def test_the_card_leads_to_the_posts_page(session: Session, world: Help) -> None:
    post = _post(session, world)
    indexing.index(session, post)
    session.commit()
    (hit,) = query.search(session, world.leusden.id, "boekenkast").hits
    assert _part(hit) == f"nieuws/{post.id}"
    (group,) = query.search(session, world.leusden.id, "boekenkast").groups
    assert group.kind == "post"


def test_the_coordinators_own_post_is_found_once_sent(session: Session, world: Help) -> None:
    """posts.send publishes the coordinator's own post at once: it is in the search in that commit."""
    cora = actor(world.cora, world.leusden, Role.coordinator)
    draft = posts.save_draft(session, cora, None, posts.Fields("Markt op zaterdag", "Kom ook."), 0, NOW)
    posts.send(session, cora, draft.id, NOW)
    assert _found(session, world.leusden.id, "markt") == [("post", "Markt op zaterdag")]
