"""'Bel mij terug': a visitor leaves a phone number and a good time; the hub's consulent calls back.

Asking needs no account. Reading and closing the list needs a professional or the coordinator of
that hub. A number is deleted 30 days after the call, so it is kept no longer than needed.

Because asking needs no account, limits keep strangers' numbers off the list and the list short
enough to call. A real person asks once, maybe again after a wrong number; a household or a
library computer shares one address. So, counted over the last hour or day:

- per client address, 3 an hour and 10 a day: room for a few people at one computer, not for a script;
- per phone number (however it is typed), 2 a day over all hubs: a second try, never a stream of
  calls to someone who did not ask;
- per hub, 50 a day: far more than a municipality's staff get (a few a day) or can call back; past
  it the list is being flooded, and the page tells everyone to call the municipality instead.

Two asks at the same moment may both pass a count; a flood still stops within a few.
"""

import logging
import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from mantelzorg_app.models import STAFF_ROLES, Band, CallbackTask, Hub
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit, digests
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

PER_CLIENT_PER_HOUR = 3
PER_CLIENT_PER_DAY = 10
PER_NUMBER_PER_DAY = 2
PER_HUB_PER_DAY = 50
TOO_MANY = N_(
    "U kunt nu niet nog een keer vragen om terug te bellen. Probeer het later nog eens. "
    "Heeft u haast? Bel dan zelf de gemeente en vraag naar mantelzorg."
)
COUNTRY_CODES = {"NL": "31", "BE": "32"}  # a hub's country: how a number without one is meant
log = logging.getLogger("mantelzorg.callbacks")


class TooMany(Exception):
    """A limit is reached; the message names which, for the log only."""


# value: words on the button
GOOD_TIMES = {
    "ochtend": N_("In de ochtend"),
    "middag": N_("In de middag"),
    "avond": N_("In de avond"),
    "altijd": N_("Het maakt niet uit"),
}
KEEP_AFTER_CALL = timedelta(days=30)
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{8,20}$")


def normalise_phone(text: str) -> str | None:
    """The number as typed, tidied, when it has 9 to 15 digits; None when it cannot be a number."""
    typed = " ".join(text.split())
    digits = re.sub(r"\D", "", typed)
    return typed if _PHONE.match(typed) and 9 <= len(digits) <= 15 else None


def ask(
    session: Session, hub_id: int, phone: str, good_time: str, band: str, now: datetime, client: str
) -> CallbackTask:
    """Records the request of ``client`` (its address, from services.clients; only a digest is kept).

    Raises Invalid (Dutch catalogue ids by field) when something is off, and TooMany (logged and
    counted in the audit log) when a limit is reached.
    """
    number = normalise_phone(phone)
    problems = {}
    if number is None:
        problems["phone"] = N_("Dit lijkt geen telefoonnummer. Typ het nummer met alle cijfers.")
    if good_time not in GOOD_TIMES:
        problems["good_time"] = N_("Kies wanneer wij u het beste kunnen bellen.")
    if problems:
        raise Invalid(problems)
    hub = session.get(Hub, hub_id)
    task = CallbackTask(
        hub_id=hub_id,
        phone=number,
        good_time=good_time,
        band=band if band in set(Band) else "",
        client=digests.digest(client),
        number=digests.digest(_international(number, hub.country if hub else "")),
        created_at=now,
    )
    _refuse_over_limits(session, task, now)
    session.add(task)
    session.commit()
    return task


def _international(number: str, country: str) -> str:
    """The digits with the country code, so '06-1234 5678', '+31 6 12345678', '0031 (0)6 ...' and
    '31612345678' are one number in a Dutch hub (a national number there always starts with 0)."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("00"):
        full = digits[2:]
    elif number.startswith("+") or not digits.startswith("0"):
        full = digits
    else:
        full = COUNTRY_CODES.get(country, "") + digits[1:]
    for code in COUNTRY_CODES.values():  # the "(0)" some write after +31 or +32
        if full.startswith(f"{code}0"):
            return code + full[len(code) + 1 :]
    return full


def _refuse_over_limits(session: Session, task: CallbackTask, now: datetime) -> None:
    hour, day = now - timedelta(hours=1), now - timedelta(days=1)
    for limit, condition, since, most in (
        ("client per hour", CallbackTask.client == task.client, hour, PER_CLIENT_PER_HOUR),
        ("client per day", CallbackTask.client == task.client, day, PER_CLIENT_PER_DAY),
        ("number per day", CallbackTask.number == task.number, day, PER_NUMBER_PER_DAY),
        ("hub per day", CallbackTask.hub_id == task.hub_id, day, PER_HUB_PER_DAY),
    ):
        asked = session.exec(
            select(func.count()).select_from(CallbackTask).where(condition, CallbackTask.created_at >= since)
        ).one()
        if asked >= most:
            audit.refused(session, f"callback {limit}", hub_id=task.hub_id)
            log.warning("call-back refused in hub %s: %s limit reached", task.hub_id, limit)
            raise TooMany(limit)


def open_tasks(session: Session, by: Actor) -> list[CallbackTask]:
    """The hub's calls still to make, oldest first. Opening the list is logged: it holds numbers."""
    require_role(session, by, "callbacks", *STAFF_ROLES)
    tasks = list(
        session.exec(
            select(CallbackTask)
            .where(CallbackTask.hub_id == by.hub_id, col(CallbackTask.done_at).is_(None))
            .order_by(col(CallbackTask.id))
        )
    )
    audit.record(session, audit.VIEWED_CALLBACKS, hub_id=by.hub_id, actor_id=by.person_id)
    session.commit()
    return tasks


def mark_done(session: Session, by: Actor, task_id: int, now: datetime) -> None:
    require_role(session, by, "callback-done", *STAFF_ROLES)
    task = session.get(CallbackTask, task_id)
    if task is None or task.hub_id != by.hub_id:
        refuse(session, "callback-done", by.hub_id, by.person_id, "task of another hub")
    task.done_at = now
    session.add(task)
    audit.record(session, audit.CALLED_BACK, hub_id=by.hub_id, actor_id=by.person_id, detail=str(task.id))
    session.commit()


def forget_called(session: Session, now: datetime) -> int:
    """Deletes numbers called back more than 30 days ago; returns how many."""
    gone = session.exec(delete(CallbackTask).where(col(CallbackTask.done_at) < now - KEEP_AFTER_CALL))
    session.commit()
    return gone.rowcount
