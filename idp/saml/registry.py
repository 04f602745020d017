"""Registering service providers from their metadata (a file or a URL), with their mandate policy.

The metadata is checked before anything is stored: it must parse (no DTDs), describe exactly one SP with
at least one HTTP-POST AssertionConsumerService, and every ACS URL must be https (http only on loopback).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from saml2 import BINDING_HTTP_POST
from saml2.attribute_converter import ac_factory
from saml2.saml import NAMEID_FORMAT_TRANSIENT
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Application, ApplicationMandateType, MandateType, utcnow

from .attributes import PROFILES
from .models import ServiceProvider
from .provider import NAME_ID_FORMATS, parse_metadata
from .xml import MessageError, parse_untrusted

MAX_METADATA_BYTES = 1_000_000
# When the Assertion is signed besides the Response (models.ServiceProvider.sign_assertions).
SIGN_ASSERTIONS = ("metadata", "always")


class MetadataInvalidError(ValueError):
    """The metadata cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class SpRegistration:
    """How one SP is registered (``idp sp add`` options)."""

    name: str = ""
    name_id_formats: Sequence[str] = (NAMEID_FORMAT_TRANSIENT,)
    attribute_profile: str = "standard"
    encrypt_assertions: bool = False
    sign_assertions: str = "metadata"
    allow_idp_initiated: bool = False
    require_signed_requests: bool = False
    mandate_types: Sequence[str] = ()
    legal_representatives: bool = False
    metadata_url: str = ""


def entity_id_of(metadata_xml: str) -> str:
    """The one SP entity the metadata describes (S09/S10 rules apply to metadata too)."""
    if len(metadata_xml.encode("utf-8")) > MAX_METADATA_BYTES:
        raise MetadataInvalidError("the metadata is larger than 1 MB")
    try:
        parse_untrusted(metadata_xml.encode("utf-8"))
    except MessageError as error:
        raise MetadataInvalidError(str(error)) from None
    try:
        entities = parse_metadata(ac_factory(), metadata_xml)
    except Exception as error:
        raise MetadataInvalidError(f"the metadata cannot be read: {error}") from None
    providers = [entity_id for entity_id, entity in entities.items() if entity.get("spsso_descriptor")]
    if len(providers) != 1:
        raise MetadataInvalidError(f"the metadata must describe exactly one service provider, not {len(providers)}")
    entity = entities[providers[0]]
    services = [
        service
        for descriptor in entity["spsso_descriptor"]
        for service in descriptor.get("assertion_consumer_service", [])
        if service.get("binding") == BINDING_HTTP_POST
    ]
    if not services:
        raise MetadataInvalidError("the metadata has no HTTP-POST AssertionConsumerService")
    for service in services:
        check_url(str(service.get("location", "")))
    return providers[0]


def encryption_certificates(metadata_xml: str, entity_id: str) -> list[str]:
    """Certificates (base64 DER) the SP's metadata offers for encryption (``use="encryption"`` or no use)."""
    entity = parse_metadata(ac_factory(), metadata_xml)[entity_id]
    return [
        "".join(data["x509_certificate"]["text"].split())
        for descriptor in entity.get("spsso_descriptor", [])
        for key in descriptor.get("key_descriptor", [])
        if key.get("use", "encryption") == "encryption"
        for data in (key.get("key_info") or {}).get("x509_data", [])
    ]


def check_url(url: str) -> None:
    parts = urlsplit(url)
    local = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise MetadataInvalidError(f"AssertionConsumerService {url[:200]} must be https")


def register_service_provider(session: Session, metadata_xml: str, options: SpRegistration) -> ServiceProvider:
    """Create or update the SP and its ``Application`` (client_id = entityID, protocol "saml")."""
    entity_id = entity_id_of(metadata_xml)
    for name_id_format in options.name_id_formats:
        if name_id_format not in NAME_ID_FORMATS:
            raise MetadataInvalidError(f"unsupported NameID format {name_id_format}")
    if options.attribute_profile not in PROFILES:
        raise MetadataInvalidError(f"attribute profile must be one of {', '.join(PROFILES)}")
    if options.sign_assertions not in SIGN_ASSERTIONS:
        raise MetadataInvalidError(f"sign_assertions must be one of {', '.join(SIGN_ASSERTIONS)}")
    if options.encrypt_assertions and not encryption_certificates(metadata_xml, entity_id):
        # Never fall back to sending the assertion in clear (pysaml2 silently would).
        raise MetadataInvalidError("encrypted assertions need an encryption certificate in the metadata")
    sp = session.scalar(select(ServiceProvider).where(ServiceProvider.entity_id == entity_id))
    if sp is None:
        sp = ServiceProvider(entity_id=entity_id, name_id_secret=secrets.token_hex(32), created_at=utcnow())
        session.add(sp)
    sp.metadata_xml = metadata_xml
    sp.metadata_url = options.metadata_url
    sp.name_id_formats = list(options.name_id_formats) or [NAMEID_FORMAT_TRANSIENT]
    sp.attribute_profile = options.attribute_profile
    sp.encrypt_assertions = options.encrypt_assertions
    sp.sign_assertions = options.sign_assertions
    sp.allow_idp_initiated = options.allow_idp_initiated
    sp.require_signed_requests = options.require_signed_requests
    sp.updated_at = utcnow()
    application = session.scalar(select(Application).where(Application.client_id == entity_id))
    if application is None:
        application = Application(client_id=entity_id, name=options.name or entity_id[:200], protocol="saml")
        session.add(application)
    elif application.protocol != "saml":
        raise MetadataInvalidError(f"{entity_id} is already registered as an {application.protocol} client")
    if options.name:
        application.name = options.name
    application.legal_representatives = options.legal_representatives
    application.claim_profile = options.attribute_profile
    if options.mandate_types:
        types = list(session.scalars(select(MandateType).where(MandateType.code.in_(list(options.mandate_types)))))
        missing = set(options.mandate_types) - {t.code for t in types}
        if missing:
            raise MetadataInvalidError(f"unknown mandate types: {', '.join(sorted(missing))}")
        session.flush()
        application.mandate_types = [ApplicationMandateType(mandate_type_id=t.id) for t in types]
    session.flush()
    return sp
