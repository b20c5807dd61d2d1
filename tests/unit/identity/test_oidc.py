"""Sign-in through the municipality: state and nonce used once, ID tokens checked, only invited staff in.

The provider is a fake behind httpx's MockTransport, signing ID tokens with a key made here.
"""

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey
from sqlmodel import Session, select

from mantelzorg_app.models import ExternalIdentity, IdentityProvider, OidcRequest, Role
from mantelzorg_app.services.identity import oidc
from mantelzorg_app.services.platform import digests
from tests.unit.auth_fixtures import NOW, World, add_member, add_person, two_hubs

ISSUER = "https://login.leusden.example.org"
CLIENT_ID = "mantelzorghub"
CLIENT_SECRET = "s3cret"
REDIRECT_URI = "https://leusden.example.org/auth/oidc/callback"
CODE = "the-code"


@pytest.fixture(scope="module")
def signing_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "leusden-1"})


@dataclass
class FakeProvider:
    """Discovery, JWKS and a token endpoint that hands out an ID token for the last authorization."""

    key: RSAKey
    auth_methods: list[str] = field(default_factory=lambda: ["client_secret_basic"])
    issuer: str = ISSUER
    token_status: int = 200
    tamper: Callable[[dict], None] = lambda claims: None  # changes the claims before signing
    sign: Callable[[dict], str] | None = None  # replaces the normal signing
    nonce: str = ""
    challenge: str = ""
    token_requests: list[httpx.Request] = field(default_factory=list)

    def authorize(self, url: str) -> str:
        """What the provider's page does: remember nonce and challenge; returns the state."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        self.nonce, self.challenge = query["nonce"], query["code_challenge"]
        return query["state"]

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/.well-known/openid-configuration":
            return httpx.Response(
                200,
                json={
                    "issuer": self.issuer,
                    "authorization_endpoint": f"{ISSUER}/authorize",
                    "token_endpoint": f"{ISSUER}/token",
                    "jwks_uri": f"{ISSUER}/jwks",
                    "token_endpoint_auth_methods_supported": self.auth_methods,
                    "id_token_signing_alg_values_supported": ["RS256"],
                },
            )
        if path == "/jwks":
            return httpx.Response(200, json=KeySet([self.key]).as_dict(private=False))
        if path == "/token":
            self.token_requests.append(request)
            if self.token_status != 200:
                return httpx.Response(self.token_status, json={"error": "invalid_grant"})
            return httpx.Response(
                200, json={"access_token": "at", "token_type": "Bearer", "id_token": self.id_token()}
            )
        return httpx.Response(404)

    def id_token(self, **extra) -> str:
        claims = {
            "iss": ISSUER,
            "sub": "fatima-0001",
            "aud": CLIENT_ID,
            "iat": int(NOW.timestamp()),
            "exp": int((NOW + timedelta(minutes=5)).timestamp()),
            "nonce": self.nonce,
            "email": "fatima@leusden.example.org",
            "email_verified": True,
            "name": "Fatima Voorbeeld",
        }
        self.tamper(claims)
        if self.sign is not None:
            return self.sign(claims)
        return jwt.encode({"alg": "RS256", "kid": "leusden-1"}, claims, self.key)


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


@pytest.fixture
def provider(session: Session, world: World) -> IdentityProvider:
    row = IdentityProvider(
        hub_id=world.leusden.id, issuer=ISSUER, client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


@pytest.fixture
def fake(signing_key: RSAKey) -> FakeProvider:
    return FakeProvider(signing_key)


@pytest.fixture
def http(fake: FakeProvider):
    with httpx.Client(transport=httpx.MockTransport(fake.handle)) as client:
        yield client


def start(session: Session, provider: IdentityProvider, fake: FakeProvider, http: httpx.Client) -> str:
    started = oidc.begin(session, provider, REDIRECT_URI, NOW, state_prefix="leusden.", http=http)
    assert fake.authorize(started.url) == started.state
    return started.state


def finish(session: Session, state: str, http: httpx.Client, code: str = CODE, after=timedelta(minutes=1)):
    return oidc.finish(session, state, code, REDIRECT_URI, NOW + after, http=http)


def identity(world: World, email: str | None, verified: bool = True, subject: str = "sub-1") -> oidc.Identity:
    return oidc.Identity(world.leusden.id, ISSUER, subject, email, verified, "")


# The request at the provider


def test_begin_asks_for_a_code_with_pkce_state_and_nonce(session, provider, fake, http) -> None:
    started = oidc.begin(session, provider, REDIRECT_URI, NOW, state_prefix="leusden.", http=http)

    url = urlsplit(started.url)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
    assert query["response_type"] == "code"
    assert (query["client_id"], query["redirect_uri"]) == (CLIENT_ID, REDIRECT_URI)
    assert set(query["scope"].split()) == {"openid", "email", "profile"}
    assert query["code_challenge_method"] == "S256"
    assert query["state"] == started.state and started.state.startswith("leusden.")
    (row,) = session.exec(select(OidcRequest)).all()
    assert row.state_digest == digests.digest(started.state)
    assert started.state not in row.state_digest
    assert row.nonce == query["nonce"] and len(row.nonce) >= 32
    challenge = base64.urlsafe_b64encode(hashlib.sha256(row.code_verifier.encode()).digest()).rstrip(b"=")
    assert query["code_challenge"] == challenge.decode()
    assert row.expires_at == NOW + timedelta(minutes=10)


def test_every_begin_gets_its_own_state_nonce_and_verifier(session, provider, http) -> None:
    for _ in range(3):
        oidc.begin(session, provider, REDIRECT_URI, NOW, http=http)
    rows = session.exec(select(OidcRequest)).all()
    for attribute in ("state_digest", "nonce", "code_verifier"):
        assert len({getattr(row, attribute) for row in rows}) == 3


def test_begin_clears_requests_nobody_finished(session, provider, http) -> None:
    oidc.begin(session, provider, REDIRECT_URI, NOW, http=http)
    oidc.begin(session, provider, REDIRECT_URI, NOW + timedelta(minutes=11), http=http)
    assert len(session.exec(select(OidcRequest)).all()) == 1


def test_a_provider_over_plain_http_is_refused(session, provider, http) -> None:
    provider.issuer = "http://login.leusden.example.org"
    with pytest.raises(oidc.ProviderError):
        oidc.begin(session, provider, REDIRECT_URI, NOW, http=http)


def test_discovery_that_names_another_issuer_is_refused(session, provider, fake, http) -> None:
    fake.issuer = "https://evil.example.org"
    with pytest.raises(oidc.ProviderError):
        oidc.begin(session, provider, REDIRECT_URI, NOW, http=http)


# The callback


def test_finish_exchanges_the_code_and_returns_the_checked_claims(
    session, world, provider, fake, http
) -> None:
    state = start(session, provider, fake, http)

    got = finish(session, state, http)

    assert got == oidc.Identity(
        world.leusden.id, ISSUER, "fatima-0001", "fatima@leusden.example.org", True, "Fatima Voorbeeld"
    )
    (request,) = fake.token_requests
    form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
    assert (form["grant_type"], form["code"], form["redirect_uri"]) == (
        "authorization_code",
        CODE,
        REDIRECT_URI,
    )
    verifier_hash = base64.urlsafe_b64encode(hashlib.sha256(form["code_verifier"].encode()).digest())
    assert verifier_hash.rstrip(b"=").decode() == fake.challenge
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"mantelzorghub:s3cret").decode()
    assert "client_secret" not in form


def test_finish_sends_the_secret_in_the_form_when_the_provider_asks(session, provider, fake, http) -> None:
    fake.auth_methods = ["client_secret_post"]
    finish(session, start(session, provider, fake, http), http)
    (request,) = fake.token_requests
    form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
    assert (form["client_id"], form["client_secret"]) == (CLIENT_ID, CLIENT_SECRET)
    assert "authorization" not in request.headers


def test_a_state_works_once(session, provider, fake, http) -> None:
    state = start(session, provider, fake, http)
    finish(session, state, http)
    with pytest.raises(oidc.BadState):
        finish(session, state, http)
    assert len(fake.token_requests) == 1


@pytest.mark.parametrize("state", ["", "leusden.made-up", "leusden."])
def test_an_unknown_state_is_refused(session, provider, fake, http, state) -> None:
    start(session, provider, fake, http)
    with pytest.raises(oidc.BadState):
        finish(session, state, http)
    assert fake.token_requests == []


def test_a_request_older_than_ten_minutes_is_refused_and_gone(session, provider, fake, http) -> None:
    state = start(session, provider, fake, http)
    with pytest.raises(oidc.Expired):
        finish(session, state, http, after=timedelta(minutes=10))
    assert session.exec(select(OidcRequest)).all() == []
    with pytest.raises(oidc.BadState):
        finish(session, state, http)
    assert fake.token_requests == []


def test_a_callback_without_a_code_uses_up_the_state(session, provider, fake, http) -> None:
    state = start(session, provider, fake, http)  # e.g. the person pressed "deny" at the provider
    with pytest.raises(oidc.ProviderError):
        finish(session, state, http, code="")
    assert session.exec(select(OidcRequest)).all() == []


def test_a_refused_code_is_a_provider_error(session, provider, fake, http) -> None:
    fake.token_status = 400
    with pytest.raises(oidc.ProviderError):
        finish(session, start(session, provider, fake, http), http)


def test_an_unreachable_provider_is_a_provider_error(session, provider) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with httpx.Client(transport=httpx.MockTransport(down)) as http, pytest.raises(oidc.ProviderError):
        oidc.begin(session, provider, REDIRECT_URI, NOW, http=http)


def _flip_payload(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    forged = claims.replace(b"fatima-0001", b"gerrit-0002")
    return ".".join([header, base64.urlsafe_b64encode(forged).rstrip(b"=").decode(), signature])


def _other_key(claims: dict) -> str:
    return jwt.encode({"alg": "RS256", "kid": "leusden-1"}, claims, RSAKey.generate_key(2048))


def _shared_secret(claims: dict) -> str:
    return jwt.encode({"alg": "HS256"}, claims, OctKey.import_key("a shared secret of enough length!!"))


BAD_TOKENS = {
    "wrong nonce": {"tamper": lambda c: c.update(nonce="an-old-nonce")},
    "no nonce": {"tamper": lambda c: c.pop("nonce")},
    "wrong audience": {"tamper": lambda c: c.update(aud="another-app")},
    "audience list without us": {"tamper": lambda c: c.update(aud=["another-app"], azp=CLIENT_ID)},
    "wrong issuer": {"tamper": lambda c: c.update(iss="https://evil.example.org")},
    "expired": {"tamper": lambda c: c.update(exp=int((NOW - timedelta(minutes=5)).timestamp()))},
    "no subject": {"tamper": lambda c: c.pop("sub")},
    "signed by another key": {"sign": _other_key},
    "signed with a shared secret": {"sign": _shared_secret},
}


@pytest.mark.parametrize("how", BAD_TOKENS)
def test_a_bad_id_token_is_refused(session, provider, fake, http, how) -> None:
    for name, value in BAD_TOKENS[how].items():
        setattr(fake, name, value)
    with pytest.raises(oidc.BadToken):
        finish(session, start(session, provider, fake, http), http)


def test_a_tampered_id_token_is_refused(session, provider, fake, http) -> None:
    real_sign = fake.sign or (
        lambda claims: jwt.encode({"alg": "RS256", "kid": "leusden-1"}, claims, fake.key)
    )
    fake.sign = lambda claims: _flip_payload(real_sign(claims))
    with pytest.raises(oidc.BadToken):
        finish(session, start(session, provider, fake, http), http)


def test_the_email_counts_as_verified_only_when_the_provider_says_so(session, provider, fake, http) -> None:
    fake.tamper = lambda c: c.pop("email_verified")
    assert finish(session, start(session, provider, fake, http), http).email_verified is False


# Who gets in


def test_an_invited_professional_gets_in_and_is_linked(session: Session, world: World) -> None:
    fatima = add_person(session, "Fatima", "fatima@leusden.example.org")
    add_member(session, fatima, world.leusden, Role.professional)

    assert oidc.person_for(session, identity(world, "Fatima@Leusden.example.org"), NOW).id == fatima.id

    (link,) = session.exec(select(ExternalIdentity)).all()
    assert (link.person_id, link.issuer, link.subject) == (fatima.id, ISSUER, "sub-1")


def test_a_linked_account_is_found_by_subject_whatever_its_email(session: Session, world: World) -> None:
    oidc.person_for(session, identity(world, world.coordinator.email), NOW)
    later = identity(world, "cora.new@elsewhere.example.org", verified=False)
    assert oidc.person_for(session, later, NOW).id == world.coordinator.id
    assert len(session.exec(select(ExternalIdentity)).all()) == 1


@pytest.mark.parametrize(
    "who",
    [
        "an unknown address",
        "an unverified address",
        "no address",
        "a volunteer",
        "someone without any role",
        "a coordinator of another hub",
    ],
)
def test_nobody_else_gets_in(session: Session, world: World, who: str) -> None:
    claim = {
        "an unknown address": identity(world, "stranger@example.org"),
        "an unverified address": identity(world, world.coordinator.email, verified=False),
        "no address": identity(world, None),
        "a volunteer": identity(world, world.volunteer.email),
        "someone without any role": identity(world, world.newcomer.email),
        "a coordinator of another hub": identity(world, world.other_coordinator.email),
    }[who]
    with pytest.raises(oidc.NotInvited) as refused:
        oidc.person_for(session, claim, NOW)
    assert refused.value.problem == oidc.Problem.not_invited
    assert session.exec(select(ExternalIdentity)).all() == []


def test_taking_the_role_away_closes_the_door_for_a_linked_account(session: Session, world: World) -> None:
    fatima = add_person(session, "Fatima", "fatima@leusden.example.org")
    membership = add_member(session, fatima, world.leusden, Role.professional)
    oidc.person_for(session, identity(world, fatima.email), NOW)
    session.delete(membership)
    session.commit()
    with pytest.raises(oidc.NotInvited):
        oidc.person_for(session, identity(world, None), NOW)


def test_a_second_account_at_the_same_provider_is_not_linked_by_email(session: Session, world: World) -> None:
    oidc.person_for(session, identity(world, world.coordinator.email, subject="first"), NOW)
    with pytest.raises(oidc.NotInvited):
        oidc.person_for(session, identity(world, world.coordinator.email, subject="second"), NOW)
    assert [link.subject for link in session.exec(select(ExternalIdentity)).all()] == ["first"]
