"""`python -m mantelzorg_app.manage hsds export|import HUB FILE`: the file, the report, the exit code."""

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine, func, select

from mantelzorg_app import manage
from mantelzorg_app.models import AuditEvent, Service
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.directory import transfer


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A demo database in a file: the command disposes of its engine when it is done."""
    eng = create_engine(f"sqlite:///{tmp_path / 'kaart.db'}")
    SQLModel.metadata.create_all(eng)
    with Session(eng) as session:
        load_demo(session)
    monkeypatch.setattr(manage, "engine", lambda: eng)
    return eng


def _services(eng: Engine) -> int:
    with Session(eng) as session:
        return session.exec(select(func.count()).select_from(Service)).one()


def test_export_then_import_the_same_file_changes_nothing(db: Engine, tmp_path: Path, capsys):
    path = tmp_path / "leusden.json"
    assert manage.main(["hsds", "export", "leusden", str(path)]) == 0
    records = json.loads(path.read_text(encoding="utf-8"))
    assert f"{len(records)} diensten van Leusden staan in" in capsys.readouterr().out
    before = _services(db)

    assert manage.main(["hsds", "import", "leusden", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Het bestand is geladen.",
        f"Nieuw: 0. Veranderd: 0. Hetzelfde gebleven: {len(records)}.",
    ]
    assert _services(db) == before
    with Session(db) as session:  # the same way in as the upload: read, import, audit
        (event,) = session.exec(select(AuditEvent).where(AuditEvent.action == transfer.IMPORT_ACTION)).all()
    assert (event.actor_id, event.detail) == (None, f"0 added, 0 changed, {len(records)} unchanged")


def test_a_bad_file_prints_each_problem_loads_nothing_and_fails(db: Engine, tmp_path: Path, capsys):
    path = tmp_path / "leusden.json"
    manage.main(["hsds", "export", "leusden", str(path)])
    records = json.loads(path.read_text(encoding="utf-8"))
    records[11]["name"] = "Thuiszorg Zuid"
    records[11]["phones"] = [{"id": "0b8f8c1e-5d2a-4f63-8f0e-2c4f7d9e1a3b", "number": "geen"}]
    records[0]["name"] = "Nieuw"
    path.write_text(json.dumps(records), encoding="utf-8")
    capsys.readouterr()

    assert manage.main(["hsds", "import", "leusden", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Er is niets geladen. Verbeter eerst dit in het bestand:",
        "Dienst 12 'Thuiszorg Zuid': het telefoonnummer klopt niet.",
    ]
    with Session(db) as session:
        assert not session.exec(select(Service).where(Service.name == "Nieuw")).all()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["hsds", "import", "nergens", "kaart.json"], "Er is geen hub nergens."),
        (["hsds", "import", "leusden", "er-niet.json"], "Het bestand er-niet.json is er niet"),
    ],
)
def test_an_unknown_hub_or_file_is_said_in_words(db: Engine, capsys, argv: list[str], words: str):
    assert manage.main(argv) == 1
    assert words in capsys.readouterr().out


def test_a_malformed_file_is_one_message(db: Engine, tmp_path: Path, capsys):
    path = tmp_path / "kapot.json"
    path.write_text('{"niet": "een lijst"', encoding="utf-8")
    assert manage.main(["hsds", "import", "leusden", str(path)]) == 1
    assert capsys.readouterr().out.strip() == "Het bestand is geen goed JSON-bestand. Er is niets geladen."


def test_hsds_without_its_arguments_shows_the_help(capsys):
    assert manage.main(["hsds", "export"]) == 2
    assert "hsds import HUB FILE" in capsys.readouterr().out
