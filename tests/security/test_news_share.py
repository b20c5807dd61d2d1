"""A news post shared into a chat as a card (ShareState.send with kind "post"), as any browser can
call it: a published post of the caller's hub goes into her own conversation with her volunteer,
with the title and link from the database; a draft, a post waiting for the coordinator, one taken
down or another hub's post is refused and logged, and nothing is sent."""

import asyncio

import pytest
from sqlmodel import Session, func, select

from mantelzorg_app.models import ChatMessage, Hub, NewsPost, PostStatus
from state.chat.share import ShareState
from tests.security.conftest import People, refusals, root_state, run_handler
from tests.security.test_chat_share import _pair


def _cards(db) -> int:
    with Session(db) as session:
        return session.exec(
            select(func.count()).select_from(ChatMessage).where(ChatMessage.card_kind != "")
        ).one()


def _post(db, slug: str, status: PostStatus) -> int:
    """A demo post of the hub with this status; a published one is set to ``status`` when none has it."""
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        found = (
            session.exec(select(NewsPost).where(NewsPost.hub_id == hub_id, NewsPost.status == status)).first()
            or session.exec(
                select(NewsPost).where(NewsPost.hub_id == hub_id, NewsPost.status == PostStatus.published)
            ).first()
        )
        found.status = status
        session.add(found)
        session.commit()
        return found.id


def _share(people: People, who: str, *args):
    async def run():
        state = await (await root_state(people.tokens[who], "leusden")).get_state(ShareState)
        await run_handler(state, "load")
        return await run_handler(state, "send", *args)

    return asyncio.run(run())


def test_the_caregiver_shares_a_published_post_with_her_volunteer(db, people: People):
    post_id, pair = _post(db, "leusden", PostStatus.published), _pair(db, people)
    answer = _share(people, "caregiver", "post", str(post_id), str(pair))

    assert f"/leusden/praten/{pair}" in str(answer)
    with Session(db) as session:
        card = session.exec(
            select(ChatMessage).where(ChatMessage.conversation_id == pair, ChatMessage.card_kind == "post")
        ).one()
        title = session.get(NewsPost, post_id).title
    assert (card.card_title, card.card_path) == (title, f"nieuws/{post_id}")


@pytest.mark.parametrize(
    "status",
    [PostStatus.draft, PostStatus.waiting, PostStatus.changes, PostStatus.rejected, PostStatus.taken_down],
)
def test_a_post_that_is_not_published_is_refused(db, people: People, status: PostStatus):
    post_id, pair = _post(db, "leusden", status), _pair(db, people)
    before, refused = _cards(db), refusals(db)
    answer = _share(people, "caregiver", "post", str(post_id), str(pair))
    assert answer is None and _cards(db) == before and refusals(db) > refused


@pytest.mark.parametrize("item", ["elsewhere", "0", "-1", "1e3", "99999999", None, ["1"]])
def test_another_hubs_post_or_junk_is_refused(db, people: People, item):
    post_id = _post(db, "poperinge", PostStatus.published) if item == "elsewhere" else item
    pair = _pair(db, people)
    before, refused = _cards(db), refusals(db)
    answer = _share(people, "caregiver", "post", post_id, str(pair))
    assert answer is None and _cards(db) == before and refusals(db) > refused
