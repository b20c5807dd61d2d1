"""Server-side sessions: an opaque token in the cookie, its digest in the database."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import LoginSession
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import audit, digests
from tests.unit.auth_fixtures import NOW, World, audit_events, two_hubs


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


def _rows(session: Session) -> list[LoginSession]:
    return list(session.exec(select(LoginSession).order_by(LoginSession.id)).all())


def test_start_returns_a_token_and_stores_only_its_digest(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    assert isinstance(token, str) and len(token) >= 43
    (row,) = _rows(session)
    assert row.token_digest == digests.digest(token)
    assert (row.person_id, row.kind, row.created_at, row.last_seen_at) == (
        world.volunteer.id,
        "email",
        NOW,
        NOW,
    )
    assert row.expires_at == NOW + timedelta(days=30)
    raw = session.connection().execute(LoginSession.__table__.select()).one()
    assert all(token not in str(value) for value in raw)


def test_every_start_gets_its_own_token(session: Session, world: World) -> None:
    tokens = {sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW) for _ in range(3)}
    assert len(tokens) == 3
    assert len(_rows(session)) == 3


def test_person_finds_who_holds_the_token(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    other = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    assert sessions.person(session, token, NOW + timedelta(minutes=1)).id == world.volunteer.id
    assert sessions.person(session, other, NOW + timedelta(minutes=1)).id == world.coordinator.id


@pytest.mark.parametrize("token", [None, "", "garbage", "x" * 43, " "])
def test_no_token_or_garbage_is_nobody(session: Session, world: World, token: str | None) -> None:
    sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    assert sessions.person(session, token, NOW) is None
    assert sessions.end(session, token) is None
    assert len(_rows(session)) == 1


def test_the_digest_is_not_a_token(session: Session, world: World) -> None:
    sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    (row,) = _rows(session)
    assert sessions.person(session, row.token_digest, NOW) is None  # a copy of the database signs nobody in


def test_email_session_lasts_30_days_after_the_last_use(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    assert sessions.person(session, token, NOW + timedelta(days=29, hours=23)) is not None
    # Counted again from that use:
    last_use = NOW + timedelta(days=29, hours=23)
    assert sessions.person(session, token, last_use + timedelta(days=29)) is not None


def test_email_session_slides_while_used(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    for days in (20, 40, 60, 80):
        found = sessions.person(session, token, NOW + timedelta(days=days))
        assert found is not None and found.id == world.volunteer.id, f"signed out after {days} days"
    (row,) = _rows(session)
    assert row.last_seen_at == NOW + timedelta(days=80)
    assert row.expires_at == NOW + timedelta(days=110)
    assert row.created_at == NOW


def test_email_session_ends_after_30_idle_days(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    last_use = NOW + timedelta(days=20)
    assert sessions.person(session, token, last_use) is not None

    assert sessions.person(session, token, last_use + timedelta(days=30)) is None
    # Once expired, a later visit does not bring it back.
    assert sessions.person(session, token, last_use + timedelta(days=30, seconds=1)) is None


def test_email_session_never_used_ends_30_days_after_start(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    assert sessions.person(session, token, NOW + timedelta(days=30)) is None


def test_oidc_session_ends_12_hours_after_start_however_active(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    for minutes in range(0, 12 * 60, 30):
        assert sessions.person(session, token, NOW + timedelta(minutes=minutes)) is not None, minutes
    assert sessions.person(session, token, NOW + timedelta(hours=12) - timedelta(seconds=1)) is not None
    (row,) = _rows(session)
    assert row.expires_at == NOW + timedelta(hours=12)  # activity did not move it

    assert sessions.person(session, token, NOW + timedelta(hours=12)) is None
    assert sessions.person(session, token, NOW + timedelta(hours=13)) is None


def test_unknown_kind_is_refused(session: Session, world: World) -> None:
    with pytest.raises(KeyError):
        sessions.start(session, world.volunteer.id, "password", NOW)
    assert _rows(session) == []


def test_end_signs_out_one_device_only(session: Session, world: World) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    laptop = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    assert sessions.end(session, phone) == world.volunteer.id

    assert sessions.person(session, phone, NOW) is None
    assert sessions.person(session, laptop, NOW).id == world.volunteer.id
    assert sessions.end(session, phone) is None  # already gone
    assert len(_rows(session)) == 1


def test_end_all_signs_out_every_device_of_that_person_only(session: Session, world: World) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    laptop = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    theirs = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    assert sessions.end_all(session, world.volunteer.id) == 2

    assert sessions.person(session, phone, NOW) is None
    assert sessions.person(session, laptop, NOW) is None
    assert sessions.person(session, theirs, NOW).id == world.coordinator.id
    assert sessions.end_all(session, world.volunteer.id) == 0
    assert sessions.end_all(session, world.newcomer.id) == 0


def test_a_session_remembers_the_tabs_that_showed_it(session: Session, world: World) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    laptop = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    tabs = [f"{n:08d}-1111-4111-8111-111111111111" for n in range(sessions.TABS_KEPT + 2)]
    sessions.person(session, phone, NOW, tab=tabs[0])
    sessions.person(session, phone, NOW, tab=tabs[0])  # once, however often it loads a page
    sessions.person(session, phone, NOW, tab="not a tab token; <script>")
    sessions.person(session, laptop, NOW, tab=tabs[1])

    assert sessions.tabs(session, phone) == {tabs[0]}
    assert sessions.tabs(session, person_id=world.volunteer.id) == {tabs[0], tabs[1]}
    assert sessions.tabs(session, "an unknown token") == set()

    for tab in tabs[2:]:
        sessions.person(session, laptop, NOW, tab=tab)
    assert sessions.tabs(session, laptop) == set(tabs[2:])  # the newest TABS_KEPT


def test_an_ended_session_lends_no_tab(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    later = NOW + timedelta(days=31)
    sessions.person(session, token, later, tab="22222222-2222-4222-8222-222222222222")
    assert sessions.tabs(session, token) == set()


def _tab(n: int) -> str:
    return f"{n:08d}-3333-4333-8333-333333333333"


def test_sign_out_ends_this_device_logs_it_and_names_its_tabs(session: Session, world: World) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    laptop = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    sessions.person(session, phone, NOW, tab=_tab(1))
    sessions.person(session, laptop, NOW, tab=_tab(2))

    assert sessions.sign_out(session, phone, False, world.leusden.id) == {_tab(1)}

    assert sessions.person(session, phone, NOW) is None
    assert sessions.person(session, laptop, NOW).id == world.volunteer.id
    [logged] = audit_events(session, audit.SIGN_OUT)
    assert (logged.hub_id, logged.actor_id) == (world.leusden.id, world.volunteer.id)
    assert audit_events(session, audit.SIGN_OUT_ALL) == []


def test_sign_out_everywhere_ends_every_device_of_that_person_only(session: Session, world: World) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    laptop = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    theirs = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)
    for token, n in ((phone, 1), (laptop, 2), (theirs, 3)):
        sessions.person(session, token, NOW, tab=_tab(n))

    assert sessions.sign_out(session, phone, True, world.leusden.id) == {_tab(1), _tab(2)}

    assert sessions.person(session, laptop, NOW) is None
    assert sessions.person(session, theirs, NOW).id == world.coordinator.id
    [logged] = audit_events(session, audit.SIGN_OUT_ALL)
    assert (logged.hub_id, logged.actor_id) == (world.leusden.id, world.volunteer.id)
    assert audit_events(session, audit.SIGN_OUT) == []


@pytest.mark.parametrize("token", [None, "", "an unknown token"])
def test_sign_out_without_a_session_ends_and_logs_nothing(session: Session, world: World, token) -> None:
    kept = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    assert sessions.sign_out(session, token, True, world.leusden.id) == set()

    assert sessions.person(session, kept, NOW).id == world.volunteer.id
    assert audit_events(session) == []


def test_sign_out_commits_its_end_and_its_audit_row_together(session: Session, world: World) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    sessions.sign_out(session, phone, False, world.leusden.id)
    session.rollback()  # nothing was left for the caller to commit
    assert _rows(session) == [] and len(audit_events(session, audit.SIGN_OUT)) == 1


def test_holder_reads_a_session_without_keeping_it_going(session: Session, world: World) -> None:
    """A push to a tab is not the person's doing: a lively chat never keeps an e-mail session alive."""
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    for days in (10, 20, 29):
        assert sessions.holder(session, token, NOW + timedelta(days=days)).id == world.volunteer.id
    (row,) = _rows(session)
    assert (row.last_seen_at, row.expires_at) == (NOW, NOW + timedelta(days=30))
    assert sessions.holder(session, token, NOW + timedelta(days=30)) is None
    assert sessions.holder(session, "garbage", NOW) is None
    assert sessions.holder(session, None, NOW) is None


def test_tabs_to_push_to_leave_out_ended_sessions_while_emptying_takes_all(
    session: Session, world: World
) -> None:
    phone = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    staff = sessions.start(session, world.volunteer.id, sessions.STAFF_EMAIL, NOW)
    sessions.person(session, phone, NOW, tab=_tab(1))
    sessions.person(session, staff, NOW, tab=_tab(2))
    later = NOW + timedelta(hours=13)  # the 12-hour session has ended, not yet tidied away

    assert sessions.tabs(session, person_id=world.volunteer.id, live_at=later) == {_tab(1)}
    assert sessions.tabs(session, person_id=world.volunteer.id) == {_tab(1), _tab(2)}
