"""Settings read from the environment, in one place.

SQLite under ``instance/`` is the default so ``make run`` needs no server; ``REFLEX_DB_URL``
switches to PostgreSQL and ``REFLEX_REDIS_URL`` to Redis for several workers.
"""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

from mantelzorg_app import origins

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("MANTELZORG_INSTANCE", ROOT / "instance"))
TRANSLATIONS = ROOT / "translations"
# How long Reflex keeps an idle tab's state (Wegwijzer answers, forms) on the server: in memory
# without Redis, as Redis keys with it; forgotten after this (rxconfig.py).
TAB_STATE_KEPT = timedelta(hours=1)


def database_url() -> str:
    return os.environ.get("REFLEX_DB_URL") or f"sqlite:///{INSTANCE / 'mantelzorg.db'}"


def public_url() -> str | None:
    """The address people use, for links in mails (e.g. https://leusden.mantelzorghub.nl)."""
    return os.environ.get("MANTELZORG_PUBLIC_URL") or None


def served_over_https(scheme: str) -> bool:
    """Whether a request reached us over HTTPS: directly, or (MANTELZORG_PUBLIC_URL says so) through
    a TLS proxy. A client's X-Forwarded-Proto is not believed: anyone can send one."""
    return scheme in ("https", "wss") or (public_url() or "").startswith("https://")


def link_base(origin: str) -> str | None:
    """Where links in mails point: MANTELZORG_PUBLIC_URL, or the page's own origin on this machine only.

    The origin comes from the request and can be forged; trusting it elsewhere would let anyone
    mail a victim a working sign-in link to a host of their choosing.
    """
    if url := public_url():
        return url
    return origin if origins.loopback_port(origin) is not None else None


def trusted_proxies() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """MANTELZORG_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For is believed, as
    comma-separated addresses or networks (e.g. ``127.0.0.1,10.0.0.0/8``); none by default."""
    listed = [item.strip() for item in os.environ.get("MANTELZORG_TRUSTED_PROXIES", "").split(",")]
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in listed if item)
    except ValueError as error:
        raise ValueError(f"MANTELZORG_TRUSTED_PROXIES: {error}") from None


def feeds_reach_private_addresses() -> bool:
    """MANTELZORG_FEEDS_PRIVATE=1: the news feeds may be fetched from loopback and private addresses
    (the tests' stand-in feeds). Never in production: a coordinator's feed address could otherwise
    make the server read its own network (services.news.fetching)."""
    return os.environ.get("MANTELZORG_FEEDS_PRIVATE") == "1"


def outbox() -> Path:
    """Where mails go without an SMTP server: MANTELZORG_OUTBOX, else instance/outbox."""
    return Path(os.environ.get("MANTELZORG_OUTBOX") or INSTANCE / "outbox")


def redis_url() -> str | None:
    return os.environ.get("REFLEX_REDIS_URL") or None


def state_manager_mode() -> str:
    """Where tab states live: in Redis when there is one, else in this process's memory. Several
    backend workers without Redis would each keep their own tab states (a sign-out in one would not
    empty the tab in another), so that is refused."""
    if redis_url():
        return "redis"
    if int(os.environ.get("GRANIAN_WORKERS") or 1) > 1:
        raise ValueError("GRANIAN_WORKERS above 1 needs REFLEX_REDIS_URL: tab states are kept in memory")
    return "memory"


def secret_key() -> bytes:
    """The key for digests of codes and tokens: MANTELZORG_SECRET_KEY, else one made once in instance/."""
    if key := os.environ.get("MANTELZORG_SECRET_KEY"):
        return key.encode()
    path = INSTANCE / "secret.key"
    if not path.exists():
        _write_once(path, secrets.token_bytes(32))
    return path.read_bytes()


def _write_once(path: Path, content: bytes) -> None:
    """Writes a private file whole, then links it into place; when another worker won, keeps theirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(content)
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
