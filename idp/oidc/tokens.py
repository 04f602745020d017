"""Grants, authorization codes, access and refresh tokens: issue, redeem once, revoke, inspect.

Shared state lives in the database so any worker can redeem what another issued. Single use is a
conditional UPDATE whose row count names the one winner: of two workers redeeming the same code at the
same moment, exactly one gets tokens; the other gets ``invalid_grant`` and, as for any reuse, the grant
and every token it produced are revoked (RFC 6749 §4.1.2, RFC 9700 §4.14.2 for refresh tokens).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import as_utc

from .claims import half_hash, pairwise_subject
from .errors import InvalidGrant, InvalidRequest, InvalidScope
from .models import OidcAssertionJti, OidcAuthorizationCode, OidcClient, OidcGrant, OidcSubject, OidcToken

# RFC 7636 §4.1: 43 to 128 unreserved characters.
CODE_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")

Signer = Callable[[Mapping[str, object], str], str]


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


def redeem_code(
    db: Session, client: OidcClient, code: str, *, redirect_uri: str, code_verifier: str, now: dt.datetime
) -> OidcGrant:
    """The grant behind ``code``, exactly once; every failure is ``invalid_grant`` (or ``invalid_request``)."""
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
        # O07: a code used twice was stolen or replayed: revoke everything the first use produced.
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
    _check_pkce(row, code_verifier)
    if grant is None or not grant_live:
        raise InvalidGrant("the grant was revoked")
    return grant


def _check_pkce(row: OidcAuthorizationCode, verifier: str) -> None:
    if not row.code_challenge:
        if verifier:
            raise InvalidGrant("no code_challenge was sent for this code")  # O12: no PKCE downgrade
        return
    if not verifier:
        raise InvalidRequest("code_verifier is required")  # O11
    if not CODE_VERIFIER.match(verifier):
        raise InvalidGrant("code_verifier is malformed")
    computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()
    if not hmac.compare_digest(computed, row.code_challenge):
        raise InvalidGrant("code_verifier does not match the code_challenge")


def _store_token(db: Session, grant: OidcGrant, kind: str, *, scope: str, ttl_s: int, now: dt.datetime) -> str:
    token = secrets.token_urlsafe(32)
    db.add(
        OidcToken(
            token_hash=digest(token),
            kind=kind,
            grant_id=grant.id,
            client_id=grant.client_id,
            scope=scope,
            issued_at=now,
            expires_at=now + dt.timedelta(seconds=ttl_s),
        )
    )
    return token


def issue_tokens(
    db: Session,
    grant: OidcGrant,
    client: OidcClient,
    *,
    scope: str,
    policy: TokenPolicy,
    sign: Signer,
    now: dt.datetime,
    with_nonce: bool = True,
) -> dict[str, object]:
    """An access token, an ID token, and a refresh token when the client may refresh; committed."""
    access = _store_token(db, grant, "access", scope=scope, ttl_s=policy.access_token_ttl_s, now=now)
    response: dict[str, object] = {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": policy.access_token_ttl_s,
        "scope": scope,
    }
    if "refresh_token" in client.grant_types:
        response["refresh_token"] = _store_token(
            db, grant, "refresh", scope=scope, ttl_s=policy.refresh_token_ttl_s, now=now
        )
    alg = client.id_token_signed_response_alg
    response["id_token"] = sign(
        id_token_claims(db, grant, client, policy=policy, now=now, access_token=access, alg=alg, with_nonce=with_nonce),
        alg,
    )
    db.commit()
    return response


def id_token_claims(
    db: Session,
    grant: OidcGrant,
    client: OidcClient,
    *,
    policy: TokenPolicy,
    now: dt.datetime,
    access_token: str,
    alg: str,
    with_nonce: bool,
) -> dict[str, object]:
    issued = int(now.timestamp())
    claims: dict[str, object] = {
        "iss": policy.issuer,
        "sub": subject_for(db, client, grant.user_id),
        "aud": client.client_id,
        "azp": client.client_id,
        "iat": issued,
        "exp": issued + policy.id_token_ttl_s,
        "auth_time": int(as_utc(grant.auth_time).timestamp()),
        "at_hash": half_hash(access_token, alg),
    }
    if grant.sid:
        claims["sid"] = grant.sid
    if grant.nonce and with_nonce:
        claims["nonce"] = grant.nonce
    stored = grant.claims.get("id_token")
    if isinstance(stored, Mapping):
        for name, value in stored.items():
            claims.setdefault(name, value)
    return claims


def userinfo_claims(db: Session, grant: OidcGrant, client: OidcClient) -> dict[str, object]:
    claims: dict[str, object] = {"sub": subject_for(db, client, grant.user_id)}
    stored = grant.claims.get("userinfo")
    if isinstance(stored, Mapping):
        claims.update(stored)
    return claims


def refresh(
    db: Session,
    client: OidcClient,
    refresh_token: str,
    *,
    scope: str,
    policy: TokenPolicy,
    sign: Signer,
    now: dt.datetime,
    still_holds: Callable[[OidcGrant], bool],
) -> dict[str, object]:
    """Rotate a refresh token: the old one is used up; presenting it again revokes the grant.

    ``still_holds`` re-checks the option the person chose (a mandate stopped since is never asserted
    again, M08); it returns False to end the grant, or raises an ``OidcError`` when it cannot tell.
    """
    if not refresh_token or len(refresh_token) > 200:
        raise InvalidRequest("refresh_token is required")
    token_hash = digest(refresh_token)
    row = db.get(OidcToken, token_hash)
    if row is None or row.kind != "refresh":
        raise InvalidGrant("unknown refresh token")
    if not hmac.compare_digest(row.client_id, client.client_id):
        raise InvalidGrant("the refresh token was issued to another client")  # bound to its client
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
    granted = row.scope.split()
    asked = scope.split() if scope else granted
    if not set(asked) <= set(granted):
        raise InvalidScope("a refresh cannot widen the scope")
    return issue_tokens(db, grant, client, scope=" ".join(asked), policy=policy, sign=sign, now=now, with_nonce=False)


@dataclass(frozen=True, slots=True)
class ActiveToken:
    token: OidcToken
    grant: OidcGrant


def find_active_token(db: Session, token: str, now: dt.datetime, *, kind: str | None = None) -> ActiveToken | None:
    """A live token (not expired, not revoked, its grant not revoked), or None."""
    if not token or len(token) > 200:
        return None
    row = db.get(OidcToken, digest(token))
    if row is None or row.revoked_at is not None or as_utc(row.expires_at) <= now:
        return None
    if kind is not None and row.kind != kind:
        return None
    if row.kind == "refresh" and row.used_at is not None:
        return None
    grant = db.get(OidcGrant, row.grant_id)
    if grant is None or grant.revoked_at is not None:
        return None
    return ActiveToken(row, grant)


def revoke_token(db: Session, client: OidcClient, token: str, now: dt.datetime) -> None:
    """RFC 7009: revoke a token of this client (a refresh token takes its grant's tokens with it)."""
    row = db.get(OidcToken, digest(token)) if token and len(token) <= 200 else None
    if row is None or not hmac.compare_digest(row.client_id, client.client_id):
        return  # RFC 7009 §2.2: an unknown or foreign token is answered like a revoked one
    if row.kind == "refresh":
        revoke_grant(db, row.grant_id, now)
    else:
        db.execute(update(OidcToken).where(OidcToken.token_hash == row.token_hash).values(revoked_at=now))
    db.commit()


def introspect(db: Session, client: OidcClient, token: str, policy: TokenPolicy, now: dt.datetime) -> dict[str, object]:
    """RFC 7662: what a live token of this client stands for; ``{"active": false}`` for anything else."""
    found = find_active_token(db, token, now)
    if found is None or not hmac.compare_digest(found.token.client_id, client.client_id):
        return {"active": False}
    row = found.token
    return {
        "active": True,
        "scope": row.scope,
        "client_id": row.client_id,
        "token_type": "Bearer" if row.kind == "access" else "refresh_token",
        "sub": subject_for(db, client, found.grant.user_id),
        "iss": policy.issuer,
        "aud": row.client_id,
        "iat": int(as_utc(row.issued_at).timestamp()),
        "exp": int(as_utc(row.expires_at).timestamp()),
        "sid": found.grant.sid,
    }


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
