"""Every path of the app, in one place. A hub lives under its own slug: /leusden, /poperinge/hulp."""

START = "/"
HUB = "/[hub]"

# The parts of a hub, by the path after the hub's slug.
HELP = "hulp"
SEARCH = "zoeken"
CHAT = "praten"
CALENDAR = "agenda"
NEWS = "nieuws"
DIRECTORY = "sociale-kaart"
VOICE = "uw-stem"
SIGN_IN = "inloggen"
SIGN_UP = "welkom"
ACCOUNT = "mijn-gegevens"
COORDINATION = "beheer"

# HTTP routes (not pages) of the sign-in; "auth" can never be a hub's slug.
AUTH_LINK = "/auth/link"
AUTH_FINISH = "/auth/finish"
# Sign-in through the municipality's OpenID Connect provider: start at /auth/oidc/start/<hub slug>.
AUTH_OIDC_START = "/auth/oidc/start"
AUTH_OIDC_CALLBACK = "/auth/oidc/callback"


def hub_route(part: str) -> str:
    return f"{HUB}/{part}"


def auth_link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{AUTH_LINK}?t={token}"


def auth_finish_url(token: str) -> str:
    return f"{AUTH_FINISH}?t={token}"
