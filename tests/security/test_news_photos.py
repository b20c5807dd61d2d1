"""A news post's photo: ``/nieuws-foto/<id>.jpg`` gives a draft's photo only to its writer and the
hub's coordinator (a plain 404 for anyone else, as for a missing one), a published post's to anyone;
the upload takes a photo only for the writer's own post, whatever post id a browser sends."""

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import news_photo_routes
from mantelzorg_app.models import NewsPhoto, NewsPost, PostStatus
from mantelzorg_app.routes import news_photo
from mantelzorg_app.services.platform import cookies
from state.news.photo import PhotoState
from tests.security.conftest import People, call, call_in_turn, refusals
from tests.security.photo_fixtures import chosen, drafted, jpeg


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(Starlette(routes=news_photo_routes.routes), follow_redirects=False)


def _get(client: TestClient, path: str, token: str | None = None):
    client.cookies.clear()
    if token is not None:
        client.cookies.set(cookies.SESSION, token)
    return client.get(path)


def _publish(db, post_id: int) -> None:
    with Session(db) as session:
        post = session.get(NewsPost, post_id)
        post.status = PostStatus.published
        session.add(post)
        session.commit()


def test_a_draft_s_photo_is_a_plain_404_for_anyone_but_its_writer_and_the_coordinator(
    client: TestClient, db, people: People
):
    draft = drafted("leusden")
    path = news_photo(draft["photo"])
    missing = _get(client, news_photo(draft["photo"] + 1000))
    for who in (None, "caregiver", "volunteer", "professional", "other_hub_coordinator"):
        answer = _get(client, path, people.tokens[who] if who else None)
        assert answer.status_code == 404, who
        assert (answer.text, answer.headers["cache-control"]) == (
            missing.text,
            missing.headers["cache-control"],
        )
    for junk in ("abc", "0", "01", "-1", "1.5", "99999999999999999999", "١٢"):
        assert _get(client, f"/nieuws-foto/{junk}.jpg", people.tokens["coordinator"]).status_code == 404

    answer = _get(client, path, people.tokens["coordinator"])  # Gerrit: the writer, and the coordinator
    assert answer.status_code == 200 and answer.content[:3] == b"\xff\xd8\xff"
    assert answer.headers["content-type"] == "image/jpeg"
    assert answer.headers["cache-control"] == "private, no-store"


def test_the_coordinator_sees_a_trekker_s_draft_photo(client: TestClient, db, people: People):
    """Leusden's coordinator sees the photo another writer of the hub made; Poperinge's does not."""
    draft = drafted("leusden")
    with Session(db) as session:
        photo = session.get(NewsPhoto, draft["photo"])
        photo.author_id = people.ids["volunteer_person"]  # as if Carla wrote it
        session.add(photo)
        session.commit()
    assert _get(client, news_photo(draft["photo"]), people.tokens["volunteer"]).status_code == 200
    assert _get(client, news_photo(draft["photo"]), people.tokens["coordinator"]).status_code == 200
    assert _get(client, news_photo(draft["photo"]), people.tokens["other_hub_coordinator"]).status_code == 404


def test_a_published_post_s_photo_is_public_and_may_be_kept(client: TestClient, db, people: People):
    draft = drafted("leusden")
    _publish(db, draft["post"])
    answer = _get(client, news_photo(draft["photo"]))
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
    assert answer.headers["cache-control"] == "public, max-age=300"
    again = client.get(news_photo(draft["photo"]), headers={"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304 and not again.content


def test_a_taken_down_post_s_photo_is_gone_for_others_at_the_cache_s_next_ask(client: TestClient, db, people):
    """A cache keeps a published photo five minutes at most; when it asks again after the take-down,
    even with the ETag it held, it gets the plain 404 (and nothing that may be kept)."""
    draft = drafted("leusden")
    _publish(db, draft["post"])
    etag = _get(client, news_photo(draft["photo"])).headers["etag"]
    with Session(db) as session:
        post = session.get(NewsPost, draft["post"])
        post.status = PostStatus.taken_down
        session.add(post)
        session.commit()
    gone = client.get(news_photo(draft["photo"]), headers={"If-None-Match": etag})
    assert gone.status_code == 404 and "public" not in gone.headers.get("cache-control", "")


def test_the_upload_takes_a_photo_only_for_the_writer_s_own_post(db, people: People):
    leusden, poperinge = drafted("leusden"), drafted("poperinge")

    def photos_now() -> list[tuple]:
        with Session(db) as session:
            return list(session.exec(select(NewsPhoto.id, NewsPhoto.alt).order_by(NewsPhoto.id)).all())

    def photo_of(post_id: int) -> int | None:
        with Session(db) as session:
            return session.get(NewsPost, post_id).photo_id

    before, refused_before = photos_now(), refusals(db)
    for who, post in (
        (None, leusden["post"]),
        ("caregiver", leusden["post"]),
        ("other_hub_coordinator", leusden["post"]),  # a coordinator, of another hub
        ("coordinator", poperinge["post"]),  # another hub's post, by id
    ):
        token = people.tokens[who] if who else None
        state, _ = call(PhotoState, "upload", chosen(), post, token=token)
        call(PhotoState, "describe", post, "Iets anders", token=token)
        call(PhotoState, "remove", post, token=token)
        assert state.url == "" and state.allowed == (who == "coordinator")  # the page, not the post
    assert photos_now() == before
    assert refusals(db) >= refused_before + 4

    state = call_in_turn(
        PhotoState,
        ("upload", chosen(), leusden["post"]),
        ("describe", leusden["post"], "  Een groep mensen aan de koffie  "),
        token=people.tokens["coordinator"],
    )
    photo_id = photo_of(leusden["post"])
    assert state.allowed and state.problem == "" and state.url == news_photo(photo_id)
    assert photo_id != leusden["photo"], "the new photo takes the old one's place"
    assert state.alt == "Een groep mensen aan de koffie"
    assert photo_of(poperinge["post"]) == poperinge["photo"]

    state = call_in_turn(
        PhotoState, ("upload", chosen(b"geen foto"), leusden["post"]), token=people.tokens["coordinator"]
    )
    assert (
        state.problem == "Dit bestand is geen foto. Kies een foto." and photo_of(leusden["post"]) == photo_id
    )

    state = call_in_turn(PhotoState, ("remove", leusden["post"]), token=people.tokens["coordinator"])
    assert state.url == "" and photo_of(leusden["post"]) is None
    with Session(db) as session:
        assert session.get(NewsPhoto, photo_id) is None, "a photo no post uses is deleted"


def test_a_file_over_the_limit_is_read_no_further_and_refused(db, people: People):
    from mantelzorg_app.services.news import photos

    post = drafted("leusden")["post"]
    big = jpeg() + b"\0" * photos.PHOTO_MAX_BYTES
    state = call_in_turn(PhotoState, ("upload", chosen(big), post), token=people.tokens["coordinator"])
    assert state.problem == photos.TOO_BIG


def test_what_the_browser_refused_is_said_in_words(db):
    from mantelzorg_app.services.news import photos

    too_big = [{"file": {"name": "x.jpg"}, "errors": [{"code": "file-too-large", "message": "..."}]}]
    not_an_image = [{"file": {}, "errors": [{"code": "file-invalid-type"}]}]
    for files, said in (
        (too_big, photos.TOO_BIG),
        (not_an_image, photos.NOT_A_PHOTO),
        ("junk", photos.NOT_A_PHOTO),
    ):
        state, _ = call(PhotoState, "rejected", files)
        assert state.problem == said and not state.busy
