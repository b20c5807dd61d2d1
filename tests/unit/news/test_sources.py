"""services.news.sources: the coordinator lists, removes and sees the hub's feeds; no one else."""

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import NewsFeed, NewsItem, Role
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.news import fetching, importing, sources
from mantelzorg_app.services.news.posts import NotPossible
from tests.unit.auth_fixtures import NOW, World, audit_events, two_hubs

URL = "https://mantelzorg.example.org/feed.rss"
ONE_ITEM = (
    b'<rss version="2.0"><channel><title>x</title>'
    b"<item><title>Een</title><guid>1</guid></item></channel></rss>"
)


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


def coordinator(world: World) -> Actor:
    return Actor(world.coordinator.id, "Cora", world.leusden.id, frozenset({Role.coordinator}))


def test_the_coordinator_adds_a_feed_and_it_is_audited(session, world):
    feed = sources.add(session, coordinator(world), world.leusden.id, f"  {URL} ", " Mantelzorg NL ")
    assert (feed.url, feed.name, feed.hub_id) == (URL, "Mantelzorg NL", world.leusden.id)
    (event,) = audit_events(session, sources.ADDED)
    assert (event.actor_id, event.subject_id) == (world.coordinator.id, feed.id)


@pytest.mark.parametrize(
    ("url", "name", "field", "msgid"),
    [
        (URL, "", "name", sources.NO_NAME),
        (URL, "x" * 81, "name", sources.LONG_NAME),
        ("", "Bron", "url", sources.NO_ADDRESS),
        ("javascript:alert(1)", "Bron", "url", fetching.NO_WEB_ADDRESS),
        ("file:///etc/passwd", "Bron", "url", fetching.NO_WEB_ADDRESS),
        ("mantelzorg.example.org/feed", "Bron", "url", fetching.NO_WEB_ADDRESS),
        ("https://example.org/" + "x" * 500, "Bron", "url", sources.LONG_ADDRESS),
    ],
)
def test_each_problem_is_at_its_field_in_words(session, world, url, name, field, msgid):
    assert sources.problems(session, world.leusden.id, url, name)[field][0] == msgid
    with pytest.raises(NotPossible) as refused:
        sources.add(session, coordinator(world), world.leusden.id, url, name)
    assert refused.value.msgid == msgid
    assert session.exec(select(NewsFeed)).all() == []


def test_a_feed_twice_and_more_than_twenty_are_refused(session, world, monkeypatch):
    sources.add(session, None, world.leusden.id, URL, "Bron")
    with pytest.raises(NotPossible) as twice:
        sources.add(session, None, world.leusden.id, URL, "Nog eens")
    assert twice.value.msgid == sources.ALREADY
    sources.add(session, None, world.poperinge.id, URL, "Bron")  # another hub may list it too
    for n in range(1, sources.FEEDS_MOST):
        sources.add(session, None, world.leusden.id, f"{URL}?n={n}", f"Bron {n}")
    with pytest.raises(NotPossible) as full:
        sources.add(session, None, world.leusden.id, f"{URL}?n=99", "Eén te veel")
    assert (full.value.msgid, full.value.values) == (sources.TOO_MANY, {"most": 20})


@pytest.mark.parametrize("who", ["volunteer", "other_coordinator"])
def test_no_one_but_the_hubs_coordinator_adds_or_removes(session, world, who):
    feed = sources.add(session, None, world.leusden.id, URL, "Bron")
    person = getattr(world, who)
    hub = world.leusden if who == "volunteer" else world.poperinge
    role = Role.volunteer if who == "volunteer" else Role.coordinator
    actor = Actor(person.id, person.first_name, hub.id, frozenset({role}))
    with pytest.raises(Refused):
        sources.add(session, actor, world.leusden.id, URL + "?2", "Bron 2")
    with pytest.raises(Refused):
        sources.remove(session, actor, feed.id)
    assert len(session.exec(select(NewsFeed)).all()) == 1
    assert len(audit_events(session, "refused")) == 2


def test_remove_takes_the_items_along_and_a_gone_feed_is_no_problem(session, world):
    feed = sources.add(session, None, world.leusden.id, URL, "Bron")
    importing.load(session, feed, ONE_ITEM, NOW)
    sources.remove(session, coordinator(world), feed.id)
    sources.remove(session, coordinator(world), feed.id)
    sources.remove(session, coordinator(world), "1 OR 1=1")
    assert session.exec(select(NewsItem)).all() == []
    assert session.exec(select(NewsFeed)).all() == []
    assert [e.subject_id for e in audit_events(session, sources.REMOVED)] == [feed.id]


def test_listed_shows_each_feed_with_its_last_fetch(session, world):
    good = sources.add(session, None, world.leusden.id, URL, "B goed")
    bad = sources.add(session, None, world.leusden.id, URL + "?kapot", "A kapot")
    sources.add(session, None, world.poperinge.id, URL, "Elders")
    importing.load(session, good, ONE_ITEM, NOW)
    importing.load(session, bad, b"<html>geen feed", NOW)
    assert sources.listed(session, world.leusden.id) == [
        sources.Listed(bad.id, "A kapot", URL + "?kapot", None, None, importing.NOT_A_FEED, 0),
        sources.Listed(good.id, "B goed", URL, None, NOW, "", 1),
    ]
