"""What a hub's coordinator does with people: invite professionals, vet volunteers, grant trekkers.

Every function takes the acting coordinator (from ``authz.require``) and touches only memberships
of that coordinator's own hub; an id from another hub is refused and logged like a missing role.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from mantelzorg_app.models import Membership, Person, Role, Wijk
from mantelzorg_app.services import (
    accounts,
    audit,
    confirmations,
    help_coordination,
    login_codes,
    mail,
    roles,
)
from mantelzorg_app.services.authz import Actor, refuse, require_role
from mantelzorg_app.services.i18n import N_

VETTED = "vetted"
UNVETTED = "unvetted"


@dataclass(frozen=True)
class Member:
    membership_id: int
    first_name: str
    wijk: str
    vog_checked_on: date | None


@dataclass(frozen=True)
class Overview:
    pending_trekkers: list[Member]
    volunteers: list[Member]
    professionals: list[Member]


def overview(session: Session, by: Actor) -> Overview:
    require_role(session, by, "overview", Role.coordinator)
    rows = session.exec(
        select(Membership, Person, Wijk)
        .join(Person, Person.id == Membership.person_id)
        .join(Wijk, Wijk.id == Membership.wijk_id, isouter=True)
        .where(Membership.hub_id == by.hub_id)
        .order_by(Person.first_name)
    ).all()

    def members(role: Role, pending: bool = False) -> list[Member]:
        return [
            Member(m.id, p.first_name, w.name if w else "", m.vog_checked_on)
            for m, p, w in rows
            if m.role == role and m.pending == pending
        ]

    return Overview(members(Role.trekker, pending=True), members(Role.volunteer), members(Role.professional))


def grant_trekker(session: Session, by: Actor, membership_id: int) -> None:
    """Approves a trekker who asked at sign-up, for the wijk they live in."""
    membership = _membership(session, by, membership_id, Role.trekker, "grant-trekker")
    roles.grant(session, by, membership.person_id, Role.trekker, membership.wijk_id)


def set_vetted(session: Session, by: Actor, membership_id: int, checked_on: date | None) -> None:
    """Records the day the VOG was seen (None takes it back); only vetted volunteers visit homes,
    so taking it back reopens their home visits for the coordinator (help_coordination.vog_taken_back)."""
    membership = _membership(session, by, membership_id, Role.volunteer, "vet-volunteer")
    membership.vog_checked_on = checked_on
    if checked_on is None:
        help_coordination.vog_taken_back(session, by.hub_id, membership.person_id)
    session.add(membership)
    session.commit()
    audit.record(
        session,
        VETTED if checked_on else UNVETTED,
        hub_id=by.hub_id,
        actor_id=by.person_id,
        subject_id=membership.person_id,
        detail=checked_on.isoformat() if checked_on else "",
    )


def invite_professional(
    session: Session, by: Actor, first_name: str, email: str, base: str | None, now: datetime
) -> mail.Message:
    """A professional of this hub, once they said yes to the returned mail; then they sign in through
    the municipality with this address. An existing account keeps its own name and gets no role
    before that yes; a new address gets an account with the typed name (services.confirmations)."""
    require_role(session, by, "invite-professional", Role.coordinator)
    problems = {}
    name = " ".join(first_name.split())
    if not name or len(name) > accounts.FIRST_NAME_MAX:
        problems["first_name"] = N_("Vul de voornaam in.")
    address = login_codes.normalise_email(email)
    if address is None:
        problems["email"] = N_("Dit lijkt geen e-mailadres. Kijk het nog eens na.")
    if problems:
        raise accounts.Invalid(problems)
    person = accounts.by_email(session, address)
    if person is None:
        person = Person(first_name=name, email=address, created_at=now)
        session.add(person)
        session.commit()
    return confirmations.invited(session, by, person, base, now)


def _membership(session: Session, by: Actor, membership_id: int, role: Role, action: str) -> Membership:
    require_role(session, by, action, Role.coordinator)
    membership = session.get(Membership, membership_id)
    if membership is None or membership.hub_id != by.hub_id or membership.role != role:
        refuse(session, action, by.hub_id, by.person_id, "membership of another hub or role")
    return membership
