"""Validation of an authorization request (OpenID Connect Core §3.1.2), framework-free.

Two steps, because they fail differently: ``resolve_redirect`` finds the client and the redirect URI and
fails with an error page (never a redirect to an address we could not verify); ``validate_authorization_request``
checks everything else and fails with an error the relying party receives at that verified address.

    client, redirect = resolve_redirect(db, params)
    request = validate_authorization_request(params, client, redirect, pkce_required=True)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .clients import find_client, is_public, redirect_uri_allowed
from .errors import (
    InvalidRequest,
    InvalidScope,
    RequestNotSupported,
    RequestUriNotSupported,
    UnknownClient,
    UnregisteredRedirectUri,
    UnsupportedResponseType,
)
from .models import OidcClient
from .scopes import ALL_CLAIMS, claims_of_scopes

PROMPTS = frozenset({"none", "login", "consent", "select_account"})
RESPONSE_MODES = ("query", "form_post")
# RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters.
S256_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")
MAX_VALUE_LENGTH = 2048
MAX_CLAIMS_LENGTH = 4096


@dataclass(frozen=True, slots=True)
class RedirectTarget:
    """Where errors and the code may go: a registered URI, and whether the request named it."""

    uri: str
    sent: bool
    state: str = ""
    response_mode: str = "query"


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """A validated authorization request: what the code will be bound to, and the journey's demands."""

    client_id: str
    redirect: RedirectTarget
    scopes: tuple[str, ...]
    nonce: str = ""
    code_challenge: str = ""
    code_challenge_method: str = ""
    prompt: frozenset[str] = frozenset()
    max_age_s: int | None = None
    acr_values: tuple[str, ...] = ()
    login_hint: str = ""
    ui_locales: str = ""
    # OpenID Connect Core §5.5: individual claims asked for, per target ("id_token", "userinfo").
    requested_claims: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "redirect_uri": self.redirect.uri,
            "redirect_uri_sent": self.redirect.sent,
            "state": self.redirect.state,
            "response_mode": self.redirect.response_mode,
            "scopes": list(self.scopes),
            "nonce": self.nonce,
            "code_challenge": self.code_challenge,
            "code_challenge_method": self.code_challenge_method,
            "prompt": sorted(self.prompt),
            "max_age_s": self.max_age_s,
            "requested_claims": {k: list(v) for k, v in self.requested_claims.items()},
        }


def single(params: Mapping[str, Sequence[str]], name: str) -> str:
    """A parameter's value, "" when absent; RFC 6749 §3.1: sent more than once is an error."""
    values = params.get(name, ())
    if len(values) > 1:
        raise InvalidRequest(f"{name} is repeated")
    value = values[0] if values else ""
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidRequest(f"{name} is too long")
    return value


def resolve_redirect(db: Session, params: Mapping[str, Sequence[str]]) -> tuple[OidcClient, RedirectTarget]:
    """The client and its verified redirect URI, or an error that must be shown as a page."""
    try:
        client_id = single(params, "client_id")
        redirect_uri = single(params, "redirect_uri")
    except InvalidRequest as exc:
        raise UnknownClient(exc.description) from None
    client = find_client(db, client_id)
    if client is None:
        raise UnknownClient("unknown client")  # O04
    if redirect_uri:
        if not redirect_uri_allowed(client, redirect_uri):
            raise UnregisteredRedirectUri("the redirect_uri is not registered for this client")  # O01, O03
        sent = True
    elif len(client.redirect_uris) == 1:
        redirect_uri, sent = client.redirect_uris[0], False
    else:
        # O02 / OpenID Connect Core §3.1.2.1: redirect_uri is required; we guess nothing.
        raise UnregisteredRedirectUri("redirect_uri is required")
    # state and response_mode are read leniently here, so that an error about them still reaches the client.
    state_values = params.get("state", ())
    state = state_values[0] if len(state_values) == 1 and len(state_values[0]) <= MAX_VALUE_LENGTH else ""
    mode_values = params.get("response_mode", ())
    mode = mode_values[0] if len(mode_values) == 1 and mode_values[0] in RESPONSE_MODES else "query"
    return client, RedirectTarget(redirect_uri, sent, state, mode)


def validate_authorization_request(
    params: Mapping[str, Sequence[str]], client: OidcClient, redirect: RedirectTarget, *, pkce_required: bool = True
) -> AuthorizationRequest:
    """Check every other parameter; errors raised here are redirectable to ``redirect``."""
    if "request" in params:
        raise RequestNotSupported("request objects are not supported")  # never silently ignored
    if "request_uri" in params:
        raise RequestUriNotSupported("request_uri is not supported")
    for name in ("state", "id_token_hint"):
        single(params, name)  # repeated is invalid_request
    response_mode = single(params, "response_mode") or "query"
    if response_mode not in RESPONSE_MODES:
        raise InvalidRequest("response_mode must be query or form_post")
    response_type = single(params, "response_type")
    if not response_type:
        raise InvalidRequest("response_type is required")  # O05
    if response_type != "code":
        # O06: code flow only; implicit and hybrid flows are not offered (RFC 9700 §2.1.2).
        raise UnsupportedResponseType("only response_type=code is supported")
    scopes = _scopes(single(params, "scope"), client)
    prompt = frozenset(single(params, "prompt").split())
    if not prompt <= PROMPTS:
        raise InvalidRequest("unknown prompt value")
    if "none" in prompt and len(prompt) > 1:
        raise InvalidRequest("prompt=none cannot be combined with other values")  # O20
    challenge, method = _pkce(params, client, pkce_required=pkce_required)
    nonce = single(params, "nonce")
    if len(nonce) > 512:
        raise InvalidRequest("nonce is too long")
    return AuthorizationRequest(
        client_id=client.client_id,
        redirect=RedirectTarget(redirect.uri, redirect.sent, redirect.state, response_mode),
        scopes=scopes,
        nonce=nonce,
        code_challenge=challenge,
        code_challenge_method=method,
        prompt=prompt,
        max_age_s=_max_age(single(params, "max_age")),
        acr_values=tuple(single(params, "acr_values").split()),
        login_hint=single(params, "login_hint"),
        ui_locales=single(params, "ui_locales")[:64],
        requested_claims=_requested_claims(single(params, "claims"), client.scopes),
    )


def _scopes(raw: str, client: OidcClient) -> tuple[str, ...]:
    asked = raw.split()
    if "openid" not in asked:
        raise InvalidScope("the openid scope is required")
    # A client receives only the scopes it was registered for; others are dropped (Core §5.4).
    return tuple(scope for scope in dict.fromkeys(asked) if scope in client.scopes)


def _pkce(params: Mapping[str, Sequence[str]], client: OidcClient, *, pkce_required: bool) -> tuple[str, str]:
    challenge = single(params, "code_challenge")
    method = single(params, "code_challenge_method")
    if not challenge:
        if method:
            raise InvalidRequest("code_challenge_method without code_challenge")
        if is_public(client) or pkce_required:
            raise InvalidRequest("PKCE is required: send code_challenge with code_challenge_method=S256")  # O13
        return "", ""
    # RFC 7636 §4.3 defaults a missing method to plain; RFC 9700 §2.1.1: we accept S256 only.
    if method != "S256":
        raise InvalidRequest("code_challenge_method must be S256")
    if not S256_CHALLENGE.match(challenge):
        raise InvalidRequest("code_challenge is not a S256 challenge")
    return challenge, method


def _max_age(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        raise InvalidRequest("max_age must be a number of seconds")
    return int(raw)


def _requested_claims(raw: str, scopes: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The claims parameter: individual claims per target (Core §5.5), limited to what the client's
    registered scopes allow, asked for or not."""
    if not raw:
        return {}
    if len(raw) > MAX_CLAIMS_LENGTH:
        raise InvalidRequest("claims is too long")
    try:
        document = json.loads(raw)
    except ValueError:
        raise InvalidRequest("claims is not JSON") from None
    if not isinstance(document, dict) or not set(document) <= {"id_token", "userinfo"}:
        raise InvalidRequest("claims must be an object with id_token and/or userinfo members")
    allowed = claims_of_scopes(frozenset(scopes)) | {"acr", "auth_time", "amr"}
    wanted: dict[str, tuple[str, ...]] = {}
    for target, members in document.items():
        if members is None:
            continue
        if not isinstance(members, dict):
            raise InvalidRequest(f"claims.{target} must be an object")
        known = (*ALL_CLAIMS, "acr", "auth_time", "amr")
        wanted[target] = tuple(name for name in members if name in known and name in allowed)
    return wanted
