"""ASGI middleware around the whole app (single port): cache and safety headers on every response.

Files under /assets/ carry a content hash in their name, so a phone may keep them for a year and
load them from its own cache on the next visit, which matters on a slow connection.
"""

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HASHED_ASSETS = "/assets/"
ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
IMMUTABLE = (b"cache-control", b"public, max-age=31536000, immutable")


def with_headers(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        extra = list(ALWAYS)
        if scope["path"].startswith(HASHED_ASSETS):
            extra.append(IMMUTABLE)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in extra}
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message["headers"] = kept + extra
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware
