"""HTTP routes of the agenda in iCalendar (services.calendar.ics): the hub's feed to subscribe to,
one activity's download ("Zet in mijn agenda"), and a person's private feed of their own sign-ups.

``/feeds/<hub>/agenda.ics`` and ``/feeds/<hub>/activiteit/<id>.ics`` (``?datum=<key>``: that date
only) hold only what the Agenda tab shows anyone; ``/feeds/<hub>/eigen/<secret>.ics`` holds the
sign-ups of the person whose secret it is (services.calendar.feeds), so it is never kept by a cache
(``no-store``) and sends no Referer. None of them reads a session: a calendar app has none. An
unknown hub, activity, date or secret is a plain 404, the same for "missing" and "not yours". A
calendar app that asks again with ``If-None-Match`` gets a 304 while nothing changed. Any
``Accept`` header is served (Thunderbird sends an unusual one); a request without ``Origin``, as
calendar apps make, goes through ``asgi.only_our_origin``.
"""

from datetime import UTC, datetime

import reflex as rx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mantelzorg_app import settings
from mantelzorg_app.feed_http import PRIVATE, SHARED, answer, base, not_found
from mantelzorg_app.routes import DATE_PARAM, FEEDS
from mantelzorg_app.services.calendar import feeds, ics
from mantelzorg_app.services.platform import cookies, i18n
from mantelzorg_app.services.platform.hubs import hub_by_slug

MEDIA_TYPE = "text/calendar; charset=utf-8"

HUB_FEED = f"{FEEDS}/{{hub}}/agenda.ics"
ACTIVITY_FEED = f"{FEEDS}/{{hub}}/activiteit/{{activity}}.ics"
PRIVATE_FEED = f"{FEEDS}/{{hub}}/eigen/{{secret}}.ics"


def _answer(request: Request, feed: ics.Feed, headers: dict[str, str]) -> Response:
    return answer(request, feed, MEDIA_TYPE, headers)


def hub_feed(request: Request) -> Response:
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        if hub is None:
            return not_found()
        feed = ics.hub_feed(session, hub, base(request), datetime.now(UTC))
        return _answer(request, feed, SHARED)


def activity_feed(request: Request) -> Response:
    """One activity's download, in the language the visitor chose (their cookie), else Dutch."""
    https = settings.served_over_https(request.url.scheme)
    lang = i18n.supported(cookies.read(request.headers.get("cookie", ""), cookies.LANGUAGE, https))
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        if hub is None:
            return not_found()
        key = request.query_params.get(DATE_PARAM) or None
        feed = ics.activity_download(session, hub, request.path_params["activity"], key, base(request), lang)
        if feed is None:
            return not_found()
        return _answer(request, feed, {**SHARED, "Content-Language": lang, "Vary": "Cookie"})


def private_feed(request: Request) -> Response:
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        person_id = feeds.holder(session, hub.id, request.path_params["secret"]) if hub else None
        if hub is None or person_id is None:
            return not_found(private=True)
        feed = ics.private_feed(session, hub, person_id, base(request), datetime.now(UTC))
        return _answer(request, feed, PRIVATE)


routes = [
    Route(HUB_FEED, hub_feed, methods=["GET"]),
    Route(ACTIVITY_FEED, activity_feed, methods=["GET"]),
    Route(PRIVATE_FEED, private_feed, methods=["GET"]),
]
