"""argon2id password hashes and TOTP helpers (mandate_resolver.registry.passwords)."""

from __future__ import annotations

import pyotp
import pytest

from mandate_resolver.registry.passwords import (
    DEFAULT_PROFILE,
    MAX_PASSWORD_LENGTH,
    TEST_PROFILE,
    HashProfile,
    PasswordPolicyError,
    hash_password,
    is_password_hash,
    is_totp_secret,
    needs_rehash,
    new_totp_secret,
    totp_uri,
    verify_password,
)


def test_a_hash_verifies_its_password_and_rejects_others() -> None:
    stored = hash_password("correct horse battery staple", profile=TEST_PROFILE)
    assert stored.startswith("$argon2id$v=19$")
    assert verify_password(stored, "correct horse battery staple")
    assert not verify_password(stored, "correct horse battery stapl")
    assert not verify_password(stored, "")


def test_the_same_password_gets_a_new_salt_each_time() -> None:
    assert hash_password("same", profile=TEST_PROFILE) != hash_password("same", profile=TEST_PROFILE)


def test_the_default_profile_is_argon2id_with_64_mib_and_three_passes() -> None:
    assert HashProfile(time_cost=3, memory_cost_kib=65536, parallelism=1) == DEFAULT_PROFILE
    assert "$m=65536,t=3,p=1$" in hash_password("x")


@pytest.mark.parametrize("password", ["", "x" * (MAX_PASSWORD_LENGTH + 1)], ids=["empty", "too-long"])
def test_hashing_refuses_empty_and_overlong_passwords(password: str) -> None:
    with pytest.raises(PasswordPolicyError):
        hash_password(password, profile=TEST_PROFILE)


def test_the_longest_accepted_password_hashes_and_verifies() -> None:
    password = "é" * MAX_PASSWORD_LENGTH
    assert verify_password(hash_password(password, profile=TEST_PROFILE), password)


def test_an_overlong_password_never_verifies() -> None:
    stored = hash_password("x" * MAX_PASSWORD_LENGTH, profile=TEST_PROFILE)
    assert not verify_password(stored, "x" * (MAX_PASSWORD_LENGTH + 1))


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plaintext",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # bcrypt
        "$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",  # argon2i, not argon2id
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ",  # truncated
        "$argon2id$v=19$m=4194304,t=1000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",  # a denial of service
        "$argon2id$" + "A" * 600,
    ],
    ids=["empty", "plain", "bcrypt", "argon2i", "truncated", "huge-cost", "huge"],
)
def test_verify_returns_false_for_anything_but_a_sane_argon2id_hash(stored: str) -> None:
    assert not verify_password(stored, "password")
    assert not is_password_hash(stored)
    assert needs_rehash(stored)


def test_needs_rehash_compares_with_the_profile() -> None:
    light = hash_password("x", profile=TEST_PROFILE)
    assert not needs_rehash(light, profile=TEST_PROFILE)
    assert needs_rehash(light)  # the default profile is stronger


def test_totp_secrets_are_random_base32_of_160_bits() -> None:
    first, second = new_totp_secret(), new_totp_secret()
    assert first != second
    assert len(first) == 32 and is_totp_secret(first)


@pytest.mark.parametrize(
    "secret", ["", "JBSWY3DP", "jbswy3dpehpk3pxpjbswy3dpehpk3pxp", "JBSWY3DPEHPK3PXP1!", "A" * 200]
)
def test_is_totp_secret_rejects_short_lower_case_and_non_base32(secret: str) -> None:
    assert not is_totp_secret(secret)


def test_totp_uri_is_what_authenticator_apps_read() -> None:
    secret = new_totp_secret()
    uri = totp_uri(secret, "sammy", "Mandate IdP")
    assert uri.startswith("otpauth://totp/Mandate%20IdP:sammy?")
    parsed = pyotp.parse_uri(uri)
    assert isinstance(parsed, pyotp.TOTP)
    assert parsed.secret == secret and parsed.issuer == "Mandate IdP"
