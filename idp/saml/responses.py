"""Answering a validated AuthnRequest: the NameID, the attributes, a signed (and maybe encrypted) Response.

Responses and assertions are both signed with RSA-SHA256 (S20); the assertion lives
``saml.assertion_lifetime_s`` (five minutes by default), is addressed to the SP (Audience), its ACS
(Recipient) and the request (InResponseTo).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from saml2 import saml
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT

from ..login.acr import ACR_LOW, SAML_AUTHN_CONTEXT
from .models import ServiceProvider
from .provider import DIGEST_ALGORITHM, SIGNING_ALGORITHM, IdentityProvider
from .requests import ValidatedRequest


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
    """The signed Response as XML text (assertion signed, then encrypted if the SP wants it, then the
    response signed)."""
    server = provider.server
    policy = provider.release_policy
    statement = saml.AuthnStatement(
        authn_instant=_instant(authenticated_at),
        session_index=name_id.session_index,
        authn_context=saml.AuthnContext(
            authn_context_class_ref=saml.AuthnContextClassRef(
                text=SAML_AUTHN_CONTEXT.get(acr, SAML_AUTHN_CONTEXT[ACR_LOW])
            )
        ),
    )
    subject_name = saml.NameID(
        format=name_id.format,
        name_qualifier=provider.endpoints.entity_id,
        sp_name_qualifier=sp.entity_id,
        text=name_id.value,
    )
    # create_authn_response drops a ready AuthnStatement (and with it our session index), so we call the
    # layer below it; every other argument is what create_authn_response would pass.
    response = server._authn_response(
        request.request_id or None,
        request.acs_url,
        sp.entity_id,
        identity=attributes,
        name_id=subject_name,
        authn_statement=statement,
        policy=policy,
        sign_response=True,
        sign_assertion=True,
        encrypt_assertion=sp.encrypt_assertions,
        # pysaml2's self-contained mode renames prefixes, which SPs that move the decrypted assertion
        # back into the response (python3-saml) cannot verify; crypto.encrypt_element keeps them.
        encrypt_assertion_self_contained=False,
        sign_alg=SIGNING_ALGORITHM,
        digest_alg=DIGEST_ALGORITHM,
    )
    return str(response)


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
