"""Client authentication at the token, introspection and revocation endpoints (Core §9).

Exactly one method per request, and only the one the client registered: ``client_secret_basic``,
``client_secret_post``, ``private_key_jwt`` (RFC 7523, jti used once), or ``none`` for a public client
(which then must have used PKCE). Two methods at once is ``invalid_request`` (RFC 6749 §2.3).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote_plus

import requests
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .clients import check_secret, find_client
from .errors import InvalidClient, InvalidRequest
from .models import OidcAssertionJti, OidcClient

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_ALGORITHMS = ["RS256", "ES256", "PS256"]
# Authlib and others sign assertions for an hour by default; the jti cache holds them that long.
MAX_ASSERTION_LIFETIME = dt.timedelta(hours=1)
JWKS_TIMEOUT_S = 2.0
JWKS_MAX_BYTES = 100_000


class BasicInvalidClient(InvalidClient):
    """invalid_client after an ``Authorization: Basic`` attempt: answered with ``WWW-Authenticate``."""


@dataclass(frozen=True, slots=True)
class PresentedCredentials:
    """What the request carried, before any check."""

    method: str
    client_id: str
    secret: str = ""
    assertion: str = ""


def presented_credentials(authorization: str | None, form: Mapping[str, Sequence[str]]) -> PresentedCredentials:
    """Which single method the request used; two at once is ``invalid_request``."""

    def one(name: str) -> str:
        values = form.get(name, ())
        if len(values) > 1:
            raise InvalidRequest(f"{name} is repeated")
        return values[0] if values else ""

    methods: list[PresentedCredentials] = []
    if authorization and authorization[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise BasicInvalidClient("malformed Basic credentials") from None
        user, sep, password = decoded.partition(":")
        if not sep:
            raise BasicInvalidClient("malformed Basic credentials")
        # RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
        methods.append(PresentedCredentials("client_secret_basic", unquote_plus(user), unquote_plus(password)))
    if one("client_secret"):
        methods.append(PresentedCredentials("client_secret_post", one("client_id"), one("client_secret")))
    if one("client_assertion") or one("client_assertion_type"):
        if one("client_assertion_type") != ASSERTION_TYPE:
            raise InvalidClient("unsupported client_assertion_type")
        methods.append(PresentedCredentials("private_key_jwt", one("client_id"), assertion=one("client_assertion")))
    if len(methods) > 1:
        raise InvalidRequest("use exactly one client authentication method")  # O25
    if not methods:
        return PresentedCredentials("none", one("client_id"))
    chosen = methods[0]
    form_client_id = one("client_id")
    if form_client_id and chosen.client_id and form_client_id != chosen.client_id:
        raise InvalidRequest("client_id does not match the client credentials")
    return chosen


def authenticate_client(
    db: Session, presented: PresentedCredentials, *, audiences: Sequence[str], now: dt.datetime
) -> OidcClient:
    """The authenticated client, or ``invalid_client`` (401)."""
    failure = BasicInvalidClient if presented.method == "client_secret_basic" else InvalidClient
    client_id = presented.client_id
    if presented.method == "private_key_jwt" and not client_id:
        client_id = _unverified_issuer(presented.assertion)
    client = find_client(db, client_id)
    if client is None or client.auth_method != presented.method:
        # A method the client is not registered for is refused, even with a good secret.
        raise failure("client authentication failed")
    if presented.method in ("client_secret_basic", "client_secret_post"):
        if not check_secret(client, presented.secret):
            raise failure("client authentication failed")
    elif presented.method == "private_key_jwt":
        _check_assertion(db, client, presented.assertion, audiences=audiences, now=now)
    return client


def _unverified_issuer(assertion: str) -> str:
    try:
        payload = assertion.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return ""
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    return issuer if isinstance(issuer, str) else ""


def _client_keys(client: OidcClient) -> KeySet:
    document: object = client.jwks
    if client.jwks_uri:
        try:
            reply = requests.get(client.jwks_uri, timeout=JWKS_TIMEOUT_S, allow_redirects=False, stream=True)
            body = reply.raw.read(JWKS_MAX_BYTES + 1, decode_content=True)
            reply.close()
            if reply.status_code != 200 or len(body) > JWKS_MAX_BYTES:
                raise InvalidClient("the client's jwks_uri did not answer")
            document = json.loads(body)
        except (requests.RequestException, ValueError):
            raise InvalidClient("the client's jwks_uri did not answer") from None
    if not isinstance(document, dict):
        raise InvalidClient("the client has no keys")
    try:
        return KeySet.import_key_set(document)  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError, KeyError):
        raise InvalidClient("the client's keys cannot be read") from None


def _check_assertion(
    db: Session, client: OidcClient, assertion: str, *, audiences: Sequence[str], now: dt.datetime
) -> None:
    if not assertion or len(assertion) > 8000:
        raise InvalidClient("client_assertion is missing")
    keys = _client_keys(client)
    try:
        token = jwt.decode(assertion, keys, algorithms=ASSERTION_ALGORITHMS)
    except (JoseError, ValueError, TypeError):
        raise InvalidClient("client_assertion signature is not valid") from None
    claims = token.claims
    audience = claims.get("aud")
    audience_list = audience if isinstance(audience, list) else [audience]
    expires = claims.get("exp")
    jti = claims.get("jti")
    if claims.get("iss") != client.client_id or claims.get("sub") != client.client_id:
        raise InvalidClient("client_assertion iss and sub must be the client_id")
    if not any(a in audiences for a in audience_list):
        raise InvalidClient("client_assertion audience is not this provider")
    if not isinstance(expires, int) or not isinstance(jti, str) or not jti or len(jti) > 255:
        raise InvalidClient("client_assertion needs exp and jti")
    expires_at = dt.datetime.fromtimestamp(expires, dt.UTC)
    if expires_at <= now or expires_at > now + MAX_ASSERTION_LIFETIME:
        raise InvalidClient("client_assertion has expired or lives too long")
    try:
        with db.begin_nested():
            db.add(OidcAssertionJti(client_id=client.client_id, jti=jti, expires_at=expires_at))
        db.commit()
    except IntegrityError:
        raise InvalidClient("client_assertion was already used") from None
