"""`python -m mantelzorg_app.manage feeds add HUB URL NAME` and `feeds fetch [HUB]`: a line per feed."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, SQLModel, create_engine, select

from mantelzorg_app import manage
from mantelzorg_app.models import AuditEvent, NewsFeed, NewsItem
from mantelzorg_app.services.news import sources
from tests.support import feed_server
from tests.unit.auth_fixtures import NOW, add_hub


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A database in a file with two hubs: the command disposes of its engine when it is done."""
    eng = create_engine(f"sqlite:///{tmp_path / 'nieuws.db'}")
    event.listen(eng, "connect", lambda connection, _record: connection.execute("PRAGMA synchronous=OFF"))
    SQLModel.metadata.create_all(eng)
    with Session(eng) as session:
        add_hub(session, "leusden", "Leusden")
        add_hub(session, "poperinge", "Poperinge", country="BE")
    monkeypatch.setattr(manage, "engine", lambda: eng)
    monkeypatch.setattr(manage, "utcnow", lambda: NOW)  # the fixtures' items are of March 2025
    return eng


@pytest.fixture
def server():
    with feed_server.serving(
        {"/rss.xml": feed_server.file("rss2.xml"), "/atom.xml": feed_server.file("atom.xml")}
    ) as running:
        yield running


def test_add_then_fetch_prints_a_line_per_feed(db: Engine, server, capsys):
    assert manage.main(["feeds", "add", "leusden", server.url("/rss.xml"), "Mantelzorg Landelijk"]) == 0
    assert manage.main(["feeds", "add", "leusden", server.url("/weg.xml"), "Weg"]) == 0
    assert manage.main(["feeds", "add", "poperinge", server.url("/atom.xml"), "Gemeente"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "De bron Mantelzorg Landelijk is toegevoegd aan Leusden.",
        "De bron Weg is toegevoegd aan Leusden.",
        "De bron Gemeente is toegevoegd aan Poperinge.",
    ]
    assert manage.main(["feeds", "fetch", "leusden"]) == 1  # one feed failed
    assert capsys.readouterr().out.splitlines() == [
        "Mantelzorg Landelijk: 3 nieuw, 0 veranderd, 0 hetzelfde.",
        "Weg: Niet gevonden (404). Klopt het adres nog?",
    ]
    with Session(db) as session:
        assert len(session.exec(select(NewsItem)).all()) == 3  # Poperinge's feed was not fetched
        (event, *_) = session.exec(select(AuditEvent).where(AuditEvent.action == sources.ADDED)).all()
        assert event.actor_id is None

    server.routes["/weg.xml"] = feed_server.file("rss2_updated.xml")
    assert manage.main(["feeds", "fetch"]) == 0  # every hub
    assert capsys.readouterr().out.splitlines() == [
        "Mantelzorg Landelijk: 0 nieuw, 0 veranderd, 3 hetzelfde.",
        "Weg: 3 nieuw, 0 veranderd, 0 hetzelfde.",
        "Gemeente: 2 nieuw, 0 veranderd, 0 hetzelfde.",
    ]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["feeds", "add", "nergens", "https://bron.example.org/rss", "Bron"], "Er is geen hub nergens."),
        (["feeds", "add", "leusden", "javascript:alert(1)", "Bron"], "Dit adres begint niet met http://"),
        (["feeds", "add", "leusden", "https://bron.example.org/rss", " "], "Geef de bron een naam."),
        (["feeds", "fetch", "nergens"], "Er is geen hub nergens."),
    ],
)
def test_a_problem_is_said_in_words_and_fails(db: Engine, capsys, argv: list[str], words: str):
    assert manage.main(argv) == 1
    assert words in capsys.readouterr().out
    with Session(db) as session:
        assert session.exec(select(NewsFeed)).all() == []


def test_the_same_feed_twice_is_refused(db: Engine, capsys):
    assert manage.main(["feeds", "add", "leusden", "https://bron.example.org/rss", "Bron"]) == 0
    assert manage.main(["feeds", "add", "leusden", "https://bron.example.org/rss", "Bron 2"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "Deze bron staat er al."


def test_no_feeds_is_said(db: Engine, capsys):
    assert manage.main(["feeds", "fetch"]) == 0
    assert capsys.readouterr().out.strip() == "Er zijn geen bronnen om op te halen."


@pytest.mark.parametrize("argv", [["feeds"], ["feeds", "add", "leusden"], ["feeds", "fetch", "a", "b"]])
def test_feeds_without_its_arguments_shows_the_help(capsys, argv: list[str]):
    assert manage.main(argv) == 2
    assert "feeds add HUB URL NAME" in capsys.readouterr().out
