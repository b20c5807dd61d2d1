"""Passwordless sign-in: a 6-digit code and a link by e-mail, valid 10 minutes, used once.

Limits against abuse: 5 requests per address per hour, 20 per client address (services.clients:
behind a listed proxy, the visitor's), a code locks after 5 wrong tries, and an address takes at
most 10 wrong tries an hour over all its codes. Whatever happens, the caller tells the visitor the
same thing for every address, so nobody learns whether an address has an account.
"""

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, delete, func, select

from mantelzorg_app.models import LoginCode
from mantelzorg_app.services.platform import digests
from mantelzorg_app.services.platform.i18n import N_

CODE_LIFETIME = timedelta(minutes=10)
PER_ADDRESS_PER_HOUR = 5
PER_CLIENT_PER_HOUR = 20
MAX_ATTEMPTS = 5
WRONG_PER_ADDRESS_PER_HOUR = 10
# The words for either limit of `request`: they do not tell whether the address has an account.
TOO_MANY = N_("U heeft veel codes gevraagd. Wacht een uur en probeer het dan opnieuw.")
log = logging.getLogger("mantelzorg.auth")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Outcome(StrEnum):
    ok = "ok"
    wrong = "wrong"
    expired = "expired"
    used = "used"
    locked = "locked"
    unknown = "unknown"


@dataclass(frozen=True)
class Issued:
    code: str
    link_token: str
    expires_at: datetime


@dataclass(frozen=True)
class Checked:
    outcome: Outcome
    email: str | None = None
    hub_id: int | None = None  # also for a used, locked or expired code: its hub's pages can explain
    carried: str = ""  # what the sign-in carries on (services.identity.carried), when ok


def normalise_email(text: str) -> str | None:
    """The address in lower case without spaces around it, or None when it cannot be one."""
    address = text.strip().lower()
    return address if len(address) <= 254 and _EMAIL.match(address) else None


def request(
    session: Session, hub_id: int, email: str, client: str, now: datetime, carried: str = ""
) -> Issued | None:
    """A new code and link for ``email``, or None when a limit is reached (logged, without the
    address or client): the same None for both limits, so the caller shows TOO_MANY for either.
    ``email`` is normalised; ``client`` comes from services.clients; ``carried`` (the JSON of
    services.identity.carried) goes on with whichever of code and link is used."""
    client_digest = digests.digest(client)
    hour_ago = now - timedelta(hours=1)
    for limit, condition, most in (
        ("address", LoginCode.email == email, PER_ADDRESS_PER_HOUR),
        ("client", LoginCode.client == client_digest, PER_CLIENT_PER_HOUR),
    ):
        if _count(session, condition, hour_ago) >= most:
            log.warning("sign-in code refused in hub %s: limit per %s reached", hub_id, limit)
            return None
    issued = Issued(digests.new_code(), digests.new_token(), now + CODE_LIFETIME)
    session.add(
        LoginCode(
            hub_id=hub_id,
            email=email,
            client=client_digest,
            code_digest=digests.digest(issued.code),
            link_digest=digests.digest(issued.link_token),
            created_at=now,
            expires_at=issued.expires_at,
            carried=carried,
        )
    )
    session.commit()
    return issued


def check_code(session: Session, email: str, code: str, now: datetime) -> Checked:
    """Checks the code typed for the newest code sent to ``email``; a right code is used up."""
    row = session.exec(
        select(LoginCode).where(LoginCode.email == email).order_by(col(LoginCode.id).desc())
    ).first()
    if row is None:
        return Checked(Outcome.unknown)
    if (problem := _problem(row, now)) is not None:
        return Checked(problem)
    if _wrong_tries_this_hour(session, email, now) >= WRONG_PER_ADDRESS_PER_HOUR:
        return Checked(Outcome.locked)
    if not digests.same(code.strip(), row.code_digest):
        return _count_wrong_try(session, row, now)
    return _use(session, row, now)


def check_link(session: Session, token: str, now: datetime) -> Checked:
    """Checks the token from a sign-in link; a good link is used up like its code."""
    row = _link_row(session, token)
    if row is None:
        return Checked(Outcome.unknown)
    if (problem := _problem(row, now)) is not None:
        return Checked(problem, hub_id=row.hub_id)
    return _use(session, row, now)


def peek_link(session: Session, token: str, now: datetime) -> Checked:
    """What a sign-in link would give, without using it up: mail scanners open links too."""
    row = _link_row(session, token)
    if row is None:
        return Checked(Outcome.unknown)
    problem = _problem(row, now)
    if problem is not None:
        return Checked(problem, hub_id=row.hub_id)
    return Checked(Outcome.ok, row.email, row.hub_id)


def _link_row(session: Session, token: str) -> LoginCode | None:
    return session.exec(select(LoginCode).where(LoginCode.link_digest == digests.digest(token))).first()


def forget_old(session: Session, now: datetime) -> int:
    """Deletes codes that can no longer be used, with their addresses; returns how many."""
    gone = session.exec(delete(LoginCode).where(col(LoginCode.expires_at) < now - timedelta(hours=1)))
    session.commit()
    return gone.rowcount


def _count(session: Session, condition, since: datetime) -> int:
    return session.exec(
        select(func.count()).select_from(LoginCode).where(condition, LoginCode.created_at >= since)
    ).one()


def _problem(row: LoginCode, now: datetime) -> Outcome | None:
    if row.used_at is not None:
        return Outcome.used
    if row.attempts >= MAX_ATTEMPTS:
        return Outcome.locked
    if row.expires_at <= now:
        return Outcome.expired
    return None


# Each step below is one conditional UPDATE, so two requests at the same moment cannot both use a
# code, nor both count as the same wrong try.


def _usable(row_id: int, now: datetime):
    return (
        LoginCode.id == row_id,
        col(LoginCode.used_at).is_(None),
        LoginCode.attempts < MAX_ATTEMPTS,
        LoginCode.expires_at > now,
    )


def _use(session: Session, row: LoginCode, now: datetime) -> Checked:
    """Uses the code up; what it carried moves on to the caller, and leaves the row (only the one
    request whose UPDATE used it gets it)."""
    carried = row.carried
    used = session.execute(update(LoginCode).where(*_usable(row.id, now)).values(used_at=now, carried=""))
    session.commit()
    if used.rowcount != 1:
        session.refresh(row)
        return Checked(_problem(row, now) or Outcome.used, hub_id=row.hub_id)
    return Checked(Outcome.ok, row.email, row.hub_id, carried)


def _count_wrong_try(session: Session, row: LoginCode, now: datetime) -> Checked:
    attempts = session.execute(
        update(LoginCode)
        .where(*_usable(row.id, now))
        .values(attempts=LoginCode.attempts + 1)
        .returning(LoginCode.attempts)
    ).scalar_one_or_none()
    session.commit()
    if attempts is None:
        session.refresh(row)
        return Checked(_problem(row, now) or Outcome.locked)
    return Checked(Outcome.locked if attempts >= MAX_ATTEMPTS else Outcome.wrong)


def _wrong_tries_this_hour(session: Session, email: str, now: datetime) -> int:
    """Wrong tries over all of an address's codes, so asking new codes gives no new guesses."""
    return session.exec(
        select(func.coalesce(func.sum(LoginCode.attempts), 0)).where(
            LoginCode.email == email, LoginCode.created_at >= now - timedelta(hours=1)
        )
    ).one()
