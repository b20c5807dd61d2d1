"""Who the client is, for limits that count per client (sign-in codes, call-backs).

Behind a reverse proxy every request comes from the proxy's address, so the proxy's
X-Forwarded-For is believed, but only when the socket peer is listed in MANTELZORG_TRUSTED_PROXIES,
and only as far as it was written by listed proxies: walking from the right, the first address that
is not a listed proxy is the client (what nginx's ``real_ip_recursive`` and granian's proxy-header
wrapper do). Anything to its left was written by the visitor and counts for nothing.

Where the two parts come from:

- a Reflex State: ``state.router.session.client_ip`` (the socket peer, as long as Reflex's own
  ``trusted_proxy_hops`` stays 0, its default) and ``state.router.headers.raw_headers`` (every
  header of the websocket handshake, lower-case, repeated ones joined with ", ");
- a Starlette route: ``request.client.host`` and ``", ".join(request.headers.getlist("x-forwarded-for"))``.

An IPv6 client counts as its /64 network: one home gets a whole /64 and can pick any address in it.
"""

import ipaddress

from mantelzorg_app import settings

IPV6_NETWORK = 64


def address(peer: str, forwarded_for: str = "") -> str:
    """The client's address (an IPv6 one as its /64), for keying limits; never shown or stored as is."""
    trusted = settings.trusted_proxies()
    client = peer
    if _listed(peer, trusted):
        for hop in reversed([hop.strip() for hop in forwarded_for.split(",") if hop.strip()]):
            client = hop
            if not _listed(hop, trusted):
                break
    return _as_key(client)


def _parsed(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as proxies write it: plain, ``1.2.3.4:5555`` or ``[2001:db8::1]:443``."""
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _listed(text: str, trusted) -> bool:
    found = _parsed(text)
    return found is not None and any(found in network for network in trusted)


def _as_key(text: str) -> str:
    found = _parsed(text)
    if found is None:
        return text  # what a listed proxy wrote, such as "unknown": still one client
    if isinstance(found, ipaddress.IPv6Address):
        if found.ipv4_mapped is not None:
            return str(found.ipv4_mapped)
        return str(ipaddress.ip_network(f"{found}/{IPV6_NETWORK}", strict=False))
    return str(found)
