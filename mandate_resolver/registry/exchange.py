"""A whole registry world as one JSON document: validated, then written in one transaction.

This is how integrators migrate (export from one provider, import into another) and how tests and the
demo build scenarios. The format is documented in ``docs/registry-format.md``; in short::

    {"format": "mandate-idp/registry", "version": 1,
     "parties": [{"scheme": "kbo", "identifier": "0411515075", "name": "Emmaüs"}, ...],
     "users": [...], "work_relations": [...], "local_administrators": [...], "rights": [...],
     "legal_representatives": [...], "mandate_types": [...], "mandates": [...], "applications": [...]}

Records refer to each other by natural keys, never by database ids: a party by ``"scheme:identifier"``
(``"kbo:0411515075"``, ``"insz:85073003328"``), a user by username, a mandate type by code, a mandate by
its public id, an application by client id.

:func:`import_world` first validates the whole document, every identifier, date and reference, and
collects every problem with its JSON path (``parties[3].identifier``); if there is any, it raises
:class:`WorldInvalid` and writes nothing. Otherwise it writes in the caller's session and flushes; the
caller commits. In ``"upsert"`` mode (the default) importing the same document twice leaves the same
rows: records are matched by their natural keys. Import never deletes a record.

:func:`export_world` writes the same format back, so export → import into an empty registry → export
gives the same document. Password credentials leave as argon2id hashes only; TOTP secrets leave as they
are, so an export is as sensitive as the database itself.

Example::

    with transaction(sessions) as session:
        report = import_world(session, json.loads(Path("world.json").read_text()))
    print(report)  # parties: 7 created, 0 updated, 0 unchanged; users: ...
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal, TypeAlias, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import IdentifierError, parse_party_identifier
from mandate_resolver.registry.models import (
    Application,
    ApplicationMandateType,
    Credential,
    LegalRepresentative,
    LocalAdministrator,
    Mandate,
    MandateEvent,
    MandateState,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    RightKind,
    User,
    UserRight,
    UserRightMandateType,
    UserRightMandator,
    UserRole,
    WorkRelation,
    as_utc,
    utcnow,
)
from mandate_resolver.registry.passwords import (
    DEFAULT_PROFILE,
    MAX_PASSWORD_LENGTH,
    HashProfile,
    hash_password,
    is_password_hash,
    is_totp_secret,
    needs_rehash,
    verify_password,
)

__all__ = [
    "FORMAT",
    "MAX_RECORDS",
    "SECTIONS",
    "VERSION",
    "ImportMode",
    "ImportReport",
    "PartyKey",
    "Problem",
    "SectionCounts",
    "WorldInvalid",
    "export_world",
    "import_world",
    "mandate_id_for",
]

FORMAT: Final = "mandate-idp/registry"
VERSION: Final = 1

# One import is one transaction; beyond this many records, split the document.
MAX_RECORDS: Final = 1_000_000
# A broken file of a million records would otherwise produce a million messages.
MAX_PROBLEMS: Final = 1_000
# Contract texts of a mandate type, per language and field.
MAX_TEXT_LENGTH: Final = 20_000
# The free ``detail`` object of a mandate event, serialised.
MAX_DETAIL_LENGTH: Final = 16_384
_MAX_DETAIL_DEPTH: Final = 16
# Lists inside one record (events of a mandate, mandators of a right, ...).
MAX_LIST_ITEMS: Final = 10_000
_MAX_CREDENTIALS: Final = 20
_MAX_ROLES: Final = 20
_CHUNK: Final = 500

SECTIONS: Final = (
    "parties",
    "users",
    "work_relations",
    "local_administrators",
    "rights",
    "legal_representatives",
    "mandate_types",
    "mandates",
    "applications",
)
LANGUAGES: Final = ("nl", "fr", "de", "en")
TARGET_GROUPS: Final = ("BUR", "EA", "GID", "LB", "OV")
SCHEMES: Final = ("insz", "kbo", "kbo_establishment", "ovo")
PROTOCOLS: Final = ("oidc", "saml")
INITIATORS: Final = ("mandator", "mandatee")
PARTY_KINDS: Final = tuple(kind.value for kind in PartyKind)
RIGHTS: Final = tuple(kind.value for kind in RightKind)
STATES: Final = tuple(state.value for state in MandateState)
CREDENTIAL_KINDS: Final = ("password", "totp")

_KIND_OF_SCHEME: Final = {
    "insz": PartyKind.PERSON,
    "kbo": PartyKind.ORGANISATION,
    "kbo_establishment": PartyKind.ORGANISATION,
    "ovo": PartyKind.ORGANISATION,
}
# ACM target groups: citizens, economic actors (KBO), Flemish government bodies (OVO).
_DEFAULT_TARGET_GROUP: Final = {"insz": "BUR", "kbo": "EA", "kbo_establishment": "EA", "ovo": "GID"}

_USERNAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}")
_CODE: Final = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
_ROLE: Final = re.compile(r"[a-z][a-z0-9_]{0,31}")
_ACTION: Final = re.compile(r"[a-z][a-z0-9_.]{0,31}")
_CLAIM_PROFILE: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
_CLIENT_ID: Final = re.compile(r"[\x21-\x7e]{1,255}")
_EMAIL: Final = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}")
_COUNTRY: Final = re.compile(r"[A-Z]{2}")
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP: Final = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")

# Mandates given without an id get one derived from what identifies them, so importing the same
# document twice finds the same mandate. Change the dates or reference and it is another mandate:
# give ids when you will edit them.
_MANDATE_NAMESPACE: Final = uuid.UUID("6f1d8a52-4c1e-5b0a-9a53-3f8e2f0c7d11")

ImportMode: TypeAlias = Literal["create", "upsert"]
_T = TypeVar("_T")
_K = TypeVar("_K")


# --- Results and errors ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a document, at a JSON path such as ``parties[3].identifier``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


class WorldInvalid(ValueError):  # noqa: N818 - a state, like the protocol error names; not "ImportError"
    """The document was not imported: ``problems`` lists everything wrong with it, with JSON paths.

    >>> error = WorldInvalid((Problem("parties[0].identifier", "bad"),))
    >>> str(error)
    'the registry document has 1 problem; nothing was imported:\\n  parties[0].identifier: bad'
    """

    problems: tuple[Problem, ...]
    truncated: bool

    def __init__(self, problems: Sequence[Problem], *, truncated: bool = False) -> None:
        self.problems = tuple(problems)
        self.truncated = truncated
        count = f"{len(self.problems)}{'+' if truncated else ''}"
        plural = "" if len(self.problems) == 1 and not truncated else "s"
        shown = "\n".join(f"  {problem}" for problem in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"the registry document has {count} problem{plural}; nothing was imported:\n{shown}{tail}")


@dataclass(frozen=True, slots=True)
class SectionCounts:
    """What an import did to the records of one section."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Counts per section (in :data:`SECTIONS` order), and totals.

    >>> report = ImportReport({"parties": SectionCounts(created=2, unchanged=1)})
    >>> report.created, report.changed, str(report)
    (2, True, 'parties: 2 created, 0 updated, 1 unchanged')
    """

    sections: Mapping[str, SectionCounts]

    def __getitem__(self, section: str) -> SectionCounts:
        return self.sections.get(section, SectionCounts())

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self.sections.values())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self.sections.values())

    @property
    def unchanged(self) -> int:
        return sum(counts.unchanged for counts in self.sections.values())

    @property
    def changed(self) -> bool:
        return self.created + self.updated > 0

    def summary(self) -> str:
        """One line: ``parties: 2 created, 0 updated, 1 unchanged; users: ...`` (sections with records)."""
        shown = {name: counts for name, counts in self.sections.items() if counts != SectionCounts()}
        return "; ".join(f"{name}: {counts}" for name, counts in shown.items()) or "nothing to import"

    def __str__(self) -> str:
        return self.summary()


@dataclass(frozen=True, slots=True, order=True)
class PartyKey:
    """A party's natural key: its scheme and canonical identifier, written ``"kbo:0411515075"``.

    >>> PartyKey.parse("kbo:BE 0411.515.075")
    PartyKey(scheme='kbo', identifier='0411515075')
    >>> str(PartyKey("insz", "85073003328"))
    'insz:85073003328'
    """

    scheme: str
    identifier: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.identifier}"

    @classmethod
    def parse(cls, text: str) -> PartyKey:
        """Parse ``"scheme:identifier"``; raises ``ValueError`` (:class:`IdentifierError` for a bad number)."""
        scheme, colon, raw = text.partition(":")
        if not colon:
            raise ValueError(f"{text[:64]!r} is not a party reference: write 'scheme:identifier'")
        if scheme not in SCHEMES:
            raise ValueError(f"unknown scheme {scheme[:32]!r} (one of {', '.join(SCHEMES)})")
        return cls(scheme, parse_party_identifier(scheme, raw).value)


def mandate_id_for(
    mandate_type: str, mandator: PartyKey, mandatee: PartyKey, valid_from: dt.date, reference: str
) -> str:
    """The id an import gives a mandate that has none: the same inputs always give the same id.

    >>> emmaus, barocy = PartyKey("kbo", "0411515075"), PartyKey("kbo", "0806154033")
    >>> mandate_id_for("wse_loket", emmaus, barocy, dt.date(2026, 1, 1), "")
    '06369e64-f53d-5865-a599-be5ab672a165'
    """
    name = "\x1f".join((mandate_type, str(mandator), str(mandatee), valid_from.isoformat(), reference))
    return str(uuid.uuid5(_MANDATE_NAMESPACE, name))


# --- Parsed records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PartyRecord:
    path: str
    key: PartyKey
    kind: PartyKind
    name: str
    given_name: str | None
    family_name: str | None
    target_group: str
    street: str | None
    postal_code: str | None
    city: str | None
    country: str


@dataclass(frozen=True, slots=True)
class _CredentialRecord:
    path: str
    kind: str
    # Exactly one of the plaintext password or the stored value (argon2id hash, TOTP secret) is set.
    password: str | None
    stored: str | None
    label: str | None


@dataclass(frozen=True, slots=True)
class _UserRecord:
    path: str
    username: str
    person: PartyKey
    email: str | None
    preferred_language: str
    disabled: bool
    roles: tuple[str, ...]
    # None: the document says nothing about credentials, and stored ones are left alone.
    credentials: tuple[_CredentialRecord, ...] | None


_WorkRelationKey: TypeAlias = tuple[str, PartyKey, str, dt.date]
_LocalAdministratorKey: TypeAlias = tuple[str, PartyKey, dt.date]
_RightKey: TypeAlias = tuple[str, PartyKey, RightKind, dt.date]
_LegalRepresentativeKey: TypeAlias = tuple[PartyKey, PartyKey, str, dt.date]


@dataclass(frozen=True, slots=True)
class _WorkRelationRecord:
    path: str
    user: str
    organisation: PartyKey
    kind: str
    valid_from: dt.date
    valid_until: dt.date | None

    @property
    def key(self) -> _WorkRelationKey:
        return (self.user, self.organisation, self.kind, self.valid_from)


@dataclass(frozen=True, slots=True)
class _LocalAdministratorRecord:
    path: str
    user: str
    organisation: PartyKey
    valid_from: dt.date
    valid_until: dt.date | None

    @property
    def key(self) -> _LocalAdministratorKey:
        return (self.user, self.organisation, self.valid_from)


@dataclass(frozen=True, slots=True)
class _RightRecord:
    path: str
    user: str
    organisation: PartyKey
    right: RightKind
    valid_from: dt.date
    valid_until: dt.date | None
    mandate_types: tuple[str, ...]
    mandators: tuple[PartyKey, ...]
    granted_by: str | None

    @property
    def key(self) -> _RightKey:
        return (self.user, self.organisation, self.right, self.valid_from)


@dataclass(frozen=True, slots=True)
class _LegalRepresentativeRecord:
    path: str
    person: PartyKey
    organisation: PartyKey
    function: str
    valid_from: dt.date
    valid_until: dt.date | None

    @property
    def key(self) -> _LegalRepresentativeKey:
        return (self.person, self.organisation, self.function, self.valid_from)


@dataclass(frozen=True, slots=True)
class _TextRecord:
    language: str
    name: str
    description: str
    creation_text: str
    stop_text: str


@dataclass(frozen=True, slots=True)
class _MandateTypeRecord:
    path: str
    code: str
    number: int | None
    mandator_kinds: frozenset[PartyKind]
    mandatee_kinds: frozenset[PartyKind]
    active: bool
    texts: tuple[_TextRecord, ...]


@dataclass(frozen=True, slots=True)
class _EventRecord:
    at: dt.datetime
    action: str
    actor: str | None
    actor_name: str
    acting_for: PartyKey | None
    acting_for_name: str
    detail: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class _MandateRecord:
    path: str
    id: str
    mandate_type: str
    mandator: PartyKey
    mandatee: PartyKey
    valid_from: dt.date
    valid_until: dt.date | None
    reference: str
    language: str
    state: MandateState
    initiator: str
    created_at: dt.datetime | None
    created_by: str | None
    mandator_signed_at: dt.datetime | None
    mandator_signed_by: str | None
    mandatee_signed_at: dt.datetime | None
    mandatee_signed_by: str | None
    stopped_at: dt.datetime | None
    stopped_by: str | None
    pending_mandatee: PartyKey | None
    # None: the document says nothing about history, and nothing is added.
    events: tuple[_EventRecord, ...] | None


@dataclass(frozen=True, slots=True)
class _ApplicationRecord:
    path: str
    client_id: str
    name: str
    protocol: str
    legal_representatives: bool
    allow_citizen: bool
    allow_employee: bool
    claim_profile: str
    enabled: bool
    mandate_types: tuple[str, ...]


@dataclass(slots=True)
class _World:
    parties: list[_PartyRecord] = field(default_factory=list)
    users: list[_UserRecord] = field(default_factory=list)
    work_relations: list[_WorkRelationRecord] = field(default_factory=list)
    local_administrators: list[_LocalAdministratorRecord] = field(default_factory=list)
    rights: list[_RightRecord] = field(default_factory=list)
    legal_representatives: list[_LegalRepresentativeRecord] = field(default_factory=list)
    mandate_types: list[_MandateTypeRecord] = field(default_factory=list)
    mandates: list[_MandateRecord] = field(default_factory=list)
    applications: list[_ApplicationRecord] = field(default_factory=list)


# --- Reading: shapes, values and per-record rules ------------------------------------------------------


class _Problems:
    """Collects problems, up to :data:`MAX_PROBLEMS`."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.truncated = False

    def add(self, path: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(path, message))
        else:
            self.truncated = True

    def raise_if_any(self) -> None:
        if self.items:
            raise WorldInvalid(self.items, truncated=self.truncated)


@dataclass(slots=True)
class _References:
    """Every reference read, with its path, checked once the whole document is known."""

    parties: list[tuple[str, PartyKey, PartyKind | None]] = field(default_factory=list)
    users: list[tuple[str, str]] = field(default_factory=list)
    mandate_types: list[tuple[str, str]] = field(default_factory=list)


def _a(kind: PartyKind) -> str:
    return f"{'an' if kind is PartyKind.ORGANISATION else 'a'} {kind.value}"


def _has_control_characters(text: str, *, multiline: bool) -> bool:
    allowed = "\n\r\t" if multiline else ""
    return any((ord(char) < 32 or 127 <= ord(char) < 160) and char not in allowed for char in text)


def _key_path(path: str, key: object) -> str:
    shown = key if isinstance(key, str) and key.isidentifier() else json.dumps(str(key)[:64])
    return f"{path}.{shown}" if path else str(shown)


class _Fields:
    """The fields of one JSON object; every read reports its problems at the field's path."""

    __slots__ = ("_data", "_problems", "_references", "path")

    def __init__(
        self, problems: _Problems, references: _References, path: str, value: object, allowed: Sequence[str]
    ) -> None:
        self._problems = problems
        self._references = references
        self.path = path
        self._data: Mapping[object, object]
        if isinstance(value, Mapping):
            self._data = value
        else:
            problems.add(path, "must be an object")
            self._data = {}
        for key in self._data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(allowed)})"
                problems.add(_key_path(path, key), f"unknown key{hint}")

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str | None, message: str) -> None:
        self._problems.add(self.at(key) if key else self.path, message)

    def has(self, key: str) -> bool:
        return self._data.get(key) is not None

    def raw(self, key: str) -> object:
        return self._data.get(key)

    def text(
        self,
        key: str,
        *,
        max_length: int,
        required: bool = False,
        choices: Collection[str] | None = None,
        pattern: re.Pattern[str] | None = None,
        shape: str = "",
        multiline: bool = False,
    ) -> str | None:
        value = self._data.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return None
        if not isinstance(value, str):
            self.problem(key, "must be a string")
            return None
        if len(value) > max_length:
            self.problem(key, f"is longer than {max_length} characters")
            return None
        if required and not value.strip():
            self.problem(key, "may not be empty")
            return None
        if _has_control_characters(value, multiline=multiline):
            self.problem(key, "contains control characters")
            return None
        if choices is not None and value not in choices:
            self.problem(key, f"must be one of {', '.join(choices)}, not {value[:64]!r}")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.problem(key, f"{value[:64]!r} is not a valid {shape or key}")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self._data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(key, "must be true or false")
            return default
        return value

    def integer(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self._data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, "must be a whole number")
            return None
        if not minimum <= value <= maximum:
            self.problem(key, f"must be between {minimum} and {maximum}")
            return None
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.text(key, max_length=32, required=required)
        if value is None:
            return None
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"{value!r} is not a date in the form YYYY-MM-DD")
            return None

    def timestamp(self, key: str, *, required: bool = False) -> dt.datetime | None:
        value = self.text(key, max_length=40, required=required)
        if value is None:
            return None
        try:
            if not _TIMESTAMP.fullmatch(value):
                raise ValueError(value)
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
        except ValueError:
            self.problem(key, f"{value!r} is not a timestamp like 2026-03-01T09:30:00Z (with a time zone)")
            return None

    def items(self, key: str, *, max_items: int = MAX_LIST_ITEMS) -> list[tuple[str, object]]:
        """The elements of a list field, each with its path; [] when absent or invalid."""
        value = self._data.get(key)
        if value is None:
            return []
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.problem(key, "must be a list")
            return []
        if len(value) > max_items:
            self.problem(key, f"has {len(value)} elements; at most {max_items} are accepted")
            return []
        return [(f"{self.at(key)}[{index}]", item) for index, item in enumerate(value)]

    def party(self, key: str, *, kind: PartyKind | None = None, required: bool = False) -> PartyKey | None:
        value = self.text(key, max_length=64, required=required)
        if value is None:
            return None
        return _party_reference(self._problems, self._references, self.at(key), value, kind)

    def username(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, max_length=100, required=required, pattern=_USERNAME, shape="username")
        if value is not None:
            self._references.users.append((self.at(key), value))
        return value

    def code_list(self, key: str) -> tuple[str, ...]:
        """A list of mandate type codes, each a reference."""
        codes: list[str] = []
        for path, item in self.items(key):
            if not isinstance(item, str) or not _CODE.fullmatch(item):
                self._problems.add(path, "must be a mandate type code")
            elif item in codes:
                self._problems.add(path, f"{item!r} is listed twice")
            else:
                codes.append(item)
                self._references.mandate_types.append((path, item))
        return tuple(codes)


def _party_reference(
    problems: _Problems, references: _References, path: str, text: str, kind: PartyKind | None
) -> PartyKey | None:
    try:
        key = PartyKey.parse(text)
    except ValueError as error:  # IdentifierError included: its message names the scheme and the reason
        problems.add(path, str(error))
        return None
    references.parties.append((path, key, kind))
    return key


def _check_period(fields: _Fields, valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        fields.problem("valid_until", f"{valid_until} is before valid_from {valid_from}")


class _Reader:
    """Reads a whole document into records, collecting every problem and every reference."""

    def __init__(self) -> None:
        self.problems = _Problems()
        self.references = _References()
        self.world = _World()
        # False when the document is not one we can check references of (wrong format, too large).
        self.readable = False

    def fields(self, path: str, value: object, allowed: Sequence[str]) -> _Fields:
        return _Fields(self.problems, self.references, path, value, allowed)

    def read(self, document: Mapping[str, object]) -> None:
        if not isinstance(document, Mapping):
            self.problems.add("", "the document must be a JSON object")
            return
        top = self.fields("", document, ("format", "version", *SECTIONS))
        if document.get("format") != FORMAT:
            top.problem("format", f"must be {FORMAT!r}")
            return
        version = document.get("version")
        if version != VERSION or isinstance(version, bool):
            top.problem("version", f"must be {VERSION} (this provider reads version {VERSION} only)")
            return
        sections: dict[str, list[tuple[str, object]]] = {}
        total = 0
        for name in SECTIONS:
            items = top.items(name, max_items=MAX_RECORDS)
            sections[name] = items
            total += len(items)
        if total > MAX_RECORDS:
            # Checked before any record is read: the size alone makes the document unacceptable.
            self.problems.add("", f"the document holds {total} records; one import takes at most {MAX_RECORDS}")
            return
        self.readable = True
        readers: dict[str, Callable[[str, object], None]] = {
            "parties": self.party,
            "users": self.user,
            "work_relations": self.work_relation,
            "local_administrators": self.local_administrator,
            "rights": self.right,
            "legal_representatives": self.legal_representative,
            "mandate_types": self.mandate_type,
            "mandates": self.mandate,
            "applications": self.application,
        }
        for name in SECTIONS:
            for path, item in sections[name]:
                readers[name](path, item)

    def party(self, path: str, value: object) -> None:
        f = self.fields(path, value, _PARTY_KEYS)
        scheme = f.text("scheme", max_length=24, required=True, choices=SCHEMES)
        identifier: str | None = None
        raw = f.raw("identifier")
        if raw is None:
            f.problem("identifier", "is required")
        elif not isinstance(raw, str):
            f.problem("identifier", "must be a string")
        elif scheme is not None:
            try:
                identifier = parse_party_identifier(scheme, raw).value
            except IdentifierError as error:
                f.problem("identifier", str(error))
        expected = _KIND_OF_SCHEME.get(scheme) if scheme else None
        kind_text = f.text("kind", max_length=16, choices=PARTY_KINDS)
        kind = PartyKind(kind_text) if kind_text else expected
        if expected is not None and kind is not expected:
            f.problem("kind", f"a party of scheme {scheme} is {_a(expected)}")
        given_name = f.text("given_name", max_length=100)
        family_name = f.text("family_name", max_length=100)
        if kind is PartyKind.ORGANISATION and (given_name or family_name):
            f.problem("given_name" if given_name else "family_name", "only persons have given and family names")
        both_names = bool(given_name and family_name)
        name = f.text("name", max_length=200, required=not both_names)
        if name is not None and not name.strip():
            f.problem("name", "may not be empty")
            name = None
        elif name is None and both_names and not f.has("name"):
            name = f"{given_name} {family_name}"
        target_group = f.text("target_group", max_length=8, choices=TARGET_GROUPS)
        street = f.text("street", max_length=200)
        postal_code = f.text("postal_code", max_length=16)
        city = f.text("city", max_length=100)
        country = f.text("country", max_length=2, pattern=_COUNTRY, shape="ISO 3166 country code")
        if scheme is None or identifier is None or kind is None or name is None:
            return
        self.world.parties.append(
            _PartyRecord(
                path=path,
                key=PartyKey(scheme, identifier),
                kind=kind,
                name=name,
                given_name=given_name,
                family_name=family_name,
                target_group=target_group or _DEFAULT_TARGET_GROUP[scheme],
                street=street,
                postal_code=postal_code,
                city=city,
                country=country or "BE",
            )
        )

    def user(self, path: str, value: object) -> None:
        f = self.fields(path, value, _USER_KEYS)
        username = f.text("username", max_length=100, required=True, pattern=_USERNAME, shape="username")
        person = f.party("person", kind=PartyKind.PERSON, required=True)
        email = f.text("email", max_length=254, pattern=_EMAIL, shape="e-mail address")
        language = f.text("preferred_language", max_length=2, choices=LANGUAGES)
        disabled = f.boolean("disabled", False)
        roles: list[str] = []
        for role_path, role in f.items("roles", max_items=_MAX_ROLES):
            if not isinstance(role, str) or not _ROLE.fullmatch(role):
                self.problems.add(role_path, "must be a role name such as 'admin' or 'helpdesk'")
            elif role in roles:
                self.problems.add(role_path, f"{role!r} is listed twice")
            else:
                roles.append(role)
        credentials: tuple[_CredentialRecord, ...] | None = None
        if f.has("credentials"):
            credentials = self.credentials(f)
        if username is None or person is None:
            return
        self.world.users.append(
            _UserRecord(
                path=path,
                username=username,
                person=person,
                email=email,
                preferred_language=language or "nl",
                disabled=disabled,
                roles=tuple(sorted(roles)),
                credentials=credentials,
            )
        )

    def credentials(self, user: _Fields) -> tuple[_CredentialRecord, ...]:
        records: list[_CredentialRecord] = []
        seen: dict[tuple[str, str], str] = {}
        for path, value in user.items("credentials", max_items=_MAX_CREDENTIALS):
            f = self.fields(path, value, ("kind", "password", "hash", "secret", "label"))
            kind = f.text("kind", max_length=16, required=True, choices=CREDENTIAL_KINDS)
            label = f.text("label", max_length=100)
            record: _CredentialRecord | None = None
            if kind == "password":
                record = self.password_credential(f, path, label)
                if record is not None and any(other.kind == "password" for other in records):
                    f.problem(None, "a user has at most one password")
            elif kind == "totp":
                for key in ("password", "hash"):
                    if f.has(key):
                        f.problem(key, "a TOTP credential has a secret only")
                secret = f.text("secret", max_length=128, required=True)
                if secret is not None and not is_totp_secret(secret):
                    f.problem("secret", "must be upper-case base32 without padding, at least 128 bits (26 characters)")
                elif secret is not None:
                    record = _CredentialRecord(path, "totp", None, secret, label)
            if record is None:
                continue
            value_key = (record.kind, record.stored or record.password or "")
            if value_key in seen:
                f.problem(None, f"the same credential as {seen[value_key]}")
                continue
            seen[value_key] = path
            records.append(record)
        return tuple(records)

    def password_credential(self, f: _Fields, path: str, label: str | None) -> _CredentialRecord | None:
        if f.has("secret"):
            f.problem("secret", "a password credential has a password or a hash, not a secret")
        if f.has("password") == f.has("hash"):
            f.problem(None, "give either 'password' (plaintext, hashed on import) or 'hash' (argon2id)")
            return None
        if f.has("password"):
            raw = f.raw("password")
            if not isinstance(raw, str):
                f.problem("password", "must be a string")
            elif not raw or len(raw) > MAX_PASSWORD_LENGTH:
                f.problem("password", f"must be 1 to {MAX_PASSWORD_LENGTH} characters long")
            else:
                return _CredentialRecord(path, "password", raw, None, label)
            return None
        stored = f.text("hash", max_length=512)
        if stored is not None and not is_password_hash(stored):
            f.problem("hash", "must be an argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash)")
            return None
        return None if stored is None else _CredentialRecord(path, "password", None, stored, label)

    def work_relation(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("user", "organisation", "kind", "valid_from", "valid_until"))
        user = f.username("user", required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        kind = f.text("kind", max_length=100, required=True)
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        if user and organisation and kind and valid_from:
            self.world.work_relations.append(
                _WorkRelationRecord(path, user, organisation, kind, valid_from, valid_until)
            )

    def local_administrator(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("user", "organisation", "valid_from", "valid_until"))
        user = f.username("user", required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        if user and organisation and valid_from:
            self.world.local_administrators.append(
                _LocalAdministratorRecord(path, user, organisation, valid_from, valid_until)
            )

    def right(self, path: str, value: object) -> None:
        f = self.fields(path, value, _RIGHT_KEYS)
        user = f.username("user", required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        right_text = f.text("right", max_length=32, required=True, choices=RIGHTS)
        right = RightKind(right_text) if right_text else None
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        mandate_types = f.code_list("mandate_types")
        mandators: list[PartyKey] = []
        for item_path, item in f.items("mandators"):
            if not isinstance(item, str) or len(item) > 64:
                self.problems.add(item_path, "must be a party reference such as 'kbo:0411515075'")
                continue
            key = _party_reference(self.problems, self.references, item_path, item, None)
            if key in mandators:
                self.problems.add(item_path, f"{key} is listed twice")
            elif key is not None:
                mandators.append(key)
        granted_by = f.username("granted_by")
        # DOMAIN.md, "User rights": the executor right's context, a set of mandate types, is mandatory;
        # the manager right has no context.
        if right is RightKind.MANDATE_EXECUTOR and not mandate_types:
            f.problem("mandate_types", "an ssm_mandaatuitvoerder right needs at least one mandate type")
        if right is RightKind.MANDATE_MANAGER and mandate_types:
            f.problem("mandate_types", "an ssm_mandaatbeheerder right has no mandate types (it covers all)")
        if right is RightKind.MANDATE_MANAGER and mandators:
            f.problem("mandators", "an ssm_mandaatbeheerder right has no mandators (it covers all)")
        if user and organisation and right and valid_from:
            self.world.rights.append(
                _RightRecord(
                    path=path,
                    user=user,
                    organisation=organisation,
                    right=right,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    mandate_types=tuple(sorted(mandate_types)),
                    mandators=tuple(sorted(mandators)),
                    granted_by=granted_by,
                )
            )

    def legal_representative(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("person", "organisation", "function", "valid_from", "valid_until"))
        person = f.party("person", kind=PartyKind.PERSON, required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        function = f.text("function", max_length=100, required=True)
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        if person and organisation and function and valid_from:
            self.world.legal_representatives.append(
                _LegalRepresentativeRecord(path, person, organisation, function, valid_from, valid_until)
            )

    def mandate_type(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("code", "number", "mandator_kinds", "mandatee_kinds", "active", "texts"))
        code = f.text("code", max_length=64, required=True, pattern=_CODE, shape="code (a-z, 0-9, _ . -)")
        number = f.integer("number", minimum=1, maximum=2**31 - 1)
        mandator_kinds = self.party_kinds(f, "mandator_kinds")
        mandatee_kinds = self.party_kinds(f, "mandatee_kinds")
        active = f.boolean("active", True)
        texts: list[_TextRecord] = []
        raw_texts = f.raw("texts")
        if raw_texts is None:
            f.problem("texts", 'is required: a name per language, e.g. {"nl": {"name": ...}}')
        else:
            languages = self.fields(f.at("texts"), raw_texts, LANGUAGES)
            for language in LANGUAGES:
                if languages.has(language):
                    text = self.type_text(languages, language)
                    if text is not None:
                        texts.append(text)
            if isinstance(raw_texts, Mapping) and not raw_texts:
                f.problem("texts", "needs at least one language")
        if code is None or mandator_kinds is None or mandatee_kinds is None or not texts:
            return
        self.world.mandate_types.append(
            _MandateTypeRecord(path, code, number, mandator_kinds, mandatee_kinds, active, tuple(texts))
        )

    def party_kinds(self, f: _Fields, key: str) -> frozenset[PartyKind] | None:
        if not f.has(key):
            f.problem(key, 'is required: ["person"], ["organisation"] or both')
            return None
        kinds: set[PartyKind] = set()
        for path, item in f.items(key, max_items=len(PARTY_KINDS)):
            if item not in PARTY_KINDS or not isinstance(item, str):
                self.problems.add(path, f"must be one of {', '.join(PARTY_KINDS)}")
            elif PartyKind(item) in kinds:
                self.problems.add(path, f"{item!r} is listed twice")
            else:
                kinds.add(PartyKind(item))
        if not kinds:
            f.problem(key, "needs at least one kind of party")
            return None
        return frozenset(kinds)

    def type_text(self, languages: _Fields, language: str) -> _TextRecord | None:
        f = self.fields(languages.at(language), languages.raw(language), _TEXT_KEYS)
        name = f.text("name", max_length=200, required=True)
        description = f.text("description", max_length=MAX_TEXT_LENGTH, multiline=True)
        creation_text = f.text("creation_text", max_length=MAX_TEXT_LENGTH, multiline=True)
        stop_text = f.text("stop_text", max_length=MAX_TEXT_LENGTH, multiline=True)
        if name is None:
            return None
        return _TextRecord(language, name, description or "", creation_text or "", stop_text or "")

    def mandate(self, path: str, value: object) -> None:
        f = self.fields(path, value, _MANDATE_KEYS)
        given_id = f.text("id", max_length=36)
        mandate_id: str | None = None
        if given_id is not None:
            try:
                mandate_id = str(uuid.UUID(given_id))
            except ValueError:
                f.problem("id", f"{given_id!r} is not a UUID")
        type_code = f.text("type", max_length=64, required=True, pattern=_CODE, shape="mandate type code")
        if type_code is not None:
            self.references.mandate_types.append((f.at("type"), type_code))
        mandator = f.party("mandator", required=True)
        mandatee = f.party("mandatee", required=True)
        pending = f.party("pending_mandatee")
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        reference = f.text("reference", max_length=100) or ""
        language = f.text("language", max_length=2, choices=LANGUAGES) or "nl"
        state_text = f.text("state", max_length=24, required=True, choices=STATES)
        state = MandateState(state_text) if state_text else None
        initiator = f.text("initiator", max_length=8, required=True, choices=INITIATORS)
        stamps = {
            key: f.timestamp(key) for key in ("created_at", "mandator_signed_at", "mandatee_signed_at", "stopped_at")
        }
        users = {
            key: f.username(key) for key in ("created_by", "mandator_signed_by", "mandatee_signed_by", "stopped_by")
        }
        # SSM: a mandate is between two parties, and a transfer goes to a third.
        if mandator is not None and mandator == mandatee:
            f.problem("mandatee", "the mandatee must differ from the mandator")
        if pending is not None and pending in (mandator, mandatee):
            f.problem("pending_mandatee", "a transfer goes to a party other than the mandator and mandatee")
        if state is not None and initiator is not None:
            _check_signatures(f, state=state, initiator=initiator, stamps=stamps, users=users, pending=pending)
        events = self.events(f) if f.has("events") else None
        if not (type_code and mandator and mandatee and valid_from and state and initiator):
            return
        if mandate_id is None:
            mandate_id = mandate_id_for(type_code, mandator, mandatee, valid_from, reference)
        self.world.mandates.append(
            _MandateRecord(
                path=path,
                id=mandate_id,
                mandate_type=type_code,
                mandator=mandator,
                mandatee=mandatee,
                valid_from=valid_from,
                valid_until=valid_until,
                reference=reference,
                language=language,
                state=state,
                initiator=initiator,
                created_at=stamps["created_at"],
                created_by=users["created_by"],
                mandator_signed_at=stamps["mandator_signed_at"],
                mandator_signed_by=users["mandator_signed_by"],
                mandatee_signed_at=stamps["mandatee_signed_at"],
                mandatee_signed_by=users["mandatee_signed_by"],
                stopped_at=stamps["stopped_at"],
                stopped_by=users["stopped_by"],
                pending_mandatee=pending,
                events=events,
            )
        )

    def events(self, mandate: _Fields) -> tuple[_EventRecord, ...]:
        events: list[_EventRecord] = []
        for path, value in mandate.items("events"):
            f = self.fields(path, value, _EVENT_KEYS)
            at = f.timestamp("at", required=True)
            action = f.text("action", max_length=32, required=True, pattern=_ACTION, shape="action name")
            actor = f.username("actor")
            actor_name = f.text("actor_name", max_length=200) or ""
            acting_for = f.party("acting_for")
            acting_for_name = f.text("acting_for_name", max_length=200) or ""
            detail = _read_detail(f)
            if at is not None and action is not None and detail is not None:
                events.append(_EventRecord(at, action, actor, actor_name, acting_for, acting_for_name, detail))
        return tuple(events)

    def application(self, path: str, value: object) -> None:
        f = self.fields(path, value, _APPLICATION_KEYS)
        client_id = f.text(
            "client_id", max_length=255, required=True, pattern=_CLIENT_ID, shape="client id or entityID"
        )
        name = f.text("name", max_length=200, required=True)
        protocol = f.text("protocol", max_length=8, required=True, choices=PROTOCOLS)
        record_flags = {
            "legal_representatives": f.boolean("legal_representatives", False),
            "allow_citizen": f.boolean("allow_citizen", True),
            "allow_employee": f.boolean("allow_employee", True),
            "enabled": f.boolean("enabled", True),
        }
        claim_profile = f.text("claim_profile", max_length=32, pattern=_CLAIM_PROFILE, shape="claim profile")
        mandate_types = f.code_list("mandate_types")
        if client_id is None or name is None or protocol is None:
            return
        self.world.applications.append(
            _ApplicationRecord(
                path=path,
                client_id=client_id,
                name=name,
                protocol=protocol,
                claim_profile=claim_profile or "standard",
                mandate_types=tuple(sorted(mandate_types)),
                **record_flags,
            )
        )


_PARTY_KEYS: Final = (
    "kind",
    "scheme",
    "identifier",
    "name",
    "given_name",
    "family_name",
    "target_group",
    "street",
    "postal_code",
    "city",
    "country",
)
_USER_KEYS: Final = ("username", "person", "email", "preferred_language", "disabled", "roles", "credentials")
_RIGHT_KEYS: Final = (
    "user",
    "organisation",
    "right",
    "valid_from",
    "valid_until",
    "mandate_types",
    "mandators",
    "granted_by",
)
_TEXT_KEYS: Final = ("name", "description", "creation_text", "stop_text")
_MANDATE_KEYS: Final = (
    "id",
    "type",
    "mandator",
    "mandatee",
    "valid_from",
    "valid_until",
    "reference",
    "language",
    "state",
    "initiator",
    "created_at",
    "created_by",
    "mandator_signed_at",
    "mandator_signed_by",
    "mandatee_signed_at",
    "mandatee_signed_by",
    "stopped_at",
    "stopped_by",
    "pending_mandatee",
    "events",
)
_EVENT_KEYS: Final = ("at", "action", "actor", "actor_name", "acting_for", "acting_for_name", "detail")
_APPLICATION_KEYS: Final = (
    "client_id",
    "name",
    "protocol",
    "legal_representatives",
    "allow_citizen",
    "allow_employee",
    "claim_profile",
    "enabled",
    "mandate_types",
)


def _check_signatures(
    f: _Fields,
    *,
    state: MandateState,
    initiator: str,
    stamps: Mapping[str, dt.datetime | None],
    users: Mapping[str, str | None],
    pending: PartyKey | None,
) -> None:
    """The stored state must agree with the signatures: the rules of DOMAIN.md, "Mandate lifecycle"."""
    for side in INITIATORS:
        if users[f"{side}_signed_by"] is not None and stamps[f"{side}_signed_at"] is None:
            f.problem(f"{side}_signed_by", f"given without {side}_signed_at")
    counterparty = "mandatee" if initiator == "mandator" else "mandator"
    signed = {side: stamps[f"{side}_signed_at"] is not None for side in INITIATORS}
    if state is MandateState.SIGNED:
        # It never takes effect before both have signed.
        for side in INITIATORS:
            if not signed[side]:
                f.problem(f"{side}_signed_at", "a signed mandate has both signatures")
    elif state in (MandateState.AWAITING_SIGNATURE, MandateState.REFUSED):
        # The creator has signed by creating it; the counterparty has not (yet), or refused.
        if not signed[initiator]:
            f.problem(f"{initiator}_signed_at", f"the initiator ({initiator}) signed by creating the mandate")
        if signed[counterparty]:
            f.problem(f"{counterparty}_signed_at", f"a mandate in state {state.value} lacks this signature")
    if state is MandateState.STOPPED and stamps["stopped_at"] is None:
        f.problem("stopped_at", "a stopped mandate has the moment it was stopped")
    if state is not MandateState.STOPPED:
        for key in ("stopped_at", "stopped_by"):
            if f.has(key):
                f.problem(key, f"only a stopped mandate has {key}")
    elif users["stopped_by"] is not None and stamps["stopped_at"] is None:
        f.problem("stopped_by", "given without stopped_at")
    if pending is not None and state is not MandateState.SIGNED:
        f.problem("pending_mandatee", "only a signed mandate can be awaiting transfer")


def _read_detail(f: _Fields) -> Mapping[str, object] | None:
    raw = f.raw("detail")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        f.problem("detail", "must be an object")
        return None
    if not _is_json(raw, 0):
        f.problem(
            "detail",
            f"must hold only JSON values (strings, numbers, booleans, null, lists, objects), "
            f"at most {_MAX_DETAIL_DEPTH} levels deep",
        )
        return None
    if len(json.dumps(raw, ensure_ascii=False)) > MAX_DETAIL_LENGTH:
        f.problem("detail", f"is longer than {MAX_DETAIL_LENGTH} characters as JSON")
        return None
    return dict(raw)


def _is_json(value: object, depth: int) -> bool:
    if depth > _MAX_DETAIL_DEPTH:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Mapping):
        return len(value) <= MAX_LIST_ITEMS and all(
            isinstance(key, str) and _is_json(item, depth + 1) for key, item in value.items()
        )
    if isinstance(value, list | tuple):
        return len(value) <= MAX_LIST_ITEMS and all(_is_json(item, depth + 1) for item in value)
    return False


# --- Checking references against the document and the registry ---------------------------------------


def _chunks(items: Collection[_T]) -> Iterator[list[_T]]:
    ordered = list(items)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


@dataclass(slots=True)
class _Known:
    """What the registry already holds of the records the document defines or refers to."""

    parties: dict[PartyKey, Party] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    mandate_types: dict[str, MandateType] = field(default_factory=dict)
    mandates: dict[str, Mandate] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    work_relations: dict[_WorkRelationKey, WorkRelation] = field(default_factory=dict)
    local_administrators: dict[_LocalAdministratorKey, LocalAdministrator] = field(default_factory=dict)
    rights: dict[_RightKey, UserRight] = field(default_factory=dict)
    legal_representatives: dict[_LegalRepresentativeKey, LegalRepresentative] = field(default_factory=dict)


def _load(session: Session, world: _World, references: _References) -> _Known:
    known = _Known()
    party_keys = {key for _, key, _ in references.parties} | {record.key for record in world.parties}
    by_scheme: dict[str, set[str]] = {}
    for key in party_keys:
        by_scheme.setdefault(key.scheme, set()).add(key.identifier)
    for scheme, identifiers in by_scheme.items():
        for chunk in _chunks(identifiers):
            query = select(Party).where(Party.scheme == scheme, Party.identifier.in_(chunk))
            for party in session.scalars(query):
                known.parties[PartyKey(party.scheme, party.identifier)] = party
    usernames = {name for _, name in references.users} | {record.username for record in world.users}
    for chunk in _chunks(usernames):
        for user in session.scalars(select(User).where(User.username.in_(chunk))):
            known.users[user.username] = user
    codes = {code for _, code in references.mandate_types} | {record.code for record in world.mandate_types}
    for chunk in _chunks(codes):
        for mandate_type in session.scalars(select(MandateType).where(MandateType.code.in_(chunk))):
            known.mandate_types[mandate_type.code] = mandate_type
    for chunk in _chunks({record.id for record in world.mandates}):
        for mandate in session.scalars(select(Mandate).where(Mandate.id.in_(chunk))):
            known.mandates[mandate.id] = mandate
    for chunk in _chunks({record.client_id for record in world.applications}):
        for application in session.scalars(select(Application).where(Application.client_id.in_(chunk))):
            known.applications[application.client_id] = application
    _load_relations(session, known)
    return known


def _load_relations(session: Session, known: _Known) -> None:
    """The registry's work relations, rights, ... of the users and persons the document knows, by key.

    Rows whose parties the document does not mention cannot match a record, so they are not loaded.
    """
    party_by_id = {party.id: key for key, party in known.parties.items()}
    username_by_id = {user.id: name for name, user in known.users.items()}
    for chunk in _chunks(username_by_id):
        for work_relation in session.scalars(
            select(WorkRelation).where(WorkRelation.user_id.in_(chunk)).order_by(WorkRelation.id)
        ):
            organisation = party_by_id.get(work_relation.organisation_id)
            if organisation is not None:
                key = (
                    username_by_id[work_relation.user_id],
                    organisation,
                    work_relation.kind,
                    work_relation.valid_from,
                )
                known.work_relations.setdefault(key, work_relation)
        for administrator in session.scalars(
            select(LocalAdministrator).where(LocalAdministrator.user_id.in_(chunk)).order_by(LocalAdministrator.id)
        ):
            organisation = party_by_id.get(administrator.organisation_id)
            if organisation is not None:
                admin_key = (username_by_id[administrator.user_id], organisation, administrator.valid_from)
                known.local_administrators.setdefault(admin_key, administrator)
        for right in session.scalars(select(UserRight).where(UserRight.user_id.in_(chunk)).order_by(UserRight.id)):
            organisation = party_by_id.get(right.organisation_id)
            if organisation is not None:
                right_key = (username_by_id[right.user_id], organisation, right.right, right.valid_from)
                known.rights.setdefault(right_key, right)
    for chunk in _chunks(party_by_id):
        for representative in session.scalars(
            select(LegalRepresentative).where(LegalRepresentative.person_id.in_(chunk)).order_by(LegalRepresentative.id)
        ):
            person = party_by_id.get(representative.person_id)
            organisation = party_by_id.get(representative.organisation_id)
            if person is not None and organisation is not None:
                representative_key = (person, organisation, representative.function, representative.valid_from)
                known.legal_representatives.setdefault(representative_key, representative)


def _index(
    problems: _Problems,
    records: Iterable[_T],
    key: Callable[[_T], _K],
    path: Callable[[_T], str],
    what: Callable[[_K], str],
) -> dict[_K, _T]:
    """Records by natural key; a second record with the same key is a problem."""
    indexed: dict[_K, _T] = {}
    for record in records:
        record_key = key(record)
        first = indexed.get(record_key)
        if first is None:
            indexed[record_key] = record
        else:
            problems.add(path(record), f"{what(record_key)} is already given at {path(first)}")
    return indexed


def _check(session: Session, reader: _Reader, mode: ImportMode) -> _Known:
    """Check keys and references of the whole document; add every problem to the reader's list."""
    world, problems, references = reader.world, reader.problems, reader.references
    parties = _index(problems, world.parties, lambda r: r.key, lambda r: r.path, lambda k: f"party {k}")
    users = _index(problems, world.users, lambda r: r.username, lambda r: r.path, lambda k: f"user {k!r}")
    types = _index(problems, world.mandate_types, lambda r: r.code, lambda r: r.path, lambda k: f"mandate type {k!r}")
    numbered = [record for record in world.mandate_types if record.number is not None]
    _index(problems, numbered, lambda r: r.number, lambda r: f"{r.path}.number", lambda k: f"number {k}")
    _index(problems, world.mandates, lambda r: r.id, lambda r: r.path, lambda k: f"mandate {k}")
    _index(problems, world.applications, lambda r: r.client_id, lambda r: r.path, lambda k: f"application {k!r}")
    _index(problems, world.work_relations, lambda r: r.key, lambda r: r.path, lambda _: "this work relation")
    _index(problems, world.local_administrators, lambda r: r.key, lambda r: r.path, lambda _: "this administrator")
    _index(problems, world.rights, lambda r: r.key, lambda r: r.path, lambda _: "this right")
    _index(problems, world.legal_representatives, lambda r: r.key, lambda r: r.path, lambda _: "this representative")

    known = _load(session, world, references)

    def party_kind(key: PartyKey) -> PartyKind | None:
        record = parties.get(key)
        if record is not None:
            return record.kind
        stored = known.parties.get(key)
        return stored.kind if stored is not None else None

    for path, key, kind in references.parties:
        actual = party_kind(key)
        if actual is None:
            problems.add(path, f"unknown party {key}: neither in the document's parties nor in the registry")
        elif kind is not None and actual is not kind:
            problems.add(path, f"{key} is {_a(actual)}; {_a(kind)} is needed here")
    for path, username in references.users:
        if username not in users and username not in known.users:
            problems.add(path, f"unknown user {username!r}: neither in the document's users nor in the registry")
    for path, code in references.mandate_types:
        if code not in types and code not in known.mandate_types:
            problems.add(path, f"unknown mandate type {code!r}: neither in the document nor in the registry")

    _check_persons(session, world, known, users, problems)
    _check_type_numbers(session, world, types, problems)
    _check_mandate_parties(world, known, types, party_kind, problems)
    if mode == "create":
        _check_new(world, known, problems)
    return known


def _check_persons(
    session: Session, world: _World, known: _Known, users: Mapping[str, _UserRecord], problems: _Problems
) -> None:
    """A person has at most one user (``users.person_id`` is unique)."""
    _index(problems, world.users, lambda r: r.person, lambda r: f"{r.path}.person", lambda k: f"person {k}")
    person_ids = {known.parties[r.person].id: r for r in world.users if r.person in known.parties}
    for chunk in _chunks(person_ids):
        for user in session.scalars(select(User).where(User.person_id.in_(chunk))):
            record = person_ids[user.person_id]
            if user.username != record.username and user.username not in users:
                problems.add(
                    f"{record.path}.person", f"{record.person} is already the person of user {user.username!r}"
                )


def _check_type_numbers(
    session: Session, world: _World, types: Mapping[str, _MandateTypeRecord], problems: _Problems
) -> None:
    numbers = {record.number: record for record in world.mandate_types if record.number is not None}
    for chunk in _chunks(numbers):
        for stored in session.scalars(select(MandateType).where(MandateType.number.in_(chunk))):
            record = numbers.get(stored.number) if stored.number is not None else None
            if record is not None and stored.code != record.code and stored.code not in types:
                problems.add(f"{record.path}.number", f"number {stored.number} is mandate type {stored.code!r}")


def _check_mandate_parties(
    world: _World,
    known: _Known,
    types: Mapping[str, _MandateTypeRecord],
    party_kind: Callable[[PartyKey], PartyKind | None],
    problems: _Problems,
) -> None:
    """Which kinds of party may be mandator and mandatee is a property of the mandate type."""
    for record in world.mandates:
        type_record = types.get(record.mandate_type)
        stored = known.mandate_types.get(record.mandate_type)
        if type_record is not None:
            mandator_kinds, mandatee_kinds = type_record.mandator_kinds, type_record.mandatee_kinds
        elif stored is not None:
            mandator_kinds, mandatee_kinds = _stored_kinds(stored)
        else:
            continue
        checks = [("mandator", record.mandator, mandator_kinds), ("mandatee", record.mandatee, mandatee_kinds)]
        if record.pending_mandatee is not None:
            checks.append(("pending_mandatee", record.pending_mandatee, mandatee_kinds))
        for key, party, allowed in checks:
            kind = party_kind(party)
            if kind is not None and kind not in allowed:
                role = "mandatee" if key == "pending_mandatee" else key
                problems.add(
                    f"{record.path}.{key}",
                    f"{party} is {_a(kind)}; mandate type {record.mandate_type!r} takes "
                    f"{' or '.join(sorted(k.value for k in allowed))} as {role}",
                )


def _stored_kinds(mandate_type: MandateType) -> tuple[frozenset[PartyKind], frozenset[PartyKind]]:
    mandator = {PartyKind.PERSON} if mandate_type.mandator_person else set()
    mandator |= {PartyKind.ORGANISATION} if mandate_type.mandator_organisation else set()
    mandatee = {PartyKind.PERSON} if mandate_type.mandatee_person else set()
    mandatee |= {PartyKind.ORGANISATION} if mandate_type.mandatee_organisation else set()
    return frozenset(mandator), frozenset(mandatee)


def _check_new(world: _World, known: _Known, problems: _Problems) -> None:
    """Mode "create": every record of the document must be new."""
    existing: list[tuple[str, str]] = []
    existing += [(r.path, f"party {r.key}") for r in world.parties if r.key in known.parties]
    existing += [(r.path, f"user {r.username!r}") for r in world.users if r.username in known.users]
    existing += [(r.path, f"mandate type {r.code!r}") for r in world.mandate_types if r.code in known.mandate_types]
    existing += [(r.path, f"mandate {r.id}") for r in world.mandates if r.id in known.mandates]
    existing += [
        (r.path, f"application {r.client_id!r}") for r in world.applications if r.client_id in known.applications
    ]
    existing += [(r.path, "this work relation") for r in world.work_relations if r.key in known.work_relations]
    existing += [
        (r.path, "this local administrator") for r in world.local_administrators if r.key in known.local_administrators
    ]
    existing += [(r.path, "this right") for r in world.rights if r.key in known.rights]
    existing += [
        (r.path, "this legal representative")
        for r in world.legal_representatives
        if r.key in known.legal_representatives
    ]
    for path, what in existing:
        problems.add(path, f"{what} already exists in the registry (mode 'create' only adds new records)")


# --- Writing ----------------------------------------------------------------------------------------


def _same(current: object, wanted: object) -> bool:
    # SQLite gives timestamps back naive (in UTC): compare them as UTC.
    if isinstance(current, dt.datetime) and isinstance(wanted, dt.datetime):
        return as_utc(current) == as_utc(wanted)
    return current == wanted


def _assign(target: object, values: Mapping[str, object]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for name, value in values.items():
        if not _same(getattr(target, name), value):
            setattr(target, name, value)
            changed = True
    return changed


def _sync(items: list[_T], wanted: Sequence[_K], key: Callable[[_T], _K], make: Callable[[_K], _T]) -> bool:
    """Make the association list ``items`` hold exactly ``wanted``, keeping rows that stay (no delete+insert
    of the same primary key in one flush). True when anything changed."""
    wanted_set = set(wanted)
    changed = False
    for item in list(items):
        if key(item) not in wanted_set:
            items.remove(item)
            changed = True
    present = {key(item) for item in items}
    for wanted_key in wanted:
        if wanted_key not in present:
            items.append(make(wanted_key))
            present.add(wanted_key)
            changed = True
    return changed


class _Writer:
    def __init__(self, session: Session, known: _Known, mode: ImportMode, profile: HashProfile) -> None:
        self.session = session
        self.known = known
        self.mode = mode
        self.profile = profile
        self.counts: dict[str, Counter[str]] = {section: Counter() for section in SECTIONS}
        self.party_ids = {key: party.id for key, party in known.parties.items()}
        self.user_ids = {name: user.id for name, user in known.users.items()}
        self.type_ids = {code: mandate_type.id for code, mandate_type in known.mandate_types.items()}
        # Rows updated (by ``id()``): their relationships are expired at the end.
        self.updated: dict[int, object] = {}

    def count(self, section: str, target: object, *, created: bool, changed: bool) -> None:
        if created:
            self.counts[section]["created"] += 1
        elif changed:
            self.counts[section]["updated"] += 1
            self.updated[id(target)] = target
        else:
            self.counts[section]["unchanged"] += 1

    def existing(self, found: _T | None) -> _T | None:
        # Checked in mode "create" already; kept here so a record is never silently merged.
        return found if self.mode == "upsert" else None

    def user_id(self, username: str | None) -> int | None:
        return None if username is None else self.user_ids[username]

    def party_id(self, key: PartyKey | None) -> int | None:
        return None if key is None else self.party_ids[key]

    def write(self, world: _World) -> ImportReport:
        created_parties = [self.party(record) for record in world.parties]
        self.session.flush()
        self.party_ids.update({key: party.id for key, party in created_parties})
        created_types = [self.mandate_type(record) for record in world.mandate_types]
        self.session.flush()
        self.type_ids.update({code: mandate_type.id for code, mandate_type in created_types})
        created_users = [self.user(record) for record in world.users]
        self.session.flush()
        self.user_ids.update({name: user.id for name, user in created_users})
        self.credentials(world.users)
        for work_relation in world.work_relations:
            self.work_relation(work_relation)
        for administrator in world.local_administrators:
            self.local_administrator(administrator)
        for right in world.rights:
            self.right(right)
        for representative in world.legal_representatives:
            self.legal_representative(representative)
        mandates = [self.mandate(record) for record in world.mandates]
        self.session.flush()
        self.events(mandates)
        for application in world.applications:
            self.application(application)
        self.session.flush()
        # Relationships (``Mandate.mandator``, ``User.person``) of updated rows follow their new keys.
        for target in self.updated.values():
            self.session.expire(target)
        return ImportReport(
            MappingProxyType(
                {
                    section: SectionCounts(counts["created"], counts["updated"], counts["unchanged"])
                    for section, counts in self.counts.items()
                }
            )
        )

    def party(self, record: _PartyRecord) -> tuple[PartyKey, Party]:
        values: dict[str, object] = {
            "kind": record.kind,
            "scheme": record.key.scheme,
            "identifier": record.key.identifier,
            "name": record.name,
            "given_name": record.given_name,
            "family_name": record.family_name,
            "target_group": record.target_group,
            "street": record.street,
            "postal_code": record.postal_code,
            "city": record.city,
            "country": record.country,
        }
        party = self.existing(self.known.parties.get(record.key))
        if party is None:
            party = Party(**values)
            self.session.add(party)
            self.count("parties", party, created=True, changed=True)
        else:
            self.count("parties", party, created=False, changed=_assign(party, values))
        return record.key, party

    def mandate_type(self, record: _MandateTypeRecord) -> tuple[str, MandateType]:
        values: dict[str, object] = {
            "code": record.code,
            "number": record.number,
            "mandator_person": PartyKind.PERSON in record.mandator_kinds,
            "mandator_organisation": PartyKind.ORGANISATION in record.mandator_kinds,
            "mandatee_person": PartyKind.PERSON in record.mandatee_kinds,
            "mandatee_organisation": PartyKind.ORGANISATION in record.mandatee_kinds,
            "active": record.active,
        }
        mandate_type = self.existing(self.known.mandate_types.get(record.code))
        created = mandate_type is None
        if mandate_type is None:
            mandate_type = MandateType(**values)
            self.session.add(mandate_type)
            changed = True
        else:
            changed = _assign(mandate_type, values)
        texts = {text.language: text for text in record.texts}
        changed |= _sync(
            mandate_type.texts, sorted(texts), lambda t: t.language, lambda language: MandateTypeText(language=language)
        )
        for text in mandate_type.texts:
            wanted = texts[text.language]
            changed |= _assign(
                text,
                {
                    "name": wanted.name,
                    "description": wanted.description,
                    "creation_text": wanted.creation_text,
                    "stop_text": wanted.stop_text,
                },
            )
        self.count("mandate_types", mandate_type, created=created, changed=changed)
        return record.code, mandate_type

    def user(self, record: _UserRecord) -> tuple[str, User]:
        values: dict[str, object] = {
            "username": record.username,
            "person_id": self.party_ids[record.person],
            "email": record.email,
            "preferred_language": record.preferred_language,
            "disabled": record.disabled,
        }
        user = self.existing(self.known.users.get(record.username))
        created = user is None
        if user is None:
            user = User(**values)
            self.session.add(user)
            changed = True
        else:
            changed = _assign(user, values)
        changed |= _sync(user.roles, record.roles, lambda r: r.role, lambda role: UserRole(role=role))
        self.count("users", user, created=created, changed=changed)
        return record.username, user

    def credentials(self, records: Sequence[_UserRecord]) -> None:
        """Make each user's credentials those of the document (when it lists any), keeping equal ones."""
        listed = [record for record in records if record.credentials is not None]
        stored: dict[int, list[Credential]] = {}
        for chunk in _chunks({self.user_ids[record.username] for record in listed}):
            for credential in self.session.scalars(
                select(Credential).where(Credential.user_id.in_(chunk)).order_by(Credential.id)
            ):
                stored.setdefault(credential.user_id, []).append(credential)
        for record in listed:
            assert record.credentials is not None
            user_id = self.user_ids[record.username]
            if self.credential_set(user_id, record.credentials, stored.get(user_id, [])):
                user = self.known.users.get(record.username)
                if user is not None and id(user) not in self.updated:
                    # The user row itself was unchanged; its credentials were not.
                    self.counts["users"]["unchanged"] -= 1
                    self.count("users", user, created=False, changed=True)

    def credential_set(self, user_id: int, wanted: Sequence[_CredentialRecord], stored: list[Credential]) -> bool:
        changed = False
        unmatched = list(stored)
        missing: list[_CredentialRecord] = []
        for record in wanted:
            match = next((c for c in unmatched if self.matches(c, record)), None)
            if match is None:
                missing.append(record)
                continue
            unmatched.remove(match)
            changed |= _assign(match, {"label": record.label})
        for record in missing:
            secret = record.stored if record.stored is not None else self.hash(record)
            reuse = next((c for c in unmatched if c.kind == record.kind), None)
            if reuse is None:
                self.session.add(Credential(user_id=user_id, kind=record.kind, secret=secret, label=record.label))
            else:
                unmatched.remove(reuse)
                _assign(reuse, {"secret": secret, "label": record.label, "last_used_at": None})
            changed = True
        for credential in unmatched:
            self.session.delete(credential)
            changed = True
        return changed

    def matches(self, credential: Credential, record: _CredentialRecord) -> bool:
        if credential.kind != record.kind:
            return False
        if record.password is not None:
            # A plaintext password matches the stored hash it verifies against, unless that hash is
            # weaker than the profile asked for: importing the same document twice changes nothing.
            return verify_password(credential.secret, record.password) and not needs_rehash(
                credential.secret, profile=self.profile
            )
        return credential.secret == record.stored

    def hash(self, record: _CredentialRecord) -> str:
        assert record.password is not None
        return hash_password(record.password, profile=self.profile)

    def work_relation(self, record: _WorkRelationRecord) -> None:
        values: dict[str, object] = {
            "user_id": self.user_ids[record.user],
            "organisation_id": self.party_ids[record.organisation],
            "kind": record.kind,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
        }
        self.keyless("work_relations", self.existing(self.known.work_relations.get(record.key)), WorkRelation, values)

    def local_administrator(self, record: _LocalAdministratorRecord) -> None:
        values: dict[str, object] = {
            "user_id": self.user_ids[record.user],
            "organisation_id": self.party_ids[record.organisation],
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
        }
        found = self.existing(self.known.local_administrators.get(record.key))
        self.keyless("local_administrators", found, LocalAdministrator, values)

    def legal_representative(self, record: _LegalRepresentativeRecord) -> None:
        values: dict[str, object] = {
            "person_id": self.party_ids[record.person],
            "organisation_id": self.party_ids[record.organisation],
            "function": record.function,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
        }
        found = self.existing(self.known.legal_representatives.get(record.key))
        self.keyless("legal_representatives", found, LegalRepresentative, values)

    def keyless(self, section: str, found: _T | None, factory: Callable[..., _T], values: Mapping[str, object]) -> _T:
        if found is None:
            created = factory(**values)
            self.session.add(created)
            self.count(section, created, created=True, changed=True)
            return created
        self.count(section, found, created=False, changed=_assign(found, values))
        return found

    def right(self, record: _RightRecord) -> None:
        values: dict[str, object] = {
            "user_id": self.user_ids[record.user],
            "organisation_id": self.party_ids[record.organisation],
            "right": record.right,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
            "granted_by_user_id": self.user_id(record.granted_by),
        }
        right = self.existing(self.known.rights.get(record.key))
        created = right is None
        if right is None:
            right = UserRight(**values)
            self.session.add(right)
            changed = True
        else:
            changed = _assign(right, values)
        type_ids = [self.type_ids[code] for code in record.mandate_types]
        changed |= _sync(
            right.mandate_types,
            type_ids,
            lambda t: t.mandate_type_id,
            lambda type_id: UserRightMandateType(mandate_type_id=type_id),
        )
        mandator_ids = [self.party_ids[key] for key in record.mandators]
        changed |= _sync(
            right.mandators,
            mandator_ids,
            lambda m: m.mandator_id,
            lambda party_id: UserRightMandator(mandator_id=party_id),
        )
        self.count("rights", right, created=created, changed=changed)

    def mandate(self, record: _MandateRecord) -> tuple[_MandateRecord, Mandate, bool]:
        values: dict[str, object] = {
            "mandate_type_id": self.type_ids[record.mandate_type],
            "mandator_id": self.party_ids[record.mandator],
            "mandatee_id": self.party_ids[record.mandatee],
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
            "reference": record.reference,
            "language": record.language,
            "state": record.state,
            "initiator": record.initiator,
            "created_by": self.user_id(record.created_by),
            "mandator_signed_at": record.mandator_signed_at,
            "mandator_signed_by": self.user_id(record.mandator_signed_by),
            "mandatee_signed_at": record.mandatee_signed_at,
            "mandatee_signed_by": self.user_id(record.mandatee_signed_by),
            "stopped_at": record.stopped_at,
            "stopped_by": self.user_id(record.stopped_by),
            "pending_mandatee_id": self.party_id(record.pending_mandatee),
        }
        # Absent, the creation moment is "now" for a new mandate and left alone for a stored one.
        if record.created_at is not None:
            values["created_at"] = record.created_at
        mandate = self.existing(self.known.mandates.get(record.id))
        if mandate is None:
            mandate = Mandate(id=record.id, **values)
            if record.created_at is not None:
                mandate.updated_at = record.created_at
            self.session.add(mandate)
            return record, mandate, True
        changed = _assign(mandate, values)
        if changed:
            mandate.updated_at = utcnow()
        self.count("mandates", mandate, created=False, changed=changed)
        return record, mandate, False

    def events(self, mandates: Sequence[tuple[_MandateRecord, Mandate, bool]]) -> None:
        """Align each mandate's history with the document's; never remove an event.

        The n-th event of an action in the document is the n-th stored event of that action (ordered by
        id): it is corrected if it differs, added if missing. A document lists a history once, and a
        later import (the demo refreshed on another day) moves its moments instead of repeating it;
        events the provider recorded since are kept.
        """
        stored: dict[str, dict[tuple[str, int], MandateEvent]] = {}
        stored_counts: dict[str, Counter[str]] = {}
        existing_ids = [mandate.id for record, mandate, created in mandates if not created and record.events]
        for chunk in _chunks(existing_ids):
            query = select(MandateEvent).where(MandateEvent.mandate_id.in_(chunk)).order_by(MandateEvent.id)
            for stored_event in self.session.scalars(query):
                counts = stored_counts.setdefault(stored_event.mandate_id, Counter())
                occurrence = (stored_event.action, counts[stored_event.action])
                counts[stored_event.action] += 1
                stored.setdefault(stored_event.mandate_id, {})[occurrence] = stored_event
        for record, mandate, created in mandates:
            changed = False
            history = stored.get(mandate.id, {})
            seen: Counter[str] = Counter()
            for wanted in record.events or ():
                values: dict[str, object] = {
                    "mandate_id": mandate.id,
                    "at": wanted.at,
                    "action": wanted.action,
                    "actor_user_id": self.user_id(wanted.actor),
                    "actor_name": wanted.actor_name,
                    "acting_for_id": self.party_id(wanted.acting_for),
                    "acting_for_name": wanted.acting_for_name,
                    "detail": dict(wanted.detail),
                }
                occurrence = (wanted.action, seen[wanted.action])
                seen[wanted.action] += 1
                event = history.get(occurrence)
                if event is None:
                    self.session.add(MandateEvent(**values))
                    changed = True
                else:
                    changed |= _assign(event, values)
            if created:
                self.count("mandates", mandate, created=True, changed=True)
            elif changed and id(mandate) not in self.updated:
                self.counts["mandates"]["unchanged"] -= 1
                self.count("mandates", mandate, created=False, changed=True)

    def application(self, record: _ApplicationRecord) -> None:
        values: dict[str, object] = {
            "client_id": record.client_id,
            "name": record.name,
            "protocol": record.protocol,
            "legal_representatives": record.legal_representatives,
            "allow_citizen": record.allow_citizen,
            "allow_employee": record.allow_employee,
            "claim_profile": record.claim_profile,
            "enabled": record.enabled,
        }
        application = self.existing(self.known.applications.get(record.client_id))
        created = application is None
        if application is None:
            application = Application(**values)
            self.session.add(application)
            changed = True
        else:
            changed = _assign(application, values)
        changed |= _sync(
            application.mandate_types,
            [self.type_ids[code] for code in record.mandate_types],
            lambda t: t.mandate_type_id,
            lambda type_id: ApplicationMandateType(mandate_type_id=type_id),
        )
        self.count("applications", application, created=created, changed=changed)


def import_world(
    session: Session,
    document: Mapping[str, object],
    *,
    mode: ImportMode = "upsert",
    profile: HashProfile = DEFAULT_PROFILE,
) -> ImportReport:
    """Validate ``document`` entirely, then write it in ``session`` (flushed, not committed).

    ``mode="upsert"`` creates records that are new and updates the ones found by natural key, so the
    same document imported twice gives the same rows; ``mode="create"`` refuses any record that exists.
    ``profile`` is the argon2id cost for plaintext passwords in the document (tests pass a light one).

    Raises :class:`WorldInvalid` with every problem (``parties[3].identifier: ...``) and writes nothing
    when the document is not valid. An error from the database while writing (another writer took a
    username meanwhile) propagates: roll the session back.

    Example::

        report = import_world(session, {"format": "mandate-idp/registry", "version": 1,
                                        "parties": [{"scheme": "kbo", "identifier": "0411515075",
                                                     "name": "Emmaüs"}]})
        assert report["parties"].created == 1
        session.commit()
    """
    if mode not in ("create", "upsert"):
        raise ValueError(f"mode must be 'create' or 'upsert', not {mode!r}")
    reader = _Reader()
    reader.read(document)
    if not reader.readable:
        reader.problems.raise_if_any()
    # References are checked even when some records are broken, so that one run reports everything.
    known = _check(session, reader, mode)
    reader.problems.raise_if_any()
    return _Writer(session, known, mode, profile).write(reader.world)


# --- Export -----------------------------------------------------------------------------------------


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _timestamp(value: dt.datetime | None) -> str | None:
    return None if value is None else as_utc(value).astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def export_world(session: Session) -> dict[str, object]:
    """The whole registry as a document :func:`import_world` reads back to the same rows.

    Passwords leave as argon2id hashes; TOTP secrets leave in clear, as the login needs them: treat the
    document as you treat the database. Not exported: database ids and mandate numbers (the target
    assigns its own), creation moments other than a mandate's, ``last_used_at`` of credentials, the
    audit log. Lists are sorted by natural key, so two exports of the same registry are equal.

    Example::

        Path("world.json").write_text(json.dumps(export_world(session), ensure_ascii=False, indent=1))
    """
    parties = session.scalars(select(Party).order_by(Party.scheme, Party.identifier)).all()
    party_key = {party.id: str(PartyKey(party.scheme, party.identifier)) for party in parties}
    users = session.scalars(select(User).order_by(User.username)).all()
    username = {user.id: user.username for user in users}
    types = session.scalars(select(MandateType).order_by(MandateType.code)).all()
    code = {mandate_type.id: mandate_type.code for mandate_type in types}

    def user_ref(user_id: int | None) -> str | None:
        return None if user_id is None else username[user_id]

    def party_ref(party_id: int | None) -> str | None:
        return None if party_id is None else party_key[party_id]

    credentials: dict[int, list[dict[str, object]]] = {}
    for credential in session.scalars(
        select(Credential).order_by(Credential.user_id, Credential.kind, Credential.secret)
    ):
        credentials.setdefault(credential.user_id, []).append(_export_credential(credential))

    work_relations = sorted(
        (
            {
                "user": username[w.user_id],
                "organisation": party_key[w.organisation_id],
                "kind": w.kind,
                "valid_from": _date(w.valid_from),
                "valid_until": _date(w.valid_until),
            }
            for w in session.scalars(select(WorkRelation))
        ),
        key=_sort_key("user", "organisation", "kind", "valid_from"),
    )
    local_administrators = sorted(
        (
            {
                "user": username[a.user_id],
                "organisation": party_key[a.organisation_id],
                "valid_from": _date(a.valid_from),
                "valid_until": _date(a.valid_until),
            }
            for a in session.scalars(select(LocalAdministrator))
        ),
        key=_sort_key("user", "organisation", "valid_from"),
    )
    rights = sorted(
        (
            {
                "user": username[r.user_id],
                "organisation": party_key[r.organisation_id],
                "right": r.right.value,
                "valid_from": _date(r.valid_from),
                "valid_until": _date(r.valid_until),
                "mandate_types": sorted(code[t.mandate_type_id] for t in r.mandate_types),
                "mandators": sorted(party_key[m.mandator_id] for m in r.mandators),
                "granted_by": user_ref(r.granted_by_user_id),
            }
            for r in session.scalars(select(UserRight))
        ),
        key=_sort_key("user", "organisation", "right", "valid_from"),
    )
    legal_representatives = sorted(
        (
            {
                "person": party_key[r.person_id],
                "organisation": party_key[r.organisation_id],
                "function": r.function,
                "valid_from": _date(r.valid_from),
                "valid_until": _date(r.valid_until),
            }
            for r in session.scalars(select(LegalRepresentative))
        ),
        key=_sort_key("person", "organisation", "function", "valid_from"),
    )
    events: dict[str, list[dict[str, object]]] = {}
    for event in session.scalars(select(MandateEvent).order_by(MandateEvent.id)):
        events.setdefault(event.mandate_id, []).append(
            {
                "at": _timestamp(event.at),
                "action": event.action,
                "actor": user_ref(event.actor_user_id),
                "actor_name": event.actor_name,
                "acting_for": party_ref(event.acting_for_id),
                "acting_for_name": event.acting_for_name,
                "detail": dict(event.detail),
            }
        )
    mandates = [
        {
            "id": m.id,
            "type": code[m.mandate_type_id],
            "mandator": party_key[m.mandator_id],
            "mandatee": party_key[m.mandatee_id],
            "valid_from": _date(m.valid_from),
            "valid_until": _date(m.valid_until),
            "reference": m.reference,
            "language": m.language,
            "state": m.state.value,
            "initiator": m.initiator,
            "created_at": _timestamp(m.created_at),
            "created_by": user_ref(m.created_by),
            "mandator_signed_at": _timestamp(m.mandator_signed_at),
            "mandator_signed_by": user_ref(m.mandator_signed_by),
            "mandatee_signed_at": _timestamp(m.mandatee_signed_at),
            "mandatee_signed_by": user_ref(m.mandatee_signed_by),
            "stopped_at": _timestamp(m.stopped_at),
            "stopped_by": user_ref(m.stopped_by),
            "pending_mandatee": party_ref(m.pending_mandatee_id),
            "events": events.get(m.id, []),
        }
        for m in session.scalars(select(Mandate).order_by(Mandate.number))
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "parties": [_export_party(party) for party in parties],
        "users": [
            {
                "username": user.username,
                "person": party_key[user.person_id],
                "email": user.email,
                "preferred_language": user.preferred_language,
                "disabled": user.disabled,
                "roles": sorted(role.role for role in user.roles),
                "credentials": credentials.get(user.id, []),
            }
            for user in users
        ],
        "work_relations": work_relations,
        "local_administrators": local_administrators,
        "rights": rights,
        "legal_representatives": legal_representatives,
        "mandate_types": [_export_mandate_type(mandate_type) for mandate_type in types],
        "mandates": mandates,
        "applications": [
            {
                "client_id": application.client_id,
                "name": application.name,
                "protocol": application.protocol,
                "legal_representatives": application.legal_representatives,
                "allow_citizen": application.allow_citizen,
                "allow_employee": application.allow_employee,
                "claim_profile": application.claim_profile,
                "enabled": application.enabled,
                "mandate_types": sorted(code[t.mandate_type_id] for t in application.mandate_types),
            }
            for application in session.scalars(select(Application).order_by(Application.client_id))
        ],
    }


def _sort_key(*keys: str) -> Callable[[Mapping[str, object]], tuple[str, ...]]:
    return lambda record: tuple(str(record[key]) for key in keys)


def _export_party(party: Party) -> dict[str, object]:
    return {
        "kind": party.kind.value,
        "scheme": party.scheme,
        "identifier": party.identifier,
        "name": party.name,
        "given_name": party.given_name,
        "family_name": party.family_name,
        "target_group": party.target_group,
        "street": party.street,
        "postal_code": party.postal_code,
        "city": party.city,
        "country": party.country,
    }


def _export_credential(credential: Credential) -> dict[str, object]:
    if credential.kind == "password":
        return {"kind": "password", "hash": credential.secret, "label": credential.label}
    if credential.kind == "totp":
        return {"kind": "totp", "secret": credential.secret, "label": credential.label}
    # Fail closed: a credential the format cannot carry must not silently disappear in a migration.
    raise ValueError(
        f"credential kind {credential.kind!r} (user id {credential.user_id}) has no place in format version {VERSION}"
    )


def _export_mandate_type(mandate_type: MandateType) -> dict[str, object]:
    mandator, mandatee = _stored_kinds(mandate_type)
    return {
        "code": mandate_type.code,
        "number": mandate_type.number,
        "mandator_kinds": sorted(kind.value for kind in mandator),
        "mandatee_kinds": sorted(kind.value for kind in mandatee),
        "active": mandate_type.active,
        "texts": {
            text.language: {
                "name": text.name,
                "description": text.description,
                "creation_text": text.creation_text,
                "stop_text": text.stop_text,
            }
            for text in sorted(
                mandate_type.texts, key=lambda t: LANGUAGES.index(t.language) if t.language in LANGUAGES else 99
            )
        },
    }
