"""The portal's own table: which party a login chose to act for."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class PortalEntry(Base):
    """The party a single sign-on session acts for in the portal, chosen once per login.

    Keyed by the session: a new login is a new session (the id changes at every authentication, L01), so
    choosing another party means logging in again, as in SSM (SECURITY.md M17).
    """

    __tablename__ = "portal_entries"

    session_id: Mapped[str] = mapped_column(ForeignKey("sso_sessions.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    chosen_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    # "self", "manager" (IDM right SSM Mandaatbeheerder) or "legal_representative" (KBO), for the page header.
    capacity: Mapped[str] = mapped_column(String(24), default="self")
