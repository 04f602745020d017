"""Checking a read document as a whole: unique keys, references, and what the registry already holds.

Every problem is added to the reader's list, so that one run reports everything; what the registry
holds of the document's records is loaded once, as :class:`_Known`, and handed to the writer.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.exchange.fields import _a, _References
from mandate_resolver.registry.exchange.reading import _Reader
from mandate_resolver.registry.exchange.records import (
    ImportMode,
    PartyKey,
    _LegalRepresentativeKey,
    _LocalAdministratorKey,
    _MandateTypeRecord,
    _RightKey,
    _UserRecord,
    _WorkRelationKey,
    _World,
)
from mandate_resolver.registry.exchange.results import _Problems
from mandate_resolver.registry.models import (
    Application,
    LegalRepresentative,
    LocalAdministrator,
    Mandate,
    MandateType,
    Party,
    PartyKind,
    User,
    UserRight,
    WorkRelation,
)

_T = TypeVar("_T")
_K = TypeVar("_K")


_CHUNK: Final = 500


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
