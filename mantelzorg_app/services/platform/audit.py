"""The audit log: who did what to whom, and every refusal. No personal data in the detail.

`record` only adds the row: the service call that logs commits once, so its change and its row land
together or not at all. A refusal ends the call with an exception, so `refused` commits its own row.
"""

from sqlalchemy import update
from sqlmodel import Session, func, select

from mantelzorg_app.models import AuditEvent
from mantelzorg_app.models.base import utcnow

SIGN_IN = "sign-in"
SIGN_OUT = "sign-out"
SIGN_OUT_ALL = "sign-out-all"
REFUSED = "refused"
ROLE_GRANTED = "role-granted"
ROLE_REVOKED = "role-revoked"
EXPORT = "export"
DELETE = "delete"
VIEWED_CAREGIVER = "viewed-caregiver"
VIEWED_CALLBACKS = "viewed-callbacks"
CALLED_BACK = "called-back"
REQUEST_ON_BEHALF = "request-on-behalf"
SUGGESTED_VOLUNTEER = "suggested-volunteer"


def record(
    session: Session,
    action: str,
    *,
    hub_id: int | None = None,
    actor_id: int | None = None,
    subject_id: int | None = None,
    detail: str = "",
) -> AuditEvent:
    """Adds the row to the session; the caller commits it with the change it logs."""
    event = AuditEvent(
        action=action, hub_id=hub_id, actor_id=actor_id, subject_id=subject_id, detail=detail[:200]
    )
    session.add(event)
    return event


def refused(session: Session, detail: str, *, hub_id: int | None = None, actor_id: int | None = None) -> None:
    """Logs a refusal: one row each for a signed-in actor. Without one, the refusal is counted in the
    row of its hub, detail and hour, so 500 anonymous requests add one row, not 500.

    The count goes up in one UPDATE of the oldest such row, so workers at the same moment lose no
    count; when two both find none, both insert, and the hour has two rows whose counts add up.
    """
    if actor_id is not None:
        record(session, REFUSED, hub_id=hub_id, actor_id=actor_id, detail=detail)
        session.commit()
        return
    detail = detail[:200]
    hour = utcnow().replace(minute=0, second=0, microsecond=0)
    oldest = (
        select(func.min(AuditEvent.id))
        .where(
            AuditEvent.action == REFUSED,
            AuditEvent.actor_id.is_(None),
            AuditEvent.hub_id.is_(None) if hub_id is None else AuditEvent.hub_id == hub_id,
            AuditEvent.detail == detail,
            AuditEvent.created_at == hour,  # not a deleted person's row, whose actor was cleared
        )
        .scalar_subquery()
    )
    counted = session.execute(
        update(AuditEvent).where(AuditEvent.id == oldest).values(count=AuditEvent.count + 1)
    )
    if counted.rowcount == 0:
        session.add(AuditEvent(action=REFUSED, hub_id=hub_id, detail=detail, created_at=hour))
    session.commit()
