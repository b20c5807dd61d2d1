"""Sign-in codes, server-side sessions and the audit log.

Only digests of codes and tokens are stored, so a copy of the database signs nobody in.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, created_at_field


class LoginCode(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    email: str = Field(index=True, max_length=254)  # kept until the code is used or expires
    client: str = Field(index=True, max_length=64)  # digest of the client address, for the cap
    code_digest: str = Field(max_length=64)
    link_digest: str = Field(unique=True, max_length=64)
    attempts: int = 0
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What the sign-in carries to the tab the mail link opens: the way back and the Wegwijzer's
    # answers (JSON, services.identity.carried). Personal data: it goes with the code.
    carried: str = Field(default="", max_length=4000)


class LoginSession(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    token_digest: str = Field(unique=True, max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=10)  # "email" (30 days idle) or "oidc" (12 hours)
    created_at: datetime = created_at_field()
    last_seen_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    # The browser tabs that showed this session (Reflex tab tokens, space separated, newest last):
    # emptied when it ends, so no other tab of the person keeps their data.
    tabs: str = Field(default="", max_length=800)
    carried: str = Field(default="", max_length=4000)  # as LoginCode.carried, until it is used


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hub_id: int | None = Field(default=None, foreign_key="hub.id", index=True)
    actor_id: int | None = Field(default=None, index=True)  # no foreign key: the log outlives people
    action: str = Field(max_length=40)
    subject_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="", max_length=200)
    created_at: datetime = created_at_field()
    # How many events this row stands for: refusals without an actor are counted per hub, detail and
    # hour (created_at is then the hour's start), so a flood cannot fill the log. Sum it, never count rows.
    count: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Handoff(SQLModel, table=True):
    """A short-lived, single-use ticket from a checked code to the route that sets the cookie.

    Also carries a verified address from that route to the sign-up form of a new person, and the
    yes an existing person is asked by mail before staff may add a role for them (services.confirmations).
    """

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(unique=True, max_length=64)
    hub_id: int = Field(foreign_key="hub.id")
    email: str = Field(max_length=254)
    purpose: str = Field(max_length=10)  # services.handoffs: "sign-in", "sign-up", "on-behalf", "invite"
    subject_id: int | None = None  # "on-behalf": the help request that waits for this person's yes
    carried: str = Field(default="", max_length=4000)  # "sign-in", "sign-up": as LoginCode.carried
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Consent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    text_version: str = Field(max_length=20)
    given_at: datetime = created_at_field()


class IdentityProvider(SQLModel, table=True):
    """The municipality's OpenID Connect provider for a hub's professionals and coordinators."""

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", unique=True)
    issuer: str = Field(max_length=300)  # discovery at {issuer}/.well-known/openid-configuration
    client_id: str = Field(max_length=200)
    client_secret: str = Field(max_length=200)
    label: str = Field(default="", max_length=80)  # e.g. "Gemeente Leusden", shown on the button


class ExternalIdentity(SQLModel, table=True):
    """Which provider account belongs to which person; found by (issuer, subject), never by name."""

    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    issuer: str = Field(max_length=300)
    subject: str = Field(max_length=255)
    created_at: datetime = created_at_field()


class OidcRequest(SQLModel, table=True):
    """A sign-in at the provider under way: its state, nonce and PKCE verifier, for 10 minutes."""

    id: int | None = Field(default=None, primary_key=True)
    state_digest: str = Field(unique=True, max_length=64)
    hub_id: int = Field(foreign_key="hub.id")
    nonce: str = Field(max_length=100)
    code_verifier: str = Field(max_length=200)
    expires_at: datetime = Field(sa_type=UTCDateTime)
