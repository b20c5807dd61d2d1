"""The client's address for limits, from the tab's event socket handshake (see services.clients)."""

import reflex as rx

from mantelzorg_app.services.platform import clients


def client_address(state: rx.State) -> str:
    """``router.session.client_ip`` is the socket peer (Reflex's trusted_proxy_hops stays 0);
    ``raw_headers`` keeps every handshake header, X-Forwarded-For among them."""
    router = state.router
    return clients.address(router.session.client_ip, router.headers.raw_headers.get("x-forwarded-for", ""))
