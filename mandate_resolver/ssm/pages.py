"""The mandators of one page of SSM options: the bounded probe, the keyset walk of the name index, and
the options of the page's mandators (see ``mandate_resolver.ssm.sql`` for how they fit together).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    bindparam,
    exists,
    func,
    select,
    union_all,
)
from sqlalchemy import tuple_ as row_value
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.registry.models import (
    Mandate,
    Party,
    UserRightMandator,
)
from mandate_resolver.sources import UUID
from mandate_resolver.sql import (
    Registry,
    TypeCatalogue,
    code_point,
    fixed_limit,
    list_value,
    name_key,
    one_of,
    party_value,
)
from mandate_resolver.ssm.rules import Reach, in_force, listed_by_right, reach_clause, signed_and_current
from mandate_resolver.types import (
    MAX_OPTIONS_PER_PRINCIPAL,
    AccessPath,
    Capacity,
    CappedCount,
    MandateOption,
    Principal,
    Window,
    option_key,
)
from mandate_resolver.types import Party as PartyValue

__all__ = ["SEARCH_COUNT_CAP", "Mandator", "MandatorQuery"]

log = logging.getLogger(__name__)

_LAST: Final = "\U0010ffff"
_NO_RIGHTS: Final[frozenset[int]] = frozenset()
# A search by the start of a name counts its matches this far ("more than 100").
SEARCH_COUNT_CAP: Final = 100


@dataclass(frozen=True, slots=True)
class Mandator:
    """A mandator row; ``registry_id`` never leaves this module. Kept raw: a thousand of them may be
    sorted for one page, and only the page's are turned into checked parties."""

    registry_id: int
    name_key: str
    id_type: str
    id: str
    name: str
    target_group: str

    @property
    def party(self) -> PartyValue:
        return party_value(self.id_type, self.id, self.name, self.target_group)


def _mandator_columns(dialect: str) -> tuple[Any, ...]:
    return (Party.id, name_key(dialect, Party.name), Party.scheme, Party.identifier, Party.name, Party.target_group)


def _has_mandate(dialect: str, shape: tuple[int, int]) -> ColumnElement[bool]:
    return exists().where(signed_and_current(), reach_clause(dialect, shape), Mandate.mandator_id == Party.id)


def _prefix(dialect: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    key = name_key(dialect, Party.name)
    return key >= bindparam("low"), key < bindparam("high")


def _sort(dialect: str) -> tuple[ColumnElement[str], ...]:
    return (name_key(dialect, Party.name), code_point(dialect, Party.scheme), code_point(dialect, Party.identifier))


def _probe_statement(kinds: tuple[bool, ...], limit: int) -> CompoundSelect[Any]:
    """A UNION ALL of one index range per (mandatee, type) pair, each of at most ``limit`` rows; ``kinds[k]``:
    pair k is reached through a right that lists its mandators."""
    ranges = []
    for k, listed in enumerate(kinds):
        statement = select(Mandate.mandator_id).where(
            signed_and_current(),
            Mandate.mandatee_id == bindparam(f"pm{k}"),
            Mandate.mandate_type_id == bindparam(f"pt{k}"),
        )
        if listed:
            statement = statement.where(
                exists().where(
                    UserRightMandator.right_id == bindparam(f"pr{k}"),
                    UserRightMandator.mandator_id == Mandate.mandator_id,
                )
            )
        limited = statement.limit(fixed_limit(limit)).subquery()
        ranges.append(select(limited.c.mandator_id))
    return union_all(*ranges)


def _walk_statement(dialect: str, shape: tuple[int, int], prefix: bool, bound: str, size: int) -> SelectBase:
    conditions = [_has_mandate(dialect, shape)]
    if prefix:
        conditions.extend(_prefix(dialect))
    if bound:
        at = row_value(*_sort(dialect))
        after = row_value(bindparam("after_name"), bindparam("after_scheme"), bindparam("after_id"))
        conditions.append(at >= after if bound == "inclusive" else at > after)
    return select(*_mandator_columns(dialect)).where(*conditions).order_by(*_sort(dialect)).limit(fixed_limit(size))


def _options_statement(dialect: str, shape: tuple[int, int]) -> SelectBase:
    mandatee = aliased(Party)
    return (
        select(
            Mandate.id,
            Mandate.mandator_id,
            Mandate.mandatee_id,
            Mandate.mandate_type_id,
            Mandate.valid_from,
            Mandate.valid_until,
            mandatee.scheme,
            mandatee.identifier,
            mandatee.name,
            mandatee.target_group,
            name_key(dialect, mandatee.name),
            *(listed_by_right(j) for j in range(shape[1])),
        )
        .join(mandatee, mandatee.id == Mandate.mandatee_id)
        .where(in_force(), reach_clause(dialect, shape), one_of(dialect, Mandate.mandator_id, "mandators", Integer))
    )


class MandatorQuery:
    """The mandator-level queries of one page, all sharing "a mandate in force and in reach"."""

    def __init__(self, registry: Registry, connection: Connection, reach: Reach, inline_limit: int) -> None:
        self.registry = registry
        self.inline_limit = inline_limit
        self.connection = connection
        self.dialect = connection.dialect.name
        self.reach = reach
        self.shape = reach.shape
        self.parameters = reach.parameters(self.dialect)

    def _rows(self, key: tuple[object, ...], build: Any, **parameters: object) -> list[Mandator]:
        statement = self.registry.statement(self.connection.dialect, key, build)
        return [Mandator(*row) for row in statement.run(self.connection, {**self.parameters, **parameters})]

    def _probe_parameters(self, limit: int) -> tuple[tuple[bool, ...], dict[str, object]]:
        kinds = tuple(right is not None for _, _, right in self.reach.pairs)
        parameters: dict[str, object] = {"today": self.reach.today}
        for k, (mandatee, type_id, right) in enumerate(self.reach.pairs):
            parameters.update({f"pm{k}": mandatee, f"pt{k}": type_id})
            if right is not None:
                parameters[f"pr{k}"] = right
        return kinds, parameters

    def probe(self, limit: int) -> tuple[int, int]:
        """(rows, distinct mandators) of the mandates in reach, each (mandatee, type) range read no further
        than ``limit`` rows: counted by the database, one index range per pair (``ix_mandates_reach``),
        a plan it cannot turn into a scan of all mandates as it may a DISTINCT over the OR of the pairs."""
        kinds, parameters = self._probe_parameters(limit)

        def build(_: str) -> SelectBase:
            ranges = _probe_statement(kinds, limit).subquery()
            return select(func.count(), func.count(ranges.c.mandator_id.distinct()))

        statement = self.registry.statement(self.connection.dialect, ("probe", kinds, limit), build)
        [(rows, mandators)] = statement.run(self.connection, parameters)
        return int(rows), int(mandators)

    def mandators(self, limit: int) -> list[Mandator]:
        """Every mandator in reach, when :meth:`probe` found them fewer than ``limit``."""
        kinds, parameters = self._probe_parameters(limit)

        def build(dialect: str) -> SelectBase:
            ranges = _probe_statement(kinds, limit).subquery()
            return select(*_mandator_columns(dialect)).where(Party.id.in_(select(ranges.c.mandator_id)))

        return self._rows(("mandators", kinds, limit), build, **parameters)

    def by_identifier(self, scheme: str, identifier: str) -> list[Mandator]:
        def build(dialect: str) -> SelectBase:
            return select(*_mandator_columns(dialect)).where(
                Party.scheme == bindparam("scheme"),
                Party.identifier == bindparam("identifier"),
                _has_mandate(dialect, self.shape),
            )

        return self._rows(("identifier", self.shape), build, scheme=scheme, identifier=identifier)

    def count_by_prefix(self, prefix: str) -> CappedCount:
        def build(dialect: str) -> SelectBase:
            matching = select(Party.id).where(*_prefix(dialect), _has_mandate(dialect, self.shape))
            return select(func.count()).select_from(matching.limit(fixed_limit(SEARCH_COUNT_CAP + 1)).subquery())

        statement = self.registry.statement(self.connection.dialect, ("count prefix", self.shape), build)
        [(value,)] = statement.run(self.connection, {**self.parameters, "low": prefix, "high": prefix + _LAST})
        return CappedCount(min(value, SEARCH_COUNT_CAP), value > SEARCH_COUNT_CAP)

    def walk(self, window: Window, prefix: str | None) -> list[Mandator]:
        """Parties in name order from the cursor, each probed for a mandate in reach: a page and one."""
        bound = window.bound
        kind = "" if bound is None else "inclusive" if bound.inclusive else "exclusive"
        parameters: dict[str, object] = {}
        if prefix is not None:
            parameters.update(low=prefix, high=prefix + _LAST)
        if bound is not None:
            parameters.update(after_name=bound.name, after_scheme=bound.scheme, after_id=bound.identifier)
        size = window.size + 1
        key = ("walk", self.shape, prefix is not None, kind, size)
        return self._rows(
            key, lambda dialect: _walk_statement(dialect, self.shape, prefix is not None, kind, size), **parameters
        )

    def principals(self, mandators: Sequence[Mandator], types: TypeCatalogue, namespace: str) -> tuple[Principal, ...]:
        """The page's tiles with their options: every mandate in force and in reach from these mandators."""
        if not mandators:
            return ()
        statement = self.registry.statement(
            self.connection.dialect, ("options", self.shape), lambda dialect: _options_statement(dialect, self.shape)
        )
        parameters = {**self.parameters, "mandators": list_value(self.dialect, [m.registry_id for m in mandators])}
        restricted = self.reach.restricted
        parties = {m.registry_id: m.party for m in mandators}
        mandatees: dict[tuple[str, str, str, str], PartyValue] = {}
        by_mandator: dict[int, list[tuple[tuple[str, ...], MandateOption]]] = defaultdict(list)
        # Most options of a page share their mandatee and type: each path is looked up once.
        paths: dict[tuple[int, int, frozenset[int]], AccessPath | None] = {}
        for row in statement.run(self.connection, parameters):
            mandate_id, mandator_id, mandatee_id, type_id, valid_from, valid_until = row[:6]
            listed = (
                frozenset(right_id for right_id, is_listed in zip(restricted, row[11:], strict=True) if is_listed)
                if restricted
                else _NO_RIGHTS
            )
            place = (mandatee_id, type_id, listed)
            path = paths[place] if place in paths else paths.setdefault(place, self.reach.best_path(*place))
            mandatee = mandatees.get(row[6:10]) or mandatees.setdefault(row[6:10], party_value(*row[6:10]))
            ref = f"{mandate_id}:{mandatee.id_type}:{mandatee.id}"
            if path is None or not UUID.fullmatch(mandate_id):
                # An id that is not a canonical UUID could be offered but never chosen: show it nowhere.
                log.warning("mandate %r not offered: no path or no canonical id", str(mandate_id)[:40])
                continue
            option = MandateOption(
                key=option_key(namespace, ref),
                mandate_id=mandate_id,
                mandate_type=types.by_id[type_id],
                valid_from=valid_from,
                valid_until=valid_until,
                mandator=parties[mandator_id],
                mandatee=mandatee,
                path=path,
            )
            order = (row[10], mandatee.id_type, mandatee.id, option.mandate_type.code, mandate_id)
            by_mandator[mandator_id].append((order, option))
        principals = []
        for mandator in mandators:
            options = [option for _, option in sorted(by_mandator.get(mandator.registry_id, []), key=lambda o: o[0])]
            if options:
                principals.append(
                    Principal(
                        parties[mandator.registry_id],
                        Capacity.MANDATE,
                        namespace,
                        mandator.name_key,
                        tuple(options[:MAX_OPTIONS_PER_PRINCIPAL]),
                        more_options=len(options) > MAX_OPTIONS_PER_PRINCIPAL,
                    )
                )
        return tuple(principals)
