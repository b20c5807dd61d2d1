"""Reading the news as any tab can: the Nieuws page lists only published posts of the hub the server
looked up, a post's page shows a post that is not published only to its writer and the coordinator,
and another hub's post, item or wijk finds nothing, whatever id the browser sends."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from mantelzorg_app.models import Hub, NewsFeed, NewsItem, NewsPost, PostStatus, Wijk
from state.news.item import ItemState
from state.news.listing import NewestNewsState, NewsState
from state.news.post import PostState
from tests.security.conftest import People, call, root_state, run_handler


def _hub(session: Session, slug: str) -> Hub:
    return session.exec(select(Hub).where(Hub.slug == slug)).one()


def _post(
    db, slug: str, status: PostStatus, author_id: int | None = None, title: str = "Proefbericht"
) -> int:
    with Session(db) as session:
        hub = _hub(session, slug)
        wijk = session.exec(select(Wijk).where(Wijk.hub_id == hub.id)).first()
        now = datetime.now(UTC)
        post = NewsPost(
            hub_id=hub.id,
            wijk_id=wijk.id,
            author_id=author_id,
            author_name="Anna",
            title=title,
            body="Tekst.",
            status=status,
            published_at=now - timedelta(minutes=1) if status == PostStatus.published else None,
        )
        session.add(post)
        session.commit()
        return post.id


def _item(db, slug: str) -> int:
    with Session(db) as session:
        hub = _hub(session, slug)
        feed = NewsFeed(hub_id=hub.id, url=f"https://example.org/{slug}-proef.rss", name="Proefbron")
        session.add(feed)
        session.commit()
        item = NewsItem(
            feed_id=feed.id, hub_id=hub.id, guid="proef", title="Proefnieuws", published_at=datetime.now(UTC)
        )
        session.add(item)
        session.commit()
        return item.id


def _open(state_class, params: dict, token: str | None = None, hub: str = "leusden"):
    async def go():
        state = await (await root_state(token, hub, params=params)).get_state(state_class)
        await run_handler(state, "load")
        return state

    return asyncio.run(go())


def _titles(state: NewsState) -> set[str]:
    return {card["title"] for section in state.sections for card in section["cards"]}


def test_a_post_not_published_is_empty_for_everyone_but_its_writer_and_the_coordinator(db, people: People):
    writer = people.ids["caregiver_person"]
    for status in (PostStatus.draft, PostStatus.waiting, PostStatus.changes, PostStatus.rejected):
        post_id = _post(db, "leusden", status, author_id=writer)
        for who in (None, "volunteer", "professional", "other_hub_coordinator"):
            token = people.tokens[who] if who else None
            state = _open(PostState, {"bericht": str(post_id)}, token)
            assert (state.known, state.post["title"], state.paragraphs) == (False, "", []), (status, who)
        for who in ("caregiver", "coordinator"):
            state = _open(PostState, {"bericht": str(post_id)}, people.tokens[who])
            assert state.known and not state.post["published"], (status, who)


def test_another_hubs_post_and_item_and_junk_ids_find_nothing(db, people: People):
    post_id = _post(db, "poperinge", PostStatus.published)
    item_id = _item(db, "poperinge")
    assert _open(PostState, {"bericht": str(post_id)}, hub="poperinge").known
    assert not _open(PostState, {"bericht": str(post_id)}, people.tokens["coordinator"]).known
    assert _open(ItemState, {"item": str(item_id)}, hub="poperinge").known
    assert not _open(ItemState, {"item": str(item_id)}, people.tokens["coordinator"]).known
    for junk in ("", "-1", "1e3", "١٢", "9" * 40, "1 OR 1=1"):
        assert not _open(PostState, {"bericht": junk}).known
        assert not _open(ItemState, {"item": junk}).known


def test_the_news_page_lists_only_the_hubs_published_posts(db, people: People):
    _post(db, "leusden", PostStatus.published, title="Gepubliceerd")
    _post(db, "leusden", PostStatus.waiting, author_id=people.ids["caregiver_person"], title="Wacht")
    _post(db, "poperinge", PostStatus.published, title="Poperinge")
    for who in (None, "caregiver", "coordinator"):
        state = _open(NewsState, {}, people.tokens[who] if who else None)
        titles = _titles(state)
        assert "Gepubliceerd" in titles and "Wacht" not in titles and "Poperinge" not in titles, who
    home = _open(NewestNewsState, {}, people.tokens["caregiver"])
    assert home.card["title"] == "Gepubliceerd"


def test_a_wijk_of_another_hub_counts_for_nothing(db, people: People):
    with Session(db) as session:
        abele = session.exec(select(Wijk).where(Wijk.hub_id == _hub(session, "poperinge").id)).first().id
    state = _open(NewsState, {"wijk": str(abele)})
    assert [s["name"] for s in state.sections] == ["hub", "general"]
    state, _ = call(NewsState, "choose_wijk", str(abele))
    assert state.sections == []  # ignored: nothing loaded, nothing chosen
    state, _ = call(NewsState, "more", "hub")  # nothing shown yet: nothing to add to
    assert state.sections == []


def test_meer_adds_the_next_cards_of_that_section_only(db, people: People):
    for n in range(32):
        _post(db, "poperinge", PostStatus.published, title=f"Bericht {n}")

    async def go():
        state = await (await root_state(None, "poperinge")).get_state(NewsState)
        await run_handler(state, "load")
        before = {s["name"]: len(s["cards"]) for s in state.sections}
        await run_handler(state, "more", "nergens")  # no such section: nothing
        await run_handler(state, "more", "general")  # nothing more there: nothing
        assert {s["name"]: len(s["cards"]) for s in state.sections} == before
        await run_handler(state, "more", "hub")
        return before, state

    before, state = asyncio.run(go())
    hub = next(s for s in state.sections if s["name"] == "hub")
    assert before["hub"] == 30 and len(hub["cards"]) > 30 and not hub["more"]
    assert len({card["id"] for card in hub["cards"]}) == len(hub["cards"])


def test_a_wijk_chip_goes_into_the_address_and_only_a_wijk_of_the_hub(db, people: People):
    """The chip's choice is put in the address (?wijk=<id>) for a reload or Back; the address is
    made from the checked id, never from what the browser sent."""
    with Session(db) as session:
        centrum = session.exec(select(Wijk).where(Wijk.hub_id == _hub(session, "leusden").id)).first().id
        abele = session.exec(select(Wijk).where(Wijk.hub_id == _hub(session, "poperinge").id)).first().id

    async def go(value):
        state = await (await root_state(None, "leusden")).get_state(NewsState)
        await run_handler(state, "load")
        return state, await run_handler(state, "choose_wijk", value)

    state, said = asyncio.run(go(str(centrum)))
    assert state.wijk == str(centrum) and f"/leusden/nieuws?wijk={centrum}'" in str(said)
    assert state.sections[0]["name"] == "wijk"
    state, said = asyncio.run(go("alle"))
    assert state.wijk == "alle" and "/leusden/nieuws?wijk=alle'" in str(said)
    for junk in (str(abele), "1'); alert(1); ('", "", None, ["1"]):
        state, said = asyncio.run(go(junk))
        assert said is None, junk
