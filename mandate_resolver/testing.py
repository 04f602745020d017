"""Test doubles and world builders, shipped with the package so integrators can test their own plugins.

- :class:`StaticResolver`: a resolver answering from a list of options (or failing, or slow), for
  testing a chain, a selection screen or a protocol layer without a registry;
- :class:`StaticBackend`: the same as a backend behind a :class:`~mandate_resolver.sources.SourceResolver`;
- :class:`WorldBuilder`: rows of the embedded registry (persons, organisations, rights, representations,
  mandates) written with the models, with valid made-up identifiers and sensible defaults;
- :class:`Entry`: a configuration entry, as ``idp.settings.ResolverEntry`` would hold it.

>>> import datetime as dt
>>> chain_options = [sample_mandate_option()]
>>> resolver = StaticResolver("ssm", Capacity.MANDATE, chain_options)
>>> page = resolver.resolve(sample_subject(), AppPolicy(dt.date(2025, 3, 1), frozenset({"wse_loket"})), PageRequest())
>>> [principal.party.name for principal in page.principals]
['Emmaüs']
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy.orm import Session

from mandate_resolver.identifiers import Insz, KboNumber, make_insz, make_kbo
from mandate_resolver.paging import paginate
from mandate_resolver.registry.models import (
    LegalRepresentative,
    Mandate,
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
    WorkRelation,
    new_id,
)
from mandate_resolver.sources import SELF_REF
from mandate_resolver.types import (
    AccessPath,
    AppPolicy,
    Capacity,
    CitizenOption,
    EmployeeOption,
    LoginOption,
    MandateOption,
    MandateTypeRef,
    PageRequest,
    PathKind,
    Principal,
    Resolution,
    SourceUnavailable,
    Subject,
    Window,
    option_key,
    sort_name,
)
from mandate_resolver.types import Party as PartyValue

__all__ = [
    "Entry",
    "OrganisationRecord",
    "PersonRecord",
    "StaticBackend",
    "StaticResolver",
    "WorldBuilder",
    "group_principals",
    "principal_of",
    "sample_mandate_option",
    "sample_subject",
]

EMMAUS: Final = PartyValue(KboNumber("0411515075"), "Emmaüs", "EA")
BAROCY: Final = PartyValue(KboNumber("0806154033"), "BAROCY", "EA")
SAMMY: Final = Insz("85073003328")
_SERIALS: Final = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Entry:
    """A resolver entry as the configuration holds it (``idp.settings.ResolverEntry`` in the provider)."""

    name: str
    module: str
    backend: str = "sql"
    options: Mapping[str, object] = field(default_factory=dict)
    enabled: bool = True


def sample_subject() -> Subject:
    """Sammy Roos, the mandate manager of Emmaüs in the seeds."""
    return Subject(SAMMY, "Sammy Roos")


def sample_mandate_option(
    *,
    namespace: str = "ssm",
    valid_from: dt.date = dt.date(2024, 1, 1),
    valid_until: dt.date | None = None,
    path: AccessPath | None = None,
) -> MandateOption:
    """Emmaüs (mandator) via BAROCY (mandatee), type ``wse_loket``, reached by an executor right."""
    mandate_id = "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d"
    return MandateOption(
        key=option_key(namespace, mandate_id, BAROCY.id_type, BAROCY.id),
        mandate_id=mandate_id,
        mandate_type=MandateTypeRef("wse_loket", "WSE Loket", 104),
        valid_from=valid_from,
        valid_until=valid_until,
        mandator=EMMAUS,
        mandatee=BAROCY,
        path=path or AccessPath(PathKind.EXECUTOR_RIGHT, dt.date(2024, 1, 1), None),
        source="ssm",
    )


def principal_of(capacity: Capacity, source: str, name: str) -> Principal:
    """A one-option tile for an organisation called ``name`` (identifier made up from the name)."""
    organisation = PartyValue(make_kbo(zlib.crc32(name.encode()) % 10**7), name, "EA")
    option = EmployeeOption(
        option_key(source, organisation.id_type, organisation.id),
        organisation,
        "Vaste Medewerker",
        dt.date(2020, 1, 1),
        None,
    )
    return Principal(organisation, capacity, source, sort_name(name), (option,))


def group_principals(options: Sequence[LoginOption], source: str) -> list[Principal]:
    """Options grouped into tiles by (capacity, principal), each tile's options in key order."""
    groups: dict[tuple[Capacity, str, str], list[LoginOption]] = {}
    for option in options:
        groups.setdefault((option.capacity, option.principal.id_type, option.principal.id), []).append(option)
    return [
        Principal(
            group[0].principal, capacity, source, sort_name(group[0].principal.name), tuple(sorted(group, key=_key))
        )
        for (capacity, _, _), group in groups.items()
    ]


def _key(option: LoginOption) -> str:
    return option.key


OptionSource = Sequence[LoginOption] | Callable[[Subject, AppPolicy], Sequence[LoginOption]]


class StaticResolver:
    """A resolver answering from ``options`` (a list, or a function of the subject and policy).

    ``delay_s`` makes it slow, ``error`` makes it fail (raise that exception on every call); ``calls``
    counts the calls. Options are grouped into tiles, searched and paged like a real source.

    >>> failing = StaticResolver.failing("ssm", mandates=True)
    >>> failing.capacities
    frozenset({<Capacity.MANDATE: 'mandate'>})
    """

    def __init__(
        self,
        name: str,
        capacity: Capacity,
        options: OptionSource = (),
        *,
        delay_s: float = 0.0,
        error: Exception | None = None,
    ) -> None:
        self._name = name
        self.capacity = capacity
        self._options = options
        self.delay_s = delay_s
        self.error = error
        self.calls = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def capacities(self) -> frozenset[Capacity]:
        return frozenset({self.capacity})

    @classmethod
    def citizen(cls, name: str = "citizen") -> StaticResolver:
        """The "as myself" option for whoever logs in, when the application allows it."""

        def options(subject: Subject, policy: AppPolicy) -> list[LoginOption]:
            return [CitizenOption(option_key(name, SELF_REF), subject.party)] if policy.allow_citizen else []

        return cls(name, Capacity.CITIZEN, options)

    @classmethod
    def failing(cls, name: str, *, mandates: bool = False, error: Exception | None = None) -> StaticResolver:
        """A source that cannot answer (``SourceUnavailable`` unless ``error`` says otherwise)."""
        capacity = Capacity.MANDATE if mandates else Capacity.EMPLOYEE
        return cls(name, capacity, (), error=error or SourceUnavailable("unavailable", "test double"))

    def _current(self, subject: Subject, policy: AppPolicy) -> Sequence[LoginOption]:
        self.calls += 1
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.error is not None:
            raise self.error
        return self._options(subject, policy) if callable(self._options) else self._options

    def resolve(self, subject: Subject, policy: AppPolicy, request: PageRequest) -> Resolution:
        principals = group_principals(self._current(subject, policy), self.name)
        return paginate(principals, request.window(self.name, self.capacity))

    def check(self, subject: Subject, policy: AppPolicy, key: str) -> LoginOption | None:
        return next((option for option in self._current(subject, policy) if option.key == key), None)


class StaticBackend:
    """An :class:`~mandate_resolver.sources.OptionsBackend` answering from a list of options whose keys use
    the namespace ``"static"``; it re-keys them for the resolver in front of it."""

    def __init__(self, options: Sequence[LoginOption] = ()) -> None:
        self.options = list(options)

    def _rekeyed(self, namespace: str) -> list[LoginOption]:
        from dataclasses import replace

        return [replace(option, key=namespace + option.key[option.key.index(":") :]) for option in self.options]

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        return paginate(group_principals(self._rekeyed(namespace), namespace), window)

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> LoginOption | None:
        key = f"{namespace}:{ref}"
        return next((option for option in self._rekeyed(namespace) if option.key == key), None)


# --- worlds in the embedded registry ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person written by :class:`WorldBuilder`: party and user ids, INSZ and name."""

    party_id: int
    user_id: int | None
    identifier: Insz
    name: str

    @property
    def subject(self) -> Subject:
        """The subject as the login would build it (ids included: the SQL backends skip a lookup)."""
        return Subject(self.identifier, self.name, self.party_id, self.user_id)

    @property
    def bare_subject(self) -> Subject:
        """The subject as a remote registry sees it: the INSZ and name only."""
        return Subject(self.identifier, self.name)


@dataclass(frozen=True, slots=True)
class OrganisationRecord:
    """An organisation written by :class:`WorldBuilder`."""

    party_id: int
    identifier: KboNumber
    name: str


class WorldBuilder:
    """Rows of the embedded registry for tests and benchmarks, written with the models.

    Identifiers are made up but valid (mod 97). Dates default to "valid since 2020, open-ended"; a
    mandate defaults to signed by both sides. Call :meth:`commit` (or use the session) when done.

    >>> # with a session on a migrated database:
    >>> # world = WorldBuilder(session)
    >>> # sammy = world.person("Sammy Roos"); barocy = world.organisation("BAROCY")
    >>> # world.mandate_type("wse_loket"); world.executor_right(sammy, barocy, ["wse_loket"])
    """

    SINCE: Final = dt.date(2020, 1, 1)

    def __init__(self, session: Session) -> None:
        self.session = session
        self._types: dict[str, int] = {}

    def _next(self) -> int:
        # One sequence per process: worlds built one after the other never share an identifier.
        return next(_SERIALS)

    def person(self, name: str, *, insz: Insz | None = None, user: bool = True) -> PersonRecord:
        serial = self._next()
        identifier = insz or make_insz(dt.date(1970, 1, 1) + dt.timedelta(days=serial // 997), serial % 997 + 1)
        given, _, family = name.partition(" ")
        party = Party(
            kind=PartyKind.PERSON,
            scheme=Insz.scheme,
            identifier=identifier.value,
            name=name,
            given_name=given,
            family_name=family or None,
            target_group="BUR",
        )
        self.session.add(party)
        self.session.flush()
        user_id = None
        if user:
            account = User(person_id=party.id, username=f"user{party.id}-{serial}")
            self.session.add(account)
            self.session.flush()
            user_id = account.id
        return PersonRecord(party.id, user_id, identifier, name)

    def organisation(self, name: str, *, kbo: KboNumber | None = None, target_group: str = "EA") -> OrganisationRecord:
        identifier = kbo or make_kbo(1_000_000 + self._next())
        party = Party(
            kind=PartyKind.ORGANISATION,
            scheme=KboNumber.scheme,
            identifier=identifier.value,
            name=name,
            target_group=target_group,
        )
        self.session.add(party)
        self.session.flush()
        return OrganisationRecord(party.id, identifier, name)

    def mandate_type(self, code: str, name: str | None = None, *, number: int | None = None) -> int:
        kind = MandateType(code=code, number=number, texts=[MandateTypeText(language="nl", name=name or code)])
        self.session.add(kind)
        self.session.flush()
        self._types[code] = kind.id
        return kind.id

    def type_id(self, code: str) -> int:
        return self._types[code]

    def work_relation(
        self,
        person: PersonRecord,
        organisation: OrganisationRecord,
        *,
        kind: str = "Vaste Medewerker",
        valid_from: dt.date = SINCE,
        valid_until: dt.date | None = None,
    ) -> int:
        assert person.user_id is not None, "a work relation needs a user account"
        row = WorkRelation(
            organisation_id=organisation.party_id,
            user_id=person.user_id,
            kind=kind,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def executor_right(
        self,
        person: PersonRecord,
        organisation: OrganisationRecord | PersonRecord,
        types: Sequence[str],
        *,
        valid_from: dt.date = SINCE,
        valid_until: dt.date | None = None,
        mandators: Sequence[OrganisationRecord | PersonRecord] = (),
        right: RightKind = RightKind.MANDATE_EXECUTOR,
    ) -> int:
        """An IDM right ("SSM Mandaatuitvoerder" unless ``right`` says otherwise) with its type context."""
        assert person.user_id is not None, "a right needs a user account"
        row = UserRight(
            organisation_id=organisation.party_id,
            user_id=person.user_id,
            right=right,
            valid_from=valid_from,
            valid_until=valid_until,
            mandate_types=[UserRightMandateType(mandate_type_id=self._types[code]) for code in types],
            mandators=[UserRightMandator(mandator_id=m.party_id) for m in mandators],
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def legal_representative(
        self,
        person: PersonRecord,
        organisation: OrganisationRecord,
        *,
        function: str = "Zaakvoerder",
        valid_from: dt.date = SINCE,
        valid_until: dt.date | None = None,
    ) -> int:
        row = LegalRepresentative(
            person_id=person.party_id,
            organisation_id=organisation.party_id,
            function=function,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def mandate(
        self,
        mandator: OrganisationRecord | PersonRecord,
        mandatee: OrganisationRecord | PersonRecord,
        type_code: str,
        *,
        valid_from: dt.date = SINCE,
        valid_until: dt.date | None = None,
        state: MandateState = MandateState.SIGNED,
        mandator_signed: bool | None = None,
        mandatee_signed: bool | None = None,
        stopped: bool | None = None,
    ) -> str:
        """A mandate; signatures and the stop time follow ``state`` unless given explicitly."""
        now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        signed = state in (MandateState.SIGNED, MandateState.STOPPED)
        mandator_at = now if (signed if mandator_signed is None else mandator_signed) else None
        mandatee_at = now if (signed if mandatee_signed is None else mandatee_signed) else None
        if state == MandateState.AWAITING_SIGNATURE and mandator_signed is None:
            mandator_at = now  # the creator (here: the mandator) signed by creating it
        row = Mandate(
            id=new_id(),
            mandate_type_id=self._types[type_code],
            mandator_id=mandator.party_id,
            mandatee_id=mandatee.party_id,
            valid_from=valid_from,
            valid_until=valid_until,
            state=state,
            initiator="mandator",
            mandator_signed_at=mandator_at,
            mandatee_signed_at=mandatee_at,
            stopped_at=now if (state == MandateState.STOPPED if stopped is None else stopped) else None,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def commit(self) -> None:
        self.session.commit()
