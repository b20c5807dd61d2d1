"""'Bel mij terug': a visitor leaves a phone number and a good time; the hub's consulent calls back.

Asking needs no account. Reading and closing the list needs a professional or the coordinator of
that hub. A number is deleted 30 days after the call, so it is kept no longer than needed.
"""

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from mantelzorg_app.models import STAFF_ROLES, CallbackTask
from mantelzorg_app.services import audit
from mantelzorg_app.services.authz import Actor, refuse, require_role
from mantelzorg_app.services.i18n import N_
from mantelzorg_app.services.problems import Invalid
from mantelzorg_app.services.questionnaire import Band

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


def ask(session: Session, hub_id: int, phone: str, good_time: str, band: str, now: datetime) -> CallbackTask:
    """Records the request; raises Invalid (Dutch catalogue ids by field) when something is off."""
    number = normalise_phone(phone)
    problems = {}
    if number is None:
        problems["phone"] = N_("Dit lijkt geen telefoonnummer. Typ het nummer met alle cijfers.")
    if good_time not in GOOD_TIMES:
        problems["good_time"] = N_("Kies wanneer wij u het beste kunnen bellen.")
    if problems:
        raise Invalid(problems)
    task = CallbackTask(
        hub_id=hub_id,
        phone=number,
        good_time=good_time,
        band=band if band in set(Band) else "",
        created_at=now,
    )
    session.add(task)
    session.commit()
    return task


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
    return tasks


def mark_done(session: Session, by: Actor, task_id: int, now: datetime) -> None:
    require_role(session, by, "callback-done", *STAFF_ROLES)
    task = session.get(CallbackTask, task_id)
    if task is None or task.hub_id != by.hub_id:
        refuse(session, "callback-done", by.hub_id, by.person_id, "task of another hub")
    task.done_at = now
    session.add(task)
    session.commit()
    audit.record(session, audit.CALLED_BACK, hub_id=by.hub_id, actor_id=by.person_id, detail=str(task.id))


def forget_called(session: Session, now: datetime) -> int:
    """Deletes numbers called back more than 30 days ago; returns how many."""
    gone = session.exec(delete(CallbackTask).where(col(CallbackTask.done_at) < now - KEEP_AFTER_CALL))
    session.commit()
    return gone.rowcount
