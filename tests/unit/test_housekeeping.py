"""Tidying deletes only what can no longer be used."""

from datetime import timedelta

from sqlmodel import Session, func, select

from mantelzorg_app.models import Handoff, LoginCode, LoginSession, OidcRequest
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.identity import handoffs, login_codes, sessions
from tests.unit.auth_fixtures import NOW, add_hub, add_person


def _count(session: Session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_tidy_deletes_what_has_ended_and_keeps_what_still_works(session: Session) -> None:
    hub = add_hub(session, "leusden", "Leusden")
    person = add_person(session, "Anna", "anna@example.org")
    login_codes.request(session, hub.id, "old@example.org", "192.0.2.1", NOW - timedelta(hours=2))
    login_codes.request(session, hub.id, "new@example.org", "192.0.2.1", NOW)
    sessions.start(session, person.id, sessions.OIDC, NOW - timedelta(hours=13))
    sessions.start(session, person.id, sessions.EMAIL, NOW)
    handoffs.issue(session, handoffs.SIGN_IN, hub.id, "old@example.org", NOW - timedelta(minutes=5))
    handoffs.issue(session, handoffs.SIGN_UP, hub.id, "new@example.org", NOW)
    session.add(
        OidcRequest(
            state_digest="x",
            hub_id=hub.id,
            nonce="n",
            code_verifier="v",
            expires_at=NOW - timedelta(seconds=1),
        )
    )
    session.commit()

    counts = housekeeping.tidy(session, NOW)

    assert counts == {
        "login codes": 1,
        "sessions": 1,
        "handoffs": 1,
        "carried answers": 0,
        "oidc requests": 1,
        "called-back numbers": 0,
    }
    assert session.exec(select(LoginCode.email)).all() == ["new@example.org"]
    assert _count(session, LoginSession) == 1
    assert _count(session, Handoff) == 1
    assert _count(session, OidcRequest) == 0
    assert housekeeping.tidy(session, NOW) == dict.fromkeys(counts, 0)
