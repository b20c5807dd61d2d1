"""Nieuwsbronnen: only the hub's coordinator sees, adds, removes and fetches feeds, whatever the
browser sends; another hub's feed is never removed; "Nu ophalen" fetches (from a real loopback
server) at most once a minute; a form with problems keeps what was typed and adds nothing."""

import asyncio
from datetime import datetime

from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Membership, NewsFeed, NewsItem, Person, Role
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import fetch_now, fetching, sources
from state.news.sources import NAME_FIELD, URL_FIELD, SourcesState
from tests.security.conftest import People, call, call_in_turn, refusals, root_state, run_handler
from tests.support import feed_server


def _feeds(db) -> set[tuple[str, str]]:
    with Session(db) as session:
        rows = session.exec(select(Hub.slug, NewsFeed.url).join(Hub, Hub.id == NewsFeed.hub_id)).all()
        return set(rows)


def _add_feed(db, slug: str, url: str, tried: datetime | None = None) -> int:
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == slug)).one()
        feed = NewsFeed(hub_id=hub.id, url=url, name=f"Proefbron {slug}", last_tried_at=tried)
        session.add(feed)
        session.commit()
        return feed.id


def _no_feeds_in_leusden(db) -> None:
    """The demo's own feed (if any) goes, so only the test's feeds are fetched."""
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        for feed in session.exec(select(NewsFeed).where(NewsFeed.hub_id == hub.id)).all():
            sources.remove(session, _coordinator(session, hub.id), feed.id)


def _coordinator(session: Session, hub_id: int):
    person = session.exec(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.hub_id == hub_id, Membership.role == Role.coordinator)
    ).first()
    return Actor(person.id, person.first_name, hub_id, frozenset({Role.coordinator}))


def test_only_the_hubs_coordinator_sees_the_feeds(db, people: People):
    for who in (None, "caregiver", "volunteer", "professional", "other_hub_coordinator"):
        state, _ = call(SourcesState, "load", token=people.tokens.get(who))
        assert not state.allowed and state.feeds == [], who
    state, _ = call(SourcesState, "load", token=people.tokens["coordinator"])
    assert state.allowed
    poperinge = _add_feed(db, "poperinge", "https://poperinge.example.org/nieuws.rss")
    state, _ = call(SourcesState, "load", token=people.tokens["coordinator"])
    assert str(poperinge) not in {row.id for row in state.feeds}  # the hub's own feeds only


def test_a_feed_is_added_only_by_the_coordinator_with_problems_at_the_field(db, people: People):
    form = {NAME_FIELD: "Proefbron", URL_FIELD: "https://bron.example.org/nieuws.rss"}
    before, refused = _feeds(db), refusals(db)
    for who in (None, "caregiver", "professional", "other_hub_coordinator"):
        call(SourcesState, "add", form, token=people.tokens.get(who))
    assert _feeds(db) == before
    assert refusals(db) >= refused + 4

    typed = {NAME_FIELD: "Proefbron", URL_FIELD: "ftp://bron.example.org/nieuws.rss"}
    state = call_in_turn(SourcesState, ("load",), ("add", typed), token=people.tokens["coordinator"])
    assert _feeds(db) == before
    assert state.problems == {NAME_FIELD: "", URL_FIELD: "Dit adres begint niet met http:// of https://."}
    assert (state.name, state.url) == ("Proefbron", "ftp://bron.example.org/nieuws.rss")  # nothing lost

    long = {NAME_FIELD: "x" * 150, URL_FIELD: ""}
    state = call_in_turn(SourcesState, ("load",), ("add", long), token=people.tokens["coordinator"])
    assert state.problems[NAME_FIELD] == sources.LONG_NAME and state.most[NAME_FIELD] == "80"
    assert state.problems[URL_FIELD] == sources.NO_ADDRESS
    assert [p["field"] for p in state.problem_list] == [NAME_FIELD, URL_FIELD]

    state = call_in_turn(SourcesState, ("load",), ("add", form), token=people.tokens["coordinator"])
    assert _feeds(db) == before | {("leusden", "https://bron.example.org/nieuws.rss")}
    assert state.done and (state.name, state.url) == ("", "")
    assert "Proefbron" in [row.name for row in state.feeds]
    state = call_in_turn(SourcesState, ("load",), ("add", form), token=people.tokens["coordinator"])
    assert state.problems[URL_FIELD] == sources.ALREADY


def test_remove_acts_only_on_the_feed_asked_about_in_the_callers_own_hub(db, people: People):
    ours = _add_feed(db, "leusden", "https://leusden.example.org/nieuws.rss")
    theirs = _add_feed(db, "poperinge", "https://poperinge.example.org/nieuws.rss")
    coordinator = people.tokens["coordinator"]
    before = _feeds(db)

    # "Ja" without asking, or asking about a feed this tab did not list (another hub's): nothing
    state = call_in_turn(
        SourcesState, ("load",), ("remove",), ("ask_remove", theirs), ("remove",), token=coordinator
    )
    assert state.asking == "" and _feeds(db) == before

    async def forged_tab() -> None:
        """A tab whose server-side question was set to another hub's feed: refused by the service."""
        state = await (await root_state(coordinator, "leusden")).get_state(SourcesState)
        state._asking = theirs
        await run_handler(state, "remove")

    refused = refusals(db)
    asyncio.run(forged_tab())
    assert _feeds(db) == before and refusals(db) > refused

    # someone else on a tab that asked: refused
    async def others_tab(who: str) -> None:
        state = await (await root_state(people.tokens[who], "leusden")).get_state(SourcesState)
        state._listed, state._asking = [ours], ours
        await run_handler(state, "remove")

    for who in ("caregiver", "professional", "other_hub_coordinator"):
        asyncio.run(others_tab(who))
    assert _feeds(db) == before

    state = call_in_turn(SourcesState, ("load",), ("ask_remove", str(ours)), token=coordinator)
    assert state.asking == str(ours)
    state = call_in_turn(
        SourcesState, ("load",), ("ask_remove", ours), ("keep",), ("remove",), token=coordinator
    )
    assert _feeds(db) == before
    state = call_in_turn(SourcesState, ("load",), ("ask_remove", ours), ("remove",), token=coordinator)
    assert _feeds(db) == before - {("leusden", "https://leusden.example.org/nieuws.rss")}
    assert state.done and str(ours) not in {row.id for row in state.feeds}


def test_fetch_now_only_for_the_coordinator_and_once_a_minute(db, people: People):
    items = feed_server.Reply(
        b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Proef</title>
<link>https://proef.example.org/</link><description>Proef</description>
<item><title>Proefnieuws van vandaag</title><link>https://proef.example.org/1</link><guid>p-1</guid></item>
</channel></rss>"""
    )
    with feed_server.serving(
        {"/proef.rss": items, "/weg.rss": feed_server.Reply(b"", 404, "text/plain")}
    ) as server:
        _no_feeds_in_leusden(db)
        good = _add_feed(db, "leusden", server.url("/proef.rss"))
        _add_feed(db, "leusden", server.url("/weg.rss"))
        theirs = _add_feed(db, "poperinge", server.url("/proef.rss?poperinge"))

        for who in (None, "caregiver", "professional", "other_hub_coordinator"):
            call(SourcesState, "fetch", token=people.tokens.get(who))
        assert server.hits == {}

        state = call_in_turn(SourcesState, ("load",), ("fetch",), token=people.tokens["coordinator"])
        assert server.hits["/proef.rss"] == 1 and server.hits["/weg.rss"] == 1
        assert not state.fetching
        assert (state.done, state.done_n) == (fetch_now.ONE_WENT_WRONG, "1")
        by_id = {row.id: row for row in state.feeds}
        assert by_id[str(good)].error == "" and by_id[str(good)].ok_when["nl"].startswith("vandaag")
        assert by_id[str(good)].count == 1
        assert [row.error for row in state.feeds if row.id != str(good)] == [fetching.NOT_FOUND]

        state = call_in_turn(SourcesState, ("load",), ("fetch",), token=people.tokens["coordinator"])
        assert state.problem == fetch_now.JUST_DONE and state.done == ""
        assert server.hits["/proef.rss"] == 1  # not again within the minute

    with Session(db) as session:
        assert session.get(NewsFeed, theirs).last_tried_at is None  # the other hub's stays as it was
        assert session.exec(select(NewsItem).where(NewsItem.feed_id == theirs)).first() is None


def test_fetch_now_without_feeds_says_so(db, people: People):
    _no_feeds_in_leusden(db)
    state = call_in_turn(SourcesState, ("load",), ("fetch",), token=people.tokens["coordinator"])
    assert state.problem == fetch_now.NO_FEEDS
