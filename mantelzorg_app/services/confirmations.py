"""A yes by mail before staff attach a role to someone who already has an account.

A professional posting a help request for a caregiver, or a coordinator inviting a professional,
types a first name and an address. An address of someone who has no such role in this hub yet is
never silently reused: nothing is added for them, they get a mail with a single-use link (digest
stored, 7 days, services.handoffs), and only their yes adds the role (and for a request the
consent, and the request opens). Until then the request waits (Status.waiting): no volunteer sees
it, and the coordinator's list shows it as an open one; without a yes it keeps waiting until the
poster stops it.

A new address of a request gets its account, role and consent at once, with the typed name
(nobody else's account is touched), and a mail with the news. An invitation always waits for the
yes, new address or not, so the coordinator's list of professionals shows nobody before it.
The staff member cannot tell the cases apart: every case mails the address, their screen says the
same words, shows the name they typed, and shows a waiting request as an open one
(requests.shown_status). Mails are Dutch, first names only, never the request's text.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app import routes
from mantelzorg_app.models import Consent, HelpRequest, Hub, Membership, Person, Role, Status
from mantelzorg_app.services.help.requests import ON_BEHALF_CONSENT
from mantelzorg_app.services.help.vocabulary import CATEGORY_LABELS
from mantelzorg_app.services.identity import accounts, handoffs, login_codes, memberships
from mantelzorg_app.services.identity.authz import Actor, Refused, require_role
from mantelzorg_app.services.platform import audit, i18n, mail
from mantelzorg_app.services.platform.i18n import N_

LANGUAGE = i18n.DEFAULT_LANGUAGE
_SIGNATURE = N_("Mantelzorghub {hub}")
_NO_LINK = N_("Open de Mantelzorghub en log in.")


def _text(msgid: str, **values: str) -> str:
    return i18n.gettext(LANGUAGE, msgid, **values)


def _mail(to: str, subject: str, body: str, link: str, hub: Hub) -> mail.Message:
    where = link or _text(_NO_LINK)
    return mail.Message(to, _text(subject), f"{body}\n\n{where}\n\n{_text(_SIGNATURE, hub=hub.name)}")


def _confirm_link(base: str | None, token: str) -> str:
    return f"{base.rstrip('/')}{routes.AUTH_YES}?t={token}" if base else ""


def posted_for(session: Session, request: HelpRequest, base: str | None, now: datetime) -> mail.Message:
    """The caregiver's mail about a request posted for them: a yes to give, or the news."""
    hub = session.get(Hub, request.hub_id)
    caregiver = session.get(Person, request.caregiver_id)
    names = {"name": caregiver.first_name, "poster": session.get(Person, request.posted_by_id).first_name}
    names["help"] = _text(CATEGORY_LABELS[request.category])
    if request.status != Status.waiting:
        body = _text(
            N_(
                "Hallo {name},\n\n{poster} heeft een hulpvraag voor u geplaatst ({help}). "
                "Log in met dit e-mailadres om te zien wie wil helpen."
            ),
            **names,
        )
        link = f"{base.rstrip('/')}/{hub.slug}/{routes.REQUESTS}" if base else ""
        return _mail(caregiver.email, N_("Er staat een hulpvraag voor u klaar"), body, link, hub)
    token = handoffs.issue(session, handoffs.ON_BEHALF, hub.id, caregiver.email, now, request.id)
    session.commit()
    body = _text(
        N_(
            "Hallo {name},\n\n{poster} wil een hulpvraag voor u plaatsen ({help}). "
            "Vindt u dat goed? Tik dan op de link. De link werkt 7 dagen.\n"
            "Wilt u het niet? Dan hoeft u niets te doen."
        ),
        **names,
    )
    return _mail(
        caregiver.email, N_("Mag er een hulpvraag voor u komen?"), body, _confirm_link(base, token), hub
    )


def invite_professional(
    session: Session, by: Actor, first_name: str, email: str, base: str | None, now: datetime
) -> mail.Message:
    """A professional of this hub, once they said yes to the returned mail; then they sign in through
    the municipality with this address. An existing account keeps its own name and gets no role
    before that yes; a new address gets an account with the typed name (see the module docstring)."""
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
        session.flush()  # its id; committed with the ticket in invited()
    return invited(session, by, person, base, now)


def invited(session: Session, by: Actor, person: Person, base: str | None, now: datetime) -> mail.Message:
    """The invited professional's mail, with the link for their yes."""
    hub = session.get(Hub, by.hub_id)
    names = {"name": person.first_name, "by": by.first_name, "hub": hub.name}
    token = handoffs.issue(session, handoffs.INVITE, hub.id, person.email, now, by.person_id)
    session.commit()
    body = _text(
        N_(
            "Hallo {name},\n\n{by} nodigt u uit als medewerker van Mantelzorghub {hub}. "
            "Wilt u dat? Tik dan op de link. De link werkt 7 dagen.\n"
            "Wilt u het niet? Dan hoeft u niets te doen."
        ),
        **names,
    )
    return _mail(person.email, N_("Wilt u medewerker worden?"), body, _confirm_link(base, token), hub)


@dataclass(frozen=True)
class Asked:
    """What the link asks, for its page: ``purpose`` of services.handoffs, and the hub's name."""

    purpose: str
    hub: str


def peek(session: Session, token: str | None, now: datetime) -> Asked | None:
    """What a valid link asks, without using it up (mail scanners open links)."""
    for purpose in (handoffs.ON_BEHALF, handoffs.INVITE):
        if (ticket := handoffs.peek(session, purpose, token, now)) is not None:
            return Asked(purpose, session.get(Hub, ticket.hub_id).name)
    return None


def confirm(session: Session, token: str | None, now: datetime) -> str | None:
    """The person's yes: the link is used up and the role added. The path to go on to, or None."""
    for purpose, accept in ((handoffs.ON_BEHALF, _accept_request), (handoffs.INVITE, _accept_invite)):
        ticket = handoffs.take(session, purpose, token, now)
        person = accounts.by_email(session, ticket.email) if ticket is not None else None
        if person is not None and accept(session, ticket.hub_id, person, ticket.subject_id, now):
            slug = session.get(Hub, ticket.hub_id).slug
            then = routes.REQUESTS if purpose == handoffs.ON_BEHALF else ""
            return f"/{slug}/{routes.SIGN_IN}" + (f"?verder={then}" if then else "")
    return None


def _accept_request(
    session: Session, hub_id: int, person: Person, request_id: int | None, now: datetime
) -> bool:
    request = session.get(HelpRequest, request_id) if request_id is not None else None
    if request is None or request.caregiver_id != person.id or request.status != Status.waiting:
        return False
    if memberships.held(session, person.id, hub_id, Role.caregiver) is None:
        session.add(
            Membership(person_id=person.id, hub_id=hub_id, role=Role.caregiver, wijk_id=request.wijk_id)
        )
    session.add(Consent(person_id=person.id, text_version=ON_BEHALF_CONSENT, given_at=now))
    request.status = Status.open
    session.add(request)
    audit.record(
        session, audit.ROLE_GRANTED, hub_id=hub_id, actor_id=person.id, subject_id=person.id, detail="yes"
    )
    session.commit()
    return True


def _accept_invite(session: Session, hub_id: int, person: Person, by_id: int | None, now: datetime) -> bool:
    """Granted in the inviting coordinator's name, if they still are the hub's coordinator."""
    by_roles = session.exec(
        select(Membership.role).where(
            Membership.person_id == by_id, Membership.hub_id == hub_id, ~col(Membership.pending)
        )
    ).all()
    by = Actor(by_id or 0, "", hub_id, frozenset(Role(r) for r in by_roles))
    try:
        memberships.grant(session, by, person.id, Role.professional)
    except Refused:
        return False
    return True
