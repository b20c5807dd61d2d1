"""services.search.synonyms (a coordinator's own words) and services.search.app_pages (the app's pages)."""

import pytest
from sqlmodel import Session, col, select

from mantelzorg_app.models import AuditEvent, SearchDocument, SearchSynonym
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.platform.problems import Invalid
from mantelzorg_app.services.search import app_pages, synonyms
from mantelzorg_app.services.search.query import search
from tests.unit.search.conftest import World


def test_the_built_in_list_is_plain_words() -> None:
    for word, means in synonyms.BUILT_IN:
        assert word == synonyms.plain_words(word) and means == synonyms.plain_words(means), (word, means)
        assert len(word) <= synonyms.MAX_LENGTH and len(means) <= synonyms.MAX_LENGTH
    assert len(set(synonyms.BUILT_IN)) == len(synonyms.BUILT_IN)
    wanted = {
        ("oppas", "respijtzorg"),
        ("even weg", "respijtzorg"),
        ("eten", "maaltijden"),
        ("taxi", "vervoer"),
    }
    assert wanted <= set(synonyms.BUILT_IN)


def test_a_coordinator_adds_and_removes_their_own(session: Session, world: World) -> None:
    row = synonyms.add(session, world.coordinator, "  Even  Uitblazen ", "Respijtzorg")
    session.commit()
    assert (row.word, row.means, row.hub_id) == ("even uitblazen", "respijtzorg", world.leusden.id)
    assert [s.word for s in synonyms.of_hub(session, world.leusden.id)] == ["even uitblazen"]
    assert synonyms.of_hub(session, world.poperinge.id) == []
    assert {h.title for h in search(session, world.leusden.id, "even uitblazen").hits} == {
        "Logeerhuis De Linde",
        "Oppascentrale Leusden",
    }
    synonyms.remove(session, world.coordinator, row.id)
    session.commit()
    assert synonyms.of_hub(session, world.leusden.id) == []
    actions = session.exec(
        select(AuditEvent.action).where(col(AuditEvent.action).startswith("search."))
    ).all()
    assert actions == [synonyms.ADDED, synonyms.REMOVED]


@pytest.mark.parametrize(
    ("word", "means", "problems"),
    [
        ("", "respijtzorg", {"word": "Vul een woord in."}),
        ("  !? ", "respijtzorg", {"word": "Vul een woord in."}),
        (None, None, {"word": "Vul een woord in.", "means": "Vul in wat het woord betekent."}),
        ("oppas", "", {"means": "Vul in wat het woord betekent."}),
        ("a" * 61, "respijtzorg", {"word": "Gebruik hooguit 60 tekens."}),
        ("oppas", "b " * 400, {"means": "Gebruik hooguit 60 tekens."}),
        ("Rust", "rust", {"means": "Kies een ander woord dan het woord zelf."}),
    ],
)
def test_bad_words_are_refused_with_words(session: Session, world: World, word, means, problems) -> None:
    with pytest.raises(Invalid) as refused:
        synonyms.add(session, world.coordinator, word, means)
    assert refused.value.problems == problems


def test_the_same_synonym_twice_and_the_limit(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    synonyms.add(session, world.coordinator, "uitblazen", "respijtzorg")
    session.commit()
    with pytest.raises(Invalid) as twice:
        synonyms.add(session, world.coordinator, "Uitblazen", "respijtzorg")
    assert twice.value.problems == {"word": "Dit woord staat er al."}
    monkeypatch.setattr(synonyms, "MAX_PER_HUB", 1)
    with pytest.raises(Invalid) as full:
        synonyms.add(session, world.coordinator, "ontspannen", "respijtzorg")
    assert full.value.problems == {"word": "Er zijn al 500 woorden. Haal er eerst een weg."}


def test_only_the_hubs_coordinator(session: Session, world: World) -> None:
    with pytest.raises(Refused):
        synonyms.add(session, world.caregiver, "uitblazen", "respijtzorg")
    row = synonyms.add(session, world.coordinator, "uitblazen", "respijtzorg")
    session.commit()
    for who in (world.caregiver, world.other_coordinator):
        with pytest.raises(Refused):
            synonyms.remove(session, who, row.id)
    with pytest.raises(Refused):
        synonyms.remove(session, world.coordinator, "1")
    with pytest.raises(Refused):
        synonyms.remove(session, world.coordinator, 999_999)
    assert session.exec(select(SearchSynonym)).all() == [row]


def _pages(session: Session) -> dict[str, SearchDocument]:
    rows = session.exec(select(SearchDocument).where(SearchDocument.kind == app_pages.KIND)).all()
    return {row.ref: row for row in rows}


def test_index_pages_is_idempotent_and_removes_old_pages(session: Session, world: World) -> None:
    before = _pages(session)
    assert set(before) == {page.ref for page in app_pages.PAGES}
    assert all(row.hub_id is None for row in before.values())
    session.add(SearchDocument(hub_id=None, kind="page", ref="oud", title="Oud"))
    session.commit()
    app_pages.index_pages(session)
    app_pages.index_pages(session)
    session.commit()
    after = _pages(session)
    assert set(after) == set(before)
    assert {ref: row.id for ref, row in after.items()} == {ref: row.id for ref, row in before.items()}


def test_page_titles_are_catalogue_msgids() -> None:
    titles = {page.title for page in app_pages.PAGES}
    assert {
        "Bel mij terug",
        "Mijn gegevens",
        "Mijn hulpvragen",
        "Helpen",
        "Sociale kaart",
        "Inloggen",
    } <= titles
