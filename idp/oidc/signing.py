"""Signing and checking our own JWTs with the KeyStore's keys (joserfc, Authlib's JOSE implementation).

The KeyStore is read once per process (``app.extensions["idp.keys"]``); ``current_keys`` asks the disk at
most every ``RECHECK_S`` seconds whether another process rotated the keys, and then loads the new set.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from flask import Flask, current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey

from ..keys import KeyStore

RECHECK_S = 5.0
_reload_lock = threading.Lock()


def current_keys(app: Flask | None = None) -> KeyStore:
    """The process's KeyStore, reloaded when a rotation replaced the manifest (checked every few seconds)."""
    target = app or current_app
    store: KeyStore = target.extensions["idp.keys"]
    checked: float = target.extensions.get("idp.oidc.keys_checked", 0.0)
    now = time.monotonic()
    if now - checked < RECHECK_S:
        return store
    with _reload_lock:
        target.extensions["idp.oidc.keys_checked"] = now
        if not store.is_current():
            store = KeyStore.load(store.directory, retention=store.retention)
            target.extensions["idp.keys"] = store
    return store


def signing_key(alg: str, *, app: Flask | None = None) -> tuple[str, RSAKey | ECKey]:
    """Our active ``alg`` key as a joserfc key, with its ``kid`` (also used by Authlib for ID tokens)."""
    key = current_keys(app).active_key(alg)
    jwk = RSAKey.import_key(key.private_key) if key.alg == "RS256" else ECKey.import_key(key.private_key)  # type: ignore[arg-type]
    return key.kid, jwk


def sign(claims: Mapping[str, object], alg: str, *, typ: str = "JWT", app: Flask | None = None) -> str:
    """A compact JWS of ``claims`` with our active ``alg`` key; the header names its ``kid``."""
    kid, jwk = signing_key(alg, app=app)
    return jwt.encode({"alg": alg, "kid": kid, "typ": typ}, dict(claims), jwk, algorithms=[alg])


def verify_own(token: str, *, app: Flask | None = None) -> dict[str, object] | None:
    """The claims of a JWT we signed (any published key), or None; expiry is the caller's business
    (an expired ID token is still a fine ``id_token_hint``)."""
    if not token or len(token) > 16_000:
        return None
    keys = current_keys(app)
    try:
        key_set = KeySet.import_key_set(keys.jwks())  # type: ignore[arg-type]
        decoded = jwt.decode(token, key_set, algorithms=["RS256", "ES256"])
    except (JoseError, ValueError, TypeError):
        return None
    return dict(decoded.claims)
