"""Client authentication at the token, introspection and revocation endpoints (Core §9): what Authlib's
``ClientAuthentication`` (``server``) does not check itself, and the client's keys for ``private_key_jwt``.

Authlib tries the allowed methods in turn and takes the first that succeeds; RFC 6749 §2.3 forbids more
than one method in a request, so ``check_single_method`` refuses that first (``invalid_request``, O25).
Each client may use only the method it registered (``OAuthClient.check_endpoint_auth_method``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Mapping
from urllib.parse import unquote_plus

import requests
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from werkzeug.datastructures import MultiDict

from .errors import InvalidClient, InvalidRequest
from .models import OidcClient

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_ALGORITHMS = ["RS256", "ES256", "PS256"]
# Authlib and others sign assertions for an hour by default; the jti table holds them that long.
MAX_ASSERTION_LIFETIME = dt.timedelta(hours=1)
JWKS_TIMEOUT_S = 2.0
JWKS_MAX_BYTES = 100_000


def check_single_method(authorization: str | None, form: MultiDict[str, str] | Mapping[str, str]) -> None:
    """Refuse a request that carries more than one client authentication method (RFC 6749 §2.3), or a
    ``client_id`` that contradicts its credentials."""
    methods: list[str] = []
    basic_client_id = ""
    if authorization and authorization[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise InvalidClient("malformed Basic credentials") from None
        user, sep, _password = decoded.partition(":")
        if not sep:
            raise InvalidClient("malformed Basic credentials")
        methods.append("client_secret_basic")
        basic_client_id = unquote_plus(user)  # RFC 6749 §2.3.1: form-urlencoded before being joined
    if form.get("client_secret"):
        methods.append("client_secret_post")
    if form.get("client_assertion") or form.get("client_assertion_type"):
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            raise InvalidClient("unsupported client_assertion_type")
        methods.append("private_key_jwt")
    if len(methods) > 1:
        raise InvalidRequest("use exactly one client authentication method")  # O25
    form_client_id = form.get("client_id")
    if basic_client_id and form_client_id and form_client_id != basic_client_id:
        raise InvalidRequest("client_id does not match the client credentials")


def client_keys(client: OidcClient) -> KeySet:
    """The client's public keys: registered inline, or fetched from its jwks_uri (small, quick, no redirects)."""
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
