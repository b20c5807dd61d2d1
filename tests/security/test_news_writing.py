"""The writing page and Mijn berichten, called as any browser can: a trekker of one wijk cannot post
in another, also by calling the handlers directly or with a tab's server-side form changed; nobody
opens, saves, sends or throws away someone else's draft."""

import asyncio
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Membership, NewsPost, Person, PostStatus, Role, Wijk
from mantelzorg_app.services.identity import sessions
from state.news.mine import MyPostsState
from state.news.writing import WritingState
from tests.security.conftest import People, call_in_turn, refusals, root_state, run_handler


def _wijk(db, name: str) -> int:
    with Session(db) as session:
        return session.exec(select(Wijk.id).where(Wijk.name == name)).one()


@pytest.fixture
def eva(db) -> str:
    """The session token of Eva, the demo's trekker for Groenhouten in Leusden."""
    with Session(db) as session:
        person_id = session.exec(
            select(Membership.person_id)
            .join(Person, Person.id == Membership.person_id)
            .join(Hub, Hub.id == Membership.hub_id)
            .where(Hub.slug == "leusden", Membership.role == Role.trekker, Person.first_name == "Eva")
        ).one()
        return sessions.start(session, person_id, sessions.EMAIL, datetime.now(UTC))


_demo_posts: set[int] = set()  # the demo's own posts (services.news.demo), left out of what is compared


@pytest.fixture(autouse=True)
def _demo_posts_known(db) -> None:
    with Session(db) as session:
        _demo_posts.clear()
        _demo_posts.update(session.exec(select(NewsPost.id)).all())


def _posts(db) -> list[tuple[int, int | None, str, str]]:
    """The posts the test made: (id, wijk, title, status)."""
    with Session(db) as session:
        rows = session.exec(select(NewsPost).order_by(NewsPost.id)).all()
        return [(p.id, p.wijk_id, p.title, p.status) for p in rows if p.id not in _demo_posts]


def _draft_of(db, token: str, title: str = "Ruilkast") -> int:
    """A draft saved the way the page saves it: the title typed into the loaded form."""
    before = {row[0] for row in _posts(db)}
    call_in_turn(WritingState, ("load",), ("keep", "title", title), token=token)
    (made,) = [row[0] for row in _posts(db) if row[0] not in before]
    return made


def _titles(state: MyPostsState) -> list[str]:
    """The titles of the test's own posts on Mijn berichten (the demo's trekkers wrote some too)."""
    return [
        r["title"]
        for r, post_id in zip(state.rows, state._post_ids, strict=True)
        if post_id not in _demo_posts
    ]


async def _writing_tab(token: str | None, params: dict | None = None, hub: str = "leusden") -> WritingState:
    state = await (await root_state(token, hub, params=params)).get_state(WritingState)
    await run_handler(state, "load")
    return state


def test_a_trekker_writes_for_their_own_wijk_shown_not_chosen(db, eva: str):
    groenhouten, centrum = _wijk(db, "Groenhouten"), _wijk(db, "Centrum")
    state = call_in_turn(
        WritingState,
        ("load",),
        ("choose_wijk", str(centrum)),  # not offered to a trekker: ignored
        ("choose_wijk", ""),  # the whole hub: neither
        ("keep", "title", "Ruilkast in de hal"),
        ("keep", "body", "Neem een boek mee."),
        token=eva,
    )
    assert state.allowed and not state.choosing and state.wijk_name == "Groenhouten"
    assert [(w, t, s) for _, w, t, s in _posts(db)] == [(groenhouten, "Ruilkast in de hal", PostStatus.draft)]
    assert state.saved and state.post_id == str(_posts(db)[0][0])


def test_a_trekker_cannot_post_in_another_wijk_with_the_tabs_form_changed(db, eva: str):
    """As if a browser could set the server-side form: services.news.posts refuses and logs it."""
    centrum = _wijk(db, "Centrum")

    async def go() -> None:
        state = await _writing_tab(eva)
        state._form = {**state._form, "wijk": str(centrum)}
        await run_handler(state, "keep", "title", "In een andere wijk")
        state._form = {**state._form, "wijk": ""}  # the whole hub: the coordinator's only
        await run_handler(state, "send", {"title": "Voor heel Leusden", "body": "Tekst."})

    before = refusals(db)
    asyncio.run(go())
    assert refusals(db) > before
    assert _posts(db) == []


def test_a_saved_draft_cannot_be_moved_to_another_wijk_nor_sent_there(db, eva: str):
    groenhouten, centrum = _wijk(db, "Groenhouten"), _wijk(db, "Centrum")
    post_id = _draft_of(db, eva)

    async def go() -> None:
        state = await _writing_tab(eva, {"bericht": str(post_id)})
        assert state.values["title"] == "Ruilkast"
        state._form = {**state._form, "wijk": str(centrum), "body": "Tekst."}
        await run_handler(state, "send", {"title": "Ruilkast", "body": "Tekst."})

    before = refusals(db)
    asyncio.run(go())
    assert refusals(db) > before
    assert _posts(db) == [(post_id, groenhouten, "Ruilkast", PostStatus.draft)]


def test_someone_elses_draft_is_not_opened_saved_or_sent(db, people: People, eva: str):
    post_id = _draft_of(db, eva)
    before_posts = _posts(db)
    for who in ("coordinator", "caregiver", "professional"):
        before = refusals(db)

        async def go(token: str) -> WritingState:
            state = await _writing_tab(token, {"bericht": str(post_id)})
            await run_handler(state, "keep", "title", "Overgenomen")
            await run_handler(state, "send", {"title": "Overgenomen", "body": "Weg ermee."})
            return state

        state = asyncio.run(go(people.tokens[who]))
        assert refusals(db) > before, who
        assert state.values == {"title": "", "body": ""} and state.post_id == "", who
        if who == "coordinator":  # may write, but not in Eva's draft: a new post of their own is fine
            assert not state.known
    assert [row for row in _posts(db) if row[0] == post_id] == before_posts


def test_another_hubs_coordinator_never_reaches_the_draft(db, people: People, eva: str):
    post_id = _draft_of(db, eva)
    before = refusals(db)
    state = asyncio.run(
        _writing_tab(people.tokens["other_hub_coordinator"], {"bericht": str(post_id)}, "poperinge")
    )
    assert not state.known and state.values["title"] == ""
    assert refusals(db) > before


def test_a_tab_that_held_another_writer_saves_nothing_for_them(db, people: People, eva: str):
    """Eva's tab, tapped by Gerrit's session (an owner check that did not run): nothing of hers changes."""
    post_id = _draft_of(db, eva)

    async def go() -> None:
        state = await _writing_tab(eva, {"bericht": str(post_id)})
        coordinator = await (await root_state(people.tokens["coordinator"], "leusden")).get_state(
            WritingState
        )
        for name in ("_owner", "_form", "_post_id", "_version", "_wijk_ids", "_in_address"):
            setattr(coordinator, name, getattr(state, name))
        await run_handler(coordinator, "keep", "title", "Van Gerrit")
        await run_handler(coordinator, "send", {"title": "Van Gerrit", "body": "Tekst."})

    asyncio.run(go())
    assert [row[2:] for row in _posts(db)] == [("Ruilkast", PostStatus.draft)]


def test_a_visitor_or_a_caregiver_sees_the_page_is_for_trekkers_and_saves_nothing(db, people: People):
    for token in (None, people.tokens["caregiver"], people.tokens["volunteer"]):
        before = refusals(db)
        state = call_in_turn(
            WritingState, ("load",), ("keep", "title", "Hallo"), ("send", {"title": "Hallo"}), token=token
        )
        assert not state.allowed and state.signed_in == (token is not None)
        assert refusals(db) > before
    assert _posts(db) == []


def test_only_the_writer_throws_away_their_own_draft(db, people: People, eva: str):
    post_id = _draft_of(db, eva)

    async def tampered(token: str) -> None:
        """Someone else's tab that holds Eva's draft as its list's first (as if it could)."""
        state = await (await root_state(token, "leusden")).get_state(MyPostsState)
        await run_handler(state, "load")
        state._post_ids, state._asking, state.asking = [post_id], post_id, "0"
        state.rows = [{"draft": "1"}]
        await run_handler(state, "discard", "0")

    before = refusals(db)
    for who in ("coordinator", "caregiver"):
        call_in_turn(
            MyPostsState, ("load",), ("ask_discard", "0"), ("discard", "0"), token=people.tokens[who]
        )
        asyncio.run(tampered(people.tokens[who]))
    assert refusals(db) >= before + 2
    assert [row[0] for row in _posts(db)] == [post_id]

    state = call_in_turn(MyPostsState, ("load",), ("discard", "0"), token=eva)  # not asked first
    assert [row[0] for row in _posts(db)] == [post_id]
    assert _titles(state)[:1] == ["Ruilkast"] and state._post_ids[0] == post_id  # the newest first
    state = call_in_turn(MyPostsState, ("load",), ("ask_discard", "0"), ("discard", "0"), token=eva)
    assert _posts(db) == [] and _titles(state) == []


def test_my_posts_lists_only_the_callers_own(db, people: People, eva: str):
    _draft_of(db, eva, "Van Eva")
    _draft_of(db, people.tokens["coordinator"], "Van Gerrit")
    eva_state = call_in_turn(MyPostsState, ("load",), token=eva)
    gerrit_state = call_in_turn(MyPostsState, ("load",), token=people.tokens["coordinator"])
    anna_state = call_in_turn(MyPostsState, ("load",), token=people.tokens["caregiver"])
    assert _titles(eva_state) == ["Van Eva"] and eva_state.writer
    assert _titles(gerrit_state) == ["Van Gerrit"]
    assert anna_state.rows == [] and anna_state.allowed and not anna_state.writer
    visitor = call_in_turn(MyPostsState, ("load",))
    assert visitor.rows == [] and not visitor.allowed


def test_the_coordinator_chooses_a_wijk_or_the_whole_hub_and_publishes_at_once(db, people: People):
    groenhouten = _wijk(db, "Groenhouten")
    state = call_in_turn(
        WritingState,
        ("load",),
        ("choose_wijk", str(groenhouten)),
        ("keep", "title", "Voor Groenhouten"),
        ("choose_wijk", "999999"),  # no wijk of the hub: ignored
        token=people.tokens["coordinator"],
    )
    assert state.choosing and state.publishes and "Groenhouten" in [w["name"] for w in state.wijken]
    assert [(w, t) for _, w, t, _ in _posts(db)] == [(groenhouten, "Voor Groenhouten")]

    async def whole_hub() -> object:
        tab = await _writing_tab(people.tokens["coordinator"])
        await run_handler(tab, "choose_wijk", "")
        return await run_handler(tab, "send", {"title": "Voor heel Leusden", "body": "Welkom allemaal."})

    answer = asyncio.run(whole_hub())
    assert "/leusden/nieuws/mijn-berichten?geplaatst=1" in str(answer)
    assert [(w, t, s) for _, w, t, s in _posts(db)][-1] == (None, "Voor heel Leusden", PostStatus.published)


def test_a_problem_when_sending_is_said_at_its_field_and_what_was_typed_stays(db, eva: str):
    from mantelzorg_app.services.news import posts

    state = call_in_turn(
        WritingState, ("load",), ("send", {"title": "Alleen een titel", "body": "  "}), token=eva
    )
    assert state.problems["body"] == posts.NO_BODY and state.problem_list == [
        {"field": "body", "message": posts.NO_BODY}
    ]
    assert [(t, s) for _, _, t, s in _posts(db)] == [("Alleen een titel", PostStatus.draft)]
    assert state._form["title"] == "Alleen een titel"


def _end_session(db, token: str) -> None:
    with Session(db) as session:
        sessions.end(session, token)
        session.commit()


def test_a_save_changed_in_another_tab_says_so_and_keeps_the_tabs_words_when_asked(db, eva: str):
    from state.news import writing

    post_id = _draft_of(db, eva)

    async def go() -> tuple[WritingState, WritingState]:
        one = await _writing_tab(eva, {"bericht": str(post_id)})
        two = await _writing_tab(eva, {"bericht": str(post_id)})
        await run_handler(two, "keep", "title", "Uit tab twee")
        await run_handler(one, "keep", "title", "Uit tab een")
        said = (one.unsaved, one.elsewhere, one.saved)
        await run_handler(one, "keep", "title", "Uit tab een")  # the blur: tried again, not skipped
        assert one.unsaved == writing.ELSEWHERE
        await run_handler(one, "save_over")
        return said, one

    said, one = asyncio.run(go())
    assert said == (writing.ELSEWHERE, True, False)
    assert (one.unsaved, one.elsewhere, one.saved) == ("", False, True)
    assert _posts(db) == [(post_id, _wijk(db, "Groenhouten"), "Uit tab een", PostStatus.draft)]


def test_a_draft_thrown_away_elsewhere_is_kept_as_a_new_draft_when_asked(db, eva: str):
    post_id = _draft_of(db, eva)

    async def go() -> WritingState:
        tab = await _writing_tab(eva, {"bericht": str(post_id)})
        mine = await (await root_state(eva, "leusden")).get_state(MyPostsState)
        for step in (("load",), ("ask_discard", "0"), ("discard", "0")):
            await run_handler(mine, *step)
        before = refusals(db)
        await run_handler(tab, "keep", "body", "Nog meer tekst.")
        assert tab.elsewhere and refusals(db) == before  # gone, not someone else's: nothing logged
        await run_handler(tab, "save_over")
        return tab

    tab = asyncio.run(go())
    ((new_id, _, title, status),) = _posts(db)
    assert (title, status, tab.saved, tab.post_id) == ("Ruilkast", PostStatus.draft, True, str(new_id))


def test_a_save_after_signing_out_says_so_and_the_form_keeps_the_words(db, eva: str):
    from state.news import writing

    post_id = _draft_of(db, eva)

    async def go() -> WritingState:
        tab = await _writing_tab(eva, {"bericht": str(post_id)})
        _end_session(db, eva)
        await run_handler(tab, "keep", "body", "Mijn lange verhaal.")
        return tab

    tab = asyncio.run(go())
    assert tab.unsaved == writing.SIGNED_OUT and not tab.saved and not tab.elsewhere
    assert tab.allowed and tab._form["body"] == "Mijn lange verhaal."  # the form stays on the page
    assert _posts(db)[0][2] == "Ruilkast"


def test_opening_a_thrown_away_draft_is_not_found_without_a_refusal(db, people: People, eva: str):
    post_id = _draft_of(db, eva)
    call_in_turn(MyPostsState, ("load",), ("ask_discard", "0"), ("discard", "0"), token=eva)
    before = refusals(db)
    state = asyncio.run(_writing_tab(eva, {"bericht": str(post_id)}))
    assert not state.known and refusals(db) == before
    other = _draft_of(db, people.tokens["coordinator"], "Van Gerrit")
    state = asyncio.run(_writing_tab(eva, {"bericht": str(other)}))  # someone else's: still refused
    assert not state.known and refusals(db) == before + 1


def test_send_takes_the_photos_description_in_the_form(db, eva: str):
    from mantelzorg_app.models import NewsPhoto
    from state.news.photo import ALT_FIELD

    post_id = _draft_of(db, eva)
    with Session(db) as session:
        post = session.get(NewsPost, post_id)
        photo = NewsPhoto(hub_id=post.hub_id, author_id=post.author_id, data=b"jpeg", width=10, height=10)
        session.add(photo)
        session.flush()
        post.photo_id, post.body, post.version = photo.id, "Tekst.", post.version + 1
        session.add(post)
        session.commit()
        photo_id = photo.id

    async def go() -> object:
        tab = await _writing_tab(eva, {"bericht": str(post_id)})
        return await run_handler(tab, "send", {"title": "Ruilkast", "body": "Tekst.", ALT_FIELD: "Een kast"})

    assert "verstuurd=1" in str(asyncio.run(go()))
    with Session(db) as session:
        assert session.get(NewsPhoto, photo_id).alt == "Een kast"
        assert session.get(NewsPost, post_id).status == PostStatus.waiting


def test_the_writer_takes_a_waiting_post_back_and_throws_away_a_post_to_change(db, people: People, eva: str):
    from state.news import mine

    post_id = _draft_of(db, eva)
    with Session(db) as session:
        post = session.get(NewsPost, post_id)
        post.status = PostStatus.waiting
        session.add(post)
        session.commit()

    async def tampered(token: str) -> None:
        state = await (await root_state(token, "leusden")).get_state(MyPostsState)
        await run_handler(state, "load")
        state._post_ids = [post_id]
        await run_handler(state, "take_back", "0")

    before = refusals(db)
    asyncio.run(tampered(people.tokens["coordinator"]))
    assert refusals(db) == before + 1 and _posts(db)[0][3] == PostStatus.waiting

    state = call_in_turn(MyPostsState, ("load",), ("take_back", "0"), token=eva)
    assert state.done == mine.TAKEN_BACK and _posts(db)[0][3] == PostStatus.draft
    assert state.rows[0]["draft"] == "1" and state.rows[0]["waiting"] == ""
    state = call_in_turn(MyPostsState, ("load",), ("take_back", "0"), token=eva)  # no longer waiting
    assert (
        state.done == "Dit bericht wacht niet meer op de coördinator."
        and _posts(db)[0][3] == PostStatus.draft
    )

    with Session(db) as session:
        post = session.get(NewsPost, post_id)
        post.status, post.note = PostStatus.changes, "Zet de tijd erbij."
        session.add(post)
        session.commit()
    state = call_in_turn(MyPostsState, ("load",), ("ask_discard", "0"), token=eva)
    assert state.asking == "0" and state.rows[0]["discardable"] == "1"
    state = call_in_turn(MyPostsState, ("load",), ("ask_discard", "0"), ("discard", "0"), token=eva)
    assert _posts(db) == [] and state.done == mine.THROWN_AWAY
