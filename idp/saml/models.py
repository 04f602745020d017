"""The SAML layer's own tables: registered service providers and the replay cache of request IDs.

Both live in the database, never in process memory, so every worker on every host sees the same service
providers and rejects a request ID another worker has already accepted (S12).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mandate_resolver.registry.models import Base, Timestamp, utcnow


class ServiceProvider(Base):
    """A SAML service provider registered from its metadata (``idp sp add``).

    The ACS URLs, signing and encryption certificates and ``AuthnRequestsSigned`` come from
    ``metadata_xml`` only; its mandate policy is the ``Application`` with ``client_id == entity_id``.
    """

    __tablename__ = "saml_service_providers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(1024), unique=True)
    metadata_xml: Mapped[str] = mapped_column(Text)
    # Where the metadata was fetched from ("" for a file); `idp sp refresh` reads it again.
    metadata_url: Mapped[str] = mapped_column(String(2048), default="")
    # NameID formats this SP may ask for; the first is used when the request names none.
    name_id_formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    # "standard" (mandate attributes and ACM names) or "eidas" (plus the eIDAS representation profile).
    attribute_profile: Mapped[str] = mapped_column(String(32), default="standard")
    encrypt_assertions: Mapped[bool] = mapped_column(Boolean, default=False)
    # The Response is always signed; the Assertion inside it too when this is "always", or when it is
    # "metadata" and the SP's metadata says WantAssertionsSigned="true" (saml-profiles §4.1.3.5 lets the
    # Response's signature cover the assertion; a second RSA signature per login costs as much as the first).
    sign_assertions: Mapped[str] = mapped_column(String(16), default="metadata")
    allow_idp_initiated: Mapped[bool] = mapped_column(Boolean, default=False)
    # Signed AuthnRequests required even when the SP's metadata does not promise them.
    require_signed_requests: Mapped[bool] = mapped_column(Boolean, default=False)
    # Secret per SP for persistent NameIDs: stable for this SP, unlinkable across SPs.
    name_id_secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)


class SeenRequestId(Base):
    """A request ID accepted once, kept until the request could no longer be valid (replay cache)."""

    __tablename__ = "saml_seen_requests"
    __table_args__ = (Index("ix_saml_seen_requests_expires", "expires_at"),)

    # SHA-256 of issuer and ID: IDs are chosen by SPs, so two SPs may pick the same one.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    issuer: Mapped[str] = mapped_column(String(1024))
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
