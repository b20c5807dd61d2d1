"""Random tokens and keyed digests: what the database stores instead of codes and tokens."""

import hashlib
import hmac
import secrets

from mantelzorg_app import settings


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """Six digits, every one equally likely."""
    return f"{secrets.randbelow(1_000_000):06d}"


def digest(value: str) -> str:
    return hmac.new(settings.secret_key(), value.encode(), hashlib.sha256).hexdigest()


def same(value: str, expected_digest: str) -> bool:
    return hmac.compare_digest(digest(value), expected_digest)


def etag(*parts: object) -> str:
    """An HTTP ETag (quoted) for a response made from ``parts``: the same parts, the same tag."""
    return '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:32] + '"'
