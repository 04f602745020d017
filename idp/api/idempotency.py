"""``Idempotency-Key`` on creations (draft-ietf-httpapi-idempotency-key-header): a client that lost the
answer sends the same request with the same key again and gets the first answer, marked
``Idempotent-Replayed: true``, instead of a second creation (or a 422 for duplicates it cannot tell
from someone else's).

The key is claimed in the creation's own transaction, before anything is checked: of two requests with
one key at once, the second waits for the first and then gets 409 ``idempotency.in_progress`` (its
retry, later, the stored answer). A refused creation leaves no claim behind, so a corrected request may
reuse the key. The same key with another request is 422 ``idempotency.key_reused``. Answers are kept
``TTL`` long, per client and user.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from flask import Response, request
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import as_utc, utcnow

from ..database import db_session
from .auth import caller
from .models import ApiIdempotencyKey
from .problems import ApiProblem

TTL: Final = dt.timedelta(hours=24)
# Printable ASCII, as the draft's examples (a UUID is the usual choice).
_KEY: Final = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a creation answers: status, JSON body and, for one mandate, its address."""

    status: int
    body: Mapping[str, object]
    location: str | None = None


def _response(status: int, body: str, location: str | None) -> Response:
    response = Response(body, status=status, mimetype="application/json")
    if location:
        response.headers["Location"] = location
    return response


def _fingerprint(document: object) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{request.method} {request.path}\n{canonical}".encode()).hexdigest()


def answer_once(document: object, create: Callable[[], Outcome], commit: Callable[[], None]) -> Response:
    """Run ``create`` (which writes but does not commit) and ``commit``, at most once per
    ``Idempotency-Key``; without the header, simply run them."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        outcome = create()
        commit()
        return _response(outcome.status, json.dumps(outcome.body), outcome.location)
    if not _KEY.match(key):
        raise ApiProblem(400, "idempotency.key_invalid")
    claim = _claim(key, _fingerprint(document))
    if isinstance(claim, Response):
        return claim
    outcome = create()
    claim.status, claim.body, claim.location = outcome.status, json.dumps(outcome.body), outcome.location
    commit()
    return _response(outcome.status, claim.body, outcome.location)


def _claim(key: str, fingerprint: str) -> ApiIdempotencyKey | Response:
    db = db_session()
    who = caller()
    now = utcnow()
    existing = db.scalar(
        select(ApiIdempotencyKey).where(
            ApiIdempotencyKey.client_id == who.client_id,
            ApiIdempotencyKey.user_id == who.actor.user_id,
            ApiIdempotencyKey.key == key,
        )
    )
    if existing is not None and as_utc(existing.expires_at) > now:
        if existing.request_hash != fingerprint:
            raise ApiProblem(422, "idempotency.key_reused")
        replay = _response(existing.status, existing.body, existing.location)
        replay.headers["Idempotent-Replayed"] = "true"
        return replay
    claim = ApiIdempotencyKey(
        client_id=who.client_id, user_id=who.actor.user_id, key=key, request_hash=fingerprint,
        status=0, body="", created_at=now, expires_at=now + TTL,
    )  # fmt: skip
    # No savepoint: SQLite's driver would commit the claim when releasing it. A failure here ends the
    # request anyway, and the problem handler rolls the whole transaction back.
    try:
        if existing is not None:
            db.delete(existing)  # expired: the key is free again
            db.flush()
        db.add(claim)
        db.flush()
    except IntegrityError:
        # Another request with this key holds it (PostgreSQL made us wait for its end).
        raise ApiProblem(409, "idempotency.in_progress") from None
    return claim


def purge_expired(db: Session, now: dt.datetime) -> int:
    """Delete the answers kept longer than ``TTL``; returns how many (for a daily purge job)."""
    result = db.execute(delete(ApiIdempotencyKey).where(ApiIdempotencyKey.expires_at < now))
    db.commit()
    removed: int = result.rowcount  # type: ignore[attr-defined]
    return removed
