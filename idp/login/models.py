"""The journey's own tables: failed-login counters and per-application login demands."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class LoginCounter(Base):
    """Failed logins for one account (by a hash of the typed username) or one client address.

    Kept in the database so every worker and host counts together. ``key`` is ``account:<sha256>``,
    ``device:<sha256>:<nonce>`` or ``address:<ip>``; the raw username is never stored (people type their
    password in the username field).
    """

    __tablename__ = "login_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class ApplicationLoginPolicy(Base):
    """What an application demands of authentication: a minimum level (``acr``), by client id."""

    __tablename__ = "application_login_policies"

    client_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    min_acr: Mapped[str] = mapped_column(String(64), default="")
