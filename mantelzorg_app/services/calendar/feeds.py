"""A person's private feed of their own sign-ups: the address holds a secret (routes.private_feed),
the database keeps only its keyed SHA-256 digest (services.platform.digests), one per person and hub.

``make`` gives a new secret, and renewing replaces the digest, so the old address stops working at
once (a phone that lost it, a link shared by mistake). The secret is shown once, to its holder;
``holder`` finds whose feed an address is, and only while they still belong to the hub. Nothing
here commits: the caller commits, then shows the address.
"""

import re

from sqlmodel import Session, select

from mantelzorg_app.models import CalendarFeed
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import digests

ACTION = "calendar-feed"
_SECRET = re.compile(r"[A-Za-z0-9_-]{40,60}")  # digests.new_token: 43 URL-safe characters


def _row(session: Session, person_id: int, hub_id: int) -> CalendarFeed | None:
    return session.exec(
        select(CalendarFeed).where(CalendarFeed.person_id == person_id, CalendarFeed.hub_id == hub_id)
    ).first()


def make(session: Session, actor: Actor) -> str:
    """A new secret for the actor's feed in their hub (the old one, if any, stops working); only
    for someone who belongs to the hub (refused and logged otherwise)."""
    if not actor.roles:
        authz.refuse(session, ACTION, actor.hub_id, actor.person_id, "not a member")
    secret = digests.new_token()
    row = _row(session, actor.person_id, actor.hub_id) or CalendarFeed(
        person_id=actor.person_id, hub_id=actor.hub_id, secret_hash=""
    )
    row.secret_hash = digests.digest(secret)
    session.add(row)
    session.flush()
    return secret


def has(session: Session, actor: Actor) -> bool:
    """Whether the actor made a feed address in their hub (the page then offers to renew it)."""
    return _row(session, actor.person_id, actor.hub_id) is not None


def holder(session: Session, hub_id: int, secret: object) -> int | None:
    """Whose feed in this hub the secret opens (their person id), or None: a wrong, renewed or
    malformed secret, another hub's, or someone who no longer belongs to the hub."""
    if not isinstance(secret, str) or not _SECRET.fullmatch(secret):
        return None
    row = session.exec(select(CalendarFeed).where(CalendarFeed.secret_hash == digests.digest(secret))).first()
    if row is None or row.hub_id != hub_id or not digests.same(secret, row.secret_hash):
        return None
    return row.person_id if authz.roles(session, row.person_id, hub_id) else None


def remove(session: Session, actor: Actor) -> None:
    """Turns the actor's feed address off (no new one)."""
    row = _row(session, actor.person_id, actor.hub_id)
    if row is not None:
        session.delete(row)
        session.flush()
