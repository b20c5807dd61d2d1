"""What this tab's browser told the server: its address (for limits, see services.clients), the
origin its page was loaded from, and the page's arguments. All of it is the browser's word."""

import reflex as rx

from mantelzorg_app.services.platform import clients


def client_address(state: rx.State) -> str:
    """``router.session.client_ip`` is the socket peer (Reflex's trusted_proxy_hops stays 0);
    ``raw_headers`` keeps every handshake header, X-Forwarded-For among them."""
    router = state.router
    return clients.address(router.session.client_ip, router.headers.raw_headers.get("x-forwarded-for", ""))


def page_origin(state: rx.State) -> str:
    """The origin of the tab's page, from the event socket's handshake (asgi.only_our_origin has
    refused any origin that is not ours)."""
    return state.router.headers.origin


def page_argument(state: rx.State, name: str) -> str:
    """A route argument (``[hub]``, ``[nr]``) or query parameter of the tab's page; "" when absent
    or not one string. Read where Reflex's own route vars read it: ``router.page`` is deprecated and
    its warning costs about 80 µs a call."""
    value = state.rx_router_page.params.get(name, "")
    return value if isinstance(value, str) else ""
