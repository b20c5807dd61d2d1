"""HTTP routes of the news: the hub's news as RSS 2.0 (``/feeds/<hub>/nieuws.rss``, services.news.rss).

It holds only what the Nieuws page shows anyone (published posts), reads no session (a feed reader
has none), and an unknown hub is a plain 404. A reader that asks again with ``If-None-Match`` gets
a 304 while nothing changed; the helpers are the agenda's (``feed_http``).
"""

import reflex as rx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mantelzorg_app.feed_http import SHARED, answer, base, not_found
from mantelzorg_app.routes import FEEDS
from mantelzorg_app.services.news import rss
from mantelzorg_app.services.platform.hubs import hub_by_slug

MEDIA_TYPE = "application/rss+xml; charset=utf-8"
NEWS_FEED = f"{FEEDS}/{{hub}}/nieuws.rss"


def news_feed(request: Request) -> Response:
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        if hub is None:
            return not_found()
        return answer(request, rss.hub_news(session, hub, base(request)), MEDIA_TYPE, SHARED)


routes = [Route(NEWS_FEED, news_feed, methods=["GET"])]
