"""The one authorisation check: signed in, in this hub, with one of these roles; refusals are logged."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Role
from mantelzorg_app.services.identity import authz, sessions
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.platform import audit
from tests.unit.auth_fixtures import NOW, World, add_member, audit_events, two_hubs


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


def _refusal(session: Session):
    """The one refusal logged so far."""
    (event,) = audit_events(session, audit.REFUSED)
    assert event.subject_id is None
    return event


# actor


@pytest.mark.parametrize("token", [None, "", "no-such-token"])
def test_no_actor_without_a_session(session: Session, world: World, token: str | None) -> None:
    assert authz.actor(session, token, world.leusden.id, NOW) is None


def test_actor_carries_the_roles_in_this_hub(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    actor = authz.actor(session, token, world.leusden.id, NOW)

    assert actor == authz.Actor(world.volunteer.id, "Vince", world.leusden.id, frozenset({Role.volunteer}))
    assert actor.has(Role.volunteer)
    assert actor.has(Role.coordinator, Role.volunteer)
    assert not actor.has(Role.coordinator)
    assert not actor.has()


def test_an_actor_read_without_touch_keeps_the_session_as_it_was(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    later = NOW + timedelta(days=29)

    found = authz.actor(session, token, world.leusden.id, later, touch=False)

    assert sessions.by_token(session, token).expires_at == NOW + timedelta(days=30)  # not extended
    assert found == authz.Actor(world.volunteer.id, "Vince", world.leusden.id, frozenset({Role.volunteer}))
    assert authz.actor(session, token, world.leusden.id, NOW + timedelta(days=30), touch=False) is None


def test_roles_are_per_hub(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    in_leusden = authz.actor(session, token, world.leusden.id, NOW)
    in_poperinge = authz.actor(session, token, world.poperinge.id, NOW)

    assert in_leusden.roles == {Role.coordinator}
    assert in_poperinge.person_id == world.coordinator.id
    assert in_poperinge.hub_id == world.poperinge.id
    assert in_poperinge.roles == frozenset()


def test_several_roles_in_one_hub(session: Session, world: World) -> None:
    add_member(session, world.coordinator, world.leusden, Role.professional)
    add_member(session, world.coordinator, world.poperinge, Role.volunteer)
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    assert authz.actor(session, token, world.leusden.id, NOW).roles == {Role.coordinator, Role.professional}
    assert authz.actor(session, token, world.poperinge.id, NOW).roles == {Role.volunteer}


def test_a_role_asked_for_but_not_granted_does_not_count(session: Session, world: World) -> None:
    add_member(session, world.newcomer, world.leusden, Role.trekker, pending=True)
    token = sessions.start(session, world.newcomer.id, sessions.EMAIL, NOW)

    assert authz.actor(session, token, world.leusden.id, NOW).roles == frozenset()
    with pytest.raises(Refused):
        authz.require(session, token, world.leusden.id, "plan-visit", NOW, roles=[Role.trekker])
    assert _refusal(session).actor_id == world.newcomer.id


def test_no_actor_without_a_hub(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)
    assert authz.actor(session, token, None, NOW) is None


# require


def test_require_returns_the_actor_holding_a_wanted_role(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    found = authz.require(
        session, token, world.leusden.id, "list-volunteers", NOW, roles=[Role.coordinator, Role.professional]
    )

    assert found.person_id == world.coordinator.id
    assert found.hub_id == world.leusden.id
    assert audit_events(session) == []


def test_require_without_roles_needs_only_a_session(session: Session, world: World) -> None:
    token = sessions.start(session, world.newcomer.id, sessions.EMAIL, NOW)

    found = authz.require(session, token, world.leusden.id, "read-news", NOW)

    assert (found.person_id, found.roles) == (world.newcomer.id, frozenset())
    assert audit_events(session) == []


@pytest.mark.parametrize("token", [None, "", "no-such-token"])
def test_refused_without_a_session(session: Session, world: World, token: str | None) -> None:
    with pytest.raises(Refused, match="read-news"):
        authz.require(session, token, world.leusden.id, "read-news", NOW)

    event = _refusal(session)
    assert (event.hub_id, event.actor_id) == (world.leusden.id, None)
    assert event.detail == "read-news"


def test_refused_in_another_hub(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    with pytest.raises(Refused):
        authz.require(session, token, world.poperinge.id, "grant-role", NOW, roles=[Role.coordinator])

    event = _refusal(session)
    assert (event.hub_id, event.actor_id) == (world.poperinge.id, world.coordinator.id)
    assert "grant-role" in event.detail


def test_refused_without_the_role(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)

    with pytest.raises(Refused):
        authz.require(session, token, world.leusden.id, "export", NOW, roles=[Role.coordinator])

    event = _refusal(session)
    assert (event.hub_id, event.actor_id, event.action) == (world.leusden.id, world.volunteer.id, "refused")
    assert event.detail == "export"


def test_refused_without_a_hub(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)

    with pytest.raises(Refused):
        authz.require(session, token, None, "read-news", NOW)

    event = _refusal(session)
    assert (event.hub_id, event.actor_id) == (None, None)


def test_expired_session_is_refused(session: Session, world: World) -> None:
    token = sessions.start(session, world.coordinator.id, sessions.OIDC, NOW)
    assert authz.require(session, token, world.leusden.id, "export", NOW, roles=[Role.coordinator])

    with pytest.raises(Refused):
        authz.require(
            session, token, world.leusden.id, "export", NOW + timedelta(hours=12), roles=[Role.coordinator]
        )

    event = _refusal(session)
    assert (event.hub_id, event.actor_id) == (world.leusden.id, None)


def test_ended_session_is_refused(session: Session, world: World) -> None:
    token = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    sessions.end(session, token)

    with pytest.raises(Refused):
        authz.require(session, token, world.leusden.id, "read-news", NOW)
    assert _refusal(session).actor_id is None


def test_every_refusal_is_logged(session: Session, world: World) -> None:
    volunteer = sessions.start(session, world.volunteer.id, sessions.EMAIL, NOW)
    attempts = [
        (None, world.leusden.id, ()),
        (volunteer, world.leusden.id, (Role.coordinator,)),
        (volunteer, world.poperinge.id, (Role.volunteer,)),
        (volunteer, None, ()),
    ]
    for token, hub_id, roles in attempts:
        with pytest.raises(Refused):
            authz.require(session, token, hub_id, "view-caregiver", NOW, roles=roles)
    # An allowed request in between logs nothing.
    authz.require(session, volunteer, world.leusden.id, "view-caregiver", NOW, roles=[Role.volunteer])

    events = audit_events(session)
    assert [e.action for e in events] == ["refused"] * len(attempts)
    assert [(e.hub_id, e.actor_id) for e in events] == [
        (world.leusden.id, None),
        (world.leusden.id, world.volunteer.id),
        (world.poperinge.id, world.volunteer.id),
        (None, None),
    ]


def test_refuse_logs_the_reason(session: Session, world: World) -> None:
    with pytest.raises(Refused, match=r"^delete$"):
        authz.refuse(session, "delete", world.leusden.id, world.volunteer.id, "not the owner")

    event = _refusal(session)
    assert event.detail == "delete not the owner"
    assert event.actor_id == world.volunteer.id
