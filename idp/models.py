"""The provider's own tables: single sign-on sessions and pending logins.

They share the registry's metadata so one chain of Alembic migrations creates everything. Nothing here is
kept in process memory: any worker on any host can continue a login another one started.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class SsoSession(Base):
    """A person's single sign-on session. The cookie holds a random token; we store only its SHA-256."""

    __tablename__ = "sso_sessions"
    __table_args__ = (Index("ix_sso_sessions_user", "user_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The public session id: OIDC ``sid`` claim, logout tokens, SAML SessionIndex.
    sid: Mapped[str] = mapped_column(String(43), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    # When the person last proved who they are (OIDC auth_time, SAML AuthnInstant).
    authenticated_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    last_seen_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    acr: Mapped[str] = mapped_column(String(64))
    amr: Mapped[list[str]] = mapped_column(JSON, default=list)
    ended_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class SsoParticipant(Base):
    """An application that received a login from a session: whom to tell at logout, and with what."""

    __tablename__ = "sso_participants"
    __table_args__ = (UniqueConstraint("session_id", "protocol", "client_id", name="uq_sso_participants_client"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sso_sessions.id", ondelete="CASCADE"))
    protocol: Mapped[str] = mapped_column(String(8))
    client_id: Mapped[str] = mapped_column(String(255))
    # The option chosen for this application (re-checked on every new login), and protocol details such
    # as the SAML NameID and SessionIndex needed to address a logout.
    selection_key: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)


class PendingLogin(Base):
    """A login in progress, protocol-neutral: which application asked, with which demands, how far it got.

    The protocol layer creates it and gets it back completed; the journey in between (authentication,
    "namens wie") never knows the protocol. It is bound to the browser that started it.
    """

    __tablename__ = "pending_logins"
    __table_args__ = (Index("ix_pending_logins_expires", "expires_at"),)

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    # SHA-256 of a cookie value set when the login started: another browser cannot continue it.
    browser_binding: Mapped[str] = mapped_column(String(64))
    protocol: Mapped[str] = mapped_column(String(8))
    client_id: Mapped[str] = mapped_column(String(255))
    # Where the protocol layer continues once the journey is done.
    resume_endpoint: Mapped[str] = mapped_column(String(64))
    # The validated protocol request, to resume it (JSON-serialisable; the protocol layer's own shape).
    protocol_request: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    # Demands on the journey: force authentication, passive only, age of authentication, minimum level,
    # a pre-selection hint, and whether the selection must be shown again.
    force_authn: Mapped[bool] = mapped_column(default=False)
    passive: Mapped[bool] = mapped_column(default=False)
    select_account: Mapped[bool] = mapped_column(default=False)
    max_age_s: Mapped[int | None] = mapped_column(Integer)
    acr_values: Mapped[list[str]] = mapped_column(JSON, default=list)
    login_hint: Mapped[str] = mapped_column(String(2048), default="")
    ui_locales: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    # Progress: "started", "authenticated", "selected", "completed", "failed".
    status: Mapped[str] = mapped_column(String(16), default="started")
    session_id: Mapped[str | None] = mapped_column(ForeignKey("sso_sessions.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The chosen option: its key (re-checked at selection) and the Selection the claims are made from.
    selection_key: Mapped[str] = mapped_column(String(200), default="")
    selection: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    # When the journey ends without a login: a protocol error code ("login_required", ...) and why.
    error: Mapped[str] = mapped_column(String(64), default="")
    error_description: Mapped[str] = mapped_column(String(500), default="")


# The login journey's tables share the metadata (one chain of migrations creates everything).
from .api.models import ApiIdempotencyKey  # noqa: E402
from .login.models import ApplicationLoginPolicy, LoginCounter  # noqa: E402
from .portal.jobs_models import PortalJob  # noqa: E402, F401 - the portal's upload jobs
from .portal.models import PortalEntry  # noqa: E402

__all__ = [
    "ApiIdempotencyKey",
    "ApplicationLoginPolicy",
    "LoginCounter",
    "PendingLogin",
    "PortalEntry",
    "SsoParticipant",
    "SsoSession",
]
