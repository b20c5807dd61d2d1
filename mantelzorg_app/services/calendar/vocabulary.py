"""The agenda's words and pictograms: each kind of activity (the card, the filter chip) and who it
is for. The stored values are models.calendar's enums; never rename one, change its label."""

from mantelzorg_app.models import ActivityKind, Audience
from mantelzorg_app.services.platform.i18n import N_

# in the order of the filter chips
KINDS: tuple[ActivityKind, ...] = (
    ActivityKind.cafe,
    ActivityKind.walk_in,
    ActivityKind.course,
    ActivityKind.network,
    ActivityKind.day,
    ActivityKind.other,
)
KIND_LABELS: dict[str, str] = {
    ActivityKind.cafe: N_("Mantelzorgcafé"),
    ActivityKind.walk_in: N_("Inloopspreekuur"),
    ActivityKind.course: N_("Cursus"),
    ActivityKind.network: N_("Netwerkbijeenkomst"),
    ActivityKind.day: N_("Dag van de Mantelzorg"),
    ActivityKind.other: N_("Activiteit"),
}
KIND_ICONS: dict[str, str] = {  # Lucide icon names
    ActivityKind.cafe: "coffee",
    ActivityKind.walk_in: "door-open",
    ActivityKind.course: "graduation-cap",
    ActivityKind.network: "users",
    ActivityKind.day: "gift",
    ActivityKind.other: "calendar-days",
}
AUDIENCE_LABELS: dict[str, str] = {
    Audience.caregivers: N_("Voor mantelzorgers"),
    Audience.professionals: N_("Voor professionals"),
    Audience.municipal: N_("Voor medewerkers van de gemeente"),
    Audience.everyone: N_("Voor iedereen"),
}
# who is present at a walk-in hour, by their role (models.people.Role values)
HOST_ROLES: dict[str, str] = {
    "professional": N_("medewerker"),
    "volunteer": N_("vrijwilliger"),
}
