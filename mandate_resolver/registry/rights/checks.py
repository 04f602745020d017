"""The rules a right must meet, each adding its problems to a list so a form can mark every field at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import IdentifierError, guess_party_identifier
from mandate_resolver.registry.errors import (
    EndBeforeStart,
    IdentifierInvalid,
    MandateTypeInactive,
    PartyNotFound,
    RegistryError,
    StartInPast,
    UnknownMandateType,
    ValidationError,
)
from mandate_resolver.registry.models import MandateType, Party, RightKind, UserRight, WorkRelation
from mandate_resolver.sources import parse_party_ref

from .errors import DuplicateRight

__all__ = [
    "MAX_MANDATORS",
    "context_mandators",
    "context_types",
    "date_problems",
    "iso",
    "period_problems",
    "right_kind",
]

MAX_MANDATORS: Final = 50


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def right_kind(kind: RightKind | str, problems: list[RegistryError]) -> RightKind | None:
    try:
        return RightKind(kind)
    except ValueError:
        problems.append(
            ValidationError("Unknown right.", code="rights.kind_unknown", field="kind", params={"kind": str(kind)[:40]})
        )
        return None


def date_problems(
    valid_from: dt.date, valid_until: dt.date | None, today: dt.date, *, new_start: bool
) -> list[RegistryError]:
    """A new start is today or later (a right is never granted in the past); an end is after the start and
    today or later (ending at once is :meth:`RightsService.end_right`)."""
    problems: list[RegistryError] = []
    if new_start and valid_from < today:
        problems.append(StartInPast(params={"valid_from": iso(valid_from), "today": iso(today)}))
    if valid_until is None:
        return problems
    if valid_until < valid_from:
        problems.append(EndBeforeStart(params={"valid_from": iso(valid_from)}))
    elif valid_until < today:
        problems.append(
            ValidationError(
                "The end date is in the past; to end the right now, use End.",
                code="rights.end_in_past",
                field="valid_until",
                params={"today": iso(today)},
            )
        )
    return problems


def _no_context(field: str) -> ValidationError:
    return ValidationError(
        "The right SSM Mandaatbeheerder has no context.", code="rights.context_not_allowed", field=field
    )


def context_types(
    session: Session, kind: RightKind | None, codes: Sequence[str], problems: list[RegistryError], *, keep: set[int]
) -> list[MandateType]:
    """The executor right's mandate types: one or more, each active and open to organisations as mandatee,
    or already held (``keep``: type ids). The manager right has none."""
    wanted = list(dict.fromkeys(c.strip() for c in codes if isinstance(c, str) and c.strip()))
    if kind is None:
        return []
    if kind != RightKind.MANDATE_EXECUTOR:
        if wanted:
            problems.append(_no_context("mandate_types"))
        return []
    if not wanted:
        problems.append(
            ValidationError(
                "Choose at least one mandate type.", code="rights.mandate_types_required", field="mandate_types"
            )
        )
        return []
    found = {t.code: t for t in session.scalars(select(MandateType).where(MandateType.code.in_(wanted)))}
    types: list[MandateType] = []
    for code in wanted:
        mandate_type = found.get(code)
        if mandate_type is None:
            problems.append(UnknownMandateType(field="mandate_types", params={"mandate_type_code": code[:64]}))
        elif mandate_type.id not in keep and not (mandate_type.active and mandate_type.mandatee_organisation):
            # A type that is gone, or that no organisation can hold as mandatee, would make a useless right.
            problems.append(MandateTypeInactive(field="mandate_types", params={"mandate_type_code": code}))
        else:
            types.append(mandate_type)
    return types


def context_mandators(
    session: Session, organisation: Party, kind: RightKind | None, raw: Sequence[str], problems: list[RegistryError]
) -> list[Party]:
    """The mandators an executor right is limited to, from identifiers as typed ("BE 0411.515.075") or party
    refs ("kbo:0411515075"); none: every mandator (DOMAIN.md: beyond the pilot)."""
    entries = list(dict.fromkeys(r.strip() for r in raw if isinstance(r, str) and r.strip()))
    if not entries:
        return []
    if kind is not None and kind != RightKind.MANDATE_EXECUTOR:
        problems.append(_no_context("mandators"))
        return []
    if len(entries) > MAX_MANDATORS:
        problems.append(
            ValidationError(
                f"At most {MAX_MANDATORS} mandators.",
                code="rights.too_many_mandators",
                field="mandators",
                params={"max": str(MAX_MANDATORS)},
            )
        )
        return []
    parties: dict[int, Party] = {}
    for entry in entries:
        try:
            identifier = parse_party_ref(entry) or guess_party_identifier(entry)
        except IdentifierError as error:
            problems.append(IdentifierInvalid(error, field="mandators"))
            continue
        found = session.scalar(
            select(Party).where(Party.scheme == identifier.scheme, Party.identifier == identifier.value)
        )
        if found is None:
            problems.append(
                PartyNotFound(field="mandators", params={"scheme": identifier.scheme, "identifier": identifier.value})
            )
        elif found.id == organisation.id:
            problems.append(
                ValidationError(
                    "The organisation cannot be its own mandator.",
                    code="rights.mandator_is_organisation",
                    field="mandators",
                    params={"identifier": identifier.value},
                )
            )
        else:
            parties[found.id] = found
    return list(parties.values())


def period_problems(
    session: Session,
    organisation: Party,
    user_id: int,
    kind: RightKind,
    period: tuple[dt.date, dt.date | None],
    *,
    except_id: int | None,
) -> list[RegistryError]:
    """The period lies within one work relation with the organisation and overlaps no other right of this
    kind there (one right per kind at a time: a second would make ending the first meaningless)."""
    valid_from, valid_until = period
    relations = list(
        session.scalars(
            select(WorkRelation).where(WorkRelation.user_id == user_id, WorkRelation.organisation_id == organisation.id)
        )
    )
    starting = [
        r for r in relations if r.valid_from <= valid_from and (r.valid_until is None or r.valid_until >= valid_from)
    ]
    if not any(r.valid_until is None or (valid_until is not None and valid_until <= r.valid_until) for r in starting):
        return [
            ValidationError(
                "The right must lie within the user's work relation with the organisation.",
                code="rights.outside_work_relation",
                # Which date to correct: the start when no relation holds it, else the end.
                field="valid_until" if starting else "valid_from",
            )
        ]
    overlapping = select(UserRight.id).where(
        UserRight.user_id == user_id,
        UserRight.organisation_id == organisation.id,
        UserRight.right == kind,
        or_(UserRight.valid_until.is_(None), UserRight.valid_until >= valid_from),
    )
    if valid_until is not None:
        overlapping = overlapping.where(UserRight.valid_from <= valid_until)
    if except_id is not None:
        overlapping = overlapping.where(UserRight.id != except_id)
    if session.scalar(overlapping.limit(1)) is not None:
        return [DuplicateRight()]
    return []
