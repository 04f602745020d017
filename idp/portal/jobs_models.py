"""The portal's upload jobs: a parsed CSV file waiting for, or going through, its dry run and its commit.

A job lives in the database, not in process memory, so any worker can show its progress; it is bound to
the login (session) and the party chosen at entry, and goes when the login goes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class PortalJob(Base):
    """One uploaded CSV file of new mandates and how far its check or its creation got.

    ``status``: "checking" (the dry run runs), "checked" (the report is ready: ``problems`` lists every
    row's problem, or none), "writing" (the confirmed creation runs, one transaction), "done" (``created``
    mandates written), "failed" (an unexpected error; nothing written).
    """

    __tablename__ = "portal_jobs"
    __table_args__ = (Index("ix_portal_jobs_session", "session_id"),)

    # A random token (secrets.token_urlsafe(32)): the job's address, unguessable.
    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sso_sessions.id", ondelete="CASCADE"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="checking")
    total: Mapped[int] = mapped_column(Integer, default=0)
    # Rows checked so far by the running step: the progress bar.
    done: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    # The parsed rows (csv_reading.UploadRow.as_json) and the problems found ({line, field, code, params}).
    rows: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    problems: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
