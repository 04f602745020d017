"""Applications as the administrator manages them: OIDC clients and SAML service providers, each with its
mandate policy (accepted mandate types, legal representatives, citizen and employee choices, claim profile,
enabled). Registration goes through the protocol layers' own functions (``register_client``,
``register_service_provider``); this module adds the checks a form needs in the user's language and the
audit entry. Every function adds its audit entry to the session; the caller commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.audit import record
from mandate_resolver.registry.errors import Conflict, NotFound, RegistryError, ValidationError
from mandate_resolver.registry.models import Application, ApplicationMandateType, MandateType

from ..oidc.clients import (
    AUTH_METHODS,
    ClientRegistration,
    ClientRegistrationError,
    RegisteredClient,
    new_secret,
    register_client,
)
from ..oidc.models import OidcClient
from ..oidc.scopes import PROFILE_SCOPES
from ..saml.attributes import PROFILES as SAML_PROFILES
from ..saml.models import ServiceProvider
from ..saml.registry import (
    MAX_METADATA_BYTES,
    MetadataInvalidError,
    SpRegistration,
    entity_id_of,
    register_service_provider,
)

METADATA_TIMEOUT_S: Final = 10
MAX_NAME: Final = 200
MAX_URIS: Final = 20
LOOPBACK: Final = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """An application with its protocol registration (None when only the registry knows it)."""

    application: Application
    oidc: OidcClient | None
    sp: ServiceProvider | None

    @property
    def mandate_type_ids(self) -> frozenset[int]:
        return frozenset(t.mandate_type_id for t in self.application.mandate_types)


@dataclass(frozen=True, slots=True)
class PolicyChange:
    """What the policy form sets."""

    mandate_types: tuple[str, ...]
    legal_representatives: bool
    allow_citizen: bool
    allow_employee: bool
    claim_profile: str
    enabled: bool


def claim_profiles(protocol: str) -> tuple[str, ...]:
    return tuple(PROFILE_SCOPES) if protocol == "oidc" else tuple(SAML_PROFILES)


def _invalid(code: str, field: str, **params: str) -> ValidationError:
    return ValidationError(code=code, field=field, params=params)


def list_applications(db: Session) -> list[ApplicationRow]:
    rows = db.execute(
        select(Application, OidcClient, ServiceProvider)
        .outerjoin(OidcClient, OidcClient.client_id == Application.client_id)
        .outerjoin(ServiceProvider, ServiceProvider.entity_id == Application.client_id)
        .order_by(Application.name, Application.id)
    ).all()
    return [ApplicationRow(app, oidc, sp) for app, oidc, sp in rows]


def application_row(db: Session, application_id: int) -> ApplicationRow | None:
    application = db.get(Application, application_id)
    if application is None:
        return None
    oidc = db.get(OidcClient, application.client_id)
    sp = db.scalar(select(ServiceProvider).where(ServiceProvider.entity_id == application.client_id))
    return ApplicationRow(application, oidc, sp)


def _mandate_types(db: Session, codes: Sequence[str]) -> list[MandateType]:
    wanted = sorted(set(codes))
    found = list(db.scalars(select(MandateType).where(MandateType.code.in_(wanted)))) if wanted else []
    missing = sorted(set(wanted) - {t.code for t in found})
    if missing:
        raise _invalid("application.mandate_type_unknown", "mandate_types", value=missing[0][:64])
    return found


def update_policy(db: Session, row: ApplicationRow, change: PolicyChange, *, actor_user_id: int) -> list[str]:
    """Apply the policy form; returns what changed (audited as ``admin.application.updated``)."""
    application = row.application
    if change.claim_profile not in claim_profiles(application.protocol):
        raise _invalid("application.profile_unknown", "claim_profile")
    if row.oidc is not None and change.claim_profile != application.claim_profile:
        # The client's scopes were fixed from the profile at registration (``register_client``).
        raise _invalid("application.profile_fixed", "claim_profile")
    types = _mandate_types(db, change.mandate_types)
    flags = ("legal_representatives", "allow_citizen", "allow_employee", "enabled")
    changed = [name for name in flags if getattr(application, name) != getattr(change, name)]
    if {t.id for t in types} != row.mandate_type_ids:
        changed.insert(0, "mandate_types")
    if application.claim_profile != change.claim_profile:
        changed.append("claim_profile")
        if row.sp is not None:
            _reregister_with_profile(db, row.sp, application, change.claim_profile)
        application.claim_profile = change.claim_profile
    # Set last: re-registering the SP keeps its old list when the new one is empty.
    if "mandate_types" in changed or "claim_profile" in changed:
        application.mandate_types = [ApplicationMandateType(mandate_type_id=t.id) for t in types]
    for name in flags:
        setattr(application, name, getattr(change, name))
    if changed:
        db.flush()
        record(
            db,
            actor_user_id=actor_user_id,
            action="admin.application.updated",
            target=application.client_id,
            detail={"changed": changed, "mandate_types": sorted(t.code for t in types), "enabled": change.enabled},
        )
    return changed


def _reregister_with_profile(db: Session, sp: ServiceProvider, application: Application, profile: str) -> None:
    """The SAML layer keeps the attribute profile on its own row: update it through its own function."""
    options = SpRegistration(
        name=application.name,
        name_id_formats=tuple(sp.name_id_formats),
        attribute_profile=profile,
        encrypt_assertions=sp.encrypt_assertions,
        allow_idp_initiated=sp.allow_idp_initiated,
        require_signed_requests=sp.require_signed_requests,
        legal_representatives=application.legal_representatives,
        metadata_url=sp.metadata_url,
    )
    try:
        register_service_provider(db, sp.metadata_xml, options)
    except MetadataInvalidError as error:
        raise _invalid("application.metadata_invalid", "claim_profile", reason=str(error)[:300]) from None


def set_enabled(db: Session, application: Application, enabled: bool, *, actor_user_id: int) -> None:
    if application.enabled == enabled:
        return
    application.enabled = enabled
    db.flush()
    action = "admin.application.enabled" if enabled else "admin.application.disabled"
    record(db, actor_user_id=actor_user_id, action=action, target=application.client_id)


def replace_oidc_secret(db: Session, application: Application, *, actor_user_id: int) -> str:
    """A new client secret for an OIDC application, audited (never the secret itself); shown once."""
    client = db.get(OidcClient, application.client_id)
    if client is None:
        raise NotFound("This application has no OpenID Connect client.", code="application.not_oidc")
    try:
        secret = new_secret(client)
    except ClientRegistrationError as error:
        raise Conflict(str(error), code="application.no_secret") from error
    db.flush()
    record(db, actor_user_id=actor_user_id, action="admin.application.secret_replaced", target=application.client_id)
    return secret


# --- OIDC ---------------------------------------------------------------------------------------------


def check_uri(uri: str, field: str) -> ValidationError | None:
    """The protocol layer's rule, checked here to explain it in the user's language (RFC 6749 §3.1.2)."""
    parts = urlsplit(uri)
    if len(uri) > 2000 or "#" in uri or any(ch.isspace() for ch in uri):
        return _invalid("application.uri_invalid", field, uri=uri[:200])
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return None
    return _invalid("application.uri_invalid", field, uri=uri[:200])


def oidc_problems(db: Session, registration: ClientRegistration) -> list[RegistryError]:
    """Every problem of a new client the form can show next to its field."""
    problems: list[RegistryError] = []
    if not registration.name.strip() or len(registration.name) > MAX_NAME:
        problems.append(_invalid("application.name_required", "name"))
    if registration.client_id and (
        len(registration.client_id) > 255 or any(ch.isspace() or not ch.isprintable() for ch in registration.client_id)
    ):
        problems.append(_invalid("application.client_id_invalid", "client_id"))
    elif registration.client_id and db.scalar(
        select(Application.id).where(Application.client_id == registration.client_id)
    ):
        problems.append(_invalid("application.client_id_taken", "client_id"))
    if not registration.redirect_uris:
        problems.append(_invalid("application.redirect_uri_required", "redirect_uris"))
    for field, uris in (
        ("redirect_uris", registration.redirect_uris),
        ("post_logout_redirect_uris", registration.post_logout_redirect_uris),
    ):
        if len(uris) > MAX_URIS:
            problems.append(_invalid("application.too_many_uris", field))
        problems += [p for p in (check_uri(uri, field) for uri in uris[:MAX_URIS]) if p is not None]
    if registration.jwks_uri:
        problem = check_uri(registration.jwks_uri, "jwks_uri")
        if problem is not None:
            problems.append(problem)
    if registration.auth_method not in AUTH_METHODS:
        problems.append(_invalid("application.auth_method_unknown", "auth_method"))
    elif registration.auth_method == "private_key_jwt" and not registration.jwks_uri:
        problems.append(_invalid("application.jwks_uri_required", "jwks_uri"))
    if registration.profile not in PROFILE_SCOPES:
        problems.append(_invalid("application.profile_unknown", "claim_profile"))
    try:
        _mandate_types(db, registration.mandate_types)
    except ValidationError as error:
        problems.append(error)
    return problems


def create_oidc_client(
    db: Session, registration: ClientRegistration, *, allow_citizen: bool, allow_employee: bool, actor_user_id: int
) -> RegisteredClient:
    """Register the client; the result holds the secret, which is stored only as a hash: show it once."""
    problems = oidc_problems(db, registration)
    if problems:
        raise problems[0]
    try:
        registered = register_client(db, registration)
    except ClientRegistrationError as error:
        raise _invalid("application.registration_refused", "", reason=str(error)[:300]) from None
    application = db.scalar(select(Application).where(Application.client_id == registered.client_id))
    if application is not None:
        application.allow_citizen = allow_citizen
        application.allow_employee = allow_employee
    record(
        db,
        actor_user_id=actor_user_id,
        action="admin.application.created",
        target=registered.client_id,
        detail={
            "protocol": "oidc",
            "name": registration.name[:MAX_NAME],
            "auth_method": registration.auth_method,
            "mandate_types": sorted(registration.mandate_types),
            "legal_representatives": registration.legal_representatives,
            "profile": registration.profile,
        },
    )
    return registered


# --- SAML ---------------------------------------------------------------------------------------------


def fetch_metadata(url: str) -> str:
    """The metadata at an https ``url`` (bounded size and time); problems as :class:`ValidationError`."""
    parts = urlsplit(url)
    if len(url) > 2000 or not (parts.scheme == "https" and parts.hostname):
        raise _invalid("application.metadata_url_invalid", "metadata_url")
    try:
        with requests.get(url, timeout=METADATA_TIMEOUT_S, stream=True, allow_redirects=False) as response:
            response.raise_for_status()
            data = response.raw.read(MAX_METADATA_BYTES + 1, decode_content=True)
    except requests.RequestException as error:
        raise _invalid("application.metadata_unreachable", "metadata_url", reason=type(error).__name__) from None
    if len(data) > MAX_METADATA_BYTES:
        raise _invalid("application.metadata_too_large", "metadata_url")
    return bytes(data).decode("utf-8", "replace")


def register_saml(db: Session, metadata_xml: str, options: SpRegistration, *, actor_user_id: int) -> ServiceProvider:
    """Register a new SP from its metadata; an entity already registered is refused (edit its policy instead)."""
    field = "metadata_url" if options.metadata_url else "metadata"
    if not metadata_xml.strip():
        raise _invalid("application.metadata_required", "metadata")
    try:
        entity_id = entity_id_of(metadata_xml)
    except MetadataInvalidError as error:
        raise _invalid("application.metadata_invalid", field, reason=str(error)[:300]) from None
    if db.scalar(select(Application.id).where(Application.client_id == entity_id)) is not None:
        raise _invalid("application.entity_taken", field, entity_id=entity_id[:200])
    _mandate_types(db, options.mandate_types)
    try:
        sp = register_service_provider(db, metadata_xml, options)
    except MetadataInvalidError as error:
        raise _invalid("application.metadata_invalid", field, reason=str(error)[:300]) from None
    record(
        db,
        actor_user_id=actor_user_id,
        action="admin.application.created",
        target=sp.entity_id,
        detail={
            "protocol": "saml",
            "name": options.name[:MAX_NAME],
            "mandate_types": sorted(options.mandate_types),
            "legal_representatives": options.legal_representatives,
            "profile": options.attribute_profile,
            "metadata_url": options.metadata_url[:500],
        },
    )
    return sp
