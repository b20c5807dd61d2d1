"""AVG/GDPR for every person: see, download and wipe everything stored about them.

The export holds only the person's own data: events about others show no other person.
Wiping keeps the audit log for anonymous counts, with every link to the person cut, and deletes
the outbox's mails to their address (services/platform/mail.py).
"""

import logging
from datetime import date, datetime

from sqlmodel import Session, col, or_, select, update
from sqlmodel import delete as delete_rows

from mantelzorg_app import settings
from mantelzorg_app.models import (
    AuditEvent,
    Consent,
    ExternalIdentity,
    Handoff,
    Hub,
    LoginCode,
    LoginSession,
    Membership,
    Person,
    SearchSynonym,
    ServiceEdit,
    Wijk,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.calendar import privacy as calendar_privacy
from mantelzorg_app.services.chat import privacy as chat_privacy
from mantelzorg_app.services.help import privacy
from mantelzorg_app.services.identity import carried
from mantelzorg_app.services.news import privacy as news_privacy
from mantelzorg_app.services.platform import audit, mail

log = logging.getLogger("mantelzorg.privacy")

FORMAT_VERSION = 1
# Every table with a foreign key to person.id, beside privacy.TABLES, chat_privacy.TABLES,
# calendar_privacy.TABLES and news_privacy.TABLES (some of whose rows stay, unlinked); wiping a
# person empties these first.
PERSON_TABLES = (Membership, Consent, LoginSession, ExternalIdentity)
# Rows that belong to a hub's sociale kaart and stay when the person who wrote or decided them goes:
# only the link to them is cut.
UNLINKED = ((ServiceEdit, "author_id"), (ServiceEdit, "decided_by"), (SearchSynonym, "created_by"))
# Tables that keep an e-mail address without a link to the person.
EMAIL_TABLES = (LoginCode, Handoff)


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _carried(text: str) -> dict:
    """What a sign-in carries (services.identity.carried): the way back and the Wegwijzer's answers."""
    found = carried.unpack(text)
    return {"then": found.then, "answers": found.answers} if found else {}


def stored(session: Session, person_id: int) -> dict | None:
    """Everything stored about the person, JSON-ready; None when there is no such person."""
    person = session.get(Person, person_id)
    if person is None:
        return None
    hubs = {hub.id: hub for hub in session.exec(select(Hub)).all()}
    memberships = session.exec(
        select(Membership, Wijk)
        .join(Wijk, col(Membership.wijk_id) == col(Wijk.id), isouter=True)
        .where(Membership.person_id == person_id)
        .order_by(col(Membership.id))
    ).all()
    consents = session.exec(select(Consent).where(Consent.person_id == person_id).order_by(col(Consent.id)))
    logins = session.exec(
        select(LoginSession).where(LoginSession.person_id == person_id).order_by(col(LoginSession.id))
    )
    identities = session.exec(select(ExternalIdentity).where(ExternalIdentity.person_id == person_id))
    events = session.exec(
        select(AuditEvent)
        .where(or_(AuditEvent.actor_id == person_id, AuditEvent.subject_id == person_id))
        .order_by(col(AuditEvent.id))
    )
    codes = session.exec(
        select(LoginCode).where(LoginCode.email == person.email).order_by(col(LoginCode.id))
    ).all()
    return {
        "person": {
            "first_name": person.first_name,
            "email": person.email,
            "phone": person.phone,
            "created_at": _when(person.created_at),
        },
        "memberships": [
            {
                "hub_slug": hubs[m.hub_id].slug,
                "hub_name": hubs[m.hub_id].name,
                "role": m.role,
                "wijk": wijk.name if wijk else None,
                "pending": m.pending,
                "vog_checked_on": _when(m.vog_checked_on),
                "created_at": _when(m.created_at),
            }
            for m, wijk in memberships
        ],
        "consents": [{"text_version": c.text_version, "given_at": _when(c.given_at)} for c in consents],
        "sessions": [
            {
                "kind": s.kind,
                "created_at": _when(s.created_at),
                "last_seen_at": _when(s.last_seen_at),
                "expires_at": _when(s.expires_at),
                # Hers: they reach a session only through her own browser (carried.passed_on).
                "carried": _carried(s.carried),
            }
            for s in logins
        ],
        "external_identities": [
            {"issuer": i.issuer, "subject": i.subject, "created_at": _when(i.created_at)} for i in identities
        ],
        "audit_events": [
            {
                "action": e.action,
                "hub": hubs[e.hub_id].slug if e.hub_id in hubs else None,
                "by_you": e.actor_id == person_id,
                "about_you": e.subject_id == person_id,
                "detail": e.detail,
                "created_at": _when(e.created_at),
            }
            for e in events
        ],
        "login_codes": [
            {
                "hub": hubs[c.hub_id].slug,
                "created_at": _when(c.created_at),
                "expires_at": _when(c.expires_at),
                "used_at": _when(c.used_at),
                # Not what a code carries: whoever typed this address asked it, not necessarily
                # the account holder, and their answers are not hers to read. It is deleted with
                # the code (an hour after it ran out); its answers reach the asking browser only.
            }
            for c in codes
        ],
        **privacy.stored(session, person_id),
        **chat_privacy.stored(session, person_id),
        **calendar_privacy.stored(session, person_id),
        **news_privacy.stored(session, person_id),
        "chat_mail": {"on": person.chat_mail, "last_mailed_at": _when(person.chat_mailed_at)},
    }


def export(session: Session, person_id: int) -> dict | None:
    """The download for the person: what ``stored`` gives, dated and versioned; logged as "export"."""
    data = stored(session, person_id)
    if data is None:
        return None
    audit.record(session, audit.EXPORT, actor_id=person_id, subject_id=person_id)
    session.commit()
    return {"format_version": FORMAT_VERSION, "exported_at": _when(utcnow()), **data}


def delete(session: Session, person_id: int, hub_id: int | None = None) -> bool:
    """Wipes the person, their rows and every row with their address; keeps the audit log, anonymous.

    One transaction, logged as "delete" without saying who; False when there is no such person.
    """
    person = session.get(Person, person_id)
    if person is None:
        return False
    chat_privacy.forget(session, person_id)  # first: conversations point at help requests and call-backs
    privacy.forget(session, person_id)
    # their coming sign-ups cancelled (the waiting list moves up), then gone; mailed after the commit
    moved_up = calendar_privacy.forget(session, person_id, utcnow(), settings.public_url())
    # their unpublished posts and photos gone; their published posts stay without their name
    news_privacy.forget(session, person_id)
    for table in PERSON_TABLES:
        session.exec(delete_rows(table).where(col(table.person_id) == person_id))
    if person.email:
        for table in EMAIL_TABLES:
            session.exec(delete_rows(table).where(col(table.email) == person.email))
    for table, column in (*UNLINKED, (AuditEvent, "actor_id")):
        session.exec(update(table).where(col(getattr(table, column)) == person_id).values({column: None}))
    session.exec(update(AuditEvent).where(col(AuditEvent.subject_id) == person_id).values(subject_id=None))
    session.delete(person)
    audit.record(session, audit.DELETE, hub_id=hub_id)
    session.commit()  # the whole wipe and its row at once
    mail.send_all(moved_up)  # "U heeft een plek" to whoever got their places
    if person.email:  # after the commit: a wipe that failed keeps its mails
        try:
            mail.forget_outbox(person.email)
        except OSError:  # the wipe stands; an unreadable outbox must not undo forgetting the tab
            log.exception("the outbox's mails of a wiped person were not all deleted")
    return True
