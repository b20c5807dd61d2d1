"""What a sign-in carries from the tab that asked for the code to the tab the mail link opens: the
way back (the ``?verder=`` part of the hub) and the Wegwijzer's answers.

The mail link usually opens in a new tab, which has none of the first tab's state. So the answers
travel on the server, keyed by the sign-in, never in a URL or a log: ``LoginCode.carried`` → the
``Handoff.carried`` of the checked code → ``LoginSession.carried`` of the new session. Each step
empties the one before it, and the session keeps them for ``KEEP`` at most (services.housekeeping),
until the request form uses them (``forget``), or the session ends.

The answers pass on only to the browser that asked: the code's JSON keeps the digest of a random
value (``bound``) that only the asking tab knows (a backend var) and puts in a SameSite=Strict
cookie (services.platform.cookies.CARRY). Someone who mistypes her address as another person's
real one, or who asks a code for someone else's address with made-up answers, cannot hand that
person the answers: when the code is used elsewhere, ``passed_on`` keeps the way back (an
allow-listed part of the hub, harmless) and drops the answers. From there on (handoff, session)
they are the signing-in browser's own, so they travel unbound.

This module only checks their shape (identity sits below help): the caller cleans the answers
with services.help.wegwijzer before it packs them and after it reads them back.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col

from mantelzorg_app.models import LoginSession
from mantelzorg_app.routes import after_sign_in
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import digests

MAX_CHARS = 4000  # the columns' size
COOKIE_MAX_AGE = 900  # seconds: longer than a code lives (10 minutes), so its link still finds it
KEEP = timedelta(hours=12)  # a session holds what its sign-in carried this long at most
_KEY = re.compile(r"[a-z_]{1,30}")
_MOST_KEYS = 40
_MOST_ITEMS = 50
_LONGEST_VALUE = 60

Answers = dict[str, str | list[str]]


@dataclass(frozen=True)
class Carried:
    hub_id: int | None = None
    then: str = ""  # a part of routes.AFTER_SIGN_IN, or ""
    answers: Answers = field(default_factory=dict)
    bound: str = field(default="", compare=False, repr=False)  # digest of the asking browser's value

    def __bool__(self) -> bool:
        return bool(self.then or self.answers)


def _value(value: object) -> str | list[str] | None:
    if isinstance(value, str):
        return value if len(value) <= _LONGEST_VALUE else None
    if isinstance(value, list | tuple) and len(value) <= _MOST_ITEMS:
        items = [item for item in value if isinstance(item, str) and len(item) <= _LONGEST_VALUE]
        return items if len(items) == len(value) else None
    return None


def clean_answers(answers: object) -> Answers:
    """The answers in the shape the Wegwijzer keeps (short keys; a string or a list of strings);
    anything else is dropped. Not what they mean: services.help.wegwijzer.validate does that."""
    if not isinstance(answers, Mapping) or len(answers) > _MOST_KEYS:
        return {}
    clean: Answers = {}
    for key, value in answers.items():
        if isinstance(key, str) and _KEY.fullmatch(key) and (kept := _value(value)) is not None:
            clean[key] = kept
    return clean


def pack(hub_id: int | None, then: str, answers: object, nonce: str = "") -> str:
    """The JSON for a ``carried`` column; "" when there is nothing to carry. Answers that would not
    fit the column are left behind (the way back still goes). ``nonce``: the asking browser's
    random value, for a code (only its digest is kept); the answers of a code packed without one
    pass on to nobody (``passed_on``)."""
    then = after_sign_in(then)
    clean = clean_answers(answers)
    if not then and not clean:
        return ""
    for kept in (clean, {}):
        data = {"hub": hub_id, "then": then, "answers": kept}
        if kept and nonce:
            data["bound"] = digests.digest(nonce)
        text = json.dumps(data, separators=(",", ":"))
        if len(text) <= MAX_CHARS and (then or kept):
            return text
    return ""


def passed_on(text: str | None, nonce: str | None) -> str:
    """What a used code's ``carried`` passes on to the browser that used it, holding ``nonce`` (its
    cookie, or the asking tab's own value): all of it when the code was asked with that value; else
    only the way back, never the answers of someone else's browser. Unbound: from here on they
    are this browser's."""
    found = unpack(text)
    same = bool(nonce and found.bound and digests.same(nonce, found.bound))
    return pack(found.hub_id, found.then, found.answers if same else {})


def unpack(text: str | None) -> Carried:
    """What a ``carried`` column holds; an empty Carried for "" or anything that is not ours."""
    if not text or len(text) > MAX_CHARS:
        return Carried()
    try:
        data = json.loads(text)
    except ValueError:
        return Carried()
    if not isinstance(data, dict):
        return Carried()
    hub_id = data.get("hub")
    bound = data.get("bound")
    return Carried(
        hub_id=hub_id if isinstance(hub_id, int) and not isinstance(hub_id, bool) else None,
        then=after_sign_in(data.get("then")),
        answers=clean_answers(data.get("answers")),
        bound=bound if isinstance(bound, str) and len(bound) <= 128 else "",
    )


def of_session(session: Session, session_token: str | None, now: datetime) -> Carried:
    """What the sign-in of this session carried, while the session lasts and for ``KEEP`` at most."""
    row = sessions.by_token(session, session_token)
    if row is None or not row.carried or row.expires_at <= now or row.created_at + KEEP <= now:
        return Carried()
    return unpack(row.carried)


def answers(session: Session, session_token: str | None, now: datetime, hub_id: int | None = None) -> dict:
    """The Wegwijzer answers the sign-in of this session carried ({} when none), as the Wegwijzer
    keeps them; with ``hub_id``, only answers given in that hub. Clean them with
    ``wegwijzer.summary(answers, wijk_ids)`` before use: this module checks only their shape."""
    found = of_session(session, session_token, now)
    if hub_id is not None and found.hub_id != hub_id:
        return {}
    return dict(found.answers)


def forget(session: Session, session_token: str | None) -> None:
    """Empties what this session's sign-in carried (e.g. once the request form is posted); commits."""
    row = sessions.by_token(session, session_token)
    if row is not None and row.carried:
        row.carried = ""
        session.add(row)
        session.commit()


def forget_old(session: Session, now: datetime) -> int:
    """Empties what sessions older than ``KEEP`` still carry; returns how many (services.housekeeping)."""
    gone = session.exec(
        update(LoginSession)
        .where(col(LoginSession.carried) != "", col(LoginSession.created_at) <= now - KEEP)
        .values(carried="")
    )
    session.commit()
    return gone.rowcount
