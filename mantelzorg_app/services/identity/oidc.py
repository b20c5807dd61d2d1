"""Sign-in for professionals and coordinators through the municipality's OpenID Connect provider.

Authorization code flow with PKCE (S256), ``state`` and ``nonce``. What the callback needs waits
in an OidcRequest for 10 minutes and is taken once. The ID token is checked here (signature by the
provider's JWKS, iss, aud, exp, nonce). Who may come in is decided here too: only a person a
coordinator gave a professional or coordinator role in the hub; the provider's claims never grant
a role.
"""

import ipaddress
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

import httpx
from authlib.common.security import generate_token
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlmodel import Session, col, delete, func, select

from mantelzorg_app.models import (
    STAFF_ROLES,
    ExternalIdentity,
    IdentityProvider,
    Membership,
    OidcRequest,
    Person,
)
from mantelzorg_app.services.identity import login_codes
from mantelzorg_app.services.platform import digests

REQUEST_LIFETIME = timedelta(minutes=10)
TIMEOUT = httpx.Timeout(10.0)
SCOPE = "openid email profile"
# Asymmetric signatures only: the key must come from the provider's JWKS, never from a shared secret.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
LEEWAY = 60  # seconds of clock difference with the provider


class Problem(StrEnum):
    """What went wrong, as the ``?probleem=`` the sign-in page explains."""

    failed = "medewerker"
    not_invited = "niet-uitgenodigd"


class OidcError(Exception):
    """A sign-in through the provider failed. The message is for the log, never shown as is."""

    problem = Problem.failed


class BadState(OidcError):
    """The callback's state is unknown, used already, or not this browser's."""


class Expired(OidcError):
    """The sign-in at the provider took longer than 10 minutes."""


class ProviderError(OidcError):
    """The provider could not be reached, refused, or answered something we cannot use."""


class BadToken(OidcError):
    """The ID token failed a check: signature, issuer, audience, expiry or nonce."""


class NotInvited(OidcError):
    """A real provider account, but no coordinator gave this person a staff role in the hub."""

    problem = Problem.not_invited


@dataclass(frozen=True)
class Started:
    url: str  # the provider's authorization page
    state: str  # also kept by the browser, to tie the callback to it


@dataclass(frozen=True)
class Identity:
    """What a checked ID token says, for the hub the sign-in started in."""

    hub_id: int
    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str


def provider_for(session: Session, hub_id: int) -> IdentityProvider | None:
    return session.exec(select(IdentityProvider).where(IdentityProvider.hub_id == hub_id)).first()


def begin(
    session: Session,
    provider: IdentityProvider,
    redirect_uri: str,
    now: datetime,
    *,
    state_prefix: str = "",
    http: httpx.Client | None = None,
) -> Started:
    """The authorization URL at the provider, with a new request stored for the callback."""
    with _client(http) as client:
        metadata = _discover(client, provider.issuer)
    state = state_prefix + digests.new_token()
    nonce, verifier = generate_token(32), generate_token(64)
    session.exec(delete(OidcRequest).where(col(OidcRequest.expires_at) <= now))  # abandoned sign-ins
    session.add(
        OidcRequest(
            state_digest=digests.digest(state),
            hub_id=provider.hub_id,
            nonce=nonce,
            code_verifier=verifier,
            expires_at=now + REQUEST_LIFETIME,
        )
    )
    session.commit()
    url = add_params_to_uri(
        metadata["authorization_endpoint"],
        [
            ("response_type", "code"),
            ("client_id", provider.client_id),
            ("redirect_uri", redirect_uri),
            ("scope", SCOPE),
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", create_s256_code_challenge(verifier)),
            ("code_challenge_method", "S256"),
        ],
    )
    return Started(url, state)


@dataclass(frozen=True)
class Pending:
    """A taken request: what the callback needs from the start."""

    hub_id: int
    nonce: str
    code_verifier: str


def take(session: Session, state: str, now: datetime) -> Pending:
    """The stored request for this state, removed so it never works twice."""
    found = select(OidcRequest).where(OidcRequest.state_digest == digests.digest(state))
    row = session.exec(found).first() if state else None
    if row is None:
        raise BadState("unknown or used state")
    pending, expires_at = Pending(row.hub_id, row.nonce, row.code_verifier), row.expires_at
    removed = session.exec(delete(OidcRequest).where(col(OidcRequest.id) == row.id)).rowcount
    session.commit()
    if removed != 1:  # another callback with the same state came first
        raise BadState("used state")
    if expires_at <= now:
        raise Expired("sign-in request older than 10 minutes")
    return pending


def finish(
    session: Session,
    state: str,
    code: str,
    redirect_uri: str,
    now: datetime,
    *,
    http: httpx.Client | None = None,
) -> Identity:
    """Takes the request for ``state``, exchanges ``code`` and checks the ID token."""
    pending = take(session, state, now)
    provider = provider_for(session, pending.hub_id)
    if provider is None:
        raise ProviderError("the hub has no provider any more")
    if not code:
        raise ProviderError("no code in the callback")
    with _client(http) as client:
        metadata = _discover(client, provider.issuer)
        tokens = _exchange(client, metadata, provider, code, pending.code_verifier, redirect_uri)
        claims = _check_id_token(client, metadata, provider, tokens, pending.nonce, now)
    email = claims.get("email")
    return Identity(
        hub_id=pending.hub_id,
        issuer=provider.issuer,
        subject=claims["sub"],
        email=email if isinstance(email, str) else None,
        email_verified=claims.get("email_verified") in (True, "true"),
        name=str(claims.get("name") or ""),
    )


def person_for(session: Session, identity: Identity, now: datetime) -> Person:
    """The invited person this provider account belongs to; links the account on first sign-in.

    Found by (issuer, subject) once linked. Before that, by the verified e-mail address of a
    person with a professional or coordinator role in the hub: that is how a coordinator invites.
    Either way the role must still be there, so taking it away also closes this door.
    """
    link = session.exec(
        select(ExternalIdentity).where(
            ExternalIdentity.issuer == identity.issuer, ExternalIdentity.subject == identity.subject
        )
    ).first()
    person = session.get(Person, link.person_id) if link else _invited_by_email(session, identity)
    if person is None or not _is_staff(session, person.id, identity.hub_id):
        raise NotInvited("no staff role in this hub")
    if link is None:
        if _linked_to_issuer(session, person.id, identity.issuer):
            raise NotInvited("the person is linked to another account at this provider")
        session.add(
            ExternalIdentity(
                person_id=person.id, issuer=identity.issuer, subject=identity.subject, created_at=now
            )
        )
        session.commit()
    return person


def _invited_by_email(session: Session, identity: Identity) -> Person | None:
    address = login_codes.normalise_email(identity.email or "") if identity.email_verified else None
    if address is None:
        return None
    return session.exec(select(Person).where(func.lower(Person.email) == address)).first()


def _is_staff(session: Session, person_id: int, hub_id: int) -> bool:
    found = session.exec(
        select(Membership.id).where(
            Membership.person_id == person_id,
            Membership.hub_id == hub_id,
            col(Membership.role).in_(STAFF_ROLES),
            ~col(Membership.pending),
        )
    ).first()
    return found is not None


def _linked_to_issuer(session: Session, person_id: int, issuer: str) -> bool:
    found = session.exec(
        select(ExternalIdentity.id).where(
            ExternalIdentity.person_id == person_id, ExternalIdentity.issuer == issuer
        )
    ).first()
    return found is not None


def _client(http: httpx.Client | None) -> AbstractContextManager[httpx.Client]:
    return nullcontext(http) if http is not None else httpx.Client(timeout=TIMEOUT)


def _discover(client: httpx.Client, issuer: str) -> dict:
    if not _safe_url(issuer):
        raise ProviderError("the issuer is not https")
    metadata = _get_json(client, f"{issuer.rstrip('/')}/.well-known/openid-configuration")
    if metadata.get("issuer") != issuer:
        raise ProviderError("the discovery document names another issuer")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        url = metadata.get(key)
        if not isinstance(url, str) or not _safe_url(url):
            raise ProviderError(f"{key} missing or not https")
    return metadata


def _exchange(
    client: httpx.Client,
    metadata: dict,
    provider: IdentityProvider,
    code: str,
    verifier: str,
    redirect_uri: str,
) -> dict:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    methods = metadata.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    auth = None
    if "client_secret_basic" in methods:
        auth = (provider.client_id, provider.client_secret)
    elif "client_secret_post" in methods:
        form |= {"client_id": provider.client_id, "client_secret": provider.client_secret}
    else:
        raise ProviderError(f"no client authentication we support in {methods}")
    try:
        response = client.post(
            metadata["token_endpoint"], data=form, auth=auth, headers={"Accept": "application/json"}
        )
    except httpx.HTTPError as error:
        raise ProviderError(f"token endpoint: {error}") from error
    tokens = _json(response, "token endpoint")
    if not isinstance(tokens.get("id_token"), str):
        raise ProviderError("no id_token in the token response")
    return tokens


def _check_id_token(
    client: httpx.Client, metadata: dict, provider: IdentityProvider, tokens: dict, nonce: str, now: datetime
) -> dict:
    try:
        keys = KeySet.import_key_set(_get_json(client, metadata["jwks_uri"]))
    except (JoseError, ValueError, KeyError, TypeError) as error:
        raise ProviderError(f"unusable JWKS: {error}") from error
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in offered if alg in ALGORITHMS]
    if not algorithms:
        raise ProviderError(f"no signing algorithm we accept in {offered}")
    options = {
        "iss": {"essential": True, "value": provider.issuer},
        "aud": {"essential": True, "value": provider.client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "nonce": {"essential": True, "value": nonce},
    }
    params = {"nonce": nonce, "client_id": provider.client_id, "access_token": tokens.get("access_token")}
    try:
        token = jwt.decode(tokens["id_token"], keys, algorithms=algorithms)
        claims = CodeIDToken(token.claims, token.header, options, params)
        claims.validate(now=int(now.timestamp()), leeway=LEEWAY)
    except (JoseError, ValueError) as error:
        raise BadToken(f"{type(error).__name__}: {error}") from error
    return dict(claims)


def _get_json(client: httpx.Client, url: str) -> dict:
    try:
        response = client.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as error:
        raise ProviderError(f"{url}: {error}") from error
    return _json(response, url)


def _json(response: httpx.Response, what: str) -> dict:
    if response.status_code != 200:
        raise ProviderError(f"{what} answered {response.status_code}: {response.text[:200]}")
    try:
        data = response.json()
    except ValueError as error:
        raise ProviderError(f"{what} did not answer JSON") from error
    if not isinstance(data, dict):
        raise ProviderError(f"{what} did not answer a JSON object")
    return data


def _safe_url(url: str) -> bool:
    """HTTPS, or plain HTTP to this machine (a test provider on loopback)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False
