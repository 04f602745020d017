"""Authentication means as services, free of views: password, one-time code (TOTP), recovery code.

Every failure looks the same from outside (L06): an unknown user, a wrong password and a disabled account
all cost one argon2 verification (against a dummy hash when there is nothing real to verify) and give the
same answer. Throttling (``throttle``) is charged per typed username, so it behaves the same for accounts
that exist and accounts that don't.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Final

import pyotp
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Credential, User, as_utc
from mandate_resolver.registry.passwords import (
    DEFAULT_PROFILE,
    MAX_PASSWORD_LENGTH,
    HashProfile,
    hash_password,
    needs_rehash,
    verify_password,
)

from . import throttle

MAX_USERNAME_LENGTH: Final = 100
TOTP_STEP_S: Final = 30
# RFC 6238 §5.2: accept one step of clock drift either way.
TOTP_DRIFT_STEPS: Final = 1
RECOVERY_CODE_COUNT: Final = 10
_RECOVERY_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@functools.cache
def dummy_hash(profile: HashProfile = DEFAULT_PROFILE) -> str:
    """A hash made like real ones, verified when there is no real one: the same cost either way (L06).

    ``profile`` is the deployment's password profile (``app.extensions["idp.password_profile"]``, default
    :data:`DEFAULT_PROFILE`); tests whose users have light hashes set the light profile.
    """
    return hash_password(secrets.token_urlsafe(16), profile=profile)


@dataclass(frozen=True, slots=True)
class PasswordOutcome:
    """``user`` is set on success only; ``wait_s`` > 0 means throttled (nothing was checked)."""

    user: User | None
    wait_s: int = 0


def find_user(db: Session, username: str) -> User | None:
    if not username or len(username) > MAX_USERNAME_LENGTH:
        return None
    return db.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def credentials_of(db: Session, user_id: int, kind: str) -> list[Credential]:
    return list(db.scalars(select(Credential).where(Credential.user_id == user_id, Credential.kind == kind)))


def check_password(
    db: Session,
    username: str,
    password: str,
    *,
    keys: throttle.ThrottleKeys,
    now: dt.datetime,
    profile: HashProfile = DEFAULT_PROFILE,
) -> PasswordOutcome:
    """Check a username and password, throttled by ``keys``; ``profile`` is what real hashes are made with."""
    wait = throttle.blocked_for(db, keys, now)
    if wait:
        return PasswordOutcome(None, wait)
    user = find_user(db, username)
    stored = credentials_of(db, user.id, "password") if user is not None else []
    if len(password) > MAX_PASSWORD_LENGTH:
        ok = False  # refused before hashing, whoever the user: no timing difference to learn from
    elif stored:
        ok = verify_password(stored[0].secret, password)
    else:
        verify_password(dummy_hash(profile), password)
        ok = False
    if ok and user is not None and not user.disabled:
        credential = stored[0]
        if needs_rehash(credential.secret, profile=profile):
            # A hash made with weaker (or older) parameters is replaced now that we hold the password:
            # imported or demo accounts reach the production profile at their first login.
            credential.secret = hash_password(password, profile=profile)
        throttle.record_success(db, keys.keys[0][0])
        return PasswordOutcome(user)
    throttle.record_failure(db, keys, now)
    return PasswordOutcome(None)


def has_second_factor(db: Session, user_id: int) -> bool:
    return bool(credentials_of(db, user_id, "totp"))


def _step_code(secret: str, step: int) -> str:
    return str(pyotp.TOTP(secret).at(step * TOTP_STEP_S))


def check_totp(db: Session, user: User, code: str, *, now: dt.datetime) -> bool:
    """True when ``code`` is the user's current one-time code and has not been used before.

    A code is accepted once: the step it belongs to is remembered (``last_used_at``), and that step and
    earlier ones are refused afterwards (RFC 6238 §5.2).
    """
    code = "".join(code.split())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    current = int(now.timestamp()) // TOTP_STEP_S
    for credential in credentials_of(db, user.id, "totp"):
        last_step = int(as_utc(credential.last_used_at).timestamp()) // TOTP_STEP_S if credential.last_used_at else -1
        for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1):
            if step > last_step and hmac.compare_digest(_step_code(credential.secret, step), code):
                credential.last_used_at = dt.datetime.fromtimestamp(step * TOTP_STEP_S, dt.UTC)
                db.commit()
                return True
    return False


def verify_totp_secret(secret: str, code: str, *, now: dt.datetime) -> bool:
    """True when ``code`` matches ``secret`` now (enrolment: the app was set up correctly)."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return False
    current = int(now.timestamp()) // TOTP_STEP_S
    return any(
        hmac.compare_digest(_step_code(secret, step), code)
        for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1)
    )


def _recovery_digest(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(("recovery:" + normalised).encode("ascii", "replace")).hexdigest()


def new_recovery_codes(db: Session, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones and return them (shown once, stored hashed).

    Each code carries 50 random bits; a hash without salt suffices because guessing is throttled and the
    codes are random, not chosen by people.
    """
    codes = [
        "-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5)) for _ in range(2))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    db.execute(delete(Credential).where(Credential.user_id == user.id, Credential.kind == "recovery"))
    for code in codes:
        db.add(Credential(user_id=user.id, kind="recovery", secret=_recovery_digest(code), label="recovery code"))
    db.commit()
    return codes


def use_recovery_code(db: Session, user: User, code: str) -> bool:
    """True (and the code is spent) when ``code`` is one of the user's unused recovery codes."""
    if not code or len(code) > 40:
        return False
    digest = _recovery_digest(code)
    for credential in credentials_of(db, user.id, "recovery"):
        if hmac.compare_digest(credential.secret, digest):
            db.delete(credential)
            db.commit()
            return True
    return False


def enrol_totp(db: Session, user: User, secret: str, *, now: dt.datetime) -> None:
    """Store ``secret`` as the user's one authenticator (replacing an earlier one)."""
    db.execute(delete(Credential).where(Credential.user_id == user.id, Credential.kind == "totp"))
    # The code just typed to prove the set-up counts as used.
    db.add(Credential(user_id=user.id, kind="totp", secret=secret, label="authenticator app", last_used_at=now))
    db.commit()
