"""'Nu ophalen': only the hub's coordinator; no feeds, or every feed tried within the minute, is a
plain NotPossible; ``run`` fetches only the due feeds of the hub and says how it went."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import NewsFeed, Role
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.news import fetch_now, fetching
from mantelzorg_app.services.news.fetching import Fetched
from mantelzorg_app.services.news.posts import NotPossible
from tests.unit.auth_fixtures import NOW, add_hub


def _actor(hub_id: int, *roles: Role) -> Actor:
    return Actor(1, "Gerrit", hub_id, frozenset(roles))


def _feed(session: Session, hub_id: int, url: str, tried_ago: timedelta | None) -> NewsFeed:
    feed = NewsFeed(hub_id=hub_id, url=url, name=url, last_tried_at=NOW - tried_ago if tried_ago else None)
    session.add(feed)
    session.commit()
    return feed


def test_only_the_coordinator(session: Session):
    hub = add_hub(session, "leusden", "Leusden")
    _feed(session, hub.id, "https://a.example.org/rss", None)
    for roles in ((), (Role.caregiver,), (Role.trekker,), (Role.professional,)):
        with pytest.raises(Refused):
            fetch_now.check(session, _actor(hub.id, *roles), NOW)
    fetch_now.check(session, _actor(hub.id, Role.coordinator), NOW)


def test_no_feeds_or_none_due_is_said_plainly(session: Session):
    hub, other = add_hub(session, "leusden", "Leusden"), add_hub(session, "poperinge", "Poperinge")
    coordinator = _actor(hub.id, Role.coordinator)
    _feed(session, other.id, "https://elders.example.org/rss", None)  # another hub's feed is no feed here
    with pytest.raises(NotPossible) as no_feeds:
        fetch_now.check(session, coordinator, NOW)
    assert no_feeds.value.msgid == fetch_now.NO_FEEDS
    _feed(session, hub.id, "https://a.example.org/rss", timedelta(seconds=30))
    with pytest.raises(NotPossible) as just_done:
        fetch_now.check(session, coordinator, NOW)
    assert just_done.value.msgid == fetch_now.JUST_DONE
    fetch_now.check(session, coordinator, NOW + timedelta(seconds=30))  # a minute on: due again


def test_run_fetches_the_due_feeds_of_the_hub_and_says_how_it_went(session: Session):
    hub, other = add_hub(session, "leusden", "Leusden"), add_hub(session, "poperinge", "Poperinge")
    fetched: list[str] = []

    def fake(url: str, etag: str = "", modified: str = "", **_options) -> Fetched:
        fetched.append(url)
        return Fetched(error=fetching.NOT_FOUND) if "weg" in url else Fetched(unchanged=True)

    _feed(session, hub.id, "https://goed.example.org/rss", timedelta(hours=1))
    _feed(session, hub.id, "https://weg.example.org/rss", None)
    _feed(session, hub.id, "https://net.example.org/rss", timedelta(seconds=10))
    _feed(session, other.id, "https://elders.example.org/rss", None)
    assert fetch_now.run(session, hub.id, NOW, fetch=fake) == (fetch_now.ONE_WENT_WRONG, 1)
    assert sorted(fetched) == ["https://goed.example.org/rss", "https://weg.example.org/rss"]
    assert fetch_now.run(session, hub.id, NOW, fetch=fake) == (fetch_now.JUST_DONE, 0)  # all just tried
    later = NOW + timedelta(minutes=2)
    assert fetch_now.run(session, hub.id, later, fetch=lambda *a, **k: Fetched(unchanged=True)) == (
        fetch_now.ALL_WENT_WELL,
        0,
    )
    assert fetch_now.run(session, hub.id, later + timedelta(minutes=2), fetch=fake) == (
        fetch_now.ONE_WENT_WRONG,
        1,
    )
    failing = lambda *a, **k: Fetched(error=fetching.TOO_SLOW)  # noqa: E731
    assert fetch_now.run(session, hub.id, later + timedelta(minutes=4), fetch=failing) == (
        fetch_now.SOME_WENT_WRONG,
        3,
    )
