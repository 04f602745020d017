from __future__ import annotations

import json
import multiprocessing
import multiprocessing.synchronize
import os
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import ECKey, KeySet, RSAKey

from idp.keys import MANIFEST_NAME, KeyStore, KeyStoreError, SigningKey

START = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)
RETENTION = timedelta(hours=1)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def create(directory: Path, clock: Clock | None = None, **options: object) -> KeyStore:
    return KeyStore.load_or_create(directory, rsa_bits=2048, retention=RETENTION, now=clock, **options)  # type: ignore[arg-type]


def rotate(directory: Path, clock: Clock, **options: object) -> KeyStore:
    return KeyStore.rotate(directory, rsa_bits=2048, retention=RETENTION, now=clock, **options)  # type: ignore[arg-type]


def manifest(directory: Path) -> list[dict[str, str | None]]:
    document = json.loads((directory / MANIFEST_NAME).read_text())
    keys: list[dict[str, str | None]] = document["keys"]
    return keys


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sign(key: SigningKey, claims: dict[str, object]) -> str:
    private = RSAKey.import_key(key.private_key) if key.alg == "RS256" else ECKey.import_key(key.private_key)  # type: ignore[arg-type]
    return jwt.encode({"alg": key.alg, "kid": key.kid}, claims, private)


def relying_party_keys(store: KeyStore) -> KeySet:
    """The key set as a relying party sees it: parsed from the JSON of the jwks_uri."""
    return KeySet.import_key_set(json.loads(json.dumps(store.jwks())))


def kids(store: KeyStore) -> list[str]:
    return [jwk["kid"] for jwk in store.jwks()["keys"]]


def test_first_load_creates_rs256_es256_and_saml_keys_readable_only_by_the_owner(tmp_path: Path) -> None:
    directory = tmp_path / "keys"

    store = create(directory, Clock())

    assert mode(directory) == 0o700
    rs256, es256, saml = store.active_key("RS256"), store.active_key("ES256"), store.saml_key()
    assert isinstance(rs256.private_key, rsa.RSAPrivateKey)
    assert rs256.private_key.key_size == 2048
    assert isinstance(es256.private_key, ec.EllipticCurvePrivateKey)
    assert isinstance(es256.private_key.curve, ec.SECP256R1)
    assert rs256.created_at == START
    assert rs256.retired_at is None
    entries = manifest(directory)
    assert sorted((entry["purpose"], entry["alg"]) for entry in entries) == [
        ("jwt", "ES256"),
        ("jwt", "RS256"),
        ("saml", "RS256"),
    ]
    for entry in entries:
        assert set(entry) == {"kid", "alg", "use", "file", "created_at", "retired_at", "purpose"}
        assert entry["use"] == "sig"
        assert entry["created_at"] == "2030-03-01T12:00:00Z"
        assert entry["retired_at"] is None
        assert mode(directory / str(entry["file"])) == 0o600
    assert mode(saml.key_path) == 0o600
    assert saml.key_path.read_bytes() == saml.private_key_pem
    assert saml.certificate_path.read_bytes() == saml.certificate_pem
    assert saml.certificate_path.suffix == ".crt"


def test_saml_certificate_is_self_signed_for_ten_years_with_the_configured_name(tmp_path: Path) -> None:
    store = create(tmp_path / "keys", Clock(), saml_common_name="idp.example.be")

    certificate = x509.load_pem_x509_certificate(store.saml_key().certificate_pem)

    common_name = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    assert common_name == "idp.example.be"
    assert certificate.issuer == certificate.subject
    assert certificate.not_valid_before_utc == START
    assert certificate.not_valid_after_utc == START.replace(year=2040)
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_default_rsa_keys_are_3072_bits(tmp_path: Path) -> None:
    store = KeyStore.load_or_create(tmp_path / "keys")

    saml = serialization.load_pem_private_key(store.saml_key().private_key_pem, password=None)
    for key in (store.active_key("RS256").private_key, saml):
        assert isinstance(key, rsa.RSAPrivateKey)
        assert key.key_size == 3072


def test_second_load_returns_the_same_keys(tmp_path: Path) -> None:
    first = create(tmp_path / "keys")

    second = create(tmp_path / "keys")

    assert kids(second) == kids(first)
    assert second.saml_key().kid == first.saml_key().kid
    assert second.saml_key().certificate_pem == first.saml_key().certificate_pem
    assert len(manifest(tmp_path / "keys")) == 3


def test_kids_are_unique_base64url_without_padding(tmp_path: Path) -> None:
    store = create(tmp_path / "keys")
    all_kids = [*kids(store), store.saml_key().kid]

    assert len(set(all_kids)) == 3
    for kid in all_kids:
        assert len(kid) == 22  # 16 bytes
        assert set(kid) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_jwks_holds_public_parameters_only(tmp_path: Path, alg: str) -> None:
    store = create(tmp_path / "keys")

    (jwk,) = [jwk for jwk in store.jwks()["keys"] if jwk["alg"] == alg]

    assert jwk["kid"] == store.active_key(alg).kid
    assert jwk["use"] == "sig"
    assert jwk == store.active_key(alg).public_jwk()
    assert not {"d", "p", "q", "dp", "dq", "qi", "k"} & set(jwk)
    assert set(jwk) == ({"kty", "kid", "alg", "use", "n", "e"} if alg == "RS256" else
                        {"kty", "kid", "alg", "use", "crv", "x", "y"})  # fmt: skip


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_token_signed_with_the_active_key_verifies_with_only_the_jwks(tmp_path: Path, alg: str) -> None:
    store = create(tmp_path / "keys")
    token = sign(store.active_key(alg), {"sub": "85073003328", "iss": "https://idp.example"})

    decoded = jwt.decode(token, relying_party_keys(store), algorithms=[alg])

    assert decoded.claims["sub"] == "85073003328"
    assert decoded.header["kid"] == store.active_key(alg).kid


def test_token_signed_with_a_foreign_key_of_the_same_kid_does_not_verify(tmp_path: Path) -> None:
    store = create(tmp_path / "keys")
    other = create(tmp_path / "other")
    forged = SigningKey(store.active_key("ES256").kid, "ES256", START, None, other.active_key("ES256").private_key)

    with pytest.raises(BadSignatureError):
        jwt.decode(sign(forged, {"sub": "x"}), relying_party_keys(store), algorithms=["ES256"])


def test_rotation_publishes_the_old_key_until_retention_passes(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    clock = Clock()
    before = create(directory, clock)
    old_rs256, old_es256 = before.active_key("RS256"), before.active_key("ES256")
    token = sign(old_rs256, {"sub": "85073003328"})

    clock.now = START + timedelta(hours=2)
    after = rotate(directory, clock)

    new_rs256, new_es256 = after.active_key("RS256"), after.active_key("ES256")
    assert {new_rs256.kid, new_es256.kid}.isdisjoint({old_rs256.kid, old_es256.kid})
    assert after.signing_keys[0].created_at == clock.now
    published = set(kids(after))
    assert published == {old_rs256.kid, old_es256.kid, new_rs256.kid, new_es256.kid}
    assert jwt.decode(token, relying_party_keys(after), algorithms=["RS256"]).claims["sub"]
    retired = {key.kid: key.retired_at for key in after.signing_keys}
    assert retired[old_rs256.kid] == retired[old_es256.kid] == clock.now
    assert retired[new_rs256.kid] is None

    almost = clock.now + RETENTION - timedelta(seconds=1)
    assert old_rs256.kid in {jwk["kid"] for jwk in after.jwks(now=almost)["keys"]}
    assert after.find_public_key(old_rs256.kid, now=almost) is not None

    clock.now += RETENTION
    assert {jwk["kid"] for jwk in after.jwks()["keys"]} == {new_rs256.kid, new_es256.kid}
    assert after.find_public_key(old_rs256.kid) is None
    # Retired keys stay on disk until the next rotation after their retention.
    assert len(list(directory.glob("jwt-*.pem"))) == 4


def test_rotation_deletes_keys_retired_longer_than_retention(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    clock = Clock()
    first = create(directory, clock)
    clock.now += timedelta(minutes=5)
    second = rotate(directory, clock)
    clock.now += RETENTION
    third = rotate(directory, clock)

    first_kids = {key.kid for key in first.signing_keys}
    second_kids = {key.kid for key in second.signing_keys if key.retired_at is None}
    assert {entry["kid"] for entry in manifest(directory) if entry["purpose"] == "jwt"}.isdisjoint(first_kids)
    assert set(kids(third)) == second_kids | {third.active_key("RS256").kid, third.active_key("ES256").kid}
    assert len(list(directory.glob("jwt-*.pem"))) == 4
    assert third.saml_key().kid == first.saml_key().kid  # SAML rotates only when asked


def test_rotation_with_saml_replaces_the_saml_key_and_certificate(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    clock = Clock()
    before = create(directory, clock)
    clock.now += timedelta(days=2)

    after = rotate(directory, clock, include_saml=True, saml_common_name="idp.example.be")

    assert after.saml_key().kid != before.saml_key().kid
    assert after.saml_key().certificate_path.exists()
    assert before.saml_key().certificate_path.exists()  # retired, kept for the retention
    entries = {entry["kid"]: entry for entry in manifest(directory)}
    assert entries[before.saml_key().kid]["retired_at"] == "2030-03-03T12:00:00Z"


def test_find_public_key_gives_the_public_half_for_our_kids_only(tmp_path: Path) -> None:
    store = create(tmp_path / "keys")
    active = store.active_key("ES256")

    found = store.find_public_key(active.kid)

    assert found is not None
    assert found.alg == "ES256"
    assert found.public_jwk() == active.public_jwk()
    assert store.find_public_key("unknown") is None
    assert store.find_public_key(store.saml_key().kid) is None


def test_is_current_turns_false_after_a_rotation_elsewhere(tmp_path: Path) -> None:
    clock = Clock()
    store = create(tmp_path / "keys", clock)
    assert store.is_current()

    rotate(tmp_path / "keys", clock)

    assert not store.is_current()
    assert create(tmp_path / "keys", clock).is_current()


def test_load_reads_an_existing_keyset_without_writing(tmp_path: Path) -> None:
    created = create(tmp_path / "keys")

    loaded = KeyStore.load(tmp_path / "keys", retention=RETENTION)

    assert kids(loaded) == kids(created)
    (tmp_path / "keys" / ".lock").unlink()  # a copy no writer ever locked, e.g. mounted read-only
    assert kids(KeyStore.load(tmp_path / "keys")) == kids(created)
    with pytest.raises(KeyStoreError, match="does not exist"):
        KeyStore.load(tmp_path / "empty")


def test_load_or_create_fills_in_a_missing_key(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    store = create(directory)
    document = json.loads((directory / MANIFEST_NAME).read_text())
    document["keys"] = [entry for entry in document["keys"] if entry["alg"] != "ES256"]
    (directory / MANIFEST_NAME).write_text(json.dumps(document))

    again = create(directory)

    assert again.active_key("RS256").kid == store.active_key("RS256").kid
    assert again.active_key("ES256").kid != store.active_key("ES256").kid


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "not a version 1 keyset"),
        ('{"version": 1}', "no 'keys' list"),
        ('{"version": 1, "keys": [42]}', "entry 0 is not an object"),
    ],
)
def test_unreadable_manifest_raises_key_store_error_naming_it(tmp_path: Path, content: str, message: str) -> None:
    directory = tmp_path / "keys"
    create(directory)
    (directory / MANIFEST_NAME).write_text(content)

    with pytest.raises(KeyStoreError, match=message) as caught:
        create(directory)

    assert str(directory / MANIFEST_NAME) in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("alg", "HS256", "unknown alg 'HS256'"),
        ("alg", "none", "unknown alg 'none'"),
        ("purpose", "tls", "unknown purpose"),
        ("use", "enc", "only 'sig'"),
        ("kid", None, "no 'kid' string"),
        ("created_at", "yesterday", "invalid 'created_at'"),
        ("created_at", "2030-03-01T12:00:00", "without a timezone"),
        ("file", "../../etc/passwd", "not a .pem name"),
        ("file", "/etc/ssl/private/key.pem", "not a .pem name"),
    ],
)
def test_bad_manifest_entry_raises_key_store_error(tmp_path: Path, field: str, value: str | None, message: str) -> None:
    directory = tmp_path / "keys"
    create(directory)
    document = json.loads((directory / MANIFEST_NAME).read_text())
    document["keys"][0][field] = value
    (directory / MANIFEST_NAME).write_text(json.dumps(document))

    with pytest.raises(KeyStoreError, match=message) as caught:
        KeyStore.load(directory)

    assert str(directory / MANIFEST_NAME) in str(caught.value)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda path: path.write_bytes(b"-----BEGIN PRIVATE KEY-----\ngarbage\n"), "not an unencrypted PEM"),
        (lambda path: path.write_bytes(b""), "not an unencrypted PEM"),
        (lambda path: path.unlink(), "cannot read key file"),
    ],
)
def test_damaged_key_file_raises_key_store_error_naming_it(tmp_path: Path, damage: object, message: str) -> None:
    directory = tmp_path / "keys"
    store = create(directory)
    path = directory / next(str(e["file"]) for e in manifest(directory) if e["kid"] == store.active_key("RS256").kid)
    damage(path)  # type: ignore[operator]

    with pytest.raises(KeyStoreError, match=message) as caught:
        create(directory)

    assert str(path) in str(caught.value)


def test_key_file_swapped_for_another_key_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    store = create(directory)
    other = create(tmp_path / "other")
    rs256 = next(directory.glob("jwt-rs256-*.pem"))
    rs256.write_bytes(next((tmp_path / "other").glob("jwt-rs256-*.pem")).read_bytes())

    with pytest.raises(KeyStoreError, match="does not match kid"):
        create(directory)
    assert other.active_key("RS256").kid != store.active_key("RS256").kid


def test_es256_entry_pointing_at_an_rsa_key_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    create(directory)
    document = json.loads((directory / MANIFEST_NAME).read_text())
    rs256 = next(entry for entry in document["keys"] if entry["purpose"] == "jwt" and entry["alg"] == "RS256")
    rs256["alg"] = "ES256"
    (directory / MANIFEST_NAME).write_text(json.dumps(document))

    with pytest.raises(KeyStoreError, match="does not hold a key for ES256"):
        create(directory)


def test_key_directory_that_cannot_be_created_raises_key_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")

    with pytest.raises(KeyStoreError, match="file/keys"):
        create(tmp_path / "file" / "keys")
    with pytest.raises(KeyStoreError, match="not a directory"):
        create(tmp_path / "file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_key_directory_that_is_not_writable_raises_key_store_error(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    directory.mkdir(mode=0o500)

    with pytest.raises(KeyStoreError, match="not writable"):
        create(directory)


def test_naive_clock_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        KeyStore.load_or_create(tmp_path / "keys", rsa_bits=2048, now=lambda: datetime(2030, 1, 1))


def test_concurrent_first_starts_in_threads_make_one_keyset(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    barrier = threading.Barrier(4)
    stores: list[KeyStore] = []
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            stores.append(create(directory))
        except BaseException as error:  # collected, so the assertion below shows it
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len({store.active_key("RS256").kid for store in stores}) == 1
    assert len({store.saml_key().kid for store in stores}) == 1
    entries = manifest(directory)
    assert [entry["alg"] for entry in entries if entry["purpose"] == "jwt"].count("RS256") == 1
    assert len(list(directory.glob("*.pem"))) == 3


def start_worker(directory: Path, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait()
    KeyStore.load_or_create(directory, rsa_bits=2048)


def test_concurrent_first_starts_in_processes_make_one_keyset(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(4)
    workers = [context.Process(target=start_worker, args=(directory, barrier)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    entries = manifest(directory)
    assert sorted((entry["purpose"], entry["alg"]) for entry in entries) == [
        ("jwt", "ES256"),
        ("jwt", "RS256"),
        ("saml", "RS256"),
    ]
    assert len(list(directory.glob("*.pem"))) == 3
