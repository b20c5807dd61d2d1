"""The Content-Security-Policy that fits Reflex's production build.

Scripts come only from this origin, plus the inline scripts React Router writes into the built
HTML files, each allowed by its SHA-256 hash (read once from the build). ``'unsafe-eval'`` stays:
Reflex runs ``rx.call_script`` with ``eval``. Styles may be inline (Emotion writes them). The page
connects only to its own origin (the event websocket included) and may not be framed.
"""

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)

FIXED = (
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)


def inline_script_hashes(build: Path) -> list[str]:
    """``'sha256-...'`` of every inline script in the built HTML files, sorted."""
    found = set()
    for page in build.rglob("*.html"):
        for body in _INLINE_SCRIPT.findall(page.read_bytes()):
            found.add(f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'")
    return sorted(found)


def policy(hashes: list[str]) -> str:
    return "; ".join((f"script-src 'self' 'unsafe-eval' {' '.join(hashes)}".strip(), *FIXED))


_read: dict[Path, str] = {}  # the policy of each build folder, once it holds HTML


def for_build(build: Path) -> str:
    """The policy of this build, read once (every response asks); until a build is there, read
    again on each call."""
    if (found := _read.get(build)) is not None:
        return found
    if next(build.rglob("*.html"), None) is None:
        return policy([])
    _read[build] = policy(inline_script_hashes(build))
    return _read[build]
