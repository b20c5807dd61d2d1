"""Every path of the app, in one place. A hub lives under its own slug: /leusden, /poperinge/hulp."""

import re

START = "/"
HUB = "/[hub]"

# The parts of a hub, by the path after the hub's slug.
HELP = "hulp"
SEARCH = "zoeken"
CHAT = "praten"  # the Praten list: conversations, rooms to join
CONVERSATION = "praten/[gesprek]"  # one conversation: /leusden/praten/12
CHAT_MODERATION = "beheer/praten"  # the coordinator's reports list
CALENDAR = "agenda"  # the Agenda tab: this week, next week, then by month
CALENDAR_MONTH = "agenda/maand/[maand]"  # one month to print on one A4 sheet: /leusden/agenda/maand/2026-12
ACTIVITY = "activiteit/[activiteit]"  # one activity, its dates and the sign-up: /leusden/activiteit/3
ACTIVITY_SIGN_UPS = "activiteit/[activiteit]/aanmeldingen"  # the organiser's list of one date
ACTIVITY_EDIT = "activiteit/[activiteit]/bewerken"  # the organiser's form; dates to cancel or move
CALENDAR_MANAGE = "beheer/agenda"  # the activities a coordinator or professional organises
ACTIVITY_NEW = "beheer/agenda/nieuw"
MY_BOOKINGS = "mijn-aanmeldingen"  # what the person signed up for, and their private feed
NEWS = "nieuws"  # Uit uw wijk, the hub, then general news; ?wijk=<id> chooses the wijk
NEWS_POST = "nieuws/[bericht]"  # one post: /leusden/nieuws/7
NEWS_ITEM = "nieuws/algemeen/[item]"  # one general news item from a feed: /leusden/nieuws/algemeen/31
NEWS_WRITE = "nieuws/schrijven"  # a trekker's new post (?bericht=<id>: go on with a draft)
NEWS_MINE = "nieuws/mijn-berichten"  # a trekker's posts with their status in plain words
NEWS_MODERATION = "beheer/nieuws"  # the coordinator: posts that wait, published posts to take down
NEWS_FEEDS = "beheer/nieuws/bronnen"  # the coordinator's RSS/Atom feeds with their last fetch
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

# Where a signed-in visitor may be sent on after signing in (?verder=): these parts and one
# activity's page (AFTER_SIGN_IN_ACTIVITY, "activiteit/12"), nothing else, so it is no open redirect.
AFTER_SIGN_IN = (
    REQUEST_NEW,
    REQUESTS,
    HELPING,
    WHO_IS_WHO,
    PARTNER,
    CHAT,
    MY_BOOKINGS,
    CALENDAR_MANAGE,
    NEWS_WRITE,
    NEWS_MINE,
    NEWS_MODERATION,
)
AFTER_SIGN_IN_ACTIVITY = re.compile(r"activiteit/[1-9][0-9]{0,8}")

# HTTP routes (not pages) of the sign-in; "auth" can never be a hub's slug.
AUTH_LINK = "/auth/link"
AUTH_FINISH = "/auth/finish"
AUTH_YES = "/auth/ja"  # the link that asks someone with an account for their yes (services.confirmations)
# Sign-in through the municipality's OpenID Connect provider: start at /auth/oidc/start/<hub slug>.
AUTH_OIDC_START = "/auth/oidc/start"
AUTH_OIDC_CALLBACK = "/auth/oidc/callback"


# "Klopt dit nog?": the one-tap link in the mail to an entry's owner (services.directory.checks).
DIRECTORY_CHECK = "/kaart/klopt"
# iCalendar, outside every hub: the hub's feed /feeds/<hub>/agenda.ics, one activity's download
# /feeds/<hub>/activiteit/<id>.ics (?datum=<date key>: that date only), and a person's private
# feed of their own sign-ups /feeds/<hub>/eigen/<secret>.ics (services.calendar.feeds).
FEEDS = "/feeds"
# A date of an activity in a page's address (?datum=): its name, services.calendar.recurrence.key.
DATE_PARAM = "datum"

# A news post's photo, served only to who may see its post (news_routes): /nieuws-foto/<id>.jpg
NEWS_PHOTO = "/nieuws-foto"
# The hub's news as RSS 2.0: /feeds/<hub>/nieuws.rss (news_routes)

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
    return AUTH_FINISH + (f"?verder={then}" if after_sign_in(then) else "")


def after_sign_in(value: object) -> str:
    """The ?verder= part of the hub to go on to, when it is one we allow; else "" (Home)."""
    if not isinstance(value, str):
        return ""
    return value if value in AFTER_SIGN_IN or AFTER_SIGN_IN_ACTIVITY.fullmatch(value) else ""


def conversation_part(conversation_id: int) -> str:
    """The hub part of one conversation."""
    return f"{CHAT}/{conversation_id}"


def activity_part(activity_id: int, date_key: str = "") -> str:
    """The hub part of one activity's page, at one of its dates when ``date_key`` is given."""
    return f"activiteit/{activity_id}" + (f"?{DATE_PARAM}={date_key}" if date_key else "")


def sign_ups_part(activity_id: int, date_key: str = "") -> str:
    """The hub part of the organiser's list of one date's sign-ups."""
    return f"activiteit/{activity_id}/aanmeldingen" + (f"?{DATE_PARAM}={date_key}" if date_key else "")


def month_part(month: str) -> str:
    """The hub part of one printable month ("2026-12")."""
    return f"agenda/maand/{month}"


def post_part(post_id: int) -> str:
    """The hub part of one news post."""
    return f"nieuws/{post_id}"


def news_item_part(item_id: int) -> str:
    """The hub part of one general news item."""
    return f"nieuws/algemeen/{item_id}"


def news_photo(photo_id: int) -> str:
    return f"{NEWS_PHOTO}/{photo_id}.jpg"


def news_feed(slug: str) -> str:
    return f"{FEEDS}/{slug}/nieuws.rss"


def hub_feed(slug: str) -> str:
    return f"{FEEDS}/{slug}/agenda.ics"


def activity_feed(slug: str, activity_id: int, date_key: str = "") -> str:
    return f"{FEEDS}/{slug}/activiteit/{activity_id}.ics" + (f"?{DATE_PARAM}={date_key}" if date_key else "")


def private_feed(slug: str, secret: str) -> str:
    return f"{FEEDS}/{slug}/eigen/{secret}.ics"


def thread_part(request_id: int) -> str:
    """The hub part of one request's conversation."""
    return f"{THREAD_PREFIX}/{request_id}"
