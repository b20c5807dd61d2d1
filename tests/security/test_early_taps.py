"""A tap that reaches the server before the page's on_load (a slow phone) still acts in the right hub."""

import pytest
from sqlmodel import Session, select

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, LoginCode
from state.help.coordination import CoordinationState
from state.identity.sign_in import SignInState
from tests.security.conftest import People, call


def test_asking_a_code_before_the_page_loaded(db, monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setattr(settings, "INSTANCE", tmp_path)  # the outbox, if a mail is written
    call(SignInState, "send_code", {"email": "snel.voorbeeld@example.org"}, hub="poperinge", loaded=False)
    with Session(db) as session:
        code = session.exec(select(LoginCode)).one()
        assert session.get(Hub, code.hub_id).slug == "poperinge"


def test_the_coordinators_page_before_it_loaded(db, people: People):
    state, _ = call(CoordinationState, "load", token=people.tokens["coordinator"], loaded=False)
    assert state.allowed
    state, _ = call(CoordinationState, "load", token=people.tokens["other_hub_coordinator"], loaded=False)
    assert not state.allowed
