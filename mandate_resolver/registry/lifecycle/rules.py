"""The lifecycle's building blocks: one step's context, a planned creation, and the rules every step checks."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, TypeVar

from sqlalchemy.exc import DBAPIError

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.errors import (
    Forbidden,
    InvalidTransition,
    NotCounterparty,
    PartyKindNotAllowed,
    RegistryError,
    ValidationError,
)
from mandate_resolver.registry.models import (
    Mandate,
    MandateState,
    MandateType,
    Party,
    PartyKind,
)
from mandate_resolver.registry.notify import is_plausible_address

from .records import MAX_BULK_ROWS, MAX_NOTIFY_ADDRESSES, MAX_REFERENCE_LENGTH
from .status import Role, effective_status, unsigned_side

_OPEN_STATES: Final = (MandateState.AWAITING_SIGNATURE, MandateState.SIGNED)
# PostgreSQL SQLSTATEs of a lost race: serialization failure, deadlock, lock not available (lock_timeout).
_LOST_RACE_SQLSTATES: Final = frozenset({"40001", "40P01", "55P03"})


@dataclass(frozen=True, slots=True)
class _Act:
    """Who acts, for which party, and when: established once per call, shared by its steps."""

    actor: Actor
    party: Party
    now: dt.datetime
    today: dt.date


@dataclass(frozen=True, slots=True)
class _Plan:
    """A checked :class:`NewMandate`, ready to insert."""

    role: Role
    mandate_type: MandateType
    mandator: Party
    mandatee: Party
    counterparty: Party
    valid_from: dt.date
    valid_until: dt.date | None
    reference: str
    language: str
    emails: tuple[str, ...]


@dataclass(slots=True)
class _Lookups:
    """What the checks of one call share: mandate types by code, and the rows planned so far (bulk)."""

    mandate_types: dict[str, MandateType | None] = field(default_factory=dict)
    # (row number, plan)
    planned: list[tuple[int, _Plan]] = field(default_factory=list)

    @property
    def plans(self) -> list[_Plan]:
        return [plan for _, plan in self.planned]


_T = TypeVar("_T")


def _reference(party: Party | None) -> str:
    """A party as events keep it: its public number ("kbo:0806154033"), which outlives database ids (an
    export and re-import keeps the history readable)."""
    return f"{party.scheme}:{party.identifier}" if party is not None else ""


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def _check_bulk_size(rows: Sequence[object]) -> None:
    if len(rows) > MAX_BULK_ROWS:
        raise ValidationError(
            f"At most {MAX_BULK_ROWS} rows at once.", code="bulk.too_many_rows", params={"max": str(MAX_BULK_ROWS)}
        )


def _side_of(mandate: Mandate, party_id: int) -> Role | None:
    if party_id == mandate.mandator_id:
        return "mandator"
    if party_id == mandate.mandatee_id:
        return "mandatee"
    return None


def _require_side(mandate: Mandate, act: _Act) -> Role:
    side = _side_of(mandate, act.party.id)
    if side is None:
        # SECURITY.md M05: someone else's mandate, whatever id was put in the form.
        raise Forbidden("You are not a party to this mandate.", code="mandate.not_a_party", field="acting_for")
    return side


def _require_usable(mandate: Mandate, act: _Act, action: str) -> None:
    """Signed and not expired: what extending and transferring need."""
    status = effective_status(mandate, act.today)
    if status not in ("future", "active"):
        raise InvalidTransition(status, action)


def _require_unsigned_side(mandate: Mandate, act: _Act, action: str) -> Role:
    side = _require_side(mandate, act)
    if mandate.state != MandateState.AWAITING_SIGNATURE:
        raise InvalidTransition(effective_status(mandate, act.today), action)
    if side != unsigned_side(mandate):
        raise NotCounterparty("You have signed already; the other party signs or refuses.")
    return side


def _require_pending_mandatee(mandate: Mandate, act: _Act, action: str) -> None:
    if act.party.id == mandate.pending_mandatee_id:
        return
    _require_side(mandate, act)
    if mandate.pending_mandatee_id is None:
        raise InvalidTransition(effective_status(mandate, act.today), action, reason="no transfer is pending")
    raise NotCounterparty("Only the proposed new mandatee can answer a transfer.")


def _set_signature(mandate: Mandate, side: Role, at: dt.datetime | None, user_id: int | None) -> None:
    if side == "mandator":
        mandate.mandator_signed_at, mandate.mandator_signed_by = at, user_id
    else:
        mandate.mandatee_signed_at, mandate.mandatee_signed_by = at, user_id


def _set_pending(mandate: Mandate, party: Party | None) -> None:
    mandate.pending_mandatee_id = party.id if party is not None else None
    mandate.pending_mandatee = party


def _kind_problem(mandate_type: MandateType, party: Party, side: Role, field: str) -> PartyKindNotAllowed | None:
    allowed = {
        ("mandator", PartyKind.PERSON): mandate_type.mandator_person,
        ("mandator", PartyKind.ORGANISATION): mandate_type.mandator_organisation,
        ("mandatee", PartyKind.PERSON): mandate_type.mandatee_person,
        ("mandatee", PartyKind.ORGANISATION): mandate_type.mandatee_organisation,
    }
    if allowed.get((side, party.kind), False):
        return None
    return PartyKindNotAllowed(
        f"Mandate type {mandate_type.code} does not allow a {party.kind.value} as {side}.",
        field=field,
        params={"side": side, "kind": party.kind.value, "mandate_type_code": mandate_type.code},
    )


def _reference_problems(reference: str) -> list[RegistryError]:
    if len(reference) > MAX_REFERENCE_LENGTH:
        return [
            ValidationError(
                f"The reference is longer than {MAX_REFERENCE_LENGTH} characters.",
                code="mandate.reference_too_long",
                field="reference",
                params={"max": str(MAX_REFERENCE_LENGTH)},
            )
        ]
    if any(unicodedata.category(char) == "Cc" for char in reference):
        return [
            ValidationError(
                "The reference contains control characters.", code="mandate.reference_invalid", field="reference"
            )
        ]
    return []


def _email_problems(emails: tuple[str, ...]) -> list[RegistryError]:
    if len(emails) > MAX_NOTIFY_ADDRESSES:
        return [
            ValidationError(
                f"At most {MAX_NOTIFY_ADDRESSES} e-mail addresses.",
                code="mandate.too_many_emails",
                field="notify_emails",
                params={"max": str(MAX_NOTIFY_ADDRESSES)},
            )
        ]
    return [
        ValidationError(
            "This is not an e-mail address.",
            code="mandate.email_invalid",
            field="notify_emails",
            params={"index": str(index), "value": address[:64]},
        )
        for index, address in enumerate(emails)
        if not is_plausible_address(address)
    ]


def _same_parties_and_type(a: _Plan, b: _Plan) -> bool:
    return (a.mandate_type.id, a.mandator.id, a.mandatee.id) == (b.mandate_type.id, b.mandator.id, b.mandatee.id)


def _overlap(a: _Plan, b: _Plan) -> bool:
    a_ends_after_b_starts = a.valid_until is None or a.valid_until >= b.valid_from
    b_ends_after_a_starts = b.valid_until is None or b.valid_until >= a.valid_from
    return a_ends_after_b_starts and b_ends_after_a_starts


def _is_lost_race(error: DBAPIError) -> bool:
    cause = error.orig
    if getattr(cause, "sqlstate", None) in _LOST_RACE_SQLSTATES:  # psycopg
        return True
    return str(getattr(cause, "sqlite_errorname", "")).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
