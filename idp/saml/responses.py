"""Answering a validated AuthnRequest: the NameID, the attributes, a signed (and maybe encrypted) Response.

The Response is always signed with RSA-SHA256 (S20); the Assertion inside it is signed too when the SP's
metadata says ``WantAssertionsSigned="true"`` or the SP is registered with ``sign_assertions="always"``
(saml-profiles §4.1.3.5: over HTTP-POST an assertion is protected by its own signature or by the Response's).
The assertion lives ``saml.assertion_lifetime_s`` (five minutes by default), is addressed to the SP
(Audience), its ACS (Recipient) and the request (InResponseTo).

The success Response is written with lxml and signed with python-xmlsec directly: pysaml2's object model
(building the classes, serialising them, parsing the text back to sign it, twice) took as long as both
RSA-3072 signatures. Error responses, rare, still go through pysaml2.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from lxml import etree
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT
from saml2.sigver import EncryptError

from ..login.acr import ACR_LOW, SAML_AUTHN_CONTEXT
from .attributes import attribute_name
from .crypto import encrypt_element, sign_enveloped
from .models import ServiceProvider
from .provider import DIGEST_ALGORITHM, SIGNING_ALGORITHM, IdentityProvider
from .requests import ValidatedRequest

SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion"
XS_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NAMEID_FORMAT_ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity"
CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
_P = f"{{{SAMLP_NS}}}"
_A = f"{{{SAML_NS}}}"
_XSI_TYPE = f"{{{XSI_NS}}}type"


@dataclass(frozen=True, slots=True)
class IssuedNameId:
    """The NameID sent to an SP and the session index, kept in the SSO participant for single logout."""

    format: str
    value: str
    session_index: str

    def to_details(self) -> dict[str, object]:
        return {"name_id": self.value, "name_id_format": self.format, "session_index": self.session_index}


def name_id_value(name_id_format: str, sp: ServiceProvider, user_id: int, username: str) -> str:
    """Transient: fresh per login. Persistent: stable per SP and person, unlinkable across SPs."""
    if name_id_format == NAMEID_FORMAT_TRANSIENT:
        return "_" + secrets.token_hex(20)
    if name_id_format == NAMEID_FORMAT_PERSISTENT:
        digest = hmac.new(sp.name_id_secret.encode("ascii"), str(user_id).encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return username


def wants_signed_assertions(provider: IdentityProvider, entity_id: str) -> bool:
    """What the SP's (loaded) metadata says: ``WantAssertionsSigned`` on its SPSSODescriptor (default false)."""
    entity: dict[str, Any] = provider.metadata_store[entity_id]
    return any(
        str(descriptor.get("want_assertions_signed", "false")).lower() in {"true", "1"}
        for descriptor in entity.get("spsso_descriptor") or ()
    )


def signs_assertion(provider: IdentityProvider, sp: ServiceProvider) -> bool:
    """Whether the Assertion gets its own signature (the Response always has one)."""
    if sp.sign_assertions != "metadata":
        return True  # "always", and anything unknown: two signatures are never less safe than one
    return wants_signed_assertions(provider, sp.entity_id)


def build_response(
    provider: IdentityProvider,
    request: ValidatedRequest,
    sp: ServiceProvider,
    *,
    name_id: IssuedNameId,
    attributes: dict[str, list[str]],
    authenticated_at: dt.datetime,
    acr: str,
) -> str:
    """The signed Response as XML text: the assertion signed (if ``signs_assertion``), then encrypted if the
    SP wants it, then the response signed."""
    now = dt.datetime.now(dt.UTC)
    issued = _instant(now)
    expires = _instant(now + dt.timedelta(seconds=provider.settings.saml.assertion_lifetime_s))
    issuer = provider.endpoints.entity_id
    in_response_to = {"InResponseTo": request.request_id} if request.request_id else {}
    response = etree.Element(
        _P + "Response",
        {"ID": _id(), **in_response_to, "Version": "2.0", "IssueInstant": issued, "Destination": request.acs_url},
        nsmap={"samlp": SAMLP_NS, "saml": SAML_NS},
    )
    etree.SubElement(response, _A + "Issuer", Format=NAMEID_FORMAT_ENTITY).text = issuer
    status = etree.SubElement(response, _P + "Status")
    etree.SubElement(status, _P + "StatusCode", Value=STATUS_SUCCESS)
    parent = etree.SubElement(response, _A + "EncryptedAssertion") if sp.encrypt_assertions else response
    assertion = etree.SubElement(
        parent,
        _A + "Assertion",
        {"ID": _id(), "Version": "2.0", "IssueInstant": issued},
        nsmap={"xs": XS_NS, "xsi": XSI_NS},
    )
    etree.SubElement(assertion, _A + "Issuer", Format=NAMEID_FORMAT_ENTITY).text = issuer
    subject = etree.SubElement(assertion, _A + "Subject")
    etree.SubElement(
        subject, _A + "NameID", Format=name_id.format, NameQualifier=issuer, SPNameQualifier=sp.entity_id
    ).text = name_id.value
    confirmation = etree.SubElement(subject, _A + "SubjectConfirmation", Method=CM_BEARER)
    etree.SubElement(
        confirmation,
        _A + "SubjectConfirmationData",
        {"NotOnOrAfter": expires, "Recipient": request.acs_url, **in_response_to},
    )
    conditions = etree.SubElement(assertion, _A + "Conditions", NotBefore=issued, NotOnOrAfter=expires)
    restriction = etree.SubElement(conditions, _A + "AudienceRestriction")
    etree.SubElement(restriction, _A + "Audience").text = sp.entity_id
    statement = etree.SubElement(
        assertion, _A + "AuthnStatement", AuthnInstant=_instant(authenticated_at), SessionIndex=name_id.session_index
    )
    context = etree.SubElement(statement, _A + "AuthnContext")
    etree.SubElement(context, _A + "AuthnContextClassRef").text = SAML_AUTHN_CONTEXT.get(
        acr, SAML_AUTHN_CONTEXT[ACR_LOW]
    )
    if attributes:  # the schema wants at least one Attribute in an AttributeStatement
        _attribute_statement(assertion, attributes, provider.settings.issuer)
    keys = provider.backend.keys
    signing_key = keys.signing_key(provider.key.key_path, provider.key.certificate_path)
    if signs_assertion(provider, sp):
        sign_enveloped(assertion, signing_key)
    if sp.encrypt_assertions:
        certificates = provider.metadata_store.certs(sp.entity_id, "spsso", "encryption")
        if not certificates:
            # Never send in clear what the SP is registered to get encrypted (pysaml2 silently would).
            raise EncryptError(f"{sp.entity_id} has no encryption certificate in its metadata")
        encrypt_element(assertion, keys.certificate(str(certificates[0][1])))
    sign_enveloped(response, signing_key)
    return str(etree.tostring(response, encoding="unicode"))


def build_error_response(provider: IdentityProvider, request: ValidatedRequest, second: str, message: str) -> str:
    """A signed Response with a status, no assertion (NoPassive, InvalidNameIDPolicy, ...)."""
    response = provider.server.create_error_response(
        request.request_id or None,
        request.acs_url,
        (second, message[:200]),
        sign=True,
        sign_alg=SIGNING_ALGORITHM,
        digest_alg=DIGEST_ALGORITHM,
    )
    return str(response)


def encode_post(xml: str) -> str:
    return base64.b64encode(xml.encode("utf-8")).decode("ascii")


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _attribute_statement(assertion: Any, attributes: dict[str, list[str]], issuer: str) -> None:
    """NameFormat uri, Name ``<issuer>/attributes/<name>`` (or the eIDAS Name), FriendlyName the given name;
    every value an ``xs:string``."""
    statement = etree.SubElement(assertion, _A + "AttributeStatement")
    for name, values in attributes.items():
        attribute = etree.SubElement(
            statement,
            _A + "Attribute",
            Name=attribute_name(name, issuer),
            NameFormat=NAME_FORMAT_URI,
            FriendlyName=name,
        )
        for value in values:
            etree.SubElement(attribute, _A + "AttributeValue", {_XSI_TYPE: "xs:string"}).text = value


def _id() -> str:
    """An xs:ID (an NCName: no leading digit) with 160 random bits, so IDs are neither guessed nor reused."""
    return "_" + secrets.token_hex(20)
