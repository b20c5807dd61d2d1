"""ASGI middleware around the whole app (single port): only our own origin, cache and safety
headers (CSP, no framing, HSTS over HTTPS) on every response, and no big bodies to Reflex's upload.

Files under /assets/ carry a content hash in their name, so a phone may keep them for a year and
load them from its own cache on the next visit, which matters on a slow connection.
"""

from collections.abc import Awaitable, Callable, MutableMapping
from functools import cache
from pathlib import Path
from typing import Any

from reflex import constants
from reflex.config import get_config
from reflex.utils.prerequisites import get_web_dir

from mantelzorg_app import csp, origins, settings
from mantelzorg_app.routes import API_HSDS
from mantelzorg_app.services.directory.validation import MAX_BYTES
from mantelzorg_app.services.news.photos import PHOTO_MAX_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HASHED_ASSETS = "/assets/"
ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),  # for browsers without CSP frame-ancestors
]
REFERRER = (b"referrer-policy", b"same-origin")  # unless the response chose a stricter one
IMMUTABLE = (b"cache-control", b"public, max-age=31536000, immutable")
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


# Reflex's upload endpoint reads the whole multipart form (spooling big files to disk) before the
# handler can check who sends it, so its body is limited here: the largest file any upload handler
# accepts (the sociale kaart's HSDS file, a news post's photo), plus room for the form's own lines
# (boundaries, part headers, the handler's arguments).
UPLOAD_MARGIN = 64 * 1024
UPLOAD_MOST = max(MAX_BYTES, PHOTO_MAX_BYTES) + UPLOAD_MARGIN
TOO_LARGE = b"Payload Too Large"


def _build() -> Path:
    return get_web_dir() / constants.Dirs.STATIC


def with_headers(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        extra = [*ALWAYS, (b"content-security-policy", csp.for_build(_build()).encode())]
        if scope["path"].startswith(HASHED_ASSETS):
            extra.append(IMMUTABLE)
        if settings.served_over_https(scope.get("scheme", "")):
            extra.append(HSTS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in extra}
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                chosen = any(n.lower() == REFERRER[0] for n, _ in kept)
                message["headers"] = kept + extra + ([] if chosen else [REFERRER])
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware


def only_our_origin(app: ASGIApp) -> ASGIApp:
    """Refuses a websocket handshake or HTTP request whose ``Origin`` is not ours (see ``origins``).

    Reflex's own CORS setting would leave the event websocket open to every origin in development,
    so the check is here, once, for both. A request without ``Origin`` (a link, a typed address, a
    script that holds no person's cookie) goes on, and so does a GET of the public HSDS API
    (``routes.API_HSDS``), which any site may read: it holds nothing of anyone and reads no cookie.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if _public_read(scope):
            await app(scope, receive, send)
            return
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers", []))
            origin = headers.get(b"origin", b"").decode("latin-1")
            if origin and not origins.allowed(origin, _port(scope, headers.get(b"host", b""))):
                await _refuse(scope, receive, send)
                return
        await app(scope, receive, send)

    return middleware


def _public_read(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope.get("method") in ("GET", "HEAD")
        and scope.get("path", "").startswith(f"{API_HSDS}/")
    )


def _port(scope: Scope, host: bytes) -> int | None:
    """The port the request was sent to, from its Host header."""
    name, _, port = host.decode("latin-1").rpartition(":")
    if name and port.isdigit() and not port.startswith("0"):
        return int(port)
    return 443 if scope.get("scheme") in ("https", "wss") else 80


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "http.response.start", "status": 403, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Forbidden: another origin"})


@cache
def upload_path() -> str:
    """Reflex's upload endpoint (``POST /_upload``), behind the app's backend path if it has one."""
    return get_config().prepend_backend_path(str(constants.Endpoint.UPLOAD))


def _is_upload(scope: Scope) -> bool:
    path, upload = scope.get("path", ""), upload_path()
    return path == upload or path.startswith(f"{upload}/")


def small_uploads(app: ASGIApp) -> ASGIApp:
    """Refuses a body of more than ``UPLOAD_MOST`` bytes to Reflex's upload (413), other routes as they were.

    A ``Content-Length`` that says more is refused before the app runs. The bytes are counted as well,
    so a chunked request, or one whose length lies, is cut off as soon as it goes over: the app then
    reads a disconnect (and writes nothing more to disk) and the sender gets the 413.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_upload(scope):
            await app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > UPLOAD_MOST):
            await _too_large(send)
            return
        received = 0
        started = cut_off = False

        async def counted_receive() -> Message:
            nonlocal received, cut_off
            if cut_off:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > UPLOAD_MOST:
                    cut_off = True
                    if not started:
                        await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if cut_off:
                return  # the 413 has been sent: the app's own answer to the disconnect goes nowhere
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await app(scope, counted_receive, guarded_send)

    return middleware


async def _too_large(send: Send) -> None:
    headers = [(b"content-type", b"text/plain"), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": TOO_LARGE})
