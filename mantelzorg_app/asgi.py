"""ASGI middleware around the whole app (single port): only our own origin, and cache and safety
headers (CSP, no framing, HSTS over HTTPS) on every response.

Files under /assets/ carry a content hash in their name, so a phone may keep them for a year and
load them from its own cache on the next visit, which matters on a slow connection.
"""

from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from reflex import constants
from reflex.utils.prerequisites import get_web_dir

from mantelzorg_app import csp, origins, settings
from mantelzorg_app.routes import API_HSDS

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
