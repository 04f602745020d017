"""The OpenID Provider's own tables: clients, grants, authorization codes, tokens, subjects.

Everything a second worker needs lives here, never in process memory. Secrets, codes and tokens are
stored as SHA-256 digests only: they are 256-bit random values, so a leaked row cannot be replayed and a
slow hash would add nothing but latency. Single use is a conditional UPDATE (``used_at IS NULL``) whose
row count decides the one winner, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class OidcClient(Base):
    """The OAuth side of an application (``applications.client_id``): how it authenticates, where it may
    be sent, what it may receive."""

    __tablename__ = "oidc_clients"

    client_id: Mapped[str] = mapped_column(
        ForeignKey("applications.client_id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    # "client_secret_basic", "client_secret_post", "private_key_jwt" or "none" (public, PKCE only).
    auth_method: Mapped[str] = mapped_column(String(32))
    secret_hash: Mapped[str | None] = mapped_column(String(64))
    redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list)
    post_logout_redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    grant_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    id_token_signed_response_alg: Mapped[str] = mapped_column(String(8), default="RS256")
    # "public" or "pairwise"; the pairwise salt makes this client's subjects unlinkable to others'.
    subject_type: Mapped[str] = mapped_column(String(8), default="public")
    pairwise_salt: Mapped[str] = mapped_column(String(64))
    backchannel_logout_uri: Mapped[str | None] = mapped_column(String(2000))
    frontchannel_logout_uri: Mapped[str | None] = mapped_column(String(2000))
    jwks_uri: Mapped[str | None] = mapped_column(String(2000))
    jwks: Mapped[dict[str, object] | None] = mapped_column(JSON)
    # A third-party client: the person consents to what it receives (stored in oidc_consents).
    # First-party clients, registered by the administrator for their own services, skip the question.
    require_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)


class OidcSubject(Base):
    """The public ``sub`` of a user: random, so it reveals nothing (an INSZ is guessable by brute force)."""

    __tablename__ = "oidc_subjects"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    subject: Mapped[str] = mapped_column(String(64), unique=True)


class OidcGrant(Base):
    """The outcome of one authorization: who, for which client, with which claims. Codes and tokens
    hang off it, so revoking the grant (code reuse, refresh token reuse) kills every token it produced."""

    __tablename__ = "oidc_grants"
    __table_args__ = (Index("ix_oidc_grants_session", "session_id"),)

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("oidc_clients.client_id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    session_id: Mapped[str | None] = mapped_column(ForeignKey("sso_sessions.id", ondelete="SET NULL"))
    sid: Mapped[str] = mapped_column(String(43), default="")
    scope: Mapped[str] = mapped_column(String(1000))
    nonce: Mapped[str] = mapped_column(String(512), default="")
    # Claims are computed once, when the person chose: {"id_token": {...}, "userinfo": {...}}.
    claims: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    auth_time: Mapped[dt.datetime] = mapped_column(Timestamp)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class OidcAuthorizationCode(Base):
    __tablename__ = "oidc_authorization_codes"
    __table_args__ = (Index("ix_oidc_authorization_codes_expires", "expires_at"),)

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    grant_id: Mapped[str] = mapped_column(ForeignKey("oidc_grants.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(255))
    # As sent at /authorize; "" when the request left it out (one registered URI).
    redirect_uri: Mapped[str] = mapped_column(String(2000), default="")
    code_challenge: Mapped[str] = mapped_column(String(128), default="")
    code_challenge_method: Mapped[str] = mapped_column(String(8), default="")
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    used_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class OidcToken(Base):
    """An access token or a refresh token. A refresh token is used once (rotation); using it again
    revokes its whole grant (RFC 9700 §4.14.2)."""

    __tablename__ = "oidc_tokens"
    __table_args__ = (Index("ix_oidc_tokens_grant", "grant_id"), Index("ix_oidc_tokens_expires", "expires_at"))

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "access" or "refresh"
    grant_id: Mapped[str] = mapped_column(ForeignKey("oidc_grants.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(255))
    scope: Mapped[str] = mapped_column(String(1000))
    issued_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    used_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class OidcAssertionJti(Base):
    """private_key_jwt: every client assertion is accepted once (RFC 7523 §3, replay)."""

    __tablename__ = "oidc_assertion_jtis"
    __table_args__ = (Index("ix_oidc_assertion_jtis_expires", "expires_at"),)

    client_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    jti: Mapped[str] = mapped_column(String(255), primary_key=True)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class OidcConsent(Base):
    """What a person allowed a client to receive: the scopes and the individually asked claims (Core §5.5).
    A later request within them needs no question; one asking for more, or with ``prompt=consent``, does."""

    __tablename__ = "oidc_consents"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    client_id: Mapped[str] = mapped_column(
        ForeignKey("oidc_clients.client_id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    claims: Mapped[list[str]] = mapped_column(JSON, default=list)
    granted_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
