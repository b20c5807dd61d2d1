"""A news post's photo (``/nieuws-foto/<id>.jpg``), served only to who may see its post.

The photos live in the database, never under Reflex's public ``/_upload``. A photo of a published
post is anyone's, and a cache may keep it for five minutes: no longer, so the photo of a post the
coordinator takes down soon leaves shared caches too (after that a cache asks again, and the ETag
answers 304 while nothing changed: a new photo gets a new id). Before that only its writer and their
hub's coordinator get it, by the session cookie, and nothing keeps a copy (``private, no-store``).
Anyone else gets the plain 404 of a missing photo, so the answer never tells whether a photo exists
(services.news.photos.shown).
"""

from datetime import UTC, datetime

import reflex as rx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mantelzorg_app import feed_http, settings
from mantelzorg_app.routes import NEWS_PHOTO
from mantelzorg_app.services.news import photos
from mantelzorg_app.services.platform import cookies

PHOTO = f"{NEWS_PHOTO}/{{photo}}.jpg"
PUBLIC = {"Cache-Control": "public, max-age=300"}
PRIVATE = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}


def _photo_id(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and not raw.startswith("0") and len(raw) < 12 else None


def photo(request: Request) -> Response:
    https = settings.served_over_https(request.url.scheme)
    token = cookies.read(request.headers.get("cookie", ""), cookies.SESSION, https)
    with rx.session() as session:
        found = photos.shown(session, _photo_id(request.path_params["photo"]), token, datetime.now(UTC))
        if found is None:
            return feed_http.not_found(private=True)
        data, photo_id = found.photo.data, found.photo.id
    if not found.public:
        return Response(data, media_type=photos.MEDIA_TYPE, headers=PRIVATE)
    headers = {**PUBLIC, "ETag": f'"foto-{photo_id}"'}
    if feed_http.unchanged(request, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=photos.MEDIA_TYPE, headers=headers)


routes = [Route(PHOTO, photo, methods=["GET"])]
