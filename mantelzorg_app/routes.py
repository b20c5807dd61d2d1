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


def hub_route(part: str) -> str:
    return f"{HUB}/{part}"
