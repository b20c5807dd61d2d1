"""Tidying deletes only what can no longer be used; the hourly mails go, each domain's on its own."""

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from mantelzorg_app.models import FollowUp, Handoff, LoginCode, LoginSession, OidcRequest
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.directory import checks
from mantelzorg_app.services.help import notices
from mantelzorg_app.services.identity import handoffs, login_codes, sessions
from mantelzorg_app.services.platform import mail
from tests.unit.auth_fixtures import NOW, add_hub, add_person
from tests.unit.help_fixtures import ask, help_world


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
        "old conversations": 0,
        "called-back numbers": 0,
        "phone sign-ups' names": 0,
        "ended activities' search entries": 0,
        "aged-out news items": 0,
    }
    assert session.exec(select(LoginCode.email)).all() == ["new@example.org"]
    assert _count(session, LoginSession) == 1
    assert _count(session, Handoff) == 1
    assert _count(session, OidcRequest) == 0
    assert housekeeping.tidy(session, NOW) == dict.fromkeys(counts, 0)


def _broken(*_args, **_kwargs):
    raise RuntimeError("a bug in one domain")


def test_a_failing_sociale_kaart_check_keeps_no_is_het_gelukt_mail_back(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = help_world(session)
    request = ask(session, world.caregiver, world.centrum)
    session.add(FollowUp(request_id=request.id, person_id=world.carla.id, due_at=NOW))
    session.commit()
    sent: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", sent.append)
    monkeypatch.setattr(checks, "ask_owners", _broken)

    counts = housekeeping.send_due_mails(session, NOW, "https://leusden.example.org")

    assert counts == {
        "'Is het gelukt?'": 1,
        "'Er is een bericht voor u'": 0,
        "'Morgen: ...'": 0,
        "'Er wachten berichten'": 0,
    }
    assert [(m.to, m.subject) for m in sent] == [(world.carla.email, "Is het gelukt?")]
    assert housekeeping.send_due_mails(session, NOW, None) == {  # sent once
        "'Is het gelukt?'": 0,
        "'Er is een bericht voor u'": 0,
        "'Morgen: ...'": 0,
        "'Er wachten berichten'": 0,
    }


def test_a_failing_follow_up_step_keeps_no_klopt_dit_nog_mail_back(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = mail.Message("petra@partner.example.org", "Klopt dit nog?", "...")
    monkeypatch.setattr(notices, "due_follow_ups", _broken)
    monkeypatch.setattr(checks, "ask_owners", lambda *_args: [asked])

    assert housekeeping.send_due_mails(session, NOW, None) == {
        "'Klopt dit nog?'": 1,
        "'Er is een bericht voor u'": 0,
        "'Morgen: ...'": 0,
        "'Er wachten berichten'": 0,
    }
