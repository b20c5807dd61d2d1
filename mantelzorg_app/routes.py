"""Every path of the app, in one place. A hub lives under its own slug: /leusden, /poperinge/hulp."""

START = "/"
HUB = "/[hub]"

# The parts of a hub, by the path after the hub's slug.
HELP = "hulp"
SEARCH = "zoeken"
CHAT = "praten"  # the Praten list: conversations, rooms to join
CONVERSATION = "praten/[gesprek]"  # one conversation: /leusden/praten/12
CHAT_MODERATION = "beheer/praten"  # the coordinator's reports list
CALENDAR = "agenda"
NEWS = "nieuws"
DIRECTORY = "sociale-kaart"
DIRECTORY_SERVICE = "sociale-kaart/[dienst]"  # one service's card: /leusden/sociale-kaart/12
PARTNER = "mijn-organisatie"  # a professional keeps their organisation's entries
DIRECTORY_MANAGE = "beheer/sociale-kaart"  # the coordinator approves changes, sees stale entries
WHO_IS_WHO = "wie-is-wie"  # staff only: the partners' contact people
VOICE = "uw-stem"
SIGN_IN = "inloggen"
SIGN_UP = "welkom"
ACCOUNT = "mijn-gegevens"
COORDINATION = "beheer"
REQUESTS = "hulpvragen"  # a caregiver's requests and their status
REQUEST_NEW = "hulpvragen/nieuw"
HELPING = "helpen"  # a volunteer's list of requests that fit
VOLUNTEER_PROFILE = "helpen/profiel"
THREAD_PREFIX = "hulpvraag"
THREAD = f"{THREAD_PREFIX}/[nr]"  # a matched request's conversation: on to its CONVERSATION

# Where a signed-in visitor may be sent on after signing in (?verder=): nothing else, so it is no
# open redirect.
AFTER_SIGN_IN = (REQUEST_NEW, REQUESTS, HELPING, WHO_IS_WHO, PARTNER, CHAT)

# HTTP routes (not pages) of the sign-in; "auth" can never be a hub's slug.
AUTH_LINK = "/auth/link"
AUTH_FINISH = "/auth/finish"
AUTH_YES = "/auth/ja"  # the link that asks someone with an account for their yes (services.confirmations)
# Sign-in through the municipality's OpenID Connect provider: start at /auth/oidc/start/<hub slug>.
AUTH_OIDC_START = "/auth/oidc/start"
AUTH_OIDC_CALLBACK = "/auth/oidc/callback"


# "Klopt dit nog?": the one-tap link in the mail to an entry's owner (services.directory.checks).
DIRECTORY_CHECK = "/kaart/klopt"
# The read-only HSDS 3.0 API of a hub's sociale kaart: /api/hsds/<hub>/services[/<id>].
API_HSDS = "/api/hsds"


def service_part(service_id: int) -> str:
    """The hub part of one service's card."""
    return f"{DIRECTORY}/{service_id}"


def hub_route(part: str) -> str:
    return f"{HUB}/{part}"


def auth_link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{AUTH_LINK}?t={token}"


def auth_finish_url(then: str = "") -> str:
    """/auth/finish, which takes its ticket from a cookie (never the URL), and where to go on."""
    return AUTH_FINISH + (f"?verder={then}" if then in AFTER_SIGN_IN else "")


def after_sign_in(value: object) -> str:
    """The ?verder= part of the hub to go on to, when it is one we allow; else "" (Home)."""
    return value if isinstance(value, str) and value in AFTER_SIGN_IN else ""


def conversation_part(conversation_id: int) -> str:
    """The hub part of one conversation."""
    return f"{CHAT}/{conversation_id}"


def thread_part(request_id: int) -> str:
    """The hub part of one request's conversation."""
    return f"{THREAD_PREFIX}/{request_id}"
