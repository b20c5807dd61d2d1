"""Activities in the one search index (services.calendar.indexing): "café" finds the
Mantelzorgcafé, "cursus" the academy's course; a cancelled or ended activity leaves the index; the
demo and ``manage migrate`` put them in. Runs on PostgreSQL too (REFLEX_DB_URL)."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import ActivityKind, SearchDocument
from mantelzorg_app.services.calendar import indexing
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.platform.hubs import hub_by_slug
from mantelzorg_app.services.search import query
from tests.unit.auth_fixtures import NOW
from tests.unit.calendar.core_fixtures import activity
from tests.unit.help_fixtures import Help, help_world


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _found(session: Session, hub_id: int, words: str) -> list[tuple[str, str]]:
    results = query.search(session, hub_id, words)
    return [(hit.kind, hit.title) for hit in results.hits]


def test_cafe_finds_the_mantelzorgcafe(session: Session, world: Help) -> None:
    cafe = activity(session, world.leusden, NOW + timedelta(days=2), title="Mantelzorgcafé Leusden")
    course = activity(
        session, world.leusden, NOW + timedelta(days=9), kind=ActivityKind.course, title="Omgaan met dementie"
    )
    for row in (cafe, course):
        indexing.index(session, row, NOW)
    session.commit()

    assert ("activity", "Mantelzorgcafé Leusden") in _found(session, world.leusden.id, "café")
    assert ("activity", "Mantelzorgcafé Leusden") in _found(session, world.leusden.id, "cafe")
    assert ("activity", "Omgaan met dementie") in _found(session, world.leusden.id, "cursus")
    assert _found(session, world.poperinge.id, "café") == [], "not in another hub"
    (row,) = session.exec(select(SearchDocument).where(SearchDocument.ref == str(cafe.id))).all()
    assert (row.kind, row.icon) == ("activity", "coffee")


def test_a_cancelled_or_ended_activity_leaves_the_index(session: Session, world: Help) -> None:
    cafe = activity(session, world.leusden, NOW + timedelta(days=2))
    assert indexing.index(session, cafe, NOW)
    cafe.cancelled_at = NOW
    assert not indexing.index(session, cafe, NOW)
    session.commit()
    assert _found(session, world.leusden.id, "café") == []

    series = activity(session, world.leusden, NOW - timedelta(days=30), rrule="FREQ=WEEKLY;COUNT=6")
    assert indexing.index(session, series, NOW), "runs on for two more weeks"
    assert not indexing.index(session, series, NOW + timedelta(days=30)), "over"
    once = activity(session, world.leusden, NOW - timedelta(hours=1), minutes=120)
    assert indexing.index(session, once, NOW), "still going"
    assert not indexing.index(session, once, NOW + timedelta(hours=2))


def test_the_demo_and_index_all_put_every_activity_that_goes_on(session: Session) -> None:
    load_demo(session)
    leusden = hub_by_slug(session, "leusden")
    found = _found(session, leusden.id, "café")
    assert ("activity", "Mantelzorgcafé Leusden") in found
    assert ("activity", "Mantelzorgcafé Poperinge") not in found
    before = session.exec(select(SearchDocument).where(SearchDocument.kind == "activity")).all()
    assert indexing.index_all(session) == len(before) == 8  # idempotent
    session.commit()
    assert len(session.exec(select(SearchDocument).where(SearchDocument.kind == "activity")).all()) == 8


def test_housekeeping_takes_ended_activities_out(session: Session, world: Help) -> None:
    going = activity(session, world.leusden, NOW + timedelta(days=2))
    ending = activity(session, world.leusden, NOW + timedelta(hours=1), minutes=60)
    for row in (going, ending):
        indexing.index(session, row, NOW)
    session.commit()

    assert indexing.unindex_ended(session, NOW) == 0
    assert indexing.unindex_ended(session, NOW + timedelta(days=1)) == 1
    assert indexing.unindex_ended(session, NOW + timedelta(days=1)) == 0
    left = session.exec(select(SearchDocument).where(SearchDocument.kind == "activity")).all()
    assert [row.ref for row in left] == [str(going.id)]
