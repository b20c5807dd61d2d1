"""Nieuws controleren called as any browser can: only the hub's coordinator decides, only on a post
of the hub this tab's load listed, at the version it showed; the writer's mail goes after the commit."""

import asyncio
from datetime import timedelta

from sqlmodel import Session, select

from mantelzorg_app.models import NewsPost, PostStatus
from mantelzorg_app.services.news.posts import CHANGED_ELSEWHERE
from mantelzorg_app.services.platform import mail
from state.news.moderation import NewsModerationState
from tests.security.conftest import People, call_in_turn, refusals, root_state, run_handler
from tests.security.news_fixtures import news_post


def _post(db, post_id: int) -> NewsPost:
    with Session(db) as session:
        return session.get(NewsPost, post_id)


def _form(post_id: int, decision: str, note: str = "Zet er de tijd bij.") -> dict:
    return {"bericht": str(post_id), "besluit": decision, "notitie": note}


def test_the_coordinator_approves_a_post_the_page_listed_and_the_writer_is_mailed(
    db, people: People, monkeypatch
):
    post_id = news_post("leusden")
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)

    state = call_in_turn(
        NewsModerationState, ("load",), ("approve", str(post_id)), token=people.tokens["coordinator"]
    )

    assert _post(db, post_id).status == PostStatus.published
    assert state.done and all(row.id != str(post_id) for row in state.waiting)
    assert any(row.id == str(post_id) for row in state.published)
    assert [(m.subject, "Anna" in m.body) for m in sent] == [("Uw bericht staat op de Mantelzorghub", True)]


def test_a_change_and_not_placing_need_words_and_nothing_typed_is_decided_without_them(db, people: People):
    post_id = news_post("leusden")
    coordinator = people.tokens["coordinator"]

    state = call_in_turn(
        NewsModerationState,
        ("load",),
        ("open_note", str(post_id), "niet-plaatsen"),
        ("decide_noted", _form(post_id, "niet-plaatsen", "  ")),
        token=coordinator,
    )
    assert state.problems["note"] and state.noting == str(post_id)
    assert _post(db, post_id).status == PostStatus.waiting

    call_in_turn(
        NewsModerationState, ("load",), ("decide_noted", _form(post_id, "wijziging")), token=coordinator
    )
    found = _post(db, post_id)
    assert (found.status, found.note) == (PostStatus.changes, "Zet er de tijd bij.")


def test_take_down_a_published_post(db, people: People):
    post_id = news_post("leusden", "published")
    call_in_turn(
        NewsModerationState,
        ("load",),
        ("decide_noted", _form(post_id, "weghalen", "")),
        token=people.tokens["coordinator"],
    )
    assert _post(db, post_id).status == PostStatus.taken_down


def test_another_hubs_post_is_refused_and_logged_also_after_a_load(db, people: People):
    other = news_post("poperinge")
    before = refusals(db)
    call_in_turn(
        NewsModerationState,
        ("load",),
        ("approve", str(other)),
        ("decide_noted", _form(other, "niet-plaatsen")),
        token=people.tokens["coordinator"],
    )
    assert refusals(db) == before + 2
    assert _post(db, other).status == PostStatus.waiting


def test_a_post_that_changed_since_the_load_is_not_decided_on_unseen(db, people: People):
    post_id = news_post("leusden")

    async def load_then_change_elsewhere_then_approve():
        state = await (await root_state(people.tokens["coordinator"], "leusden")).get_state(
            NewsModerationState
        )
        await run_handler(state, "load")
        with Session(db) as session:  # sent again after a change, in the meantime
            post = session.get(NewsPost, post_id)
            post.version += 2
            post.body = "Nieuwe tekst die de coördinator nog niet las."
            session.add(post)
            session.commit()
        await run_handler(state, "approve", str(post_id))
        return state

    state = asyncio.run(load_then_change_elsewhere_then_approve())

    assert _post(db, post_id).status == PostStatus.waiting
    assert state.problems["form"] == CHANGED_ELSEWHERE
    (row,) = [r for r in state.waiting if r.id == str(post_id)]
    assert row.paragraphs == ["Nieuwe tekst die de coördinator nog niet las."]  # shown as it is now


def test_only_a_decision_the_page_offers_counts(db, people: People):
    post_id = news_post("leusden")
    state = call_in_turn(
        NewsModerationState,
        ("load",),
        ("open_note", str(post_id), "goedkeuren"),
        ("decide_noted", _form(post_id, "goedkeuren")),
        ("decide_noted", _form(post_id, "weghalen")),  # a waiting post is not published
        token=people.tokens["coordinator"],
    )
    assert state.noting_kind == ""
    assert _post(db, post_id).status == PostStatus.waiting
    with Session(db) as session:
        assert session.exec(select(NewsPost).where(NewsPost.status == PostStatus.taken_down)).all() == []


def test_meer_reaches_every_published_post_to_take_down(db, people: People, monkeypatch):
    """The page lists the newest published posts a few at a time; "Meer berichten" shows the older
    ones too, so each can be taken down. Another hub's posts never show."""
    from mantelzorg_app.services.news import moderation

    older, newer = news_post("leusden", "published"), news_post("poperinge", "published")
    with Session(db) as session:
        first = session.get(NewsPost, older)
        second = NewsPost(
            hub_id=first.hub_id,
            author_id=first.author_id,
            author_name=first.author_name,
            title="Nieuwer bericht",
            body="Nog een proef.",
            status=PostStatus.published,
            sent_at=first.sent_at,
            published_at=first.published_at + timedelta(minutes=1),
        )
        session.add(second)
        session.commit()
        second_id, hub_id = second.id, second.hub_id
    monkeypatch.setattr(moderation, "PUBLISHED_SHOWN", 1)
    coordinator = people.tokens["coordinator"]

    with Session(db) as session:
        every = session.exec(
            select(NewsPost.id).where(NewsPost.hub_id == hub_id, NewsPost.status == PostStatus.published)
        ).all()
    assert {older, second_id} <= set(every)

    state = call_in_turn(NewsModerationState, ("load",), token=coordinator)
    assert len(state.published) == 1 and state.more_published

    more = [("more",)] * len(every)  # one more than needed: asking again changes nothing
    state = call_in_turn(NewsModerationState, ("load",), *more, token=coordinator)
    assert sorted(int(row.id) for row in state.published) == sorted(every)
    assert not state.more_published and str(newer) not in {row.id for row in state.published}
