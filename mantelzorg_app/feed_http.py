"""What the feed routes share (calendar_routes' iCalendar, news_routes' RSS): where links point,
the plain 404, and the answer with its ETag, a 304 when the reader's copy is still good.

None of them reads a session: a calendar app or feed reader has none.
"""

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from mantelzorg_app import settings
from mantelzorg_app.services.calendar.ics import Feed

SHARED = {"Cache-Control": "no-cache"}  # may be kept, but asked again (ETag) every time: edits show at once
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
NOT_FOUND = "Niet gevonden / Not found"


def base(request: Request) -> str:
    """Where the feed's links point: the public address, or the address this request came to."""
    return settings.public_url() or f"{request.url.scheme}://{request.url.netloc}"


def not_found(private: bool = False) -> Response:
    return PlainTextResponse(
        NOT_FOUND, status_code=404, headers=PRIVATE if private else {"Cache-Control": "no-store"}
    )


def unchanged(request: Request, etag: str) -> bool:
    asked = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
    return etag in tags or "*" in tags


def answer(request: Request, feed: Feed, media_type: str, headers: dict[str, str]) -> Response:
    """The feed's bytes, or a 304 without writing them when ``If-None-Match`` names its ETag."""
    headers = {**headers, "ETag": feed.etag}
    if unchanged(request, feed.etag):
        return Response(status_code=304, headers=headers)
    if feed.filename:
        headers["Content-Disposition"] = f'attachment; filename="{feed.filename}"'
    return Response(feed.build(), media_type=media_type, headers=headers)
