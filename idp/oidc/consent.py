"""Consent: what a person allowed a client to receive, stored per (person, client) in ``oidc_consents``.

When the question is asked (docs/oidc.md, "Consent"): always with ``prompt=consent``; otherwise only for
a client registered with ``require_consent`` (a third-party client) when the request asks for a scope or
an individual claim the person has not allowed yet. First-party clients, registered by the administrator
for their own services, never ask. ``prompt=none`` never shows the page: ``consent_required`` instead
(OpenID Connect Core §3.1.2.6).

    if consent_needed(db, client, user_id, scopes=scopes, claims=claims, prompt=prompt):
        ...  # show templates/oidc/consent.html; on "allow": record_consent(db, client, user_id, ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Application, AuditEntry

from .models import OidcClient, OidcConsent, OidcGrant
from .tokens import revoke_grant


def requested_claim_names(requested_claims: object) -> frozenset[str]:
    """The individual claims of a stored request's ``claims`` parameter (Core §5.5), all targets together."""
    if not isinstance(requested_claims, Mapping):
        return frozenset()
    names: set[str] = set()
    for members in requested_claims.values():
        if isinstance(members, list | tuple):
            names.update(str(name) for name in members)
    return frozenset(names)


def has_consent(db: Session, client: OidcClient, user_id: int, scopes: Iterable[str], claims: Iterable[str]) -> bool:
    """Whether the person already allowed at least these scopes and claims for this client."""
    stored = db.get(OidcConsent, (user_id, client.client_id))
    if stored is None:
        return False
    return set(scopes) <= set(stored.scopes) and set(claims) <= set(stored.claims)


def consent_needed(
    db: Session,
    client: OidcClient,
    user_id: int,
    *,
    scopes: Iterable[str],
    claims: Iterable[str],
    prompt: Iterable[str],
) -> bool:
    """Core §3.1.2.1: ``prompt=consent`` always asks; a third-party client asks for what is not yet allowed."""
    if "consent" in prompt:
        return True
    return client.require_consent and not has_consent(db, client, user_id, scopes, claims)


def record_consent(
    db: Session, client: OidcClient, user_id: int, *, scopes: Iterable[str], claims: Iterable[str], now: dt.datetime
) -> None:
    """Remember the person's "allow", adding to what they allowed before; committed."""
    wanted_scopes, wanted_claims = set(scopes), set(claims)
    for _attempt in range(2):
        stored = db.get(OidcConsent, (user_id, client.client_id))
        if stored is not None:
            stored.scopes = sorted(wanted_scopes | set(stored.scopes))
            stored.claims = sorted(wanted_claims | set(stored.claims))
            stored.granted_at = now
            db.commit()
            return
        try:
            with db.begin_nested():
                db.add(
                    OidcConsent(
                        user_id=user_id, client_id=client.client_id, scopes=sorted(wanted_scopes),
                        claims=sorted(wanted_claims), granted_at=now,
                    )
                )  # fmt: skip
            db.commit()
            return
        except IntegrityError:
            db.rollback()  # the same person consented in another tab at the same moment: add to theirs
    raise RuntimeError("the consent could not be stored")


def consents_of(db: Session, user_id: int) -> list[tuple[OidcConsent, str]]:
    """What this person allowed, per application (with its display name), newest first."""
    rows = db.execute(
        select(OidcConsent, Application.name)
        .join(Application, Application.client_id == OidcConsent.client_id)
        .where(OidcConsent.user_id == user_id)
        .order_by(OidcConsent.granted_at.desc())
    )
    return [(consent, name) for consent, name in rows]


def withdraw_consent(db: Session, user_id: int, client_id: str, *, now: dt.datetime) -> bool:
    """Forget what the person allowed ``client_id`` and end what it holds (its grants: every access and
    refresh token), so the application must ask again. False when there was nothing to withdraw."""
    stored = db.get(OidcConsent, (user_id, client_id[:255]))
    if stored is None:
        return False
    db.delete(stored)
    live = select(OidcGrant.id).where(
        OidcGrant.user_id == user_id, OidcGrant.client_id == stored.client_id, OidcGrant.revoked_at.is_(None)
    )
    for grant_id in list(db.scalars(live)):
        revoke_grant(db, grant_id, now)
    db.add(
        AuditEntry(
            actor_user_id=user_id,
            subject_user_id=user_id,
            action="oidc.consent_withdrawn",
            target=stored.client_id,
            detail={"scopes": list(stored.scopes), "claims": list(stored.claims)},
        )
    )
    db.commit()
    return True
