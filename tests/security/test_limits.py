"""Floods are refused in plain words: call-backs and sign-in codes per client (behind a listed proxy,
per visitor), and anonymous refusals are counted rather than written one row each."""

import asyncio
import logging

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import Session, func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import privacy_routes, settings
from mantelzorg_app.models import AuditEvent, CallbackTask, LoginCode
from mantelzorg_app.services.help import callbacks
from mantelzorg_app.services.identity import login_codes
from state.help.wegwijzer import QuestionnaireState
from state.identity.sign_in import SignInState
from tests.security.conftest import refusals, root_state, run_handler

PROXY = "192.0.2.1"  # the socket peer of every tab in the harness
ORIGIN = "http://localhost:3000"


@pytest.fixture(autouse=True)
def _outbox(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(settings, "INSTANCE", tmp_path)
    monkeypatch.delenv("MANTELZORG_PUBLIC_URL", raising=False)
    monkeypatch.delenv("MANTELZORG_TRUSTED_PROXIES", raising=False)


def in_fresh_tab(state_class: type[rx.State], *calls: tuple, forwarded_for: str = "") -> rx.State:
    """Runs (handler, *args) in a new anonymous tab on /leusden that came in through PROXY."""

    async def go():
        root = await root_state(None, "leusden")
        headers = {"origin": ORIGIN, "x-forwarded-for": forwarded_for}
        root.router = RouterData.from_router_data(
            {"headers": headers, "pathname": "/leusden", "query": {"hub": "leusden"}, "ip": PROXY}
        )
        state = await root.get_state(state_class)
        for handler, *args in calls:
            await run_handler(state, handler, *args)
        return state

    return asyncio.run(go())


def count(db, table) -> int:
    with Session(db) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def ask_callback(number: str, forwarded_for: str = "") -> QuestionnaireState:
    form = {"phone": number, "good_time": "ochtend"}
    return in_fresh_tab(
        QuestionnaireState, ("load",), ("choose", "nee"), ("ask_callback", form), forwarded_for=forwarded_for
    )


def test_fresh_tabs_cannot_flood_the_call_back_list(db):
    before, refused_before = count(db, CallbackTask), refusals(db)
    for n in range(3):
        assert ask_callback(f"06 1234 56{n:02d}").asked
    flood = ask_callback("06 1234 5699")
    assert not flood.asked
    assert flood.refused == callbacks.TOO_MANY
    assert flood.phone == "06 1234 5699"  # kept in the form
    assert count(db, CallbackTask) == before + 3
    assert refusals(db) == refused_before + 1


def test_behind_a_listed_proxy_each_visitor_has_their_own_call_back_limit(db, monkeypatch):
    monkeypatch.setenv("MANTELZORG_TRUSTED_PROXIES", PROXY)
    for n in range(5):
        assert ask_callback(f"06 1234 56{n:02d}", forwarded_for=f"198.51.100.{n}").asked


def test_anonymous_refusals_are_counted_in_one_row(db):
    client = TestClient(Starlette(routes=privacy_routes.routes))
    rows, refused = count(db, AuditEvent), refusals(db)
    for _ in range(30):
        assert client.get(privacy_routes.DOWNLOAD).status_code == 403
    assert count(db, AuditEvent) == rows + 1
    assert refusals(db) == refused + 30


def send_code(email: str, forwarded_for: str = "") -> SignInState:
    return in_fresh_tab(SignInState, ("send_code", {"email": email}), forwarded_for=forwarded_for)


def test_behind_a_listed_proxy_each_visitor_has_their_own_sign_in_limit(db, monkeypatch):
    monkeypatch.setenv("MANTELZORG_TRUSTED_PROXIES", "192.0.2.0/24")
    for n in range(25):
        state = send_code(f"bezoeker{n}@example.org", forwarded_for=f"203.0.113.9, 198.51.100.{n}")
        assert state.step == "code" and state.problem == ""
    assert count(db, LoginCode) == 25


def test_a_forged_forwarded_header_does_not_escape_the_sign_in_limit(db):
    for n in range(25):
        send_code(f"bezoeker{n}@example.org", forwarded_for=f"198.51.100.{n}")
    assert count(db, LoginCode) == 20


@pytest.mark.parametrize("limit", ["address", "client"])
def test_a_sign_in_limit_says_wait_in_the_same_words_and_is_logged(db, caplog, limit):
    many = {"address": ["anna.voorbeeld@example.org"] * 5, "client": [f"b{n}@example.org" for n in range(20)]}
    addresses = many[limit]
    for address in addresses:
        assert send_code(address).step == "code"
    caplog.set_level(logging.INFO, logger="mantelzorg.auth")
    caplog.clear()
    state = send_code("anna.voorbeeld@example.org")
    assert (state.step, state.problem) == ("email", login_codes.TOO_MANY)
    assert state.email == "anna.voorbeeld@example.org"
    (record,) = [r for r in caplog.records if r.name == "mantelzorg.auth"]
    assert record.levelno == logging.WARNING
    assert "example.org" not in record.getMessage() and PROXY not in record.getMessage()
