"""The API's own table: the answers to creations sent with an ``Idempotency-Key``, so that a client
retrying after a lost answer gets the first answer again instead of a second creation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class ApiIdempotencyKey(Base):
    """One creation's answer, by the key the client chose; a key is its client's and user's alone."""

    __tablename__ = "api_idempotency_keys"
    __table_args__ = (UniqueConstraint("client_id", "user_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    # SHA-256 of the method, path and body: the same key with another request is the client's mistake.
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
