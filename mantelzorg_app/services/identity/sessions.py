"""Server-side sessions: the browser keeps only an opaque token; the database keeps its digest.

Signed in by e-mail (caregivers, volunteers, trekkers): 30 days since last seen.
Professionals and coordinators, through the municipality or by e-mail: 12 hours, however active.
"""

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from mantelzorg_app.models import LoginSession, Person
from mantelzorg_app.services.platform import audit, digests

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


def start(session: Session, person_id: int, kind: str, now: datetime, carried: str = "") -> str:
    """A new session for the person; returns the token for the cookie. ``carried``: what the
    sign-in carried (services.identity.carried), kept with the session for a while."""
    token = digests.new_token()
    session.add(
        LoginSession(
            token_digest=digests.digest(token),
            person_id=person_id,
            kind=kind,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime(kind),
            carried=carried,
        )
    )
    session.commit()
    return token


def person(session: Session, token: str | None, now: datetime, tab: str = "") -> Person | None:
    """Who holds this token, or None; an e-mail session's idle limit starts again. A browser ``tab``
    that shows the session is remembered, so that ending it can empty that tab too."""
    row = _live(session, token, now)
    if row is None:
        return None
    row.last_seen_at = now
    if _TAB.fullmatch(tab) and tab not in row.tabs.split():
        row.tabs = " ".join([*row.tabs.split(), tab][-TABS_KEPT:])
    if idle := IDLE_LIMIT.get(row.kind):
        row.expires_at = now + idle
    session.add(row)
    session.commit()
    return session.get(Person, row.person_id)


def holder(session: Session, token: str | None, now: datetime) -> Person | None:
    """Who holds this token, or None, read only: the session's limits stay as they are. For what
    the person did not do themselves (a chat message pushed to their tab): that must never keep a
    session going."""
    row = _live(session, token, now)
    return session.get(Person, row.person_id) if row is not None else None


def _live(session: Session, token: str | None, now: datetime) -> LoginSession | None:
    row = by_token(session, token)
    return row if row is not None and row.expires_at > now else None


def tabs(
    session: Session, token: str | None = None, person_id: int | None = None, live_at: datetime | None = None
) -> set[str]:
    """The browser tabs that showed this session, or every session of ``person_id``; with
    ``live_at`` only of the sessions not ended by then (to push to), without every one (to empty)."""
    if person_id is not None:
        query = select(LoginSession.tabs).where(LoginSession.person_id == person_id)
        if live_at is not None:
            query = query.where(col(LoginSession.expires_at) > live_at)
        rows = session.exec(query).all()
    else:
        rows = [row.tabs] if (row := by_token(session, token)) else []
    return {tab for joined in rows for tab in joined.split()}


def end(session: Session, token: str | None) -> int | None:
    """Signs out this device; returns whose session it was."""
    row = by_token(session, token)
    if row is None:
        return None
    session.delete(row)
    session.commit()
    return row.person_id


def end_all(session: Session, person_id: int) -> int:
    """Signs the person out on every device; returns how many sessions ended."""
    ended = _end_every(session, person_id)
    session.commit()
    return ended


def sign_out(session: Session, token: str | None, everywhere: bool, hub_id: int | None) -> set[str]:
    """ "Uitloggen": ends this device's session, with ``everywhere`` every session of its person, and
    logs it in the audit of ``hub_id``, in one commit. Returns the browser tabs that showed the ended
    sessions, for the caller to empty; nothing for a token without a session."""
    row = by_token(session, token)
    if row is None:
        return set()
    person_id, shown = row.person_id, set(row.tabs.split())
    if everywhere:
        shown |= tabs(session, person_id=person_id)
        _end_every(session, person_id)
    else:
        session.delete(row)
    audit.record(
        session, audit.SIGN_OUT_ALL if everywhere else audit.SIGN_OUT, hub_id=hub_id, actor_id=person_id
    )
    session.commit()
    return shown


def _end_every(session: Session, person_id: int) -> int:
    rows = session.exec(select(LoginSession).where(LoginSession.person_id == person_id)).all()
    for row in rows:
        session.delete(row)
    return len(rows)


def by_token(session: Session, token: str | None) -> LoginSession | None:
    """The session a token opens, or None (no token, or none with its digest)."""
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
