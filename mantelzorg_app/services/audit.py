"""The audit log: who did what to whom, and every refusal. No personal data in the detail."""

from sqlmodel import Session

from mantelzorg_app.models import AuditEvent

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
    event = AuditEvent(
        action=action, hub_id=hub_id, actor_id=actor_id, subject_id=subject_id, detail=detail[:200]
    )
    session.add(event)
    session.commit()
    return event
