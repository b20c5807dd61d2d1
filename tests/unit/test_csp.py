"""Security headers: a Content-Security-Policy that allows only the build's own inline scripts."""

import base64
import hashlib

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from mantelzorg_app import asgi, csp


def _sha(body: bytes) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"


def test_every_inline_script_of_the_build_is_allowed_by_its_hash_and_nothing_else(tmp_path):
    (tmp_path / "index.html").write_bytes(
        b'<html><head><script src="/app.js" defer></script><script>window.a = 1;</script></head>'
        b'<body><script type="module" async="">import "/x.js";</script></body></html>'
    )
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "404.html").write_bytes(b"<script>window.a = 1;</script>")
    hashes = csp.inline_script_hashes(tmp_path)
    assert hashes == sorted([_sha(b"window.a = 1;"), _sha(b'import "/x.js";')])

    policy = dict(part.split(" ", 1) for part in csp.policy(hashes).split("; "))
    assert policy["script-src"].split() == ["'self'", "'unsafe-eval'", *hashes]  # no 'unsafe-inline'
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def _client(monkeypatch, tmp_path, public_url: str | None) -> TestClient:
    (tmp_path / "index.html").write_bytes(b"<script>1</script>")
    monkeypatch.setattr(asgi, "_build", lambda: tmp_path)
    if public_url:
        monkeypatch.setenv("MANTELZORG_PUBLIC_URL", public_url)
    else:
        monkeypatch.delenv("MANTELZORG_PUBLIC_URL", raising=False)
    app = Starlette(routes=[Route("/", lambda request: PlainTextResponse("hallo"))])
    return TestClient(asgi.with_headers(app))


def test_every_response_forbids_framing_and_carries_the_policy(monkeypatch, tmp_path):
    headers = _client(monkeypatch, tmp_path, None).get("/").headers
    assert headers["x-frame-options"] == "DENY"
    assert _sha(b"1") in headers["content-security-policy"]
    assert "strict-transport-security" not in headers  # plain HTTP on this machine


def test_https_gets_hsts(monkeypatch, tmp_path):
    headers = _client(monkeypatch, tmp_path, "https://leusden.mantelzorghub.nl").get("/").headers
    assert headers["strict-transport-security"].startswith("max-age=31536000")


def test_a_stricter_referrer_policy_of_a_page_is_kept(monkeypatch, tmp_path):
    """The mail link's question says strict-origin: its URL holds a token."""
    (tmp_path / "index.html").write_bytes(b"")
    monkeypatch.setattr(asgi, "_build", lambda: tmp_path)
    routes = [
        Route("/vraag", lambda request: PlainTextResponse("?", headers={"Referrer-Policy": "strict-origin"})),
        Route("/", lambda request: PlainTextResponse("hallo")),
    ]
    client = TestClient(asgi.with_headers(Starlette(routes=routes)))
    assert client.get("/vraag").headers.get_list("referrer-policy") == ["strict-origin"]
    assert client.get("/").headers["referrer-policy"] == "same-origin"
