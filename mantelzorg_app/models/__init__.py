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
    Answer,
    Band,
    CallbackTask,
    FollowUp,
    HelpOffer,
    HelpRequest,
    OfferStatus,
    Status,
    ThreadMessage,
    VolunteerProfile,
)
from mantelzorg_app.models.hub import Hub, Wijk
from mantelzorg_app.models.people import STAFF_ROLES, Membership, Person, Role

__all__ = [
    "STAFF_ROLES",
    "Answer",
    "AuditEvent",
    "Band",
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
    "OfferStatus",
    "OidcRequest",
    "Person",
    "Role",
    "Status",
    "ThreadMessage",
    "VolunteerProfile",
    "Wijk",
]
