"""Validating an AuthnRequest, before anything is shown to the user or sent to any URL.

``validate_authn_request`` reads the transport encoding with bounded sizes, parses without DTDs, checks
version, time, destination, issuer, signature (with the SP's metadata keys only), replay, ACS and NameID
policy, and returns a ``ValidatedRequest`` that fits in the pending login as JSON.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

from cryptography import x509
from cryptography.exceptions import InvalidSignature as CryptoInvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.saml import NAMEID_FORMAT_TRANSIENT, NAMEID_FORMAT_UNSPECIFIED
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Application, AuditEntry, utcnow

from ..login.acr import level_of
from .errors import (
    STATUS_INVALID_NAME_ID_POLICY,
    STATUS_NO_AUTHN_CONTEXT,
    STATUS_REQUESTER,
    InvalidAssertionConsumerServiceError,
    InvalidSignatureError,
    MessageTooLargeError,
    ReplayedRequestError,
    SamlError,
    SamlStatusError,
    UnknownServiceProviderError,
)
from .models import SeenRequestId, ServiceProvider
from .provider import NAME_ID_FORMATS, IdentityProvider, services_by_binding
from .xml import MessageError, decode_message, parse_untrusted

log = logging.getLogger(__name__)

SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
# saml-bindings §3.4.3 / §3.5.3: RelayState at most 80 bytes.
MAX_RELAY_STATE_BYTES = 80
MAX_ID_LENGTH = 256
# HTTP-Redirect signature algorithms we accept (no SHA-1).
REDIRECT_SIGNATURE_ALGORITHMS: Mapping[str, hashes.HashAlgorithm] = {
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": hashes.SHA256(),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": hashes.SHA384(),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": hashes.SHA512(),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": hashes.SHA256(),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": hashes.SHA384(),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": hashes.SHA512(),
}


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A SAML message as it arrived: the binding, its parameters, and for HTTP-Redirect the raw query."""

    binding: str
    message: str
    relay_state: str = ""
    raw_query: bytes = b""
    signature: str = ""
    signature_algorithm: str = ""
    parameter: str = "SAMLRequest"


@dataclass(frozen=True, slots=True)
class ValidatedRequest:
    """Everything needed to answer an AuthnRequest, as stored in the pending login."""

    request_id: str
    sp_entity_id: str
    acs_url: str
    relay_state: str
    name_id_format: str
    force_authn: bool = False
    is_passive: bool = False
    acr_values: tuple[str, ...] = ()
    attribute_index: int | None = None
    authn_contexts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["acr_values"] = list(self.acr_values)
        data["authn_contexts"] = list(self.authn_contexts)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ValidatedRequest:
        index = data.get("attribute_index")
        return cls(
            request_id=str(data.get("request_id") or ""),
            sp_entity_id=str(data["sp_entity_id"]),
            acs_url=str(data["acs_url"]),
            relay_state=str(data.get("relay_state") or ""),
            name_id_format=str(data.get("name_id_format") or NAMEID_FORMAT_TRANSIENT),
            force_authn=bool(data.get("force_authn")),
            is_passive=bool(data.get("is_passive")),
            acr_values=tuple(str(v) for v in data.get("acr_values") or ()),
            attribute_index=int(index) if isinstance(index, int) else None,
            authn_contexts=tuple(str(v) for v in data.get("authn_contexts") or ()),
        )


def check_relay_state(relay_state: str) -> str:
    """S16: RelayState is opaque to us, but bounded."""
    if len(relay_state.encode("utf-8")) > MAX_RELAY_STATE_BYTES:
        raise SamlError("RelayState is longer than 80 bytes")
    return relay_state


def read_message(inbound: InboundMessage, max_bytes: int, expected_root: str) -> Any:
    """Decode and parse a message; its root must be ``samlp:<expected_root>`` (S15)."""
    try:
        xml = decode_message(inbound.message, deflated=inbound.binding == BINDING_HTTP_REDIRECT, max_bytes=max_bytes)
        root = parse_untrusted(xml)
    except MessageError as error:
        raise (MessageTooLargeError(str(error)) if error.status == 413 else SamlError(str(error))) from None
    if root.tag != f"{{{SAMLP_NS}}}{expected_root}":
        raise SamlError(f"expected a {expected_root}")
    return root


def service_provider(
    session: Session, provider: IdentityProvider, issuer: str, *, for_login: bool = False
) -> ServiceProvider:
    """The registered SP ``issuer``. ``for_login``: it must also be enabled (an administrator can switch an
    application off; its logouts are still answered, so its users' sessions can end)."""
    sp = session.scalar(select(ServiceProvider).where(ServiceProvider.entity_id == issuer)) if issuer else None
    if sp is None:
        raise UnknownServiceProviderError("the request's Issuer is not a registered service provider")
    if for_login:
        enabled = session.scalar(select(Application.enabled).where(Application.client_id == sp.entity_id))
        if not enabled:
            raise UnknownServiceProviderError("this service provider is disabled")
    provider.load(sp)
    return sp


def validate_authn_request(
    inbound: InboundMessage,
    provider: IdentityProvider,
    session: Session,
    *,
    now: dt.datetime | None = None,
) -> ValidatedRequest:
    """The checks of SECURITY.md S01-S19, in the order that keeps attackers' work cheapest for us."""
    now = now or utcnow()
    settings = provider.settings.saml
    relay_state = check_relay_state(inbound.relay_state)
    root = read_message(inbound, settings.max_message_bytes, "AuthnRequest")
    request_id, issue_instant = check_envelope(root, provider, inbound.binding, now)
    issuer = _issuer(root)
    sp = service_provider(session, provider, issuer, for_login=True)
    check_signature(root, inbound, provider, sp, "authn_request")
    remember_request_id(session, issuer, request_id, issued=issue_instant, skew_s=settings.clock_skew_s, now=now)
    acs_url = assertion_consumer_service(root, provider, sp)
    # From here on the ACS is known: refusals go back to it as a Response.
    try:
        name_id_format = name_id_policy(root, sp)
        contexts = requested_authn_contexts(root)
        index = attribute_consuming_service_index(root, provider, sp)
    except SamlStatusError as error:
        error.request = ValidatedRequest(request_id, sp.entity_id, acs_url, relay_state, "")
        raise
    return ValidatedRequest(
        request_id=request_id,
        sp_entity_id=sp.entity_id,
        acs_url=acs_url,
        relay_state=relay_state,
        name_id_format=name_id_format,
        force_authn=_boolean(root.get("ForceAuthn")),
        is_passive=_boolean(root.get("IsPassive")),
        acr_values=contexts,
        attribute_index=index,
        authn_contexts=contexts,
    )


def check_envelope(root: Any, provider: IdentityProvider, binding: str, now: dt.datetime) -> tuple[str, dt.datetime]:
    """Version, ID, IssueInstant within the clock skew (S13), Destination is this endpoint (S14)."""
    if root.get("Version") != "2.0":
        raise SamlError("only SAML 2.0 is supported")
    request_id = root.get("ID") or ""
    if not request_id or len(request_id) > MAX_ID_LENGTH:
        raise SamlError("the request has no usable ID")
    issue_instant = parse_instant(root.get("IssueInstant") or "")
    skew = dt.timedelta(seconds=provider.settings.saml.clock_skew_s)
    if not now - skew <= issue_instant <= now + skew:
        raise SamlError("the request's IssueInstant is outside the allowed clock skew")
    destination = root.get("Destination")
    expected = _endpoint(provider, root, binding)
    if destination is not None and destination != expected:
        raise SamlError("the request's Destination is not this endpoint")
    return request_id, issue_instant


def _endpoint(provider: IdentityProvider, root: Any, binding: str) -> str:
    endpoints = provider.endpoints
    single_logout = etree_local(root) in {"LogoutRequest", "LogoutResponse"}
    if binding == BINDING_HTTP_REDIRECT:
        return endpoints.slo_redirect if single_logout else endpoints.sso_redirect
    return endpoints.slo_post if single_logout else endpoints.sso_post


def etree_local(root: Any) -> str:
    return str(root.tag).rpartition("}")[2]


def parse_instant(value: str) -> dt.datetime:
    """An xs:dateTime in UTC (saml-core §1.3.3: no offset other than Z)."""
    if not value or len(value) > 40:
        raise SamlError("IssueInstant is missing")
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise SamlError("IssueInstant is not a valid time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _issuer(root: Any) -> str:
    element = root.find(f"{{{SAML_NS}}}Issuer")
    issuer = (element.text or "").strip() if element is not None else ""
    if not issuer or len(issuer) > 1024:
        raise UnknownServiceProviderError("the request has no Issuer")
    return issuer


def signature_required(provider: IdentityProvider, sp: ServiceProvider) -> bool:
    """S04: the SP's metadata says ``AuthnRequestsSigned="true"``, or we registered it so."""
    descriptors = provider.metadata_store[sp.entity_id].get("spsso_descriptor") or []
    promised = any(str(d.get("authn_requests_signed", "false")).lower() in {"true", "1"} for d in descriptors)
    return promised or sp.require_signed_requests


def signing_certificates(provider: IdentityProvider, sp: ServiceProvider) -> list[x509.Certificate]:
    certificates = []
    for _, encoded in provider.metadata_store.certs(sp.entity_id, "spsso", "signing"):
        try:
            der = base64.b64decode("".join(str(encoded).split()))
            certificates.append(x509.load_der_x509_certificate(der))
        except (ValueError, binascii.Error):
            continue
    return certificates


def check_signature(
    root: Any, inbound: InboundMessage, provider: IdentityProvider, sp: ServiceProvider, kind: str
) -> None:
    """Verify whatever signature there is with the metadata's keys only (S06, S08); require one if the SP
    promised to sign (S04)."""
    required = signature_required(provider, sp)
    embedded = root.find(f"{{{DSIG_NS}}}Signature")
    if (embedded is not None or inbound.signature) and root.get("Destination") is None:
        # saml-bindings §3.4.5.2, §3.5.5.2: a signed message names its Destination (no reuse elsewhere).
        raise InvalidSignatureError("a signed message must carry a Destination")
    if inbound.binding == BINDING_HTTP_REDIRECT:
        if embedded is not None:
            # saml-bindings §3.4.4.1: the redirect binding carries its signature in the query string.
            raise InvalidSignatureError("an HTTP-Redirect message must not carry an XML signature")
        if inbound.signature or inbound.signature_algorithm:
            verify_redirect_signature(inbound, signing_certificates(provider, sp))
        elif required:
            raise InvalidSignatureError("this service provider must sign its requests")
        return
    if embedded is None:
        if required:
            raise InvalidSignatureError("this service provider must sign its requests")
        return
    xml = etree_tostring(root)
    checker = getattr(provider.server.sec, f"correctly_signed_{kind}")
    try:
        checker(xml, must=True)
    except Exception as error:  # pysaml2 raises a zoo of types for one meaning
        raise InvalidSignatureError("the request's signature is not valid") from error


def etree_tostring(root: Any) -> str:
    from lxml import etree

    return str(etree.tostring(root, encoding="unicode"))


def verify_redirect_signature(inbound: InboundMessage, certificates: list[x509.Certificate]) -> None:
    """saml-bindings §3.4.4.1: the signature covers the parameters exactly as they were sent, so we
    verify the raw query string, never a re-encoding."""
    algorithm = REDIRECT_SIGNATURE_ALGORITHMS.get(inbound.signature_algorithm)
    if algorithm is None:
        raise InvalidSignatureError("unsupported or weak signature algorithm")
    if not certificates:
        raise InvalidSignatureError("the service provider's metadata has no signing key")
    fields: dict[str, bytes] = {}
    for part in inbound.raw_query.split(b"&"):
        name, _, _value = part.partition(b"=")
        fields.setdefault(name.decode("ascii", "replace"), part)
    names = [inbound.parameter, "RelayState", "SigAlg"]
    signed = b"&".join(fields[name] for name in names if name in fields)
    try:
        signature = base64.b64decode(unquote_to_bytes(fields["Signature"].partition(b"=")[2]), validate=True)
    except (KeyError, ValueError, binascii.Error):
        raise InvalidSignatureError("the Signature parameter is not base64") from None
    for certificate in certificates:
        key = certificate.public_key()
        try:
            if isinstance(key, rsa.RSAPublicKey) and "rsa-" in inbound.signature_algorithm:
                key.verify(signature, signed, padding.PKCS1v15(), algorithm)
            elif isinstance(key, ec.EllipticCurvePublicKey) and "ecdsa-" in inbound.signature_algorithm:
                key.verify(signature, signed, ec.ECDSA(algorithm))
            else:
                continue
        except CryptoInvalidSignature:
            continue
        return
    raise InvalidSignatureError("the request's signature is not valid")


def remember_request_id(
    session: Session, issuer: str, request_id: str, *, issued: dt.datetime, skew_s: int, now: dt.datetime
) -> None:
    """S12: accept an ID once. The row lives as long as the request could be accepted at all."""
    key = hashlib.sha256(f"{issuer}\0{request_id}".encode()).hexdigest()
    session.execute(delete(SeenRequestId).where(SeenRequestId.expires_at < now))
    session.add(SeenRequestId(id=key, issuer=issuer, expires_at=issued + dt.timedelta(seconds=2 * skew_s + 60)))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        log.warning("SAML replay: request %s from %s was seen before", request_id[:80], issuer[:200])
        session.add(AuditEntry(action="saml.replay", target=issuer[:200], detail={"request_id": request_id[:256]}))
        session.commit()
        raise ReplayedRequestError("this request has already been used") from None


def assertion_consumer_service(root: Any, provider: IdentityProvider, sp: ServiceProvider) -> str:
    """S01, S02: the ACS comes from the metadata; the request may only pick one of them, exactly."""
    services = services_by_binding(provider, sp.entity_id, "assertion_consumer_service").get(BINDING_HTTP_POST, [])
    url = root.get("AssertionConsumerServiceURL")
    index = root.get("AssertionConsumerServiceIndex")
    binding = root.get("ProtocolBinding")
    if binding is not None and binding != BINDING_HTTP_POST:
        raise InvalidAssertionConsumerServiceError("responses are sent with the HTTP-POST binding only")
    if url is not None and index is not None:
        raise InvalidAssertionConsumerServiceError("AssertionConsumerServiceURL and Index are mutually exclusive")
    if url is not None:
        for service in services:
            if service.get("location") == url:  # exact string match, as for redirect URIs
                return str(url)
        raise InvalidAssertionConsumerServiceError("the AssertionConsumerServiceURL is not in the metadata")
    if index is not None:
        for service in services:
            if str(service.get("index")) == index:
                return str(service["location"])
        raise InvalidAssertionConsumerServiceError("the AssertionConsumerServiceIndex is not in the metadata")
    return default_assertion_consumer_service(provider, sp)


def default_assertion_consumer_service(provider: IdentityProvider, sp: ServiceProvider) -> str:
    """The SP's default HTTP-POST ACS: the one marked isDefault, else the first (saml-metadata §2.2.3)."""
    services = services_by_binding(provider, sp.entity_id, "assertion_consumer_service").get(BINDING_HTTP_POST, [])
    if not services:
        raise InvalidAssertionConsumerServiceError("the metadata has no HTTP-POST AssertionConsumerService")
    default = next((s for s in services if str(s.get("is_default", "")).lower() in {"true", "1"}), services[0])
    return str(default["location"])


def name_id_policy(root: Any, sp: ServiceProvider) -> str:
    """S19: the requested NameID format, if any, must be one this SP may have."""
    allowed = list(sp.name_id_formats or [NAMEID_FORMAT_TRANSIENT])
    policy = root.find(f"{{{SAMLP_NS}}}NameIDPolicy")
    requested = policy.get("Format") if policy is not None else None
    if requested in (None, NAMEID_FORMAT_UNSPECIFIED):
        return str(allowed[0])
    if requested not in NAME_ID_FORMATS or requested not in allowed:
        raise SamlStatusError(STATUS_INVALID_NAME_ID_POLICY, f"NameID format {requested[:100]} is not available")
    return str(requested)


def requested_authn_contexts(root: Any) -> tuple[str, ...]:
    """RequestedAuthnContext class references we know (comparison "exact" or "minimum"), for the journey."""
    element = root.find(f"{{{SAMLP_NS}}}RequestedAuthnContext")
    if element is None:
        return ()
    comparison = element.get("Comparison", "exact")
    references = tuple((child.text or "").strip() for child in element.findall(f"{{{SAML_NS}}}AuthnContextClassRef"))
    known = tuple(reference for reference in references if level_of(reference))
    if not known or comparison not in {"exact", "minimum", "better"}:
        raise SamlStatusError(STATUS_NO_AUTHN_CONTEXT, "none of the requested authentication contexts is offered")
    return known


def attribute_consuming_service_index(root: Any, provider: IdentityProvider, sp: ServiceProvider) -> int | None:
    """The AttributeConsumingServiceIndex, which must name one in the SP's metadata."""
    value = root.get("AttributeConsumingServiceIndex")
    if value is None:
        return None
    known = {
        str(service.get("index"))
        for descriptor in provider.metadata_store[sp.entity_id].get("spsso_descriptor") or []
        for service in descriptor.get("attribute_consuming_service") or []
    }
    if value not in known or not value.isdigit():
        raise SamlStatusError(STATUS_REQUESTER, "the AttributeConsumingServiceIndex is not in the metadata")
    return int(value)


def _boolean(value: str | None) -> bool:
    return value in {"true", "1"}
