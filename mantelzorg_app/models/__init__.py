"""SQLModel tables, one module per domain. Importing this package registers every table."""

from mantelzorg_app.models.auth import AuditEvent, Consent, Handoff, LoginCode, LoginSession
from mantelzorg_app.models.hub import Hub, Wijk
from mantelzorg_app.models.people import Membership, Person, Role

__all__ = [
    "AuditEvent",
    "Consent",
    "Handoff",
    "Hub",
    "LoginCode",
    "LoginSession",
    "Membership",
    "Person",
    "Role",
    "Wijk",
]
