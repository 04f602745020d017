"""Registered clients: look-up, registration, secret check, exact redirect URI match.

client = find_client(db, "portal")
if client is None or not redirect_uri_allowed(client, uri): ...   # error page, never a redirect
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Application, ApplicationMandateType, MandateType

from .models import OidcClient
from .scopes import PROFILE_SCOPES, SCOPE_CLAIMS

AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt", "none")
SECRET_METHODS = ("client_secret_basic", "client_secret_post")
SIGNING_ALGORITHMS = ("RS256", "ES256")
SUBJECT_TYPES = ("public", "pairwise")
GRANT_TYPES = ("authorization_code", "refresh_token")


class ClientRegistrationError(ValueError):
    """A client cannot be registered as asked; the message says which option is wrong."""


def secret_hash(secret: str) -> str:
    # Client secrets are 256-bit random values we generate: a fast hash suffices (no dictionary to try).
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def new_secret(client: OidcClient) -> str:
    """Replace the client's secret (a leaked one, a yearly change): the old one stops working at once. The
    new value is returned to be shown once; only its hash is kept. Clients without a secret (public, or
    private_key_jwt) have none to replace."""
    if client.auth_method not in ("client_secret_basic", "client_secret_post"):
        raise ClientRegistrationError("this client authenticates without a secret")
    secret = secrets.token_urlsafe(32)
    client.secret_hash = secret_hash(secret)
    return secret


def check_secret(client: OidcClient, presented: str) -> bool:
    if not client.secret_hash:
        return False
    return hmac.compare_digest(secret_hash(presented), client.secret_hash)  # O25: constant-time compare


def find_client(db: Session, client_id: str) -> OidcClient | None:
    """The enabled OIDC client ``client_id``, or None."""
    if not client_id or len(client_id) > 255:
        return None
    row = db.execute(
        select(OidcClient)
        .join(Application, Application.client_id == OidcClient.client_id)
        .where(OidcClient.client_id == client_id, Application.enabled.is_(True), Application.protocol == "oidc")
    ).scalar_one_or_none()
    return row


def application_of(db: Session, client_id: str) -> Application | None:
    return db.scalar(select(Application).where(Application.client_id == client_id))


def redirect_uri_allowed(client: OidcClient, uri: str) -> bool:
    # RFC 9700 §2.1: exact string match, no normalisation (case, port, slash, encoding all count).
    return uri in client.redirect_uris


def is_public(client: OidcClient) -> bool:
    return client.auth_method == "none"


@dataclass(frozen=True, slots=True)
class ClientRegistration:
    """What ``idp client add`` asks for."""

    name: str
    redirect_uris: Sequence[str]
    client_id: str = ""
    post_logout_redirect_uris: Sequence[str] = ()
    auth_method: str = "client_secret_basic"
    mandate_types: Sequence[str] = ()
    legal_representatives: bool = False
    profile: str = "standard"
    scopes: Sequence[str] = ()
    backchannel_logout_uri: str = ""
    frontchannel_logout_uri: str = ""
    jwks_uri: str = ""
    jwks: Mapping[str, object] | None = None
    subject_type: str = "public"
    id_token_signed_response_alg: str = "RS256"  # noqa: S105 - an algorithm name, not a secret
    grant_types: Sequence[str] = field(default_factory=lambda: list(GRANT_TYPES))
    # A third-party client: the person is asked to consent to what it receives (idp.oidc.consent).
    require_consent: bool = False


@dataclass(frozen=True, slots=True)
class RegisteredClient:
    client_id: str
    client_secret: str | None


def _check_uri(uri: str, what: str, *, allow_http_local: bool = True) -> None:
    parts = urlsplit(uri)
    if parts.fragment or "#" in uri:
        raise ClientRegistrationError(f"{what} {uri!r} must not have a fragment")  # RFC 6749 §3.1.2
    if parts.scheme == "https" and parts.hostname:
        return
    if allow_http_local and parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"}:
        return
    raise ClientRegistrationError(f"{what} {uri!r} must be an absolute https URL (http only for loopback)")


def register_client(db: Session, registration: ClientRegistration) -> RegisteredClient:
    """Create the application and its OIDC client; returns the client id and, once, the secret."""
    r = registration
    if r.auth_method not in AUTH_METHODS:
        raise ClientRegistrationError(f"--auth-method must be one of {', '.join(AUTH_METHODS)}")
    if r.subject_type not in SUBJECT_TYPES:
        raise ClientRegistrationError("--subject-type must be public or pairwise")
    if r.id_token_signed_response_alg not in SIGNING_ALGORITHMS:
        raise ClientRegistrationError("the ID token algorithm must be RS256 or ES256")
    if not r.redirect_uris:
        raise ClientRegistrationError("at least one --redirect-uri is needed")
    for uri in r.redirect_uris:
        _check_uri(uri, "--redirect-uri")
    for uri in r.post_logout_redirect_uris:
        _check_uri(uri, "--post-logout-redirect-uri")
    for uri, what in (
        (r.backchannel_logout_uri, "--backchannel-logout-uri"),
        (r.frontchannel_logout_uri, "--frontchannel-logout-uri"),
        (r.jwks_uri, "--jwks-uri"),
    ):
        if uri:
            _check_uri(uri, what)
    if r.auth_method == "private_key_jwt" and not (r.jwks_uri or r.jwks):
        raise ClientRegistrationError("private_key_jwt needs --jwks-uri or --jwks")
    if r.profile not in PROFILE_SCOPES:
        raise ClientRegistrationError(f"--profile must be one of {', '.join(PROFILE_SCOPES)}")
    unknown_scopes = sorted(set(r.scopes) - set(SCOPE_CLAIMS))
    if unknown_scopes:
        raise ClientRegistrationError(f"unknown scope {unknown_scopes[0]!r}")
    scopes = list(dict.fromkeys(["openid", *(r.scopes or PROFILE_SCOPES[r.profile])]))
    client_id = r.client_id or secrets.token_urlsafe(16)
    if application_of(db, client_id) is not None:
        raise ClientRegistrationError(f"client id {client_id!r} is already taken")
    types: list[MandateType] = []
    for code in r.mandate_types:
        mandate_type = db.scalar(select(MandateType).where(MandateType.code == code))
        if mandate_type is None:
            raise ClientRegistrationError(f"unknown mandate type {code!r}")
        types.append(mandate_type)
    application = Application(
        client_id=client_id,
        name=r.name,
        protocol="oidc",
        legal_representatives=r.legal_representatives,
        claim_profile=r.profile,
    )
    application.mandate_types = [ApplicationMandateType(mandate_type_id=t.id) for t in types]
    db.add(application)
    db.flush()
    secret = None if r.auth_method in ("none", "private_key_jwt") else secrets.token_urlsafe(32)
    db.add(
        OidcClient(
            client_id=client_id,
            auth_method=r.auth_method,
            secret_hash=secret_hash(secret) if secret else None,
            redirect_uris=list(r.redirect_uris),
            post_logout_redirect_uris=list(r.post_logout_redirect_uris),
            scopes=scopes,
            grant_types=list(r.grant_types),
            id_token_signed_response_alg=r.id_token_signed_response_alg,
            subject_type=r.subject_type,
            pairwise_salt=secrets.token_hex(32),
            backchannel_logout_uri=r.backchannel_logout_uri or None,
            frontchannel_logout_uri=r.frontchannel_logout_uri or None,
            jwks_uri=r.jwks_uri or None,
            jwks=dict(r.jwks) if r.jwks is not None else None,
            require_consent=r.require_consent,
        )
    )
    db.flush()
    return RegisteredClient(client_id, secret)
