"""Grants, authorization codes, access and refresh tokens in the database: issue, use once, revoke, find.

This is the storage under Authlib's grants and endpoints (``server``): they call ``claim_code`` and
``claim_refresh_token`` from their hooks. Shared state lives in the database so any worker can redeem
what another issued. Single use is a conditional UPDATE whose row count names the one winner: of two
workers redeeming the same code at the same moment, exactly one gets tokens; the other gets
``invalid_grant`` and, as for any reuse, the grant and every token it produced are revoked (RFC 6749
§4.1.2, RFC 9700 §4.14.2 for refresh tokens).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import as_utc

from .claims import pairwise_subject
from .errors import InvalidGrant, InvalidRequest
from .models import OidcAssertionJti, OidcAuthorizationCode, OidcClient, OidcGrant, OidcSubject, OidcToken

# Re-checks at refresh whether the option chosen at login still holds (M08).
StillHolds = Callable[[OidcGrant], bool]


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class TokenPolicy:
    issuer: str
    code_ttl_s: int
    access_token_ttl_s: int
    id_token_ttl_s: int
    refresh_token_ttl_s: int


def subject_for(db: Session, client: OidcClient, user_id: int) -> str:
    """The ``sub`` this client sees for this user: public (one per person) or pairwise (one per client)."""
    public = db.scalar(select(OidcSubject.subject).where(OidcSubject.user_id == user_id))
    if public is None:
        candidate = secrets.token_urlsafe(24)
        try:
            with db.begin_nested():
                db.add(OidcSubject(user_id=user_id, subject=candidate))
            public = candidate
        except IntegrityError:  # another worker made it first: use theirs
            public = db.scalar(select(OidcSubject.subject).where(OidcSubject.user_id == user_id))
    assert public is not None
    return pairwise_subject(public, client.pairwise_salt) if client.subject_type == "pairwise" else public


def create_grant(
    db: Session,
    *,
    client: OidcClient,
    user_id: int,
    session_id: str | None,
    sid: str,
    scopes: tuple[str, ...],
    nonce: str,
    claims: Mapping[str, object],
    auth_time: dt.datetime,
    now: dt.datetime,
) -> OidcGrant:
    grant = OidcGrant(
        id=secrets.token_urlsafe(32),
        client_id=client.client_id,
        user_id=user_id,
        session_id=session_id,
        sid=sid,
        scope=" ".join(scopes),
        nonce=nonce,
        claims=dict(claims),
        auth_time=auth_time,
        created_at=now,
    )
    db.add(grant)
    db.flush()  # codes and tokens refer to it; no relationship orders the inserts for us
    return grant


def issue_code(
    db: Session,
    grant: OidcGrant,
    *,
    redirect_uri: str,
    code_challenge: str,
    code_challenge_method: str,
    policy: TokenPolicy,
    now: dt.datetime,
) -> str:
    code = secrets.token_urlsafe(32)
    db.add(
        OidcAuthorizationCode(
            code_hash=digest(code),
            grant_id=grant.id,
            client_id=grant.client_id,
            redirect_uri=redirect_uri,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
            expires_at=now + dt.timedelta(seconds=policy.code_ttl_s),
        )
    )
    return code


def revoke_grant(db: Session, grant_id: str, now: dt.datetime) -> None:
    """Revoke a grant and every token it produced (code reuse, refresh token reuse, logout)."""
    db.execute(update(OidcGrant).where(OidcGrant.id == grant_id, OidcGrant.revoked_at.is_(None)).values(revoked_at=now))
    db.execute(
        update(OidcToken).where(OidcToken.grant_id == grant_id, OidcToken.revoked_at.is_(None)).values(revoked_at=now)
    )


@dataclass(frozen=True, slots=True)
class ClaimedCode:
    """An authorization code this request has used up, with what it was bound to at /authorize."""

    redirect_uri: str
    code_challenge: str
    code_challenge_method: str
    grant: OidcGrant


def claim_code(db: Session, client: OidcClient, code: str, *, redirect_uri: str, now: dt.datetime) -> ClaimedCode:
    """Use ``code`` up, exactly once, then check it; every failure is ``invalid_grant`` (or ``invalid_request``).

    PKCE is checked afterwards by the caller (Authlib's CodeChallenge): the code is burned by then too."""
    if not code or len(code) > 200:
        raise InvalidRequest("code is required")
    code_hash = digest(code)
    # Claim first, check after: a code presented with wrong details is burned all the same (O08).
    claimed = db.execute(
        update(OidcAuthorizationCode)
        .where(OidcAuthorizationCode.code_hash == code_hash, OidcAuthorizationCode.used_at.is_(None))
        .values(used_at=now)
    )
    row = db.get(OidcAuthorizationCode, code_hash)
    if row is None:
        db.rollback()
        raise InvalidGrant("unknown code")
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        # O07 / RFC 6749 §4.1.2: a code used twice was stolen or replayed: revoke what the first use produced.
        revoke_grant(db, row.grant_id, now)
        db.commit()
        raise InvalidGrant("the code has already been used")
    # Read in the claiming transaction: a concurrent replay revokes the grant only after we committed,
    # so of two simultaneous redemptions exactly one succeeds (and its tokens die with the replay).
    grant = db.get(OidcGrant, row.grant_id)
    grant_live = grant is not None and grant.revoked_at is None
    db.commit()
    if not hmac.compare_digest(row.client_id, client.client_id):
        revoke_grant(db, row.grant_id, now)
        db.commit()
        raise InvalidGrant("the code was issued to another client")  # O08
    if as_utc(row.expires_at) <= now:
        raise InvalidGrant("the code has expired")  # O10
    # O09 / RFC 6749 §4.1.3: the same redirect_uri as in the authorization request, when it was sent there.
    if row.redirect_uri and redirect_uri != row.redirect_uri:
        raise InvalidGrant("redirect_uri does not match the authorization request")
    if not row.redirect_uri and redirect_uri and redirect_uri not in client.redirect_uris:
        raise InvalidGrant("redirect_uri does not match the authorization request")
    if grant is None or not grant_live:
        raise InvalidGrant("the grant was revoked")
    return ClaimedCode(row.redirect_uri, row.code_challenge, row.code_challenge_method, grant)


def userinfo_claims(db: Session, grant: OidcGrant, client: OidcClient) -> dict[str, object]:
    claims: dict[str, object] = {"sub": subject_for(db, client, grant.user_id)}
    stored = grant.claims.get("userinfo")
    if isinstance(stored, Mapping):
        claims.update(stored)
    return claims


@dataclass(frozen=True, slots=True)
class ClaimedToken:
    token: OidcToken
    grant: OidcGrant


def claim_refresh_token(
    db: Session, client: OidcClient, refresh_token: str, *, now: dt.datetime, still_holds: StillHolds
) -> ClaimedToken:
    """Use a refresh token up (rotation): presenting it again revokes the grant (RFC 9700 §4.14.2).

    ``still_holds`` re-checks the option the person chose (a mandate stopped since is never asserted
    again, M08); it returns False to end the grant, or raises an ``OidcError`` when it cannot tell.
    """
    if not refresh_token or len(refresh_token) > 200:
        raise InvalidRequest("refresh_token is required")
    token_hash = digest(refresh_token)
    row = db.get(OidcToken, token_hash)
    if row is None or row.kind != "refresh":
        raise InvalidGrant("unknown refresh token")
    # RFC 6749 §6: bound to its client; a thief's attempt does not burn the owner's token.
    if not hmac.compare_digest(row.client_id, client.client_id):
        raise InvalidGrant("the refresh token was issued to another client")
    grant = db.get(OidcGrant, row.grant_id)
    if row.used_at is None and grant is not None and grant.revoked_at is None and not still_holds(grant):
        revoke_grant(db, grant.id, now)
        db.commit()
        raise InvalidGrant("the option chosen at login no longer holds")
    claimed = db.execute(
        update(OidcToken)
        .where(OidcToken.token_hash == token_hash, OidcToken.used_at.is_(None), OidcToken.revoked_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        revoke_grant(db, row.grant_id, now)  # reuse: the token was stolen, or the client is confused
        db.commit()
        raise InvalidGrant("the refresh token has already been used or was revoked")
    db.commit()
    if grant is not None:
        db.refresh(grant)  # a concurrent reuse may have revoked it meanwhile
    if grant is None or grant.revoked_at is not None or as_utc(row.expires_at) <= now:
        raise InvalidGrant("the refresh token has expired or was revoked")
    return ClaimedToken(row, grant)


def find_token(db: Session, token: str) -> tuple[OidcToken, OidcGrant | None] | None:
    """A token row and its grant, live or not (introspection and revocation decide), or None."""
    if not token or len(token) > 200:
        return None
    row = db.get(OidcToken, digest(token))
    if row is None:
        return None
    return row, db.get(OidcGrant, row.grant_id)


def token_revoked(row: OidcToken, grant: OidcGrant | None) -> bool:
    """Revoked itself, a refresh token already used (rotation), or its grant ended (reuse, logout, consent
    withdrawn): the one rule for Authlib's endpoints (``server.TokenRecord``) and our own resource server."""
    used_refresh = row.kind == "refresh" and row.used_at is not None
    return row.revoked_at is not None or used_refresh or grant is None or grant.revoked_at is not None


@dataclass(frozen=True, slots=True)
class ActiveToken:
    token: OidcToken
    grant: OidcGrant


def find_active_token(db: Session, token: str, now: dt.datetime, *, kind: str | None = None) -> ActiveToken | None:
    """A live token (not expired, not revoked, its grant not revoked), or None: for our own resource servers
    (the JSON API), which accept access tokens without a network round trip to introspection."""
    found = find_token(db, token)
    if found is None:
        return None
    row, grant = found
    if token_revoked(row, grant) or as_utc(row.expires_at) <= now or (kind is not None and row.kind != kind):
        return None
    assert grant is not None  # token_revoked is true without one
    return ActiveToken(row, grant)


def revoke_session_grants(db: Session, session_id: str, now: dt.datetime) -> None:
    """Logout ends what the session's logins produced."""
    live = select(OidcGrant.id).where(OidcGrant.session_id == session_id, OidcGrant.revoked_at.is_(None))
    for grant_id in list(db.scalars(live)):
        revoke_grant(db, grant_id, now)


def purge_expired(db: Session, now: dt.datetime, *, keep: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete codes, tokens and assertion ids that expired more than ``keep`` ago, and grants left
    without any; returns how many rows went. Run it from cron (``idp client purge``)."""
    cutoff = now - keep
    removed: int = 0
    for model in (OidcAuthorizationCode, OidcToken, OidcAssertionJti):
        result = db.execute(delete(model).where(model.expires_at < cutoff))
        removed += result.rowcount  # type: ignore[attr-defined]
    live = select(OidcToken.grant_id).union(select(OidcAuthorizationCode.grant_id))
    result = db.execute(delete(OidcGrant).where(OidcGrant.created_at < cutoff, OidcGrant.id.not_in(live)))
    removed += result.rowcount  # type: ignore[attr-defined]
    db.commit()
    return removed
