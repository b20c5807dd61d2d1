"""The coordinator's upload of an HSDS file: only the hub's coordinator loads it, all or nothing, and
the report is in words in both languages; nothing of it is stored as a file."""

import copy

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Service
from state.directory.upload import LOADED, REFUSED, UploadState
from tests.security.conftest import People, call, refusals
from tests.security.test_handlers import NEW_SERVICE, hsds_file


def _uploaded(db) -> list[Service]:
    with Session(db) as session:
        return list(session.exec(select(Service).where(Service.name == "Uploadproef")))


@pytest.mark.parametrize("who", [None, "caregiver", "volunteer", "professional", "other_hub_coordinator"])
def test_anyone_but_the_coordinator_loads_nothing_and_is_logged(db, people: People, who: str | None):
    before = refusals(db)
    state, _ = call(UploadState, "upload", hsds_file(NEW_SERVICE), token=people.tokens.get(who))
    assert not _uploaded(db)
    assert refusals(db) == before + 1
    assert state.lines == [] and not state.allowed


def test_the_coordinator_loads_the_file_and_reads_what_it_did(db, people: People):
    state, _ = call(UploadState, "upload", hsds_file(NEW_SERVICE), token=people.tokens["coordinator"])
    assert state.outcome == LOADED
    assert [line["nl"] for line in state.lines] == [
        "Het bestand is geladen.",
        "Nieuw: 1. Veranderd: 0. Hetzelfde gebleven: 0.",
    ]
    assert set(state.lines[0]) == {"nl", "en"}
    [service] = _uploaded(db)
    assert service.category == "buurthulp" and service.area_wijk_ids

    state, _ = call(UploadState, "upload", hsds_file(NEW_SERVICE), token=people.tokens["coordinator"])
    assert state.lines[1]["nl"] == "Nieuw: 0. Veranderd: 0. Hetzelfde gebleven: 1."
    assert len(_uploaded(db)) == 1


def test_a_bad_record_loads_nothing_and_says_why(db, people: People):
    bad = copy.deepcopy(NEW_SERVICE) | {
        "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        "name": "Thuiszorg Zuid",
    }
    bad["phones"] = [{"id": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "number": "geen nummer"}]
    state, _ = call(UploadState, "upload", hsds_file(NEW_SERVICE, bad), token=people.tokens["coordinator"])
    assert state.outcome == REFUSED
    assert [line["nl"] for line in state.lines] == [
        "Er is niets geladen. Verbeter eerst dit in het bestand:",
        "Dienst 2 'Thuiszorg Zuid': het telefoonnummer klopt niet.",
    ]
    assert not _uploaded(db)


def test_the_other_hubs_coordinator_loads_into_their_own_hub_only(db, people: People):
    state, _ = call(
        UploadState,
        "upload",
        hsds_file(NEW_SERVICE),
        token=people.tokens["other_hub_coordinator"],
        hub="poperinge",
    )
    assert state.outcome == REFUSED
    assert "de wijk 'Centrum' kennen wij niet in Poperinge" in state.lines[1]["nl"]
    assert not _uploaded(db)


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ([], "Er is geen bestand gekozen."),
        ("kaart.json", "Er is geen bestand gekozen."),
        ([*hsds_file(NEW_SERVICE), *hsds_file(NEW_SERVICE)], "Er is geen bestand gekozen."),
        (None, "Het bestand is te groot."),
    ],
    ids=["none", "a-string", "two", "too-big"],
)
def test_no_file_or_a_too_big_one_is_one_message(db, people: People, monkeypatch, files, words: str):
    if files is None:
        monkeypatch.setattr("mantelzorg_app.services.directory.validation.MAX_BYTES", 100)
        files = hsds_file(NEW_SERVICE)
    state, _ = call(UploadState, "upload", files, token=people.tokens["coordinator"])
    assert state.outcome == REFUSED
    assert state.lines[0]["nl"].startswith(words)
    assert not _uploaded(db)


def test_a_file_the_browser_refused_is_said_in_words(db):
    state, _ = call(UploadState, "rejected", [{"file": {"path": "foto.png"}, "errors": []}])
    assert state.outcome == REFUSED and "hoogstens 5 MB" in state.lines[0]["nl"]
    state, _ = call(UploadState, "forget")
    assert state.lines == [] and state.outcome == ""
