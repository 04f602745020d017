"""The neutral values the resolver chain passes around: who logs in, for which application, and the
login options ("on behalf of whom") that follow from the registries.

Everything here is a frozen dataclass or a small enum: plugins, backends, the selection screen and the
protocol layers (OIDC claims, SAML attributes) share these types and never a dict.

>>> import datetime as dt
>>> from mandate_resolver.identifiers import Insz, KboNumber
>>> subject = Subject(Insz.parse("85073003328"), "Sammy Roos")
>>> policy = AppPolicy(today=dt.date(2025, 3, 1), accepted_mandate_types=frozenset({"wse_loket"}))
>>> emmaus = Party(KboNumber.parse("0411515075"), "Emmaüs", "EA")
>>> option = LegalRepresentativeOption("kbo:kbo:0411515075", emmaus, "Zaakvoerder", dt.date(2020, 1, 1), None)
>>> option.capacity, option.principal.name, option.source
(<Capacity.LEGAL_REPRESENTATIVE: 'legal_representative'>, 'Emmaüs', 'kbo')
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import json
import re
from dataclasses import dataclass, field
from typing import ClassVar, Final, TypeAlias

from mandate_resolver.identifiers import (
    IdentifierError,
    Insz,
    PartyIdentifier,
    guess_party_identifier,
    parse_party_identifier,
)

__all__ = [
    "COUNT_CAP",
    "LANGUAGES",
    "MAX_OPTIONS_PER_PRINCIPAL",
    "MAX_PAGE_SIZE",
    "TYPE_CODE",
    "AccessPath",
    "AppPolicy",
    "Bound",
    "Capacity",
    "CappedCount",
    "CitizenOption",
    "EmployeeOption",
    "InvalidCursor",
    "LegalRepresentativeOption",
    "LoginOption",
    "MandateOption",
    "MandateTypeRef",
    "PageRequest",
    "Party",
    "PathKind",
    "Principal",
    "Resolution",
    "ResolverStatus",
    "Search",
    "Selection",
    "SortKey",
    "SourceFailure",
    "SourceUnavailable",
    "Subject",
    "Window",
    "check_name",
    "option_key",
    "sort_name",
    "valid_on",
]

# Counts are exact up to here and "more than" beyond: counting every row of a big firm on every page view
# is what makes a selection screen slow (issue 3, "no count of all rows per request").
COUNT_CAP: Final = 1000
MAX_PAGE_SIZE: Final = 200
# One tile lists the mandatees through which its mandator can be reached; a handful in practice.
MAX_OPTIONS_PER_PRINCIPAL: Final = 50
MAX_NAME_LENGTH: Final = 200
MAX_SEARCH_LENGTH: Final = 100
MAX_KEY_LENGTH: Final = 160
MAX_CURSOR_LENGTH: Final = 600
LANGUAGES: Final = ("nl", "fr", "de", "en")
# Sorts after every other character: ``prefix <= name < prefix + _LAST`` means "name starts with prefix"
# in Python, in SQLite (binary) and in PostgreSQL (COLLATE "C") alike.
_LAST: Final = "\U0010ffff"

TYPE_CODE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
_SOURCE_NAME: Final = re.compile(r"[a-z][a-z0-9_]{0,31}")
_TARGET_GROUP: Final = re.compile(r"[A-Z]{2,8}")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_KEY: Final = re.compile(r"[a-z][a-z0-9_]{0,31}:[A-Za-z0-9_.:\-]{1,120}")


def sort_name(name: str) -> str:
    """The key principals are ordered and searched by: the name in lower case.

    SQL backends use the store's own ``lower()``; what counts is that one source orders its principals
    by the same strings it reports, which the chain then merges by code point.

    >>> sort_name("BAROCY")
    'barocy'
    """
    return name.lower()


def option_key(namespace: str, *parts: str) -> str:
    """The opaque key of an option: the resolver's name, then parts that let it find the option again.

    >>> option_key("ssm", "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d", "kbo", "0806154033")
    'ssm:7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d:kbo:0806154033'
    """
    key = ":".join((namespace, *parts))
    if len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key):
        raise ValueError(f"not a valid option key: {key[:MAX_KEY_LENGTH]!r}")
    return key


def check_name(value: str, what: str = "name") -> str:
    """Reject names no registry should hold: empty, too long, or with control characters."""
    if not isinstance(value, str) or not value or len(value) > MAX_NAME_LENGTH or _CONTROL.search(value):
        raise ValueError(f"{what} must be 1-{MAX_NAME_LENGTH} printable characters")
    return value


class Capacity(enum.StrEnum):
    """In which capacity the person logs in. Also the order of the tiles on the selection screen."""

    CITIZEN = "citizen"
    EMPLOYEE = "employee"
    LEGAL_REPRESENTATIVE = "legal_representative"
    MANDATE = "mandate"

    @property
    def rank(self) -> int:
        return _CAPACITY_ORDER.index(self)


_CAPACITY_ORDER: Final = tuple(Capacity)
_CAPACITY_RANK: Final = {capacity: rank for rank, capacity in enumerate(_CAPACITY_ORDER)}


class PathKind(enum.StrEnum):
    """How a mandate reaches the person who logs in (DOMAIN.md, login step 3)."""

    # The person is the mandatee themself: no executor right needed.
    PERSON_MANDATEE = "person_mandatee"
    # A valid IDM right "SSM Mandaatuitvoerder" of the mandatee organisation holding the mandate's type.
    EXECUTOR_RIGHT = "executor_right"
    # The person represents the mandatee enterprise by law (KBO), for applications with that feature on.
    LEGAL_REPRESENTATIVE = "legal_representative"


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation as it leaves the chain: identifier, display name and ACM target group.

    >>> from mandate_resolver.identifiers import KboNumber
    >>> barocy = Party(KboNumber.parse("0806154033"), "BAROCY", "EA")
    >>> barocy.id, barocy.id_type, barocy.is_person
    ('0806154033', 'kbo', False)
    """

    identifier: PartyIdentifier
    name: str
    # ACM doelgroep: BUR citizens, EA enterprises, GID Flemish bodies, LB local governments, OV education.
    target_group: str

    def __post_init__(self) -> None:
        check_name(self.name)
        if not _TARGET_GROUP.fullmatch(self.target_group):
            raise ValueError(f"not a target group: {self.target_group[:16]!r}")

    @property
    def id(self) -> str:
        return self.identifier.value

    @property
    def id_type(self) -> str:
        return self.identifier.scheme

    @property
    def is_person(self) -> bool:
        return isinstance(self.identifier, Insz)


@dataclass(frozen=True, slots=True)
class Subject:
    """The authenticated natural person, as the login established them.

    ``person_id`` and ``user_id`` are this provider's own registry ids of that person, when known: the SQL
    backends then skip a lookup. They must belong to ``identifier``; remote registries only see the INSZ.

    >>> Subject(Insz.parse("85073003328"), "Sammy Roos").party.target_group
    'BUR'
    """

    identifier: Insz
    name: str
    person_id: int | None = None
    user_id: int | None = None

    def __post_init__(self) -> None:
        check_name(self.name)

    @property
    def party(self) -> Party:
        return Party(self.identifier, self.name, "BUR")


@dataclass(frozen=True, slots=True)
class AppPolicy:
    """What one application accepts: its mandate types (codes), whether legal representatives count,
    which ordinary choices it allows, and the date the rules are applied on (a Belgian calendar date).

    >>> AppPolicy(today=dt.date(2025, 3, 1), accepted_mandate_types=frozenset({"104"})).accepts("104")
    True
    """

    today: dt.date
    accepted_mandate_types: frozenset[str] = frozenset()
    legal_representatives: bool = False
    allow_citizen: bool = True
    allow_employee: bool = True
    # The language mandate type names are given in (nl, fr, de, en).
    language: str = "nl"

    def __post_init__(self) -> None:
        object.__setattr__(self, "accepted_mandate_types", frozenset(self.accepted_mandate_types))
        for code in self.accepted_mandate_types:
            if not isinstance(code, str) or not TYPE_CODE.fullmatch(code):
                raise ValueError(f"not a mandate type code: {str(code)[:64]!r}")
        if self.language not in LANGUAGES:
            raise ValueError(f"not a language: {self.language[:8]!r}")

    def accepts(self, mandate_type_code: str) -> bool:
        return mandate_type_code in self.accepted_mandate_types


def valid_on(valid_from: dt.date, valid_until: dt.date | None, today: dt.date) -> bool:
    """Both ends inclusive; no end date means open-ended (DOMAIN.md: it expires *after* its end date).

    >>> valid_on(dt.date(2025, 1, 1), dt.date(2025, 1, 31), dt.date(2025, 1, 31))
    True
    """
    return valid_from <= today and (valid_until is None or today <= valid_until)


@dataclass(frozen=True, slots=True)
class MandateTypeRef:
    """A mandate type as the claims show it: its code, its name in the policy's language, its SSM number."""

    code: str
    name: str
    number: int | None = None

    def __post_init__(self) -> None:
        if not TYPE_CODE.fullmatch(self.code):
            raise ValueError(f"not a mandate type code: {self.code[:64]!r}")
        check_name(self.name, "mandate type name")


@dataclass(frozen=True, slots=True)
class AccessPath:
    """Why the person may use a mandate: as the mandatee, through an executor right of the mandatee
    organisation, or as its legal representative; with the validity of that right or representation."""

    kind: PathKind
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    # The legal representative's function ("Zaakvoerder"); empty otherwise.
    function: str = ""


@dataclass(frozen=True, slots=True)
class CitizenOption:
    """ "As myself": the person logs in in their own name."""

    capacity: ClassVar[Capacity] = Capacity.CITIZEN
    key: str
    person: Party
    source: str = "citizen"

    @property
    def principal(self) -> Party:
        return self.person


@dataclass(frozen=True, slots=True)
class EmployeeOption:
    """ "As employee of X": a valid IDM work relation with organisation X."""

    capacity: ClassVar[Capacity] = Capacity.EMPLOYEE
    key: str
    organisation: Party
    # The kind of work relation ("Vaste Medewerker").
    relation: str
    valid_from: dt.date
    valid_until: dt.date | None
    source: str = "idm"

    @property
    def principal(self) -> Party:
        return self.organisation


@dataclass(frozen=True, slots=True)
class LegalRepresentativeOption:
    """ "As legal representative of X": the person represents enterprise X by law (KBO)."""

    capacity: ClassVar[Capacity] = Capacity.LEGAL_REPRESENTATIVE
    key: str
    organisation: Party
    function: str
    valid_from: dt.date
    valid_until: dt.date | None
    source: str = "kbo"

    @property
    def principal(self) -> Party:
        return self.organisation


@dataclass(frozen=True, slots=True)
class MandateOption:
    """ "On behalf of mandator M via mandatee N": one valid mandate and the path by which it reaches the
    person (who is then its executor)."""

    capacity: ClassVar[Capacity] = Capacity.MANDATE
    key: str
    # The public mandate id (a UUID), the one the claims carry.
    mandate_id: str
    mandate_type: MandateTypeRef
    valid_from: dt.date
    valid_until: dt.date | None
    mandator: Party
    mandatee: Party
    path: AccessPath
    source: str = "ssm"

    @property
    def principal(self) -> Party:
        return self.mandator


LoginOption: TypeAlias = CitizenOption | EmployeeOption | LegalRepresentativeOption | MandateOption


@dataclass(frozen=True, slots=True, order=True)
class SortKey:
    """Where a principal stands on the selection screen; the cursor of the next page is the key of the
    last principal shown. Ties between sources (the same name) are broken by the identifier, then by the
    name of the resolver that produced the group.

    >>> key = SortKey(3, "emmaüs", "kbo", "0411515075", "ssm")
    >>> SortKey.decode(key.encode()) == key
    True
    """

    rank: int
    name: str
    scheme: str
    identifier: str
    source: str

    @property
    def order(self) -> tuple[int, str, str, str, str]:
        return (self.rank, self.name, self.scheme, self.identifier, self.source)

    def encode(self) -> str:
        raw = json.dumps([self.rank, self.name, self.scheme, self.identifier, self.source], ensure_ascii=False)
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> SortKey:
        """Parse a cursor a browser sent back; anything but a cursor we made raises :class:`InvalidCursor`."""
        if not isinstance(token, str) or not 0 < len(token) <= MAX_CURSOR_LENGTH:
            raise InvalidCursor()
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            items = json.loads(raw.decode())
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise InvalidCursor() from None
        if not (isinstance(items, list) and len(items) == 5 and type(items[0]) is int):
            raise InvalidCursor()
        rank, name, scheme, identifier, source = items
        if not (0 <= rank < len(_CAPACITY_ORDER) and all(isinstance(v, str) for v in items[1:])):
            raise InvalidCursor()
        if len(name) > MAX_NAME_LENGTH or not _SOURCE_NAME.fullmatch(source):
            raise InvalidCursor()
        try:
            parse_party_identifier(scheme, identifier)
        except IdentifierError:
            raise InvalidCursor() from None
        return cls(rank, name, scheme, identifier, source)


class InvalidCursor(ValueError):  # noqa: N818 - reads as the condition it names
    """A ``after`` cursor that the chain did not make (tampered, truncated, or from another version)."""

    def __init__(self) -> None:
        super().__init__("not a valid page cursor")


@dataclass(frozen=True, slots=True)
class Bound:
    """A source's view of the cursor: return principals sorting after (name, scheme, identifier), or at it
    too when ``inclusive`` (the cursor's group came from a source whose name sorts before this one).

    >>> Bound("emmaüs", "kbo", "0411515075", inclusive=False).admits("emmaüs", "kbo", "0411515075")
    False
    """

    name: str
    scheme: str
    identifier: str
    inclusive: bool

    def admits(self, name: str, scheme: str, identifier: str) -> bool:
        candidate, bound = (name, scheme, identifier), (self.name, self.scheme, self.identifier)
        return candidate >= bound if self.inclusive else candidate > bound


@dataclass(frozen=True, slots=True)
class Search:
    """What the person typed in the search box: an identifier (KBO number, INSZ ...) matches that party
    exactly; anything else matches names starting with it, ignoring case.

    >>> Search.parse("BE 0411.515.075").identifier
    KboNumber(value='0411515075')
    >>> Search.parse("  Baro ").prefix
    'baro'
    >>> Search.parse("   ") is None
    True
    """

    text: str
    identifier: PartyIdentifier | None = None
    prefix: str = ""

    @classmethod
    def parse(cls, raw: str | None) -> Search | None:
        text = (raw or "").strip()[: MAX_SEARCH_LENGTH + 1]
        if not text:
            return None
        if len(text) > MAX_SEARCH_LENGTH:
            raise ValueError(f"a search is at most {MAX_SEARCH_LENGTH} characters")
        try:
            return cls(text, identifier=guess_party_identifier(text))
        except IdentifierError:
            return cls(text, prefix=sort_name(text))

    @property
    def upper(self) -> str:
        """The exclusive upper end of the names starting with ``prefix``."""
        return self.prefix + _LAST

    def matches(self, id_type: str, id: str, name_key: str) -> bool:
        """Whether a principal with this identifier and name key matches."""
        if self.identifier is not None:
            return id_type == self.identifier.scheme and id == self.identifier.value
        return self.prefix <= name_key < self.upper


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page a resolver is asked for: at most ``size`` principals after ``after``, matching ``search``.

    >>> PageRequest(size=2).bound_for("ssm", Capacity.MANDATE) is None
    True
    """

    size: int = 50
    after: SortKey | None = None
    search: Search | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise ValueError(f"page size must be 1-{MAX_PAGE_SIZE}")

    def is_past(self, capacity: Capacity) -> bool:
        """True when the cursor is already beyond every principal of ``capacity``."""
        return self.after is not None and self.after.rank > capacity.rank

    def bound_for(self, source: str, capacity: Capacity) -> Bound | None:
        """The bound within ``capacity`` for the resolver named ``source``; None when unbounded."""
        after = self.after
        if after is None or after.rank != capacity.rank:
            return None
        return Bound(after.name, after.scheme, after.identifier, inclusive=source > after.source)

    def window(self, source: str, capacity: Capacity) -> Window:
        """This request as a backend of resolver ``source`` answering for ``capacity`` sees it."""
        return Window(self.size, self.bound_for(source, capacity), self.search, self.is_past(capacity))


@dataclass(frozen=True, slots=True)
class Window:
    """What a backend is asked for: at most ``size`` principals after ``bound`` matching ``search``;
    when ``past`` the cursor is beyond all of them and only the count is wanted.

    >>> Window(size=50).past
    False
    """

    size: int = 50
    bound: Bound | None = None
    search: Search | None = None
    past: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise ValueError(f"page size must be 1-{MAX_PAGE_SIZE}")


@dataclass(frozen=True, slots=True)
class CappedCount:
    """A count that stops at a cap: ``CappedCount(1000, capped=True)`` reads "more than 1000".

    >>> CappedCount(600) + CappedCount(700)
    CappedCount(value=1000, capped=True)
    """

    value: int = 0
    capped: bool = False

    def __add__(self, other: CappedCount) -> CappedCount:
        total = self.value + other.value
        return CappedCount(min(total, COUNT_CAP), self.capped or other.capped or total > COUNT_CAP)


@dataclass(frozen=True, slots=True)
class Principal:
    """One tile of the selection screen: the party acted for, in one capacity, from one source, with the
    options leading to it. Several options on a mandate tile mean "several mandates possible": the second
    dialog asks through which mandatee to continue."""

    party: Party
    capacity: Capacity
    source: str
    name_key: str
    options: tuple[LoginOption, ...]
    # True when the group had more options than MAX_OPTIONS_PER_PRINCIPAL.
    more_options: bool = False

    @property
    def sort_key(self) -> SortKey:
        return SortKey(*self.order)

    @property
    def order(self) -> tuple[int, str, str, str, str]:
        """:attr:`sort_key` as a plain tuple, for sorting many quickly."""
        party = self.party
        return (
            _CAPACITY_RANK[self.capacity],
            self.name_key,
            party.identifier.scheme,
            party.identifier.value,
            self.source,
        )

    @property
    def id_type(self) -> str:
        return self.party.id_type

    @property
    def id(self) -> str:
        return self.party.id

    @property
    def several(self) -> bool:
        return len(self.options) > 1


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one resolver answers for one page: its principals in ``sort_key`` order, all after the page
    request's cursor and matching its search, whether more follow, and how many match in all (capped).

    "None" is an empty resolution: the source answered and there is nothing. "Unavailable" is never a
    resolution: the resolver raises :class:`SourceUnavailable` instead.
    """

    principals: tuple[Principal, ...] = ()
    more: bool = False
    count: CappedCount = field(default_factory=CappedCount)


class SourceUnavailable(Exception):  # noqa: N818 - the domain word; it is a state, not a bug
    """A source could not answer (timeout, connection refused, HTTP 500, a malformed or oversized reply).

    Raised by resolvers and backends; the chain turns it into a :class:`SourceFailure` and builds no
    mandate option from that source (fail closed, SECURITY.md M03).
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """A resolver that failed during one call: its name, a reason code and a message for the log.

    ``reason``: "timeout" (past the deadline), "unavailable" (the source said so: connection, HTTP
    status, malformed reply), "error" (an unexpected exception, a plugin bug), "invalid" (the plugin
    returned something that breaks the contract, e.g. an option key outside its namespace).
    """

    source: str
    reason: str
    message: str = ""
    provides_mandates: bool = False


@dataclass(frozen=True, slots=True)
class ResolverStatus:
    """How one resolver did in one call: answered or failed, and how long it took."""

    source: str
    ok: bool
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class Selection:
    """The option the person chose, re-checked: everything the claims and attributes need.

    ``principal`` is on whose behalf the person acts (themself, an organisation, a mandator) and
    ``executor`` the natural person who logged in (the OIDC ``sub``). For a mandate, ``mandate_id``,
    ``mandate_type``, ``mandator``, ``mandatee`` and ``path`` are set; ``valid_from``/``valid_until`` are
    those of the mandate, work relation or representation (None for a citizen).
    """

    key: str
    source: str
    capacity: Capacity
    principal: Party
    executor: Party
    checked_on: dt.date
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    mandate_id: str | None = None
    mandate_type: MandateTypeRef | None = None
    mandator: Party | None = None
    mandatee: Party | None = None
    path: AccessPath | None = None
    # The work relation kind or the legal representative's function, when there is one.
    role: str = ""

    @classmethod
    def of(cls, option: LoginOption, subject: Subject, checked_on: dt.date) -> Selection:
        """The selection for an option its resolver has just confirmed.

        >>> from mandate_resolver.testing import sample_mandate_option, sample_subject
        >>> chosen = Selection.of(sample_mandate_option(), sample_subject(), dt.date(2025, 3, 1))
        >>> chosen.principal.name, chosen.mandatee.name, chosen.executor.name, chosen.source
        ('Emmaüs', 'BAROCY', 'Sammy Roos', 'ssm')
        """
        executor = subject.party
        if isinstance(option, CitizenOption):
            return cls(option.key, option.source, option.capacity, option.person, executor, checked_on)
        if isinstance(option, EmployeeOption):
            return cls(
                option.key,
                option.source,
                option.capacity,
                option.organisation,
                executor,
                checked_on,
                valid_from=option.valid_from,
                valid_until=option.valid_until,
                role=option.relation,
            )
        if isinstance(option, LegalRepresentativeOption):
            return cls(
                option.key,
                option.source,
                option.capacity,
                option.organisation,
                executor,
                checked_on,
                valid_from=option.valid_from,
                valid_until=option.valid_until,
                role=option.function,
            )
        return cls(
            option.key,
            option.source,
            option.capacity,
            option.mandator,
            executor,
            checked_on,
            valid_from=option.valid_from,
            valid_until=option.valid_until,
            mandate_id=option.mandate_id,
            mandate_type=option.mandate_type,
            mandator=option.mandator,
            mandatee=option.mandatee,
            path=option.path,
        )
