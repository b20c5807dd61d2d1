"""Settings that guard against forged requests: where mail links point, and which proxies to believe."""

import ipaddress

import pytest

from mantelzorg_app import settings


@pytest.fixture(autouse=True)
def _no_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MANTELZORG_PUBLIC_URL", raising=False)


@pytest.mark.parametrize(
    "origin",
    [
        "http://localhost",
        "http://localhost:3000",
        "http://127.0.0.1:8000",
        "http://[::1]:3000",
        "http://localhost:65535",
    ],
)
def test_a_loopback_origin_is_a_link_base_during_development(origin: str) -> None:
    assert settings.link_base(origin) == origin


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example\\@localhost",  # Python sees localhost, a browser evil.example
        "http://evil.example@localhost:3000",
        "http://user:pass@localhost",
        "http://localhost.evil.example",
        "http://localhost.",
        "http://LOCALHOST:3000",
        "HTTP://localhost",
        "https://localhost:3000",
        "http://localhost:3000/",
        "http://localhost:3000/path",
        "http://localhost:3000?x=1",
        "http://localhost:3000#x",
        "http://localhost:0",
        "http://localhost:65536",
        "http://localhost:99999",
        "http://localhost:03000",
        "http://localhost:",
        "http://localhost:3000\n",
        " http://localhost:3000",
        "http://127.0.0.2",
        "http://127.1",
        "http://0x7f000001",
        "http://::1",
        "http://[::ffff:127.0.0.1]",
        "//localhost",
        "localhost:3000",
        "null",
        "",
    ],
)
def test_no_other_origin_is_a_link_base(origin: str) -> None:
    assert settings.link_base(origin) is None


def test_the_public_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_PUBLIC_URL", "https://leusden.mantelzorghub.nl")
    assert settings.link_base("http://evil.example\\@localhost") == "https://leusden.mantelzorghub.nl"


def test_trusted_proxies_are_addresses_and_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.0/8 ,,::1")
    assert settings.trusted_proxies() == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    )
    monkeypatch.delenv("MANTELZORG_TRUSTED_PROXIES")
    assert settings.trusted_proxies() == ()


def test_a_mistyped_proxy_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_TRUSTED_PROXIES", "10.0.0.0/8, proxy.local")
    with pytest.raises(ValueError, match="MANTELZORG_TRUSTED_PROXIES"):
        settings.trusted_proxies()
