"""Deletes what can no longer be used: old sign-in codes (with their addresses), ended sessions,
expired tickets (with what they carried), the Wegwijzer answers a sign-in carried once they are
old (services.identity.carried), abandoned sign-ins at the municipality and numbers called back a
month ago. Safe to run often and on every worker.

``due_mails`` is the hourly run's other half: "Is het gelukt?" (services.help.notices) and the
sociale kaart's "Klopt dit nog?" (services.directory.checks), each claimed and committed before it
is returned, so the caller sends them after the commit and a second worker finds none."""

from datetime import datetime

from sqlmodel import Session, col, delete

from mantelzorg_app.models import OidcRequest
from mantelzorg_app.services.directory import checks
from mantelzorg_app.services.help import callbacks, notices
from mantelzorg_app.services.identity import carried, handoffs, login_codes, sessions
from mantelzorg_app.services.platform import mail


def tidy(session: Session, now: datetime) -> dict[str, int]:
    """How many rows of each kind were deleted."""
    oidc = session.exec(delete(OidcRequest).where(col(OidcRequest.expires_at) <= now))
    session.commit()
    return {
        "login codes": login_codes.forget_old(session, now),
        "sessions": sessions.forget_expired(session, now),
        "handoffs": handoffs.forget_expired(session, now),
        "carried answers": carried.forget_old(session, now),
        "oidc requests": oidc.rowcount,
        "called-back numbers": callbacks.forget_called(session, now),
    }


def due_mails(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    """The mails that are due now, already committed as sent: send them after this returns."""
    return [*notices.due_follow_ups(session, now, base), *checks.ask_owners(session, now, base)]
