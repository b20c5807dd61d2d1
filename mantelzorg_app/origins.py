"""Which web pages may talk to this app with a person's cookie: the public origin(s), nothing else.

Browsers send an ``Origin`` header on every websocket and cross-origin request. A page on another
origin (a sibling hub's subdomain, a second port on the same machine) must not read a person's
export or drive their event websocket. With ``MANTELZORG_PUBLIC_URL`` set, only its origin and those
in ``MANTELZORG_ALLOWED_ORIGINS`` (comma separated) count. Without it (development, tests) only the
app's own loopback origin counts: ``http://localhost``, ``127.0.0.1`` or ``[::1]`` on the port
it is served on (or Reflex's front-end port in ``make dev``), parsed strictly.
"""

import os
import re
from urllib.parse import urlsplit

# An exact loopback origin: no user info, no path, nothing a browser would read differently.
_LOOPBACK = re.compile(r"http://(?:localhost|127\.0\.0\.1|\[::1\])(?::([1-9][0-9]{0,4}))?")


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower case, as a browser writes it in ``Origin`` (without
    the scheme's own port: ``https://host:443`` is ``https://host``)."""
    parts = urlsplit(url.strip().lower())
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme) else ""
    return f"{parts.scheme}://{host}{port}"


def public_origins() -> list[str]:
    """The origins people use, from the environment; empty in development."""
    listed = [
        os.environ.get("MANTELZORG_PUBLIC_URL", ""),
        *os.environ.get("MANTELZORG_ALLOWED_ORIGINS", "").split(","),
    ]
    return [origin_of(url) for url in listed if url.strip()]


def loopback_port(origin: str) -> int | None:
    """The port of an exact ``http://`` loopback origin (80 when none is written), else None."""
    found = _LOOPBACK.fullmatch(origin)
    if found is None:
        return None
    port = int(found.group(1) or 80)
    return port if 0 < port < 65536 else None


def allowed(origin: str, own_port: int | None) -> bool:
    """Whether a request from ``origin`` may act with the person's cookie; ``own_port`` is the port
    the request reached (from its Host header)."""
    if listed := public_origins():
        return origin.lower() in listed
    port = loopback_port(origin)
    dev_front_end = os.environ.get("REFLEX_FRONTEND_PORT", "")
    return port is not None and (port == own_port or str(port) == dev_front_end)
