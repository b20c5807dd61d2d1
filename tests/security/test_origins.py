"""Only the app's own origin may use a person's cookie: over HTTP and on the event websocket."""

import pytest
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from mantelzorg_app import origins, privacy_routes
from mantelzorg_app.asgi import only_our_origin
from mantelzorg_app.services.platform import cookies
from tests.security.conftest import People


async def _echo(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text("connected")
    await websocket.close()


@pytest.fixture
def client(db, people: People) -> TestClient:
    app = Starlette(routes=[*privacy_routes.routes, WebSocketRoute("/_event", _echo)])
    client = TestClient(only_our_origin(app), base_url="http://localhost")
    client.cookies.set(cookies.SESSION, people.tokens["caregiver"])
    return client


@pytest.mark.parametrize(
    "origin", ["http://localhost:8123", "http://evil.example", "null", "https://localhost"]
)
def test_another_origin_cannot_read_the_export(client: TestClient, origin: str):
    response = client.get(privacy_routes.DOWNLOAD, headers={"origin": origin})
    assert response.status_code == 403
    assert "anna" not in response.text.lower()
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("origin", [None, "http://localhost"], ids=["a-link", "own-origin"])
def test_the_own_origin_and_plain_links_still_download(client: TestClient, origin: str | None):
    response = client.get(privacy_routes.DOWNLOAD, headers={"origin": origin} if origin else {})
    assert response.status_code == 200 and "anna.voorbeeld" in response.text


def test_the_event_websocket_refuses_another_origin(client: TestClient):
    with (
        pytest.raises(WebSocketDisconnect),
        client.websocket_connect("/_event", headers={"origin": "http://evil.example"}),
    ):
        pass
    with client.websocket_connect("/_event", headers={"origin": "http://localhost"}) as ws:
        assert ws.receive_text() == "connected"


@pytest.mark.parametrize(
    ("origin", "port", "ok"),
    [
        ("http://localhost:3000", 3000, True),
        ("http://127.0.0.1:3000", 3000, True),
        ("http://[::1]:3000", 3000, True),
        ("http://localhost", 80, True),
        ("http://localhost:3001", 3000, False),  # a second port on the same machine
        ("http://evil.example\\@localhost:3000", 3000, False),  # a browser reads host evil.example
        ("http://evil.example@localhost:3000", 3000, False),
        ("http://localhost.evil.example:3000", 3000, False),
        ("https://localhost:3000", 3000, False),
        ("http://localhost:3000/", 3000, False),
        ("http://localhost:03000", 3000, False),
        ("null", 3000, False),
        ("", 3000, False),
    ],
)
def test_development_allows_only_the_apps_own_loopback_origin(monkeypatch, origin: str, port: int, ok: bool):
    monkeypatch.delenv("MANTELZORG_PUBLIC_URL", raising=False)
    monkeypatch.delenv("MANTELZORG_ALLOWED_ORIGINS", raising=False)
    monkeypatch.delenv("REFLEX_FRONTEND_PORT", raising=False)
    assert origins.allowed(origin, port) is ok


def test_a_deployment_allows_only_its_public_origins(monkeypatch):
    monkeypatch.setenv("MANTELZORG_PUBLIC_URL", "https://Leusden.Mantelzorghub.nl/")
    monkeypatch.setenv("MANTELZORG_ALLOWED_ORIGINS", "https://poperinge.mantelzorghub.be")
    assert origins.public_origins() == [
        "https://leusden.mantelzorghub.nl",
        "https://poperinge.mantelzorghub.be",
    ]
    assert origins.allowed("https://leusden.mantelzorghub.nl", 443)
    assert origins.allowed("https://poperinge.mantelzorghub.be", 443)
    assert not origins.allowed("https://evil.mantelzorghub.nl", 443)  # a sibling subdomain
    assert not origins.allowed("http://localhost:3000", 3000)


@pytest.mark.parametrize(
    ("public_url", "origin"),
    [
        ("https://leusden.mantelzorghub.nl:443/", "https://leusden.mantelzorghub.nl"),
        ("http://LOCALHOST:80", "http://localhost"),
        ("https://hub.example:8443/pad", "https://hub.example:8443"),
        ("https://[2001:db8::1]:443", "https://[2001:db8::1]"),
    ],
)
def test_a_public_url_is_the_origin_a_browser_sends(public_url: str, origin: str):
    assert origins.origin_of(public_url) == origin


def test_reflex_is_told_no_other_origin():
    """Reflex's own CORS (HTTP) and Socket.IO origin lists never say '*'."""
    from rxconfig import config

    assert "*" not in config.cors_allowed_origins
