"""A feed is fetched only from a public address: a coordinator's feed address never makes the server
read its own network (loopback, private ranges, the cloud's metadata address), also by a redirect."""

import time

import httpx
import pytest

from mantelzorg_app.services.news import fetching


@pytest.fixture(autouse=True)
def production(monkeypatch):
    monkeypatch.delenv("MANTELZORG_FEEDS_PRIVATE", raising=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/feed.xml",
        "http://localhost/feed.xml",
        "http://[::1]/feed.xml",
        "http://10.0.0.5/rss",
        "http://192.168.1.1/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_a_private_address_is_refused_in_plain_words(url):
    asked = []
    transport = httpx.MockTransport(lambda request: asked.append(request) or httpx.Response(200))
    assert fetching.fetch(url, transport=transport).error == fetching.NOT_PUBLIC
    assert asked == []


def test_a_redirect_to_a_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(fetching, "is_private_host", lambda host: host != "feed.example.org")
    asked = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    fetched = fetching.fetch("https://feed.example.org/rss", transport=httpx.MockTransport(answer))
    assert fetched.error == fetching.NOT_PUBLIC
    assert asked == ["https://feed.example.org/rss"]


def test_a_public_address_is_fetched(monkeypatch):
    monkeypatch.setattr(fetching, "is_private_host", lambda host: False)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"<rss/>"))
    assert fetching.fetch("https://feed.example.org/rss", transport=transport).data == b"<rss/>"


def test_a_name_that_resolves_to_nothing_says_there_is_no_connection():
    assert not fetching.is_private_host("no-such-host.invalid")
    assert fetching.fetch("http://no-such-host.invalid/rss").error == fetching.NO_CONNECTION


def test_a_name_lookup_that_hangs_is_cut_off(monkeypatch):
    monkeypatch.setattr(fetching, "LOOKUP_TIMEOUT", 0.2)
    monkeypatch.setattr(fetching.socket, "getaddrinfo", lambda *args, **kwargs: time.sleep(2))
    started = time.monotonic()
    assert fetching.fetch("https://slow-dns.example.org/rss").error == fetching.TOO_SLOW
    assert time.monotonic() - started < 1.5
