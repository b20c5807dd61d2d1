"""The sign-in carries this tab's Wegwijzer answers and the way back on the server (never in a URL),
the sign-up does not ask again what they say, and a tab waiting for a code goes on once the link
signed this browser in."""

import asyncio
import re
from datetime import UTC, datetime

import pytest
from reflex.istate.data import RouterData
from sqlmodel import Session, func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import auth_routes, settings
from mantelzorg_app.models import Handoff, Hub, LoginCode, Wijk
from mantelzorg_app.services.identity import carried, handoffs, login_codes
from mantelzorg_app.services.platform import cookies, mail
from state.help.wegwijzer import QuestionnaireState
from state.identity.sign_in import LINK_PROBLEMS, NOT_SIGNED_IN_HERE, PROBLEMS, SignInState, SignUpState
from tests.security.conftest import People, root_state, run_handler

ORIGIN = "http://localhost:3000"
NOOR = "noor.voorbeeld@example.org"


@pytest.fixture(autouse=True)
def _outbox(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(settings, "INSTANCE", tmp_path)
    monkeypatch.delenv("MANTELZORG_PUBLIC_URL", raising=False)


async def _tab(cookie: str = "", query: dict | None = None):
    root = await root_state(None, "leusden")
    root.router = RouterData.from_router_data(
        {
            "headers": {"origin": ORIGIN, "cookie": cookie},
            "pathname": "/leusden/inloggen",
            "query": {"hub": "leusden", **(query or {})},
            "ip": "192.0.2.1",
        }
    )
    return root


def _hub_and_wijk(db) -> tuple[int, int]:
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        return hub_id, session.exec(select(Wijk.id).where(Wijk.hub_id == hub_id)).first()


def test_asking_a_code_carries_this_tabs_answers_and_the_way_back(db):
    hub_id, wijk_id = _hub_and_wijk(db)

    async def go():
        root = await _tab(query={"verder": "hulpvragen/nieuw"})
        answers = await root.get_state(QuestionnaireState)
        await run_handler(answers, "load")
        answers._answers = {"zorgt": "ja", "plek": f"wijk:{wijk_id}", "verzonnen": "x"}
        state = await root.get_state(SignInState)
        await run_handler(state, "load")
        await run_handler(state, "send_code", {"email": NOOR})
        return state

    state = asyncio.run(go())
    assert state.step == "code" and state.sent_to == NOOR
    with Session(db) as session:
        found = carried.unpack(session.exec(select(LoginCode.carried)).one())
    assert found == carried.Carried(hub_id, "hulpvragen/nieuw", {"zorgt": "ja", "plek": f"wijk:{wijk_id}"})


def test_a_tab_without_answers_carries_nothing(db):
    async def go():
        state = await (await _tab()).get_state(SignInState)
        await run_handler(state, "send_code", {"email": NOOR})

    asyncio.run(go())
    with Session(db) as session:
        assert session.exec(select(LoginCode.carried)).one() == ""


def test_empty_fields_say_what_to_do(db):
    async def go():
        state = await (await _tab()).get_state(SignInState)
        await run_handler(state, "send_code", {"email": "  "})
        empty_address = state.problem
        await run_handler(state, "send_code", {"email": NOOR})
        await run_handler(state, "check_code", {"code": ""})
        return empty_address, state

    empty_address, state = asyncio.run(go())
    assert empty_address == "Vul uw e-mailadres in."
    assert state.problem == "Vul de code uit de mail in."
    assert state.problem_list == [{"field": "code", "message": "Vul de code uit de mail in."}]


def test_a_locked_code_leads_to_a_new_code_for_the_same_address(db):
    async def go():
        state = await (await _tab()).get_state(SignInState)
        await run_handler(state, "send_code", {"email": NOOR})
        with Session(db) as session:  # the code itself is only in the mail: guess until it locks
            row = session.exec(select(LoginCode)).one()
            row.attempts = login_codes.MAX_ATTEMPTS - 1
            session.add(row)
            session.commit()
        state.email = "someone.else@example.org"  # a browser may setvar the plain var: not used
        await run_handler(state, "check_code", {"code": "000000"})
        locked = (state.locked, state.problem)
        await run_handler(state, "send_again")
        return locked, state

    (locked, problem), state = asyncio.run(go())
    assert locked and problem == PROBLEMS[login_codes.Outcome.locked]
    assert state.step == "code" and not state.locked and state.problem == ""
    with Session(db) as session:
        assert session.exec(select(LoginCode.email)).all() == [NOOR, NOOR]


def test_the_code_step_goes_on_once_the_link_signed_this_browser_in(db, people: People):
    """The link opened in another tab of the same browser: the cookie is shared, the socket of this
    tab read the cookies before. A used code makes the tab look again (a reload); then it goes on."""

    async def go():
        root = await _tab(query={"verder": "hulpvragen/nieuw"})
        state = await root.get_state(SignInState)
        await run_handler(state, "load")
        await run_handler(state, "send_code", {"email": NOOR})
        with Session(db) as session:  # the link in the mail used the code up
            token = session.exec(select(LoginCode)).one()
            token.used_at = datetime.now(UTC)
            session.add(token)
            session.commit()
        looked = await run_handler(state, "check_code", {"code": "123456"})
        # The reload: a new socket with the cookie the link set.
        root.router = RouterData.from_router_data(
            {
                "headers": {"origin": ORIGIN, "cookie": f"{cookies.SESSION}={people.tokens['caregiver']}"},
                "pathname": "/leusden/inloggen",
                "query": {"hub": "leusden", "verder": "hulpvragen/nieuw"},
                "ip": "192.0.2.1",
            }
        )
        went_on = await run_handler(state, "load")
        return looked, went_on, state

    looked, went_on, state = asyncio.run(go())
    assert "window.location.reload()" in str(looked)
    assert "/leusden/hulpvragen/nieuw" in str(went_on)
    assert state.step == "email" and state.problem == ""


def test_not_signed_in_here_keeps_the_code_step_and_says_so(db):
    async def go():
        state = await (await _tab()).get_state(SignInState)
        await run_handler(state, "send_code", {"email": NOOR})
        looked = await run_handler(state, "tapped_link")
        went_on = await run_handler(state, "load")  # after the reload: still no session cookie
        return looked, went_on, state

    looked, went_on, state = asyncio.run(go())
    assert "window.location.reload()" in str(looked) and went_on is None
    assert state.step == "code" and state.notice == NOT_SIGNED_IN_HERE


def test_a_used_link_explains_itself_on_the_hubs_sign_in_page(db):
    async def go():
        state = await (await _tab(query={"probleem": "used"})).get_state(SignInState)
        await run_handler(state, "load")
        return state

    assert asyncio.run(go()).notice == LINK_PROBLEMS[login_codes.Outcome.used]
    assert LINK_PROBLEMS[login_codes.Outcome.used] == "Deze link is al gebruikt. Vraag hier een nieuwe code."


def _sign_up_ticket(db, answers: dict) -> str:
    hub_id, _ = _hub_and_wijk(db)
    with Session(db) as session:
        packed = carried.pack(hub_id, "hulpvragen/nieuw", answers)
        token = handoffs.issue(session, handoffs.SIGN_UP, hub_id, NOOR, datetime.now(UTC), carried=packed)
        session.commit()
    return token


def test_sign_up_does_not_ask_what_the_answers_already_say(db):
    _, wijk_id = _hub_and_wijk(db)
    ticket = _sign_up_ticket(db, {"zorgt": "ja", "plek": f"wijk:{wijk_id}", "hulp": ["boodschappen"]})

    async def go():
        state = await (await _tab(cookie=f"{cookies.SIGN_UP}={ticket}")).get_state(SignUpState)
        await run_handler(state, "load")
        known = (state.known_wijk, state.known_wijk_name, state.known_role)
        form = {"first_name": "Noor", "wijk": state.known_wijk, "role": state.known_role, "consent": "on"}
        finish = await run_handler(state, "submit", form)
        return known, finish

    (wijk, name, role), finish = asyncio.run(go())
    with Session(db) as session:
        assert (wijk, name, role) == (str(wijk_id), session.get(Wijk, wijk_id).name, "caregiver")
        sign_in = session.exec(select(Handoff).where(Handoff.purpose == handoffs.SIGN_IN)).one()
        assert carried.unpack(sign_in.carried).answers["hulp"] == ["boodschappen"]
        assert session.exec(select(Handoff.carried).where(Handoff.purpose == handoffs.SIGN_UP)).one() == ""
    assert "/auth/finish?verder=hulpvragen/nieuw" in str(finish)


def test_sign_up_asks_when_the_answers_say_nothing(db):
    ticket = _sign_up_ticket(db, {"zorgt": "nee"})

    async def go():
        state = await (await _tab(cookie=f"{cookies.SIGN_UP}={ticket}")).get_state(SignUpState)
        await run_handler(state, "load")
        return state

    state = asyncio.run(go())
    assert state.ready and (state.known_wijk, state.known_role) == ("", "")


def test_no_answers_in_a_url_or_the_log(db, caplog):
    async def go():
        root = await _tab(query={"verder": "hulpvragen/nieuw"})
        answers = await root.get_state(QuestionnaireState)
        await run_handler(answers, "load")
        answers._answers = {"zorgt": "ja"}
        state = await root.get_state(SignInState)
        await run_handler(state, "load")
        await run_handler(state, "send_code", {"email": NOOR})

    asyncio.run(go())
    assert "zorgt" not in caplog.text
    with Session(db) as session:
        assert session.exec(select(func.count()).select_from(LoginCode)).one() == 1


# The carry is bound to the browser that asked, not to the address: a caregiver who mistypes her
# address as someone else's real one, or someone who asks a code for another person's address with
# made-up answers, hands that person none of them. Only the way back (an allow-listed part of the
# hub) goes with any use of the code.

ANNA = "anna.voorbeeld@leusden.example.org"  # has an account in Leusden


@pytest.fixture
def mails(monkeypatch: pytest.MonkeyPatch) -> list[mail.Message]:
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)
    return sent


async def _ask_with_answers(db, address: str):
    """A tab with Wegwijzer answers asks a code for ``address``; returns it and what it set."""
    _, wijk_id = _hub_and_wijk(db)
    root = await _tab(query={"verder": "hulpvragen/nieuw"})
    answers = await root.get_state(QuestionnaireState)
    await run_handler(answers, "load")
    answers._answers = {"zorgt": "ja", "plek": f"wijk:{wijk_id}", "hulp": ["boodschappen"]}
    state = await root.get_state(SignInState)
    await run_handler(state, "load")
    return state, await run_handler(state, "send_code", {"email": address})


def _link(message: mail.Message) -> str:
    return re.search(r"/auth/link\?t=(\S+)", message.body).group(1)


def _code(message: mail.Message) -> str:
    return re.search(r"(\d{3}) (\d{3})", message.body).expand(r"\1\2")


def _tap_yes(client: TestClient, token: str):
    page = client.get(f"/auth/link?t={token}").text
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    return client.post("/auth/link", data=form)


@pytest.fixture
def browser(db) -> TestClient:
    return TestClient(Starlette(routes=auth_routes.routes), follow_redirects=False)


def test_asking_sets_this_browsers_value_and_keeps_only_its_digest(db, mails):
    state, set_cookie = asyncio.run(_ask_with_answers(db, ANNA))
    script = str(set_cookie)
    assert state._nonce and f"{cookies.CARRY}={state._nonce}" in script and "SameSite=Strict" in script
    with Session(db) as session:
        kept = session.exec(select(LoginCode.carried)).one()
    assert state._nonce not in kept and carried.unpack(kept).bound


def test_a_code_asked_by_another_browser_carries_nothing_into_her_session(db, mails, browser):
    """Someone asked a code for Anna's address with their answers; Anna taps the mail's link in her
    own browser (no value of theirs, or one of her own): she is signed in, with none of them."""
    asyncio.run(_ask_with_answers(db, ANNA))
    browser.cookies.set(cookies.CARRY, "her-own-browsers-value")  # she once asked a code herself
    response = _tap_yes(browser, _link(mails[-1]))
    assert response.headers["location"] == "/leusden/hulpvragen/nieuw"  # the way back is harmless
    session_cookie = response.cookies.get(cookies.SESSION)
    assert session_cookie
    with Session(db) as session:
        assert carried.answers(session, session_cookie, datetime.now(UTC)) == {}
        for table in (LoginCode, Handoff):
            texts = session.exec(select(table.carried).where(table.carried != "")).all()
            assert all(not carried.unpack(text).answers for text in texts)


def test_the_browser_that_asked_gets_the_answers_through_the_link(db, mails, browser):
    state, _ = asyncio.run(_ask_with_answers(db, ANNA))
    hub_id, _ = _hub_and_wijk(db)
    browser.cookies.set(cookies.CARRY, state._nonce)  # the link's new tab of the asking browser
    response = _tap_yes(browser, _link(mails[-1]))
    assert response.headers["location"] == "/leusden/hulpvragen/nieuw"
    with Session(db) as session:
        found = carried.answers(session, response.cookies.get(cookies.SESSION), datetime.now(UTC), hub_id)
    assert found["hulp"] == ["boodschappen"] and found["zorgt"] == "ja"
    assert cookies.CARRY in response.headers.get("set-cookie", "")  # emptied once signed in


def test_a_planted_code_for_a_new_address_does_not_fill_in_her_sign_up(db, mails, browser):
    """No "U woont in ..." nor a skipped role question from someone else's answers."""
    asyncio.run(_ask_with_answers(db, NOOR))
    response = _tap_yes(browser, _link(mails[-1]))
    assert response.headers["location"] == "/leusden/welkom?verder=hulpvragen/nieuw"
    ticket = response.cookies.get(cookies.SIGN_UP)

    async def go():
        state = await (await _tab(cookie=f"{cookies.SIGN_UP}={ticket}")).get_state(SignUpState)
        await run_handler(state, "load")
        return state

    state = asyncio.run(go())
    assert state.ready and (state.known_wijk, state.known_role) == ("", "")


def test_a_typed_code_carries_only_what_this_tab_asked(db, mails):
    """Her tab waits for her code; meanwhile someone asks one for her address with their answers.
    The newest mail's code, typed in her tab, signs her in without them."""

    async def go():
        state = await (await _tab()).get_state(SignInState)
        await run_handler(state, "send_code", {"email": ANNA})  # her own, without answers
        await _ask_with_answers(db, ANNA)  # theirs, in another browser
        return await run_handler(state, "check_code", {"code": _code(mails[-1])})

    finish = asyncio.run(go())
    assert "/auth/finish" in str(finish)
    with Session(db) as session:
        ticket = session.exec(select(Handoff).where(Handoff.purpose == handoffs.SIGN_IN)).one()
        assert carried.unpack(ticket.carried).answers == {}


def test_the_asking_tab_typing_its_code_keeps_the_answers(db, mails):
    async def go():
        state, _ = await _ask_with_answers(db, ANNA)
        return await run_handler(state, "check_code", {"code": _code(mails[-1])})

    assert "/auth/finish?verder=hulpvragen/nieuw" in str(asyncio.run(go()))
    with Session(db) as session:
        ticket = session.exec(select(Handoff).where(Handoff.purpose == handoffs.SIGN_IN)).one()
        assert carried.unpack(ticket.carried).answers["hulp"] == ["boodschappen"]


def test_a_second_tab_of_the_browser_that_asked_uses_the_same_value(db, mails):
    """The cookie another tab of this browser set is reused, so either tab's codes carry; anything
    not of our shape in that cookie is not."""

    async def go(cookie: str):
        _, wijk_id = _hub_and_wijk(db)
        root = await _tab(cookie=cookie)
        answers = await root.get_state(QuestionnaireState)
        await run_handler(answers, "load")
        answers._answers = {"zorgt": "ja", "plek": f"wijk:{wijk_id}"}
        state = await root.get_state(SignInState)
        await run_handler(state, "send_code", {"email": ANNA})
        return state._nonce

    first = asyncio.run(go(""))
    assert asyncio.run(go(f"{cookies.CARRY}={first}")) == first
    assert asyncio.run(go(f"{cookies.CARRY}=short")) not in ("short", first)
