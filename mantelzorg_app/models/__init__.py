"""SQLModel tables, one module per domain. Importing this package registers every table."""

from mantelzorg_app.models.auth import (
    AuditEvent,
    Consent,
    ExternalIdentity,
    Handoff,
    IdentityProvider,
    LoginCode,
    LoginSession,
    OidcRequest,
)
from mantelzorg_app.models.help import CallbackTask
from mantelzorg_app.models.hub import Hub, Wijk
from mantelzorg_app.models.people import STAFF_ROLES, Membership, Person, Role

__all__ = [
    "STAFF_ROLES",
    "AuditEvent",
    "CallbackTask",
    "Consent",
    "ExternalIdentity",
    "Handoff",
    "Hub",
    "IdentityProvider",
    "LoginCode",
    "LoginSession",
    "Membership",
    "OidcRequest",
    "Person",
    "Role",
    "Wijk",
]
