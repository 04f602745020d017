"""The provider's signing keys: one directory, one manifest, one lock.

``keys/keyset.json`` lists every key; each private key is a PEM file beside it (mode 0600), the SAML
key has its self-signed certificate as a ``.crt`` file of the same stem. Writers (first start, rotation)
hold ``fcntl.flock`` on ``keys/.lock``, so gunicorn workers that start together make exactly one keyset.
The manifest is replaced atomically, and only after the key files it names are on disk.

    store = KeyStore.load_or_create(Path("keys"), retention=longest_token_lifetime)
    key = store.active_key("ES256")          # sign with key.private_key, header kid=key.kid
    document = store.jwks()                  # served at the jwks_uri
    store = KeyStore.rotate(Path("keys"), retention=longest_token_lifetime)

A ``KeyStore`` is read once and never changes, so one instance can be shared by every thread; after a
rotation by another process ``is_current()`` turns false and the caller loads a fresh one.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, TypeAlias, TypeVar

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.x509.oid import NameOID

Algorithm: TypeAlias = Literal["RS256", "ES256"]
Purpose: TypeAlias = Literal["jwt", "saml"]
PrivateKey: TypeAlias = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
PublicKey: TypeAlias = rsa.RSAPublicKey | ec.EllipticCurvePublicKey
Clock: TypeAlias = Callable[[], datetime]
_Dated = TypeVar("_Dated", "SigningKey", "SamlKey")

MANIFEST_NAME: Final = "keyset.json"
LOCK_NAME: Final = ".lock"
MANIFEST_VERSION: Final = 1
JWT_ALGORITHMS: Final[tuple[Algorithm, ...]] = ("RS256", "ES256")
DEFAULT_RSA_BITS: Final = 3072
MINIMUM_RSA_BITS: Final = 2048
DEFAULT_RETENTION: Final = timedelta(days=1)
DEFAULT_SAML_COMMON_NAME: Final = "mandate-idp"
SAML_CERTIFICATE_YEARS: Final = 10

_JWT_KINDS: Final[tuple[tuple[Purpose, Algorithm], ...]] = tuple(("jwt", alg) for alg in JWT_ALGORITHMS)
_SAML_KIND: Final[tuple[Purpose, Algorithm]] = ("saml", "RS256")
_ALGORITHMS: Final[Mapping[str, Algorithm]] = {"RS256": "RS256", "ES256": "ES256"}
_PURPOSES: Final[Mapping[str, Purpose]] = {"jwt": "jwt", "saml": "saml"}


class KeyStoreError(Exception):
    """The key directory, its manifest or a key file cannot be used; the message names the file."""


@dataclass(frozen=True, slots=True)
class VerificationKey:
    """The public half of one of our JWT keys, found by kid to verify a token we issued."""

    kid: str
    alg: Algorithm
    public_key: PublicKey = field(repr=False, compare=False)

    def public_jwk(self) -> dict[str, str]:
        return _public_jwk(self.kid, self.alg, self.public_key)


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A JWT signing key; ``retired_at`` is None while it signs, and set once rotation replaced it."""

    kid: str
    alg: Algorithm
    created_at: datetime
    retired_at: datetime | None
    private_key: PrivateKey = field(repr=False, compare=False)

    def public_jwk(self) -> dict[str, str]:
        return _public_jwk(self.kid, self.alg, self.private_key.public_key())

    def verification_key(self) -> VerificationKey:
        return VerificationKey(self.kid, self.alg, self.private_key.public_key())


@dataclass(frozen=True, slots=True)
class SamlKey:
    """The SAML signing key (RSA) with its self-signed certificate, as bytes and as files for pysaml2."""

    kid: str
    created_at: datetime
    retired_at: datetime | None
    private_key_pem: bytes = field(repr=False)
    certificate_pem: bytes
    key_path: Path
    certificate_path: Path


@dataclass(frozen=True, slots=True)
class _Entry:
    """One line of the manifest."""

    kid: str
    alg: Algorithm
    purpose: Purpose
    file: str
    created_at: datetime
    retired_at: datetime | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "kid": self.kid,
            "alg": self.alg,
            "use": "sig",
            "file": self.file,
            "created_at": _format_time(self.created_at),
            "retired_at": None if self.retired_at is None else _format_time(self.retired_at),
            "purpose": self.purpose,
        }

    def is_published(self, now: datetime, retention: timedelta) -> bool:
        return _is_published(self.retired_at, now, retention)


class KeyStore:
    """Every key in one directory, loaded once; look-ups never touch the disk."""

    __slots__ = ("_active", "_by_kid", "_clock", "_directory", "_retention", "_saml", "_signing", "_stamp")

    def __init__(
        self,
        directory: Path,
        signing_keys: Sequence[SigningKey],
        saml_keys: Sequence[SamlKey],
        *,
        retention: timedelta = DEFAULT_RETENTION,
        now: Clock | None = None,
        stamp: tuple[int, int, int] | None = None,
    ) -> None:
        self._directory = directory
        self._retention = retention
        self._clock: Clock = now or _system_clock
        self._stamp = stamp
        self._signing = _newest_first(signing_keys)
        self._by_kid = MappingProxyType({key.kid: key for key in self._signing})
        active: dict[str, SigningKey] = {}
        for key in self._signing:
            if key.retired_at is None:
                active.setdefault(key.alg, key)
        self._active = MappingProxyType(active)
        self._saml = _newest_first(saml_keys)

    @classmethod
    def load(cls, directory: Path, *, retention: timedelta = DEFAULT_RETENTION, now: Clock | None = None) -> KeyStore:
        """Read an existing keyset without writing anything (for a read-only key directory)."""
        with _lock(directory, exclusive=False):
            entries, stamp = _read_manifest(directory, missing_ok=False)
            return cls._from_entries(directory, entries, stamp, retention=retention, now=now)

    @classmethod
    def load_or_create(
        cls,
        directory: Path,
        *,
        rsa_bits: int = DEFAULT_RSA_BITS,
        retention: timedelta = DEFAULT_RETENTION,
        saml_common_name: str = DEFAULT_SAML_COMMON_NAME,
        now: Clock | None = None,
    ) -> KeyStore:
        """Load the keyset, first generating whichever of RS256, ES256 and SAML has no active key."""
        _check_parameters(rsa_bits, saml_common_name)
        clock = now or _system_clock
        _ensure_directory(directory)
        with _lock(directory, exclusive=True):
            entries, stamp = _read_manifest(directory, missing_ok=True)
            active = {(entry.purpose, entry.alg) for entry in entries if entry.retired_at is None}
            missing = [kind for kind in (*_JWT_KINDS, _SAML_KIND) if kind not in active]
            if missing:
                current = _utc(clock())
                entries += [_create_key(directory, kind, rsa_bits, saml_common_name, current) for kind in missing]
                stamp = _write_manifest(directory, entries)
            return cls._from_entries(directory, entries, stamp, retention=retention, now=clock)

    @classmethod
    def rotate(
        cls,
        directory: Path,
        *,
        rsa_bits: int = DEFAULT_RSA_BITS,
        retention: timedelta = DEFAULT_RETENTION,
        include_saml: bool = False,
        saml_common_name: str = DEFAULT_SAML_COMMON_NAME,
        now: Clock | None = None,
    ) -> KeyStore:
        """Make new JWT keys (and a SAML key if asked), retire the old ones, delete the long retired.

        A retired key stays published in the JWKS for ``retention`` (the longest token lifetime), so
        tokens signed just before the rotation still verify; after that its file is removed.
        """
        _check_parameters(rsa_bits, saml_common_name)
        clock = now or _system_clock
        _ensure_directory(directory)
        with _lock(directory, exclusive=True):
            entries, _ = _read_manifest(directory, missing_ok=True)
            current = _utc(clock())
            retiring: set[Purpose] = {"jwt", "saml"} if include_saml else {"jwt"}
            entries = [
                replace(entry, retired_at=current) if entry.purpose in retiring and entry.retired_at is None else entry
                for entry in entries
            ]
            kept = [entry for entry in entries if entry.is_published(current, retention)]
            expired = [entry for entry in entries if not entry.is_published(current, retention)]
            kinds = list(_JWT_KINDS)
            if not any(entry.purpose == "saml" and entry.retired_at is None for entry in kept):
                kinds.append(_SAML_KIND)
            kept += [_create_key(directory, kind, rsa_bits, saml_common_name, current) for kind in kinds]
            stamp = _write_manifest(directory, kept)
            # Files go only after the manifest stopped naming them, so a reader never misses one.
            for entry in expired:
                _remove_key_files(directory, entry)
            return cls._from_entries(directory, kept, stamp, retention=retention, now=clock)

    @classmethod
    def _from_entries(
        cls,
        directory: Path,
        entries: Sequence[_Entry],
        stamp: tuple[int, int, int] | None,
        *,
        retention: timedelta,
        now: Clock | None,
    ) -> KeyStore:
        manifest = directory / MANIFEST_NAME
        seen: set[str] = set()
        signing: list[SigningKey] = []
        saml: list[SamlKey] = []
        for entry in entries:
            if entry.kid in seen:
                raise KeyStoreError(f"key manifest {manifest} lists kid {entry.kid!r} twice")
            seen.add(entry.kid)
            if entry.purpose == "jwt":
                signing.append(_load_signing_key(directory, entry))
            else:
                saml.append(_load_saml_key(directory, entry))
        store = cls(directory, signing, saml, retention=retention, now=now, stamp=stamp)
        for alg in JWT_ALGORITHMS:
            store.active_key(alg)
        store.saml_key()
        return store

    @property
    def directory(self) -> Path:
        return self._directory

    @property
    def retention(self) -> timedelta:
        return self._retention

    @property
    def signing_keys(self) -> tuple[SigningKey, ...]:
        """Every JWT key in the manifest, newest first, retired ones included."""
        return self._signing

    def active_key(self, alg: str) -> SigningKey:
        """The newest non-retired JWT key for ``alg``; the one to sign new tokens with."""
        try:
            return self._active[alg]
        except KeyError:
            manifest = self._directory / MANIFEST_NAME
            raise KeyStoreError(f"key manifest {manifest} has no active jwt key for alg {alg!r}") from None

    def saml_key(self) -> SamlKey:
        """The newest non-retired SAML key and certificate."""
        for key in self._saml:
            if key.retired_at is None:
                return key
        raise KeyStoreError(f"key manifest {self._directory / MANIFEST_NAME} has no active saml key")

    def jwks(self, now: datetime | None = None) -> dict[str, list[dict[str, str]]]:
        """RFC 7517 §5 JWK Set of the active keys and of those retired less than ``retention`` ago."""
        current = _utc(now or self._clock())
        published = [key for key in self._signing if _is_published(key.retired_at, current, self._retention)]
        return {"keys": [key.public_jwk() for key in published]}

    def find_public_key(self, kid: str, now: datetime | None = None) -> VerificationKey | None:
        """The key behind a kid in our own tokens, while it is still published; None otherwise."""
        key = self._by_kid.get(kid)
        if key is None or not _is_published(key.retired_at, _utc(now or self._clock()), self._retention):
            return None
        return key.verification_key()

    def is_current(self) -> bool:
        """False once the manifest on disk was replaced (a rotation elsewhere) since this store was read."""
        try:
            status = os.stat(self._directory / MANIFEST_NAME)
        except OSError:
            return False
        return _stamp(status) == self._stamp


def _is_published(retired_at: datetime | None, now: datetime, retention: timedelta) -> bool:
    """A key is in the JWKS while it signs, and for ``retention`` after it stopped."""
    return retired_at is None or now < retired_at + retention


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    # os.replace gives the manifest a new inode; the times tell a reused inode number apart.
    return status.st_ino, status.st_mtime_ns, status.st_ctime_ns


def _newest_first(keys: Sequence[_Dated]) -> tuple[_Dated, ...]:
    # For equal created_at the later manifest entry counts as newer.
    ordered = sorted(enumerate(keys), key=lambda pair: (pair[1].created_at, pair[0]), reverse=True)
    return tuple(key for _, key in ordered)


def _system_clock() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"the key store needs timezone-aware datetimes, got {moment!r}")
    return moment.astimezone(UTC)


def _format_time(moment: datetime) -> str:
    return _utc(moment).isoformat().replace("+00:00", "Z")


def _check_parameters(rsa_bits: int, saml_common_name: str) -> None:
    if rsa_bits < MINIMUM_RSA_BITS:
        raise ValueError(f"rsa_bits must be at least {MINIMUM_RSA_BITS}, got {rsa_bits}")
    if not 1 <= len(saml_common_name) <= 64:  # RFC 5280 ub-common-name
        raise ValueError(f"saml_common_name must be 1 to 64 characters, got {saml_common_name!r}")


# --- the directory, the lock and the manifest ---------------------------------------------------------


def _ensure_directory(directory: Path) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        if not directory.is_dir():
            raise KeyStoreError(f"key directory {directory} exists but is not a directory") from None
    except OSError as error:
        raise KeyStoreError(f"cannot create key directory {directory}: {error.strerror}") from error
    else:
        os.chmod(directory, 0o700)  # mkdir's mode passes through the umask
    # Fail at start-up, not at the first rotation; a read-only copy is read with KeyStore.load.
    if not os.access(directory, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        raise KeyStoreError(f"key directory {directory} is not writable")


@contextlib.contextmanager
def _lock(directory: Path, *, exclusive: bool) -> Iterator[None]:
    path = directory / LOCK_NAME
    descriptor: int | None = None
    try:
        if exclusive:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        else:
            descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        if exclusive or not directory.is_dir():
            raise KeyStoreError(f"key directory {directory} does not exist") from None
        # A read-only copy that no writer ever locked: nothing to wait for.
    except OSError as error:
        raise KeyStoreError(f"key directory {directory} is not writable: {path}: {error.strerror}") from error
    if descriptor is None:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(descriptor)  # closing releases the flock


def _read_manifest(directory: Path, *, missing_ok: bool) -> tuple[list[_Entry], tuple[int, int, int] | None]:
    path = directory / MANIFEST_NAME
    try:
        with path.open("rb") as stream:
            raw = stream.read()
            status = os.fstat(stream.fileno())
    except FileNotFoundError:
        if missing_ok:
            return [], None
        raise KeyStoreError(f"key manifest {path} does not exist") from None
    except OSError as error:
        raise KeyStoreError(f"cannot read key manifest {path}: {error.strerror}") from error
    try:
        document: object = json.loads(raw)
    except ValueError as error:
        raise KeyStoreError(f"key manifest {path} is not valid JSON: {error}") from error
    if not isinstance(document, dict) or document.get("version") != MANIFEST_VERSION:
        raise KeyStoreError(f"key manifest {path} is not a version {MANIFEST_VERSION} keyset")
    items: object = document.get("keys")
    if not isinstance(items, list):
        raise KeyStoreError(f"key manifest {path} has no 'keys' list")
    entries = [_parse_entry(item, f"key manifest {path} entry {index}") for index, item in enumerate(items)]
    return entries, _stamp(status)


def _parse_entry(raw: object, where: str) -> _Entry:
    if not isinstance(raw, dict):
        raise KeyStoreError(f"{where} is not an object")
    item: Mapping[str, object] = raw

    def text(name: str) -> str:
        value: object = item.get(name)
        if not isinstance(value, str) or not value:
            raise KeyStoreError(f"{where} has no {name!r} string")
        return value

    def moment(name: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(text(name))
        except ValueError:
            raise KeyStoreError(f"{where} has an invalid {name!r} timestamp") from None
        if parsed.tzinfo is None:
            raise KeyStoreError(f"{where} has a {name!r} timestamp without a timezone")
        return parsed.astimezone(UTC)

    alg = _ALGORITHMS.get(text("alg"))
    if alg is None:
        raise KeyStoreError(f"{where} has unknown alg {item.get('alg')!r} (known: {', '.join(_ALGORITHMS)})")
    purpose = _PURPOSES.get(text("purpose"))
    if purpose is None:
        raise KeyStoreError(f"{where} has unknown purpose {item.get('purpose')!r}")
    if purpose == "saml" and alg != "RS256":
        raise KeyStoreError(f"{where}: saml keys must be RS256")
    if text("use") != "sig":
        raise KeyStoreError(f"{where} has use {item.get('use')!r}, only 'sig' is supported")
    file = text("file")
    # The manifest may only name files inside the key directory.
    if Path(file).name != file or file.startswith(".") or not file.endswith(".pem"):
        raise KeyStoreError(f"{where} has file {file!r}, which is not a .pem name in the key directory")
    retired_at = None if item.get("retired_at") is None else moment("retired_at")
    return _Entry(text("kid"), alg, purpose, file, moment("created_at"), retired_at)


def _write_manifest(directory: Path, entries: Sequence[_Entry]) -> tuple[int, int, int]:
    path = directory / MANIFEST_NAME
    document = {"version": MANIFEST_VERSION, "keys": [entry.to_json() for entry in entries]}
    data = (json.dumps(document, indent=2) + "\n").encode()
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".keyset-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)  # atomic: readers see the old manifest or the new one
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _fsync_directory(directory)
        status = os.stat(path)
    except OSError as error:
        raise KeyStoreError(f"cannot write key manifest {path}: {error.strerror}") from error
    return _stamp(status)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_new_file(path: Path, data: bytes, mode: int) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        with os.fdopen(descriptor, "wb") as stream:
            os.fchmod(stream.fileno(), mode)  # the mode given to open passes through the umask
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise KeyStoreError(f"cannot write key file {path}: {error.strerror}") from error


def _remove_key_files(directory: Path, entry: _Entry) -> None:
    key_path = directory / entry.file
    for path in (key_path, key_path.with_suffix(".crt")):
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise KeyStoreError(f"cannot remove retired key file {path}: {error.strerror}") from error


# --- generating and reading keys ------------------------------------------------------------------------


def _create_key(
    directory: Path, kind: tuple[Purpose, Algorithm], rsa_bits: int, common_name: str, now: datetime
) -> _Entry:
    purpose, alg = kind
    private_key: PrivateKey
    if alg == "RS256":
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
    else:
        private_key = ec.generate_private_key(ec.SECP256R1())
    kid = _key_id(private_key.public_key())
    entry = _Entry(kid, alg, purpose, f"{purpose}-{alg.lower()}-{kid}.pem", now, None)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    if isinstance(private_key, rsa.RSAPrivateKey) and purpose == "saml":
        certificate = _self_signed_certificate(private_key, common_name, now)
        crt = certificate.public_bytes(serialization.Encoding.PEM)
        _write_new_file((directory / entry.file).with_suffix(".crt"), crt, 0o644)
    _write_new_file(directory / entry.file, pem, 0o600)
    return entry


def _key_id(public_key: CertificatePublicKeyTypes) -> str:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return _base64url(hashlib.sha256(der).digest()[:16])


def _self_signed_certificate(key: rsa.RSAPrivateKey, common_name: str, now: datetime) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    try:
        not_after = now.replace(year=now.year + SAML_CERTIFICATE_YEARS)
    except ValueError:  # 29 February
        not_after = now.replace(year=now.year + SAML_CERTIFICATE_YEARS, day=28)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _read_file(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise KeyStoreError(f"cannot read {what} {path}: {error.strerror}") from error


def _load_private_key(path: Path, pem: bytes, entry: _Entry) -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyStoreError(f"key file {path} is not an unencrypted PEM private key") from None
    if entry.alg == "RS256" and isinstance(key, rsa.RSAPrivateKey):
        if key.key_size < MINIMUM_RSA_BITS:
            raise KeyStoreError(f"key file {path} holds an RSA key of {key.key_size} bits, too short")
    elif not (
        entry.alg == "ES256" and isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1)
    ):
        raise KeyStoreError(f"key file {path} does not hold a key for {entry.alg}")
    if _key_id(key.public_key()) != entry.kid:
        raise KeyStoreError(f"key file {path} does not match kid {entry.kid!r} in its manifest entry")
    return key


def _load_signing_key(directory: Path, entry: _Entry) -> SigningKey:
    path = directory / entry.file
    key = _load_private_key(path, _read_file(path, "key file"), entry)
    return SigningKey(entry.kid, entry.alg, entry.created_at, entry.retired_at, key)


def _load_saml_key(directory: Path, entry: _Entry) -> SamlKey:
    key_path = directory / entry.file
    certificate_path = key_path.with_suffix(".crt")
    private_key_pem = _read_file(key_path, "key file")
    _load_private_key(key_path, private_key_pem, entry)
    certificate_pem = _read_file(certificate_path, "certificate file")
    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError:
        raise KeyStoreError(f"certificate file {certificate_path} is not a PEM X.509 certificate") from None
    if _key_id(certificate.public_key()) != entry.kid:
        raise KeyStoreError(f"certificate file {certificate_path} does not match key file {key_path}")
    return SamlKey(
        kid=entry.kid,
        created_at=entry.created_at,
        retired_at=entry.retired_at,
        private_key_pem=private_key_pem,
        certificate_pem=certificate_pem,
        key_path=key_path,
        certificate_path=certificate_path,
    )


def _public_jwk(kid: str, alg: Algorithm, key: PublicKey) -> dict[str, str]:
    if isinstance(key, rsa.RSAPublicKey):
        rsa_numbers = key.public_numbers()
        # RFC 7518 §6.3.1: n and e as unsigned big-endian integers in the fewest octets.
        n, e = _base64url_uint(rsa_numbers.n), _base64url_uint(rsa_numbers.e)
        return {"kty": "RSA", "kid": kid, "alg": alg, "use": "sig", "n": n, "e": e}
    ec_numbers = key.public_numbers()
    size = (key.curve.key_size + 7) // 8  # RFC 7518 §6.2.1.2: coordinates padded to the curve size
    x, y = _base64url(ec_numbers.x.to_bytes(size, "big")), _base64url(ec_numbers.y.to_bytes(size, "big"))
    return {"kty": "EC", "kid": kid, "alg": alg, "use": "sig", "crv": "P-256", "x": x, "y": y}


def _base64url_uint(value: int) -> str:
    return _base64url(value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
