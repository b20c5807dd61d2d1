"""Server-side sessions: the browser keeps only an opaque token; the database keeps its digest.

Signed in by e-mail (caregivers, volunteers, trekkers): 30 days since last seen.
Professionals and coordinators, through the municipality or by e-mail: 12 hours, however active.
"""

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from mantelzorg_app.models import LoginSession, Person
from mantelzorg_app.services.platform import digests

EMAIL = "email"
OIDC = "oidc"
STAFF_EMAIL = "staff"  # a professional or coordinator who signed in by e-mail
IDLE_LIMIT = {EMAIL: timedelta(days=30)}
FIXED_LIMIT = {OIDC: timedelta(hours=12), STAFF_EMAIL: timedelta(hours=12)}
TABS_KEPT = 20  # a session remembers its newest 20 browser tabs
_TAB = re.compile(r"[0-9A-Za-z-]{8,40}")  # a Reflex tab token (a UUID)


def lifetime(kind: str) -> timedelta:
    """How long a session of this kind can last at most, for the cookie's max-age."""
    return IDLE_LIMIT.get(kind) or FIXED_LIMIT[kind]


def start(session: Session, person_id: int, kind: str, now: datetime) -> str:
    """A new session for the person; returns the token for the cookie."""
    token = digests.new_token()
    session.add(
        LoginSession(
            token_digest=digests.digest(token),
            person_id=person_id,
            kind=kind,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime(kind),
        )
    )
    session.commit()
    return token


def person(session: Session, token: str | None, now: datetime, tab: str = "") -> Person | None:
    """Who holds this token, or None; an e-mail session's idle limit starts again. A browser ``tab``
    that shows the session is remembered, so that ending it can empty that tab too."""
    row = _row(session, token)
    if row is None or row.expires_at <= now:
        return None
    row.last_seen_at = now
    if _TAB.fullmatch(tab) and tab not in row.tabs.split():
        row.tabs = " ".join([*row.tabs.split(), tab][-TABS_KEPT:])
    if idle := IDLE_LIMIT.get(row.kind):
        row.expires_at = now + idle
    session.add(row)
    session.commit()
    return session.get(Person, row.person_id)


def tabs(session: Session, token: str | None = None, person_id: int | None = None) -> set[str]:
    """The browser tabs that showed this session, or every session of ``person_id``."""
    if person_id is not None:
        rows = session.exec(select(LoginSession.tabs).where(LoginSession.person_id == person_id)).all()
    else:
        rows = [row.tabs] if (row := _row(session, token)) else []
    return {tab for joined in rows for tab in joined.split()}


def end(session: Session, token: str | None) -> int | None:
    """Signs out this device; returns whose session it was."""
    row = _row(session, token)
    if row is None:
        return None
    session.delete(row)
    session.commit()
    return row.person_id


def end_all(session: Session, person_id: int) -> int:
    """Signs the person out on every device; returns how many sessions ended."""
    rows = session.exec(select(LoginSession).where(LoginSession.person_id == person_id)).all()
    for row in rows:
        session.delete(row)
    session.commit()
    return len(rows)


def _row(session: Session, token: str | None) -> LoginSession | None:
    if not token:
        return None
    return session.exec(
        select(LoginSession).where(LoginSession.token_digest == digests.digest(token))
    ).first()


def forget_expired(session: Session, now: datetime) -> int:
    """Deletes sessions past their end; returns how many."""
    gone = session.exec(delete(LoginSession).where(col(LoginSession.expires_at) <= now))
    session.commit()
    return gone.rowcount
