"""Password hashes (argon2id) and TOTP secrets for the ``credentials`` table, framework-free.

A password is stored as an argon2id hash in the PHC string format (``$argon2id$v=19$m=...``), which
carries its own salt and parameters: a hash made with an older or lighter profile still verifies, and
:func:`needs_rehash` says when to replace it after the next successful login.

>>> stored = hash_password("correct horse", profile=TEST_PROFILE)
>>> verify_password(stored, "correct horse"), verify_password(stored, "wrong horse")
(True, False)
>>> needs_rehash(stored)  # made with the light test profile, not the default one
True
>>> totp_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "sammy", "Mandate IdP")
'otpauth://totp/Mandate%20IdP:sammy?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Mandate%20IdP'
"""

from __future__ import annotations

import binascii
import functools
from base64 import b32decode
from dataclasses import dataclass
from typing import Final

import pyotp
from argon2 import Parameters, PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = [
    "DEFAULT_PROFILE",
    "MAX_PASSWORD_LENGTH",
    "TEST_PROFILE",
    "HashProfile",
    "PasswordPolicyError",
    "hash_password",
    "is_password_hash",
    "is_totp_secret",
    "needs_rehash",
    "new_totp_secret",
    "totp_uri",
    "verify_password",
]

# Longer inputs are refused before hashing: argon2 pre-hashes any length, but a megabyte "password"
# posted to a login form is an attack, not a password.
MAX_PASSWORD_LENGTH: Final = 1024
# A stored hash is a short ASCII string; anything longer is not one of ours.
MAX_HASH_LENGTH: Final = 512
# RFC 4226 §4 (R6): the shared secret is at least 128 bits; we generate 160 (RFC 4226 recommends it).
MIN_TOTP_SECRET_BYTES: Final = 16
MAX_TOTP_SECRET_LENGTH: Final = 128

# Bounds on the parameters of a hash we accept to verify: a hash planted in the database or an import
# with m=4 GiB, t=1000 would otherwise turn every login attempt into a denial of service.
_MAX_TIME_COST: Final = 16
_MAX_MEMORY_COST_KIB: Final = 512 * 1024
_MAX_PARALLELISM: Final = 16
_ARGON2ID_PREFIX: Final = "$argon2id$"


@dataclass(frozen=True, slots=True)
class HashProfile:
    """The argon2id cost parameters new hashes are made with.

    >>> HashProfile(time_cost=3, memory_cost_kib=64 * 1024, parallelism=1) == DEFAULT_PROFILE
    True
    """

    time_cost: int
    memory_cost_kib: int
    parallelism: int
    hash_length: int = 32
    salt_length: int = 16

    def parameters(self) -> Parameters:
        return Parameters(
            type=Type.ID,
            version=19,
            salt_len=self.salt_length,
            hash_len=self.hash_length,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost_kib,
            parallelism=self.parallelism,
        )


# RFC 9106 §4, second recommended option (64 MiB, 3 passes), with one lane: the web workers are
# threads of their own, and one lane keeps a login's cost predictable on a small host.
DEFAULT_PROFILE: Final = HashProfile(time_cost=3, memory_cost_kib=64 * 1024, parallelism=1)
# For tests and demo fixtures only: the smallest memory argon2 accepts (8 KiB per lane), one pass.
TEST_PROFILE: Final = HashProfile(time_cost=1, memory_cost_kib=8, parallelism=1)


class PasswordPolicyError(ValueError):
    """A password that cannot be hashed: empty, or longer than :data:`MAX_PASSWORD_LENGTH`.

    ``reason`` is ``"empty"`` or ``"length"``.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        if reason == "empty":
            message = "a password may not be empty"
        else:
            message = f"a password may be at most {MAX_PASSWORD_LENGTH} characters long"
        super().__init__(message)


@functools.cache
def _hasher(profile: HashProfile) -> PasswordHasher:
    return PasswordHasher.from_parameters(profile.parameters())


def _check_password(password: str) -> None:
    if not password:
        raise PasswordPolicyError("empty")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordPolicyError("length")


def hash_password(password: str, *, profile: HashProfile = DEFAULT_PROFILE) -> str:
    """Hash ``password`` with argon2id and a fresh random salt.

    Raises :class:`PasswordPolicyError` for an empty password or one longer than 1024 characters.

    >>> hash_password("s3cret", profile=TEST_PROFILE).startswith("$argon2id$v=19$m=8,t=1,p=1$")
    True
    >>> hash_password("")
    Traceback (most recent call last):
      ...
    mandate_resolver.registry.passwords.PasswordPolicyError: a password may not be empty
    """
    _check_password(password)
    return _hasher(profile).hash(password)


def _acceptable_parameters(stored_hash: str) -> Parameters | None:
    """The parameters of ``stored_hash`` when it is an argon2id hash we are willing to verify."""
    if len(stored_hash) > MAX_HASH_LENGTH or not stored_hash.startswith(_ARGON2ID_PREFIX):
        return None
    try:
        parameters = extract_parameters(stored_hash)
    except (InvalidHashError, ValueError):
        return None
    if not (
        parameters.type is Type.ID
        and parameters.version == 19
        and 1 <= parameters.time_cost <= _MAX_TIME_COST
        and 1 <= parameters.parallelism <= _MAX_PARALLELISM
        and 8 * parameters.parallelism <= parameters.memory_cost <= _MAX_MEMORY_COST_KIB
        and parameters.salt_len >= 8
        and parameters.hash_len >= 16
    ):
        return None
    return parameters


def is_password_hash(text: str) -> bool:
    """True when ``text`` is an argon2id PHC string with parameters we accept to verify.

    The import uses it to accept ``{"kind": "password", "hash": ...}`` credentials.

    >>> is_password_hash(hash_password("x", profile=TEST_PROFILE)), is_password_hash("$2b$12$abc")
    (True, False)
    """
    return _acceptable_parameters(text) is not None


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; False otherwise, never an exception.

    A mismatch, an empty or over-long password, a hash of another algorithm, a corrupt hash or one with
    unreasonable parameters all give False.

    >>> verify_password("not a hash", "anything")
    False
    """
    if not password or len(password) > MAX_PASSWORD_LENGTH:
        return False
    parameters = _acceptable_parameters(stored_hash)
    if parameters is None:
        return False
    try:
        # Any hasher verifies any argon2id hash: the parameters are read from the hash itself.
        return _hasher(TEST_PROFILE).verify(stored_hash, password)
    except (VerificationError, InvalidHashError, ValueError):
        return False


def needs_rehash(stored_hash: str, *, profile: HashProfile = DEFAULT_PROFILE) -> bool:
    """True when ``stored_hash`` was not made with ``profile`` (or is not a usable hash at all).

    Call it after a successful :func:`verify_password` and store a new hash if it says so.
    """
    parameters = _acceptable_parameters(stored_hash)
    return parameters is None or parameters != profile.parameters()


def new_totp_secret() -> str:
    """A new random TOTP secret: 32 base32 characters (160 bits, RFC 4226 §4).

    >>> len(new_totp_secret())
    32
    """
    return pyotp.random_base32()


def is_totp_secret(text: str) -> bool:
    """True when ``text`` is upper-case base32 (no padding) of at least 128 bits.

    >>> is_totp_secret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), is_totp_secret("JBSWY3DP")
    (True, False)
    """
    if not 0 < len(text) <= MAX_TOTP_SECRET_LENGTH or text != text.upper() or "=" in text:
        return False
    try:
        decoded = b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return False
    return len(decoded) >= MIN_TOTP_SECRET_BYTES


def totp_uri(secret: str, account: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from a QR code.

    ``account`` is what the app shows under ``issuer``, usually the username.
    """
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)
