"""The rules of a mandate reaching a person, as SQL: shared by the page queries and the re-check.

DOMAIN.md, login step 3; each condition cites the rule it enforces (SECURITY.md M10-M13).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass
from typing import Final

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    and_,
    bindparam,
    exists,
    false,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.registry.models import (
    LegalRepresentative,
    Mandate,
    MandateState,
    Party,
    PartyKind,
    RightKind,
    UserRight,
    UserRightMandateType,
    UserRightMandator,
)
from mandate_resolver.sql import (
    list_value,
    one_of,
    valid_on,
)
from mandate_resolver.types import (
    AccessPath,
)

__all__ = [
    "TODAY",
    "Reach",
    "ReachPath",
    "in_force",
    "listed_by_right",
    "paths_statement",
    "reach_clause",
    "signed_and_current",
]

TODAY: Final[BindParameter[dt.date]] = bindparam("today", type_=Date)


def signed_and_current() -> ColumnElement[bool]:
    """The part of "in force" that the resolver index (migration 0002) holds: used to find mandators."""
    return and_(
        # Signed by both parties and not stopped (M10, M11): what the stored state says.
        Mandate.state == MandateState.SIGNED,
        # Within its dates, both inclusive (M11).
        valid_on(Mandate.valid_from, Mandate.valid_until, TODAY),
    )


def in_force() -> ColumnElement[bool]:
    """Everything "in force" means: used for every option built and every check."""
    return and_(
        signed_and_current(),
        # The signatures and stop time the state implies, checked again so an inconsistent row is never
        # offered or accepted (M10, M11).
        Mandate.mandator_signed_at.is_not(None),
        Mandate.mandatee_signed_at.is_not(None),
        Mandate.stopped_at.is_(None),
    )


def listed_by_right(index: int) -> ColumnElement[bool]:
    # A right that lists mandators reaches only their mandates.
    return exists().where(
        UserRightMandator.right_id == bindparam(f"rr{index}"), UserRightMandator.mandator_id == Mandate.mandator_id
    )


def reach_clause(dialect: str, shape: tuple[int, int]) -> ColumnElement[bool]:
    """Mandates whose mandatee and type are in reach: ``shape[0]`` mandatees reached without a mandator
    list, ``shape[1]`` executor rights with one (parameters from :meth:`Reach.parameters`)."""
    unrestricted, restricted = shape
    clauses = [
        and_(Mandate.mandatee_id == bindparam(f"mu{i}"), one_of(dialect, Mandate.mandate_type_id, f"tu{i}", Integer))
        for i in range(unrestricted)
    ] + [
        and_(
            Mandate.mandatee_id == bindparam(f"mr{j}"),
            one_of(dialect, Mandate.mandate_type_id, f"tr{j}", Integer),
            listed_by_right(j),
        )
        for j in range(restricted)
    ]
    return or_(*clauses) if clauses else false()


@dataclass(frozen=True, slots=True)
class ReachPath:
    """One way mandates reach the person: mandatee, the accepted types it covers, and the path."""

    mandatee_id: int
    type_ids: frozenset[int]
    path: AccessPath
    # An executor right limited to the mandators it lists (beyond the pilot): its id; else None.
    restricted_right: int | None
    # Which path an option shows when several lead to it: person, then rights, then law; oldest first.
    order: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Reach:
    """Every path of the person, and the SQL parameters that say "a mandate in reach"."""

    paths: tuple[ReachPath, ...]
    today: dt.date

    @property
    def restricted(self) -> list[int]:
        return sorted({p.restricted_right for p in self.paths if p.restricted_right is not None})

    @property
    def unrestricted(self) -> dict[int, frozenset[int]]:
        by_mandatee: dict[int, set[int]] = defaultdict(set)
        for path in self.paths:
            if path.restricted_right is None:
                by_mandatee[path.mandatee_id] |= path.type_ids
        return {mandatee: frozenset(types) for mandatee, types in sorted(by_mandatee.items())}

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.unrestricted), len(self.restricted)

    @property
    def pairs(self) -> list[tuple[int, int, int | None]]:
        """(mandatee, type, listing right or None): one index range of mandates each."""
        found: list[tuple[int, int, int | None]] = [
            (mandatee, type_id, None) for mandatee, types in self.unrestricted.items() for type_id in sorted(types)
        ]
        by_right = {p.restricted_right: p for p in self.paths if p.restricted_right is not None}
        for right_id in self.restricted:
            path = by_right[right_id]
            found.extend((path.mandatee_id, type_id, right_id) for type_id in sorted(path.type_ids))
        return found

    def parameters(self, dialect: str) -> dict[str, object]:
        values: dict[str, object] = {"today": self.today}
        for i, (mandatee, types) in enumerate(self.unrestricted.items()):
            values[f"mu{i}"], values[f"tu{i}"] = mandatee, list_value(dialect, sorted(types))
        by_right = {p.restricted_right: p for p in self.paths if p.restricted_right is not None}
        for j, right_id in enumerate(self.restricted):
            path = by_right[right_id]
            values[f"mr{j}"], values[f"rr{j}"] = path.mandatee_id, right_id
            values[f"tr{j}"] = list_value(dialect, sorted(path.type_ids))
        return values

    def best_path(self, mandatee_id: int, type_id: int, listed_rights: Set[int]) -> AccessPath | None:
        paths = [
            p
            for p in self.paths
            if p.mandatee_id == mandatee_id
            and type_id in p.type_ids
            and (p.restricted_right is None or p.restricted_right in listed_rights)
        ]
        return min(paths, key=lambda p: p.order).path if paths else None


def paths_statement(dialect: str) -> SelectBase:
    """The person's executor rights (one row per accepted type in their context) and, when asked for, their
    legal representations: ``(kind, id, organisation, valid_from, valid_until, type, lists mandators,
    function)`` with kind 1 for a right and 2 for a representation."""
    organisation = aliased(Party)
    rights = (
        select(
            literal(1, Integer),
            UserRight.id,
            UserRight.organisation_id,
            UserRight.valid_from,
            UserRight.valid_until,
            UserRightMandateType.mandate_type_id,
            exists().where(UserRightMandator.right_id == UserRight.id),
            literal("", String),
        )
        .join(UserRightMandateType, UserRightMandateType.right_id == UserRight.id)
        .join(organisation, organisation.id == UserRight.organisation_id)
        .where(
            UserRight.user_id == bindparam("user_id"),
            # Only "SSM Mandaatuitvoerder" reaches mandates; "Mandaatbeheerder" manages, never executes.
            UserRight.right == RightKind.MANDATE_EXECUTOR,
            # Rights count only within their own dates (M12).
            valid_on(UserRight.valid_from, UserRight.valid_until, TODAY),
            # Its context must hold the type (M12): only the accepted types in the context count.
            one_of(dialect, UserRightMandateType.mandate_type_id, "types", Integer),
            # Executor rights are for organisation mandatees; a person mandatee acts only as themself.
            organisation.kind == PartyKind.ORGANISATION,
        )
    )
    represented = aliased(Party)
    representations = (
        select(
            literal(2, Integer),
            LegalRepresentative.id,
            LegalRepresentative.organisation_id,
            LegalRepresentative.valid_from,
            LegalRepresentative.valid_until,
            literal(None, Integer),
            false(),
            LegalRepresentative.function,
        )
        .join(represented, represented.id == LegalRepresentative.organisation_id)
        .where(
            # Bound to the person only for applications with that feature on (M13), else to nobody.
            LegalRepresentative.person_id == bindparam("representative"),
            # Representations count only within their own dates.
            valid_on(LegalRepresentative.valid_from, LegalRepresentative.valid_until, TODAY),
            represented.kind == PartyKind.ORGANISATION,
        )
    )
    return union_all(rights, representations)
