"""Granting and revoking roles: only a hub's own coordinator, only in that hub, always logged."""

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Membership, Role
from mantelzorg_app.services.identity import authz, memberships, sessions
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import audit
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW, World, add_member, audit_events, two_hubs


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


def _signed_in(session: Session, person_id: int, hub_id: int) -> Actor:
    """The actor as a page handler gets it: from a session token, for the hub of the URL."""
    token = sessions.start(session, person_id, sessions.OIDC, NOW)
    actor = authz.actor(session, token, hub_id, NOW)
    assert actor is not None
    return actor


@pytest.fixture
def cora(session: Session, world: World) -> Actor:
    """Leusden's coordinator, working in Leusden."""
    return _signed_in(session, world.coordinator.id, world.leusden.id)


def _memberships(session: Session, person_id: int) -> list[Membership]:
    return list(session.exec(select(Membership).where(Membership.person_id == person_id)).all())


def test_coordinator_grants_a_role_in_their_own_hub(session: Session, world: World, cora: Actor) -> None:
    membership = memberships.grant(session, cora, world.newcomer.id, Role.volunteer, world.centrum.id)

    assert (membership.person_id, membership.hub_id, membership.role, membership.wijk_id) == (
        world.newcomer.id,
        world.leusden.id,
        Role.volunteer,
        world.centrum.id,
    )
    (stored,) = _memberships(session, world.newcomer.id)
    assert stored.id == membership.id
    (event,) = audit_events(session)
    assert (event.action, event.hub_id, event.actor_id, event.subject_id, event.detail) == (
        audit.ROLE_GRANTED,
        world.leusden.id,
        world.coordinator.id,
        world.newcomer.id,
        "volunteer",
    )
    # The new role counts at once, in Leusden only.
    newcomer = _signed_in(session, world.newcomer.id, world.leusden.id)
    assert newcomer.roles == {Role.volunteer}
    assert _signed_in(session, world.newcomer.id, world.poperinge.id).roles == frozenset()


def test_coordinator_revokes_a_role_in_their_own_hub(session: Session, world: World, cora: Actor) -> None:
    assert memberships.revoke(session, cora, world.volunteer.id, Role.volunteer) is True

    assert _memberships(session, world.volunteer.id) == []
    (event,) = audit_events(session)
    assert (event.action, event.hub_id, event.actor_id, event.subject_id, event.detail) == (
        audit.ROLE_REVOKED,
        world.leusden.id,
        world.coordinator.id,
        world.volunteer.id,
        "volunteer",
    )
    assert _signed_in(session, world.volunteer.id, world.leusden.id).roles == frozenset()


def test_revoking_a_role_not_held_changes_and_logs_nothing(
    session: Session, world: World, cora: Actor
) -> None:
    assert memberships.revoke(session, cora, world.volunteer.id, Role.trekker) is False
    assert memberships.revoke(session, cora, world.newcomer.id, Role.volunteer) is False

    assert len(_memberships(session, world.volunteer.id)) == 1
    assert audit_events(session) == []


def test_revoke_leaves_other_hubs_alone(session: Session, world: World, cora: Actor) -> None:
    pieter = _signed_in(session, world.other_coordinator.id, world.poperinge.id)
    memberships.grant(session, pieter, world.volunteer.id, Role.volunteer)

    assert memberships.revoke(session, cora, world.volunteer.id, Role.volunteer) is True

    (left,) = _memberships(session, world.volunteer.id)
    assert left.hub_id == world.poperinge.id


@pytest.mark.parametrize("who", ["volunteer", "newcomer"])
def test_non_coordinator_is_refused_and_logged(session: Session, world: World, who: str) -> None:
    person = getattr(world, who)
    actor = _signed_in(session, person.id, world.leusden.id)
    before = len(_memberships(session, world.newcomer.id))

    with pytest.raises(Refused, match="grant-role"):
        memberships.grant(session, actor, world.newcomer.id, Role.coordinator)
    with pytest.raises(Refused, match="revoke-role"):
        memberships.revoke(session, actor, world.volunteer.id, Role.volunteer)

    assert len(_memberships(session, world.newcomer.id)) == before
    assert len(_memberships(session, world.volunteer.id)) == 1
    events = audit_events(session)
    assert [(e.action, e.hub_id, e.actor_id) for e in events] == [
        (audit.REFUSED, world.leusden.id, person.id),
        (audit.REFUSED, world.leusden.id, person.id),
    ]
    assert events[0].detail == "grant-role not a coordinator"
    assert events[1].detail == "revoke-role not a coordinator"


def test_coordinator_of_one_hub_is_refused_in_another(session: Session, world: World) -> None:
    # Cora is coordinator in Leusden only; working in Poperinge she has no role at all.
    cora_in_poperinge = _signed_in(session, world.coordinator.id, world.poperinge.id)

    with pytest.raises(Refused):
        memberships.grant(session, cora_in_poperinge, world.newcomer.id, Role.volunteer)
    with pytest.raises(Refused):
        memberships.revoke(session, cora_in_poperinge, world.other_coordinator.id, Role.coordinator)

    assert _memberships(session, world.newcomer.id) == []
    assert len(_memberships(session, world.other_coordinator.id)) == 1
    assert [(e.action, e.hub_id, e.actor_id) for e in audit_events(session)] == [
        (audit.REFUSED, world.poperinge.id, world.coordinator.id)
    ] * 2


def test_wijk_of_another_hub_is_refused(session: Session, world: World, cora: Actor) -> None:
    with pytest.raises(Refused):
        memberships.grant(session, cora, world.newcomer.id, Role.volunteer, world.abele.id)

    assert _memberships(session, world.newcomer.id) == []
    (event,) = audit_events(session)
    assert (event.action, event.hub_id, event.actor_id) == (
        audit.REFUSED,
        world.leusden.id,
        world.coordinator.id,
    )
    assert event.detail == "grant-role wijk of another hub"


def test_unknown_wijk_is_refused(session: Session, world: World, cora: Actor) -> None:
    with pytest.raises(Refused):
        memberships.grant(session, cora, world.newcomer.id, Role.volunteer, 987_654)
    assert _memberships(session, world.newcomer.id) == []


def test_granting_twice_keeps_one_membership_and_updates_the_wijk(
    session: Session, world: World, cora: Actor
) -> None:
    first = memberships.grant(session, cora, world.newcomer.id, Role.volunteer, world.centrum.id)
    second = memberships.grant(session, cora, world.newcomer.id, Role.volunteer)

    (membership,) = _memberships(session, world.newcomer.id)
    assert membership.id == first.id == second.id
    assert membership.wijk_id is None

    memberships.grant(session, cora, world.newcomer.id, Role.volunteer, world.centrum.id)
    (membership,) = _memberships(session, world.newcomer.id)
    assert membership.wijk_id == world.centrum.id
    assert [e.action for e in audit_events(session)] == [audit.ROLE_GRANTED] * 3


def test_granting_a_role_asked_for_makes_it_count(session: Session, world: World, cora: Actor) -> None:
    asked = add_member(session, world.newcomer, world.leusden, Role.trekker, world.centrum, pending=True)
    assert _signed_in(session, world.newcomer.id, world.leusden.id).roles == frozenset()

    granted = memberships.grant(session, cora, world.newcomer.id, Role.trekker, world.centrum.id)

    (membership,) = _memberships(session, world.newcomer.id)
    assert membership.id == asked.id == granted.id
    assert membership.pending is False
    assert _signed_in(session, world.newcomer.id, world.leusden.id).roles == {Role.trekker}


def test_a_second_role_is_a_second_membership(session: Session, world: World, cora: Actor) -> None:
    memberships.grant(session, cora, world.volunteer.id, Role.trekker)

    assert {m.role for m in _memberships(session, world.volunteer.id)} == {Role.volunteer, Role.trekker}


def test_the_last_coordinator_cannot_take_away_their_own_role(
    session: Session, world: World, cora: Actor
) -> None:
    with pytest.raises(Invalid) as invalid:
        memberships.revoke(session, cora, world.coordinator.id, Role.coordinator)
    assert invalid.value.problems == {"role": memberships.LAST_COORDINATOR}
    assert [m.role for m in _memberships(session, world.coordinator.id)] == [Role.coordinator]
    assert audit_events(session) == []

    memberships.grant(session, cora, world.newcomer.id, Role.coordinator)  # a second one: now she may go
    assert memberships.revoke(session, cora, world.coordinator.id, Role.coordinator) is True
    newcomer = _signed_in(session, world.newcomer.id, world.leusden.id)
    with pytest.raises(Invalid):  # and the newcomer is the last one now
        memberships.revoke(session, newcomer, world.newcomer.id, Role.coordinator)
