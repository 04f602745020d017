"""What goes in and comes out of the lifecycle service: a mandate to create, a bulk report, a history entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.models import Mandate

MAX_REFERENCE_LENGTH: Final = 100
# SSM asks for the addresses of both sides; a few more do no harm, hundreds would make a mailing list.
MAX_NOTIFY_ADDRESSES: Final = 10
MAX_BULK_ROWS: Final = 5000
# A public mandate id is a UUID; anything longer is not one and costs no query.
MAX_MANDATE_ID_LENGTH: Final = 36


@dataclass(frozen=True, slots=True)
class NewMandate:
    """One mandate to create, as a form, an API call or a CSV line gives it (the service checks it).

    ``role`` is the creator's own side, "mandator" or "mandatee"; ``counterparty`` a party id or an
    identifier as typed ("BE 0806.154.033", an INSZ). Problems name these attributes as their ``field``.
    """

    role: str
    counterparty: int | str
    mandate_type_code: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    reference: str = ""
    language: str = "nl"
    accept_contract: bool = False
    notify_emails: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with one row of a bulk action (rows count from 1, in the order given)."""

    row: int
    field: str | None
    code: str
    message: str
    params: Mapping[str, str]

    @classmethod
    def from_error(cls, row: int, error: RegistryError, *, default_field: str | None = None) -> RowProblem:
        return cls(row, error.field or default_field, error.code, error.message, dict(error.params))


@dataclass(frozen=True, slots=True)
class BulkReport:
    """The outcome of a bulk action: the problems of every row, or the mandates written (all or none)."""

    dry_run: bool
    rows: int
    problems: tuple[RowProblem, ...]
    mandates: tuple[Mandate, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One dated step of a mandate and who did it, as SSM lists them."""

    at: dt.datetime
    action: str
    actor_name: str
    acting_for_name: str
    description: str
    detail: Mapping[str, object]
