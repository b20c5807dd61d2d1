"""Single-use tickets that carry a verified e-mail address from one request to the next, and the
links that ask an existing person for their yes by mail (services.confirmations)."""

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from mantelzorg_app.models import Handoff
from mantelzorg_app.services.platform import digests

SIGN_IN = "sign-in"
SIGN_UP = "sign-up"
ON_BEHALF = "on-behalf"  # a help request posted for this person waits for their yes
INVITE = "invite"  # a coordinator asks this person to be a professional of the hub
CHECK = "check"  # "Klopt dit nog?": a partner says their sociale kaart entry is still right
LIFETIME = {
    SIGN_IN: timedelta(minutes=2),
    SIGN_UP: timedelta(minutes=30),
    ON_BEHALF: timedelta(days=7),
    INVITE: timedelta(days=7),
    CHECK: timedelta(days=30),
}


def issue(
    session: Session,
    purpose: str,
    hub_id: int,
    email: str,
    now: datetime,
    subject_id: int | None = None,
    carried: str = "",
) -> str:
    """A new single-use ticket for ``purpose``; only added to the session: the caller commits it with
    the change it belongs to. ``carried``: what a sign-in carries on (services.identity.carried)."""
    token = digests.new_token()
    session.add(
        Handoff(
            digest=digests.digest(token),
            hub_id=hub_id,
            email=email,
            purpose=purpose,
            subject_id=subject_id,
            carried=carried,
            expires_at=now + LIFETIME[purpose],
        )
    )
    return token


def peek(session: Session, purpose: str, token: str | None, now: datetime) -> Handoff | None:
    """The ticket when it is valid, without using it up."""
    if not token:
        return None
    row = session.exec(select(Handoff).where(Handoff.digest == digests.digest(token))).first()
    if row is None or row.purpose != purpose or row.used_at is not None or row.expires_at <= now:
        return None
    return row


def take(session: Session, purpose: str, token: str | None, now: datetime) -> Handoff | None:
    """The ticket when it is valid, used up so it never works twice. What it carried is emptied in
    the table and handed to the caller on the returned row, which is detached from ``session``."""
    row = peek(session, purpose, token, now)
    if row is None:
        return None
    carried = row.carried
    row.used_at, row.carried = now, ""
    session.add(row)
    session.commit()
    session.refresh(row)
    session.expunge(row)
    row.carried = carried  # on the detached row only: nothing writes it back
    return row


def hub_of(session: Session, purpose: str, token: str | None) -> int | None:
    """The hub of a ticket for ``purpose`` even when it is used or expired (until it is deleted),
    so the page that explains the problem can stay in that hub."""
    if not token:
        return None
    row = session.exec(select(Handoff).where(Handoff.digest == digests.digest(token))).first()
    return row.hub_id if row is not None and row.purpose == purpose else None


def forget_expired(session: Session, now: datetime) -> int:
    gone = session.exec(delete(Handoff).where(col(Handoff.expires_at) <= now))
    session.commit()
    return gone.rowcount
