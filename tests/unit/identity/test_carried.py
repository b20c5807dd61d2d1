"""What a sign-in carries to the tab the mail link opens: the way back and the Wegwijzer's answers,
from the code to the handoff to the session, each step emptying the one before."""

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Handoff, LoginCode, LoginSession
from mantelzorg_app.services import housekeeping, privacy
from mantelzorg_app.services.identity import carried, handoffs, login_codes, sessions
from tests.unit.auth_fixtures import NOW, World, two_hubs

ANSWERS = {"zorgt": "ja", "voor_wie": ["ouder"], "plek": "wijk:1", "hulp": ["boodschappen", "vervoer"]}


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


def test_pack_and_unpack_keep_the_way_back_and_the_answers(world: World) -> None:
    text = carried.pack(world.leusden.id, "hulpvragen/nieuw", ANSWERS)
    found = carried.unpack(text)
    assert found == carried.Carried(world.leusden.id, "hulpvragen/nieuw", ANSWERS)
    assert len(text) <= carried.MAX_CHARS


def test_nothing_to_carry_is_an_empty_column(world: World) -> None:
    assert carried.pack(world.leusden.id, "", {}) == ""
    assert carried.pack(world.leusden.id, "", None) == ""
    assert not carried.unpack("")


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[1, 2]",
        '"x"',
        json.dumps({"then": "https://evil.example.org", "answers": "x"}),
        "{" * 5000,
    ],
)
def test_anything_that_is_not_ours_unpacks_to_nothing(text: str) -> None:
    assert carried.unpack(text) == carried.Carried()


def test_only_an_allowed_way_back_is_carried(world: World) -> None:
    assert carried.unpack(carried.pack(world.leusden.id, "//evil.example.org", ANSWERS)).then == ""
    assert carried.pack(world.leusden.id, "../beheer", {}) == ""


def test_answers_of_the_wrong_shape_are_dropped() -> None:
    forged = {
        "zorgt": "ja",
        "Bad Key": "x",
        "lang": "x" * 500,
        "nested": {"a": "b"},
        "number": 3,
        "mixed": ["a", 3],
        "many": ["a"] * 500,
    }
    assert carried.clean_answers(forged) == {"zorgt": "ja"}
    assert carried.clean_answers({f"k{'a' * i}": "x" for i in range(1, 60)}) == {}
    assert carried.clean_answers(["zorgt"]) == {}


def test_answers_too_big_for_the_column_are_left_behind_but_the_way_back_goes(world: World) -> None:
    big = {f"vraag_{'x' * (i % 20)}{chr(97 + i % 26)}": ["y" * 60] * 50 for i in range(40)}
    text = carried.pack(world.leusden.id, "hulpvragen/nieuw", big)
    assert len(text) <= carried.MAX_CHARS
    assert carried.unpack(text) == carried.Carried(world.leusden.id, "hulpvragen/nieuw", {})
    assert carried.pack(world.leusden.id, "", big) == ""


def _session_with(session: Session, world: World, text: str) -> str:
    return sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW, carried=text)


def test_the_session_gives_the_answers_its_sign_in_carried(session: Session, world: World) -> None:
    token = _session_with(session, world, carried.pack(world.leusden.id, "hulpvragen/nieuw", ANSWERS))
    assert carried.answers(session, token, NOW) == ANSWERS
    assert carried.answers(session, token, NOW, hub_id=world.leusden.id) == ANSWERS
    assert carried.answers(session, token, NOW, hub_id=world.poperinge.id) == {}
    assert carried.answers(session, None, NOW) == {}
    assert carried.answers(session, "not-a-token", NOW) == {}
    plain = _session_with(session, world, "")
    assert carried.answers(session, plain, NOW) == {}


def test_forget_empties_them_for_good(session: Session, world: World) -> None:
    token = _session_with(session, world, carried.pack(world.leusden.id, "", ANSWERS))
    carried.forget(session, token)
    assert carried.answers(session, token, NOW) == {}
    assert session.exec(select(LoginSession.carried)).one() == ""
    carried.forget(session, None)  # nothing to forget: no error


def test_a_session_keeps_them_for_a_while_only(session: Session, world: World) -> None:
    token = _session_with(session, world, carried.pack(world.leusden.id, "", ANSWERS))
    later = NOW + carried.KEEP
    assert carried.answers(session, token, later - timedelta(minutes=1)) == ANSWERS
    assert carried.answers(session, token, later) == {}
    assert housekeeping.tidy(session, later)["carried answers"] == 1
    assert session.exec(select(LoginSession.carried)).one() == ""


def test_the_answers_travel_from_code_to_handoff_to_session_and_leave_each_step(
    session: Session, world: World
) -> None:
    text = carried.pack(world.leusden.id, "hulpvragen/nieuw", ANSWERS)
    issued = login_codes.request(session, world.leusden.id, "anna@example.org", "192.0.2.1", NOW, text)
    assert session.exec(select(LoginCode.carried)).one() == text

    checked = login_codes.check_link(session, issued.link_token, NOW)
    assert checked.outcome == login_codes.Outcome.ok and checked.carried == text
    assert session.exec(select(LoginCode.carried)).one() == ""  # used: the code holds nothing more
    assert login_codes.check_link(session, issued.link_token, NOW).carried == ""

    ticket = handoffs.issue(session, handoffs.SIGN_IN, checked.hub_id, checked.email, NOW, carried=text)
    session.commit()
    taken = handoffs.take(session, handoffs.SIGN_IN, ticket, NOW)
    assert taken is not None and taken.carried == text
    session.commit()  # whatever the caller commits next does not write it back
    assert session.exec(select(Handoff.carried)).one() == ""

    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW, carried=taken.carried)
    assert carried.answers(session, token, NOW) == ANSWERS


def test_a_typed_code_carries_them_too(session: Session, world: World) -> None:
    text = carried.pack(world.leusden.id, "", ANSWERS)
    issued = login_codes.request(session, world.leusden.id, "anna@example.org", "192.0.2.1", NOW, text)
    checked = login_codes.check_code(session, "anna@example.org", issued.code, NOW)
    assert checked.carried == text


def test_signing_out_and_a_wipe_take_them_along(session: Session, world: World) -> None:
    text = carried.pack(world.leusden.id, "", ANSWERS)
    token = _session_with(session, world, text)
    sessions.sign_out(session, token, False, world.leusden.id)
    assert carried.answers(session, token, NOW) == {}

    _session_with(session, world, text)
    login_codes.request(session, world.leusden.id, world.volunteer.email, "192.0.2.1", NOW, text)
    handoffs.issue(session, handoffs.SIGN_UP, world.leusden.id, world.volunteer.email, NOW, carried=text)
    session.commit()
    assert privacy.delete(session, world.volunteer.id)
    for table in (LoginSession, LoginCode, Handoff):
        assert session.exec(select(table.carried).where(table.carried != "")).all() == []


def test_the_download_of_her_data_shows_what_a_sign_in_carries(session: Session, world: World) -> None:
    _session_with(session, world, carried.pack(world.leusden.id, "hulpvragen/nieuw", ANSWERS))
    data = privacy.stored(session, world.volunteer.id)
    assert data["sessions"][0]["carried"] == {"then": "hulpvragen/nieuw", "answers": ANSWERS}


def test_the_answers_pass_on_only_to_the_browser_that_asked(world: World) -> None:
    text = carried.pack(world.leusden.id, "hulpvragen/nieuw", ANSWERS, "the-asking-browser")
    assert "the-asking-browser" not in text  # only its digest is kept
    mine = carried.unpack(carried.passed_on(text, "the-asking-browser"))
    assert mine == carried.Carried(world.leusden.id, "hulpvragen/nieuw", ANSWERS) and not mine.bound
    for other in ("another-browser", "", None):  # only the way back, which is harmless
        assert carried.unpack(carried.passed_on(text, other)) == carried.Carried(
            world.leusden.id, "hulpvragen/nieuw", {}
        )
    unbound = carried.pack(world.leusden.id, "", ANSWERS)  # asked without a value: for nobody
    assert carried.passed_on(unbound, "") == "" and carried.passed_on(unbound, "x") == ""
    assert carried.passed_on("", "the-asking-browser") == ""


def test_the_download_shows_no_answers_of_a_code_someone_asked_for_her_address(
    session: Session, world: World
) -> None:
    text = carried.pack(world.leusden.id, "hulpvragen/nieuw", ANSWERS, "someone-elses-browser")
    login_codes.request(session, world.leusden.id, world.volunteer.email, "192.0.2.1", NOW, text)
    data = privacy.stored(session, world.volunteer.id)
    assert len(data["login_codes"]) == 1 and "carried" not in data["login_codes"][0]
    assert "boodschappen" not in json.dumps(data)
