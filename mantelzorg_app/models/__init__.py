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
from mantelzorg_app.models.help import (
    CallbackTask,
    FollowUp,
    HelpOffer,
    HelpRequest,
    ThreadMessage,
    VolunteerProfile,
)
from mantelzorg_app.models.hub import Hub, Wijk
from mantelzorg_app.models.people import STAFF_ROLES, Membership, Person, Role

__all__ = [
    "STAFF_ROLES",
    "AuditEvent",
    "CallbackTask",
    "Consent",
    "ExternalIdentity",
    "FollowUp",
    "Handoff",
    "HelpOffer",
    "HelpRequest",
    "Hub",
    "IdentityProvider",
    "LoginCode",
    "LoginSession",
    "Membership",
    "OidcRequest",
    "Person",
    "Role",
    "ThreadMessage",
    "VolunteerProfile",
    "Wijk",
]
