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
from mantelzorg_app.models.chat import (
    ChatBlock,
    ChatMember,
    ChatMessage,
    ChatReport,
    Conversation,
    Kind,
    Reason,
)
from mantelzorg_app.models.directory import EditOutcome, Organization, Service, ServiceEdit, ServiceSchedule
from mantelzorg_app.models.help import (
    Answer,
    Band,
    CallbackTask,
    FollowUp,
    HelpOffer,
    HelpRequest,
    OfferStatus,
    Status,
    VolunteerProfile,
)
from mantelzorg_app.models.hub import Hub, Wijk
from mantelzorg_app.models.people import STAFF_ROLES, Membership, Person, Role
from mantelzorg_app.models.search import SearchDocument, SearchSynonym, SearchWord

__all__ = [
    "STAFF_ROLES",
    "Answer",
    "AuditEvent",
    "Band",
    "CallbackTask",
    "ChatBlock",
    "ChatMember",
    "ChatMessage",
    "ChatReport",
    "Consent",
    "Conversation",
    "EditOutcome",
    "ExternalIdentity",
    "FollowUp",
    "Handoff",
    "HelpOffer",
    "HelpRequest",
    "Hub",
    "IdentityProvider",
    "Kind",
    "LoginCode",
    "LoginSession",
    "Membership",
    "OfferStatus",
    "OidcRequest",
    "Organization",
    "Person",
    "Reason",
    "Role",
    "SearchDocument",
    "SearchSynonym",
    "SearchWord",
    "Service",
    "ServiceEdit",
    "ServiceSchedule",
    "Status",
    "VolunteerProfile",
    "Wijk",
]
