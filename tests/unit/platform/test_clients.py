"""Who the client is: X-Forwarded-For is believed only as far as it was written by listed proxies."""

import pytest

from mantelzorg_app.services.platform import clients

PROXY = "10.0.0.5"  # in the trusted 10.0.0.0/8
VISITOR = "198.51.100.7"  # TEST-NET-2
FORGED = "203.0.113.9"  # TEST-NET-3: what a visitor writes into the header themselves


@pytest.fixture(autouse=True)
def _proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/8,fd00::/8")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        (VISITOR, "", VISITOR),  # no proxy
        (VISITOR, FORGED, VISITOR),  # the header of someone who is not a proxy counts for nothing
        (PROXY, VISITOR, VISITOR),
        (PROXY, f"{FORGED}, {VISITOR}", VISITOR),  # the proxy appended the address it saw
        (PROXY, f"{FORGED},{VISITOR}, 10.0.0.9", VISITOR),  # past a second trusted hop
        (PROXY, f"{VISITOR}, 127.0.0.1", VISITOR),
        (PROXY, "10.0.0.8, 10.0.0.9", "10.0.0.8"),  # all trusted: the first one
        (PROXY, "", PROXY),  # a proxy that sent no header is the client
        (PROXY, " , ", PROXY),
        ("127.0.0.1", f"{FORGED}, unknown", "unknown"),  # what the proxy wrote, even if no address
        ("fd00::1", "2001:db8::1", "2001:db8::/64"),
        (PROXY, f"{VISITOR}:5555", VISITOR),  # some proxies write the client's port too
        (PROXY, f"{VISITOR}:5555, 10.0.0.9:443", VISITOR),
        (PROXY, "[2001:db8::1]:443", "2001:db8::/64"),
    ],
)
def test_the_client_is_the_first_untrusted_hop_from_the_right(peer: str, forwarded_for: str, client: str):
    assert clients.address(peer, forwarded_for) == client


def test_without_trusted_proxies_the_header_is_ignored(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("MANTELZORG_TRUSTED_PROXIES")
    assert clients.address("127.0.0.1", FORGED) == "127.0.0.1"


@pytest.mark.parametrize(
    ("peer", "client"),
    [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # one home gets a whole /64 to pick from
        ("2001:DB8:1:2::ffff", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", VISITOR),
        ("", ""),
    ],
)
def test_an_ipv6_client_counts_as_its_network(peer: str, client: str):
    assert clients.address(peer, "") == client
