"""Federation: log in with an upstream OpenID Provider (configured in ``settings.upstreams``).

The provider acts as a relying party of the upstream: authorization code flow with PKCE (S256), state and
nonce bound to this browser's session, the ID token verified with the upstream's published keys (issuer,
audience, expiry, nonce). The upstream identity is linked to a local user by the person's national register
number (the ``match_claim``, ``rrn`` by default), so the mandates of that person apply; the login counts at
the level configured for that upstream.

- GET /login/upstream/<name>?pending=<id>   to the upstream's authorization endpoint (303);
- GET /login/upstream/<name>/callback       back from it: verify, link, open the session, on to selection.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

import requests
from flask import current_app, redirect, request, session, url_for
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.identifiers import IdentifierError, Insz
from mandate_resolver.registry.models import Party, User

from ..database import db_session
from ..models import PendingLogin
from ..settings import UpstreamProvider
from . import acr, journey
from .pending import PendingLoginError, load_pending
from .views import bp, pending_from_request, render_login

log = logging.getLogger(__name__)

STATE_KEY: Final = "upstream_login"
METADATA_TTL_S: Final = 3600
# How long the browser may spend at the upstream.
FLOW_WINDOW_S: Final = 10 * 60
CLOCK_SKEW_S: Final = 120


class UpstreamError(Exception):
    """The upstream did not give a usable answer (unreachable, refused, invalid token)."""


@dataclass(frozen=True, slots=True)
class UpstreamMetadata:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str


def upstreams() -> dict[str, UpstreamProvider]:
    return {upstream.name: upstream for upstream in journey.settings().upstreams}


def _metadata(upstream: UpstreamProvider) -> UpstreamMetadata:
    cache: dict[str, tuple[float, UpstreamMetadata]] = current_app.extensions.setdefault("idp.upstream_metadata", {})
    cached = cache.get(upstream.name)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    document = _get_json(upstream.issuer + "/.well-known/openid-configuration", upstream)
    # OpenID Connect Discovery §4.3: the issuer in the document must be exactly the one configured.
    if document.get("issuer") != upstream.issuer:
        raise UpstreamError("discovery document names another issuer")
    try:
        metadata = UpstreamMetadata(
            str(document["authorization_endpoint"]),
            str(document["token_endpoint"]),
            str(document["jwks_uri"]),
            str(document.get("userinfo_endpoint", "")),
        )
    except KeyError as exc:
        raise UpstreamError(f"discovery document lacks {exc}") from None
    cache[upstream.name] = (time.monotonic() + METADATA_TTL_S, metadata)
    return metadata


def _get_json(url: str, upstream: UpstreamProvider, **options: Any) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=upstream.timeout_s, **options)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise UpstreamError(f"{url}: {exc}") from None
    if not isinstance(data, dict):
        raise UpstreamError(f"{url}: not a JSON object")
    return data


def _redirect_uri(upstream: UpstreamProvider) -> str:
    return journey.settings().issuer + url_for("login.upstream_callback", name=upstream.name)


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


@bp.get("/login/upstream/<name>")
def upstream_start(name: str) -> Response:
    pending = pending_from_request()
    upstream = upstreams().get(name)
    if upstream is None:
        return render_login(pending, error="login.upstream_failed", status=404)
    if journey.required_level(pending) > acr.level_of(upstream.acr):
        return render_login(pending, error="login.level_too_low", status=403)
    try:
        metadata = _metadata(upstream)
    except UpstreamError as exc:
        log.warning("upstream %s unavailable: %s", name, exc)
        return render_login(pending, error="login.upstream_failed", status=502)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    session[STATE_KEY] = {
        "name": name,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "pending": pending.id if pending is not None else "",
        "next": journey.safe_next(request.args.get("next")),
        "at": int(time.time()),
    }
    query = urlencode(
        {
            "response_type": "code",
            "client_id": upstream.client_id,
            "redirect_uri": _redirect_uri(upstream),
            "scope": upstream.scopes,
            "state": state,
            "nonce": nonce,
            "code_challenge": _challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    return redirect(f"{metadata.authorization_endpoint}?{query}", code=303)


def _claims(upstream: UpstreamProvider, code: str, flow: dict[str, Any]) -> dict[str, Any]:
    metadata = _metadata(upstream)
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": _redirect_uri(upstream),
        "code_verifier": flow["verifier"],
    }
    auth = (upstream.client_id, upstream.client_secret) if upstream.client_secret else None
    if auth is None:
        data["client_id"] = upstream.client_id
    try:
        response = requests.post(metadata.token_endpoint, data=data, auth=auth, timeout=upstream.timeout_s)
        tokens = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise UpstreamError(f"token request: {exc}") from None
    if response.status_code != 200 or not isinstance(tokens, dict) or "id_token" not in tokens:
        raise UpstreamError(f"token request refused: {str(tokens)[:200]}")
    registry = jwt.JWTClaimsRegistry(
        leeway=CLOCK_SKEW_S,
        iss={"essential": True, "value": upstream.issuer},
        aud={"essential": True, "value": upstream.client_id},
        exp={"essential": True},
        sub={"essential": True},
    )
    try:
        keys = KeySet.import_key_set(_get_json(metadata.jwks_uri, upstream))  # type: ignore[arg-type]
        # Never "none" nor HMAC with a public key: only the signature algorithms a provider publishes keys for.
        token = jwt.decode(str(tokens["id_token"]), keys, algorithms=["RS256", "ES256", "PS256"])
        registry.validate(token.claims)
    except (JoseError, ValueError) as exc:
        raise UpstreamError(f"invalid ID token: {exc}") from None
    claims = token.claims
    # OIDC Core §3.1.3.7: the nonce must be the one we sent.
    if not secrets.compare_digest(str(claims.get("nonce", "")), flow["nonce"]):
        raise UpstreamError("ID token nonce does not match")
    found = dict(claims)
    if upstream.match_claim not in found and metadata.userinfo_endpoint and "access_token" in tokens:
        info = _get_json(
            metadata.userinfo_endpoint, upstream, headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        # OIDC Core §5.3.2: the UserInfo sub must equal the ID token's.
        if info.get("sub") == found["sub"]:
            found = {**info, **found}
    return found


def _linked_user(upstream: UpstreamProvider, claims: dict[str, Any]) -> User | None:
    value = claims.get(upstream.match_claim)
    if not isinstance(value, str):
        return None
    try:
        insz = Insz.parse(value)
    except IdentifierError:
        return None
    return db_session().scalar(
        select(User)
        .join(Party, Party.id == User.person_id)
        .where(Party.scheme == "insz", Party.identifier == insz.value)
    )


@bp.get("/login/upstream/<name>/callback")
def upstream_callback(name: str) -> Response:
    flow = session.pop(STATE_KEY, None)
    upstream = upstreams().get(name)
    valid = (
        isinstance(flow, dict)
        and upstream is not None
        and flow.get("name") == name
        and int(flow.get("at", 0)) + FLOW_WINDOW_S > time.time()
        and secrets.compare_digest(str(flow.get("state", "")), request.args.get("state", "")[:100])
    )
    if not valid or upstream is None or not isinstance(flow, dict):
        return render_login(None, error="login.upstream_failed", status=400)
    pending = _pending_by_id(str(flow.get("pending", "")))
    code = request.args.get("code", "")
    if not code or "error" in request.args:
        return render_login(pending, error="login.upstream_failed", status=400)
    try:
        claims = _claims(upstream, code[:2000], flow)
    except UpstreamError as exc:
        log.warning("login through upstream %s failed: %s", name, exc)
        return render_login(pending, error="login.upstream_failed", status=502)
    user = _linked_user(upstream, claims)
    if user is None or user.disabled:
        return render_login(pending, error="login.upstream_unknown", status=403)
    return journey.complete_authentication(
        user, level_acr=upstream.acr, amr=acr.AMR_FEDERATED, means="upstream", pending=pending, next_url=flow["next"]
    )


def _pending_by_id(pending_id: str) -> PendingLogin | None:
    if not pending_id:
        return None
    try:
        return load_pending(pending_id)
    except PendingLoginError:
        return None
