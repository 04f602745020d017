"""The registry format's vocabulary, and the records a document is read into before anything is written.

Records refer to each other by natural keys (:class:`PartyKey`, username, mandate type code, mandate id,
client id) and keep the JSON path they were read at, so that every later check can say where a problem is.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias

from mandate_resolver.identifiers import parse_party_identifier
from mandate_resolver.registry.models import MandateState, PartyKind, RightKind

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
