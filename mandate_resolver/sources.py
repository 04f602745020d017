"""The four shipped resolvers share one shape: a resolver that applies the application's policy and the
option keys, in front of a backend that reads a registry (SQL) or asks one (HTTP).

A backend answers in terms of *refs*, the part of an option key after the resolver's name: ``self`` for
the citizen, ``<scheme>:<identifier>`` for an employer or represented enterprise, and
``<mandate id>:<scheme>:<mandatee identifier>`` for a mandate. Refs are parsed strictly before any I/O,
so a tampered key costs nothing and reaches no database or remote registry (SECURITY.md M01, M04).

>>> parse_mandate_ref("7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d:kbo:0806154033").mandatee
KboNumber(value='0806154033')
>>> parse_mandate_ref("7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d:kbo:0806154034") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Protocol

from mandate_resolver.identifiers import IdentifierError, PartyIdentifier, parse_party_identifier
from mandate_resolver.types import (
    AppPolicy,
    Capacity,
    LoginOption,
    PageRequest,
    Resolution,
    Subject,
    Window,
)

__all__ = [
    "SELF_REF",
    "UUID",
    "WIRE_SOURCES",
    "MandateRef",
    "OptionsBackend",
    "SourceResolver",
    "allowed_by_policy",
    "parse_mandate_ref",
    "parse_party_ref",
    "valid_ref",
]

SELF_REF: Final = "self"
# The source names of the HTTP contract (docs/registry-api.yaml), by the capacity each answers for.
WIRE_SOURCES: Final[dict[Capacity, str]] = {
    Capacity.CITIZEN: "citizen",
    Capacity.EMPLOYEE: "idm",
    Capacity.LEGAL_REPRESENTATIVE: "kbo",
    Capacity.MANDATE: "ssm",
}
UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MAX_REF_LENGTH: Final = 100


@dataclass(frozen=True, slots=True)
class MandateRef:
    """A mandate option's ref: the public mandate id and the mandatee the person chose it through."""

    mandate_id: str
    mandatee: PartyIdentifier

    @property
    def text(self) -> str:
        return f"{self.mandate_id}:{self.mandatee.scheme}:{self.mandatee.value}"


def parse_party_ref(ref: str) -> PartyIdentifier | None:
    """``kbo:0411515075`` as an identifier, or None unless it is exactly that, canonical.

    >>> parse_party_ref("kbo:0411515075")
    KboNumber(value='0411515075')
    >>> parse_party_ref("kbo:0411.515.075") is None  # a posted key is compared, never reformatted
    True
    """
    if not isinstance(ref, str) or len(ref) > _MAX_REF_LENGTH:
        return None
    scheme, _, raw = ref.partition(":")
    try:
        identifier = parse_party_identifier(scheme, raw)
    except IdentifierError:
        return None
    return identifier if identifier.value == raw else None


def parse_mandate_ref(ref: str) -> MandateRef | None:
    """``<uuid>:<scheme>:<identifier>`` as a :class:`MandateRef`, or None unless exactly that."""
    if not isinstance(ref, str) or len(ref) > _MAX_REF_LENGTH:
        return None
    mandate_id, _, party = ref.partition(":")
    if not UUID.fullmatch(mandate_id):
        return None
    mandatee = parse_party_ref(party)
    return MandateRef(mandate_id, mandatee) if mandatee is not None else None


def valid_ref(capacity: Capacity, ref: str) -> bool:
    """Whether ``ref`` has the shape of a ref of ``capacity``'s options."""
    if capacity is Capacity.CITIZEN:
        return ref == SELF_REF
    if capacity is Capacity.MANDATE:
        return parse_mandate_ref(ref) is not None
    return parse_party_ref(ref) is not None


def allowed_by_policy(capacity: Capacity, policy: AppPolicy) -> bool:
    """Whether the application wants options of ``capacity`` at all (a refused one costs no query).

    Legal representatives count only when the application has that feature on (SECURITY.md M13); a
    mandate only when its type is one the application accepts, so none when it accepts none.
    """
    if capacity is Capacity.CITIZEN:
        return policy.allow_citizen
    if capacity is Capacity.EMPLOYEE:
        return policy.allow_employee
    if capacity is Capacity.LEGAL_REPRESENTATIVE:
        return policy.legal_representatives
    return bool(policy.accepted_mandate_types)


class OptionsBackend(Protocol):
    """Where a shipped resolver gets its data: the embedded registry (``sql``) or a remote one (``http``).

    ``page`` answers one window of principals; ``find`` the one option with this ``ref`` if the rules
    allow it today, else None. ``namespace`` is the resolver's name, the prefix of every option key.
    Both raise :class:`~mandate_resolver.types.SourceUnavailable` when the registry cannot answer.
    """

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution: ...

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> LoginOption | None: ...


class SourceResolver:
    """A resolver answering for one capacity through one backend; the shipped plugins subclass it.

    >>> from mandate_resolver.testing import StaticBackend
    >>> resolver = SourceResolver("idm", Capacity.EMPLOYEE, StaticBackend())
    >>> resolver.capacities
    frozenset({<Capacity.EMPLOYEE: 'employee'>})
    """

    def __init__(self, name: str, capacity: Capacity, backend: OptionsBackend) -> None:
        self._name = name
        self.capacity = capacity
        self.backend = backend

    @property
    def name(self) -> str:
        return self._name

    @property
    def capacities(self) -> frozenset[Capacity]:
        return frozenset({self.capacity})

    def resolve(self, subject: Subject, policy: AppPolicy, request: PageRequest) -> Resolution:
        if not allowed_by_policy(self.capacity, policy):
            return Resolution()
        return self.backend.page(subject, policy, request.window(self.name, self.capacity), self.name)

    def check(self, subject: Subject, policy: AppPolicy, key: str) -> LoginOption | None:
        prefix = self.name + ":"
        if not key.startswith(prefix) or not allowed_by_policy(self.capacity, policy):
            return None
        ref = key[len(prefix) :]
        if not valid_ref(self.capacity, ref):
            return None
        option = self.backend.find(subject, policy, ref, self.name)
        return option if option is not None and option.key == key else None

    def close(self) -> None:
        close = getattr(self.backend, "close", None)
        if callable(close):
            close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, backend={type(self.backend).__name__})"
