"""A feed's bytes fetched over HTTP, carefully: feedparser has no timeout and would read a string as
a URL or a file, so httpx fetches and feedparser only ever gets bytes (services.news.importing).

- **Time**: 5 seconds to connect and 10 seconds for the whole fetch (checked after every piece read;
  a server that stops sending is cut off by the read timeout).
- **Size**: at most 2 MB, read in pieces and stopped at the cap: a huge or endless body is never
  held in memory.
- **Where**: http(s) only, at most 3 redirects, and only to public addresses: every hop's host is
  looked up first and a loopback, private, link-local (cloud metadata) or reserved address is refused
  (``PublicOnly``), unless settings.feeds_reach_private_addresses (the tests' loopback feeds). The
  connection looks the name up again, so a name that changes its answer in between is not caught.
- **Politeness**: the last good fetch's ETag and Last-Modified are sent back; 304 is "unchanged".

Each failure is one plain reason (a Dutch msgid, kept on the feed as ``last_error`` and translated
on the beheer page): never an exception, never the server's own words.
"""

import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from mantelzorg_app import settings
from mantelzorg_app.services.platform.i18n import N_

TIMEOUT = 10.0  # seconds for the whole fetch
CONNECT_TIMEOUT = 5.0
SIZE_MOST = 2 * 1024 * 1024
REDIRECTS_MOST = 3
USER_AGENT = "Mantelzorghub/1.0"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

NO_WEB_ADDRESS = N_("Dit adres begint niet met http:// of https://.")
TOO_SLOW = N_("Geen antwoord binnen 10 seconden.")
NO_CONNECTION = N_("Geen verbinding met deze bron. Klopt het adres?")
NOT_FOUND = N_("Niet gevonden (404). Klopt het adres nog?")
NO_ACCESS = N_("Deze bron laat ons niet binnen.")
SERVER_TROUBLE = N_("De bron heeft een storing. Het wordt later weer geprobeerd.")
BAD_ANSWER = N_("De bron gaf geen goed antwoord.")
TOO_MANY_REDIRECTS = N_("Dit adres stuurt te vaak door naar een ander adres.")
TOO_BIG = N_("Te groot: meer dan 2 MB.")
NOT_PUBLIC = N_("Dit adres is geen openbare website.")


class NotPublic(httpx.ConnectError):
    """The host is (or resolves to) an address that is not on the public internet."""


NAT64 = ipaddress.ip_network("64:ff9b::/96")  # an IPv4 address carried in IPv6: judged as that one
LOOKUP_TIMEOUT = 5.0  # seconds for the name lookup (getaddrinfo has no timeout of its own)
_lookups = ThreadPoolExecutor(max_workers=4, thread_name_prefix="feed-lookup")


def _is_public(address: str) -> bool:
    found = ipaddress.ip_address(address.split("%")[0])
    if isinstance(found, ipaddress.IPv6Address) and found in NAT64:
        found = ipaddress.IPv4Address(int(found) & 0xFFFFFFFF)
    return found.is_global


def is_private_host(host: str) -> bool:
    """Whether ``host`` is or resolves to an address off the public internet. A name that does not
    resolve is not: its connection fails by itself, and the page then says there is no connection.
    A lookup that takes longer than LOOKUP_TIMEOUT raises httpx.ConnectTimeout."""
    lookup = _lookups.submit(socket.getaddrinfo, host, None, proto=socket.IPPROTO_TCP)
    try:
        found = {info[4][0] for info in lookup.result(timeout=LOOKUP_TIMEOUT)}
    except TimeoutError:
        raise httpx.ConnectTimeout("the name lookup took too long") from None
    except (OSError, UnicodeError):
        return False
    return not all(_is_public(address) for address in found)


class PublicOnly(httpx.BaseTransport):
    """Refuses a request (the first or a redirect's) to a host that is not public, then hands it on."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if is_private_host(request.url.host):
            raise NotPublic("not a public address", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought: the body, or ``unchanged`` (304), or a plain ``error`` (a msgid)."""

    data: bytes = b""
    unchanged: bool = False
    etag: str = ""
    modified: str = ""
    url: str = ""  # where the body came from, after redirects: relative links resolve against it
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def is_web_address(url: str) -> bool:
    """An absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is no number, a broken IPv6 address
        return False


def _status_error(status: int) -> str:
    if status in (404, 410):
        return NOT_FOUND
    if status in (401, 403):
        return NO_ACCESS
    if status >= 500:
        return SERVER_TROUBLE
    return BAD_ANSWER


def fetch(
    url: str,
    etag: str = "",
    modified: str = "",
    *,
    timeout: float = TIMEOUT,
    size_most: int = SIZE_MOST,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """The feed at ``url`` (see the module docstring); ``timeout`` and ``size_most`` for the tests."""
    if not is_web_address(url):
        return Fetched(error=NO_WEB_ADDRESS)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    deadline = time.monotonic() + timeout
    transport = transport or httpx.HTTPTransport()
    if not settings.feeds_reach_private_addresses():
        transport = PublicOnly(transport)
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
                follow_redirects=True,
                max_redirects=REDIRECTS_MOST,
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code == 304:
                return Fetched(unchanged=True, etag=etag, modified=modified, url=str(response.url))
            if response.status_code != 200:
                return Fetched(error=_status_error(response.status_code))
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > size_most:
                return Fetched(error=TOO_BIG)
            pieces: list[bytes] = []
            size = 0
            for piece in response.iter_bytes():
                size += len(piece)
                if size > size_most:
                    return Fetched(error=TOO_BIG)
                if time.monotonic() > deadline:
                    return Fetched(error=TOO_SLOW)
                pieces.append(piece)
            return Fetched(
                data=b"".join(pieces),
                etag=response.headers.get("etag", "")[:200],
                modified=response.headers.get("last-modified", "")[:100],
                url=str(response.url),
            )
    except httpx.TimeoutException:
        return Fetched(error=TOO_SLOW)
    except httpx.TooManyRedirects:
        return Fetched(error=TOO_MANY_REDIRECTS)
    except httpx.UnsupportedProtocol:  # a redirect to ftp:, file: ...
        return Fetched(error=NO_WEB_ADDRESS)
    except NotPublic:
        return Fetched(error=NOT_PUBLIC)
    except (httpx.ConnectError, httpx.NetworkError):
        return Fetched(error=NO_CONNECTION)
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError):
        return Fetched(error=BAD_ANSWER)
