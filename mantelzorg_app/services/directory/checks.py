"""The 6-month check of the sociale kaart: "Klopt dit nog?"

An active service whose ``checked_on`` is ``STALE_AFTER`` months old or more is stale: the
coordinator's page flags it (``overview``), and the hourly run (services.housekeeping) mails its
organisation's professionals once for this check (``ask_owners``). ``Service.check_asked_on`` holds
it, in two steps. First a conditional UPDATE claims the check, so two workers or two runs never
mail twice: it sets the column to ``checked_on`` itself, a day no mail of this check can have gone
on (the check starts months later). After the mails went, the day they went replaces it; when none
could be sent, the claim is let go and the next run tries again. So the coordinator reads "mailed
on" (``Stale.asked_on``) only for a mail that went; a claimed one still reads "to be mailed".
The mail has a one-tap link to routes.DIRECTORY_CHECK with a single-use token (its digest stored
as a services.identity.handoffs ticket, 30 days; nothing personal in the URL). Its page asks; only
the button's POST calls ``still_right``, which renews ``checked_on`` to today and ends the check.

An organisation without a professional in the app gets no mail: nobody is asked, and the
coordinator's page says so (``Stale.has_owner``). Once a professional joins, the next run asks.
Without a public address for links (settings.public_url) the mail says to open the app instead.
"""

import calendar
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session, col, or_, select, update

from mantelzorg_app import routes
from mantelzorg_app.models import Handoff, Hub, Membership, Organization, Person, Role, Service
from mantelzorg_app.services.identity import accounts, handoffs
from mantelzorg_app.services.platform import audit, dates, digests, hub_mails, mail
from mantelzorg_app.services.platform.i18n import N_

log = logging.getLogger("mantelzorg.checks")
Sender = Callable[[mail.Message], None]  # mail.send, or a test's
STALE_AFTER = 6  # months without a check before an entry is stale
ACTIVE = "active"
SERVICE_CHECKED = "service-checked"  # the audit action of a "Ja, alles klopt"
SUBJECT = N_("Klopt dit nog?")  # the subject is logged: never a name in it
BODY = N_(
    "Hallo {name},\n\nStaat uw dienst nog goed op de sociale kaart van Mantelzorghub {hub}? "
    "Het gaat om: {service}.\n\nKlopt alles nog? Tik dan op de link en op 'Ja, alles klopt'. "
    "De link werkt 30 dagen.\nKlopt er iets niet? Pas het aan bij Mijn organisatie."
)


class Outcome(StrEnum):
    ok = "ok"  # the link is valid (peek), or the date is renewed (still_right)
    used = "used"
    expired = "expired"
    unknown = "unknown"


# Why a link did not renew the date, in words for its page.
WORDS = {
    Outcome.used: N_("Deze link is al gebruikt. Wij weten al dat alles klopt. Dank u wel."),
    Outcome.expired: N_("Deze link werkt niet meer. Kijk bij Mijn organisatie of alles nog klopt."),
    Outcome.unknown: N_("Deze link kennen wij niet. Gebruik de hele link uit de mail."),
}


@dataclass(frozen=True)
class Answer:
    """What a link found: the outcome, and for a link we know, the service's name and its hub."""

    outcome: Outcome
    service: str = ""
    slug: str = ""  # the hub's, for the way to routes.PARTNER
    hub: str = ""
    service_id: int | None = None

    @property
    def words(self) -> str:
        """The problem in words (a Dutch catalogue id); "" when all is well."""
        return WORDS.get(self.outcome, "")


@dataclass(frozen=True)
class Stale:
    """A stale entry on the coordinator's page: whether its owners were mailed, or it has none."""

    service: Service
    organization: str
    asked_on: date | None  # the mail for this check went out that day; None: not (yet), also while claimed
    has_owner: bool


def stale_since(today: date) -> date:
    """The day ``STALE_AFTER`` months before ``today`` (the month's last day when it is shorter):
    an entry checked on it or before it is stale."""
    months = today.year * 12 + today.month - 1 - STALE_AFTER
    year, month = divmod(months, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def stale(session: Session, hub_id: int, today: date) -> list[Service]:
    """The hub's active services not checked for ``STALE_AFTER`` months, the oldest check first."""
    return list(
        session.exec(
            select(Service)
            .where(
                Service.hub_id == hub_id,
                Service.status == ACTIVE,
                col(Service.checked_on) <= stale_since(today),
            )
            .order_by(col(Service.checked_on), col(Service.name))
        ).all()
    )


def _asked(service: Service) -> bool:
    """Whether this check (the one since ``checked_on``) is claimed or its owners were mailed."""
    return service.check_asked_on is not None and service.check_asked_on >= service.checked_on


def _mailed_on(service: Service) -> date | None:
    """The day the owners were mailed for this check; None before, and while it is only claimed."""
    asked = service.check_asked_on
    return asked if asked is not None and asked > service.checked_on else None


def owners(session: Session, organization_id: int) -> list[Person]:
    """The organisation's professionals in the app (granted, with an address): who keeps its entries."""
    organization = session.get(Organization, organization_id)
    if organization is None:
        return []
    return list(
        session.exec(
            select(Person)
            .join(Membership, col(Membership.person_id) == col(Person.id))
            .where(
                Membership.organization_id == organization_id,
                Membership.hub_id == organization.hub_id,
                Membership.role == Role.professional,
                ~col(Membership.pending),
                col(Person.email).is_not(None),
                col(Person.email) != "",
            )
            .order_by(col(Person.id))
            .distinct()
        ).all()
    )


def overview(session: Session, hub_id: int, today: date) -> list[Stale]:
    """The stale entries for the coordinator's page, with what was done about each."""
    found = []
    for service in stale(session, hub_id, today):
        organization = session.get(Organization, service.organization_id)
        found.append(
            Stale(
                service=service,
                organization=organization.name if organization else "",
                asked_on=_mailed_on(service),
                has_owner=bool(owners(session, service.organization_id)),
            )
        )
    return found


def check_link(base: str, token: str) -> str:
    return f"{base.rstrip('/')}{routes.DIRECTORY_CHECK}?t={token}"


def ask_owners(
    session: Session, now: datetime, base: str | None = None, send: Sender | None = None
) -> list[mail.Message]:
    """Asks the professionals of every stale service not yet asked about for this check, one mail
    each with a link of their own: claims the check (committed), makes the links (committed), sends
    them with ``send`` (mail.send) and then records the day they went. Returns the mails that went."""
    send = send or mail.send
    went = []
    for hub in session.exec(select(Hub).order_by(col(Hub.id))).all():
        today = dates.local(now, hub.timezone).date()
        for service in stale(session, hub.id, today):
            if _asked(service):
                continue
            people = owners(session, service.organization_id)
            if not people:
                continue  # nobody to ask; the coordinator's page says so, a later run asks a newcomer
            if not _claim(session, service):
                continue  # another worker took it
            mails = [_ask(session, hub, service, person, now, base) for person in people]
            session.commit()  # the links work before anyone can tap them
            sent = [message for message in mails if _sent(message, send)]
            _record(session, service, today if sent else None)
            went.extend(sent)
    return went


def _claim(session: Session, service: Service) -> bool:
    """Takes this check for this run: ``check_asked_on`` becomes ``checked_on`` (see the top)."""
    claimed = session.exec(
        update(Service)
        .where(
            col(Service.id) == service.id,
            or_(
                col(Service.check_asked_on).is_(None),
                col(Service.check_asked_on) < col(Service.checked_on),
            ),
        )
        .values(check_asked_on=col(Service.checked_on))
    )
    session.commit()
    session.refresh(service)
    return claimed.rowcount == 1


def _sent(message: mail.Message, send: Sender) -> bool:
    try:
        send(message)
    except mail.MailError as error:
        log.error("'Klopt dit nog?' not sent: %s", error)
        return False
    return True


def _record(session: Session, service: Service, mailed_on: date | None) -> None:
    """The day the mails went, or (none went) the claim let go; only while the claim is this run's
    (a "Ja, alles klopt" or an approved change in between started afresh)."""
    session.exec(
        update(Service)
        .where(col(Service.id) == service.id, col(Service.check_asked_on) == col(Service.checked_on))
        .values(check_asked_on=mailed_on)
    )
    session.commit()
    session.refresh(service)


def _ask(
    session: Session, hub: Hub, service: Service, person: Person, now: datetime, base: str | None
) -> mail.Message:
    where = ""  # without a base: open the app
    if base:
        token = handoffs.issue(session, handoffs.CHECK, hub.id, person.email, now, subject_id=service.id)
        where = check_link(base, token)
    body = hub_mails.text(BODY, name=person.first_name, hub=hub.name, service=service.name)
    return hub_mails.message(person.email, SUBJECT, body, where, hub)


def _ticket(session: Session, token: str | None) -> Handoff | None:
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    row = session.exec(select(Handoff).where(Handoff.digest == digests.digest(token))).first()
    return row if row is not None and row.purpose == handoffs.CHECK else None


def _look(session: Session, token: str | None, now: datetime) -> tuple[Answer, Handoff | None, Person | None]:
    row = _ticket(session, token)
    if row is None:
        return Answer(Outcome.unknown), None, None
    service = session.get(Service, row.subject_id) if row.subject_id is not None else None
    hub = session.get(Hub, row.hub_id)
    if service is None or hub is None or service.hub_id != hub.id:
        return Answer(Outcome.unknown), None, None
    answer = Answer(Outcome.ok, service.name, hub.slug, hub.name, service.id)
    if row.used_at is not None:
        return Answer(Outcome.used, *_named(answer)), None, None
    person = accounts.by_email(session, row.email)
    still_owner = person is not None and person.id in {p.id for p in owners(session, service.organization_id)}
    if row.expires_at <= now or service.status != ACTIVE or not still_owner:
        return Answer(Outcome.expired, *_named(answer)), None, None
    return answer, row, person


def _named(answer: Answer) -> tuple[str, str, str, int | None]:
    return answer.service, answer.slug, answer.hub, answer.service_id


def peek(session: Session, token: str | None, now: datetime) -> Answer:
    """What the link asks about, without using it (mail scanners open links): changes nothing."""
    return _look(session, token, now)[0]


def still_right(session: Session, token: str | None, now: datetime) -> Answer:
    """ "Ja, alles klopt": the service's ``checked_on`` becomes today (on the hub's clock), the
    check ends, every link of this check is used up, and the audit log says who. A used, expired
    or unknown link changes nothing and says why (``Answer.words``)."""
    answer, row, person = _look(session, token, now)
    if row is None or person is None:
        return answer
    used = session.exec(
        update(Handoff)
        .where(
            col(Handoff.purpose) == handoffs.CHECK,
            col(Handoff.subject_id) == row.subject_id,
            col(Handoff.used_at).is_(None),
        )
        .values(used_at=now)
    )
    if used.rowcount < 1:  # a second tap at the same moment took it
        session.rollback()
        return Answer(Outcome.used, *_named(answer))
    service = session.get(Service, row.subject_id)
    hub = session.get(Hub, row.hub_id)
    service.checked_on = dates.local(now, hub.timezone).date()
    service.check_asked_on = None
    session.add(service)
    # subject_id names a person in the audit log: the service goes in the detail
    audit.record(session, SERVICE_CHECKED, hub_id=hub.id, actor_id=person.id, detail=f"service {service.id}")
    session.commit()
    return answer
