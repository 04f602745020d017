"""Statuses people see, computed from the stored state and the dates (Belgian calendar days)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Final, Literal, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mandate_resolver.registry.models import Mandate, MandateState

log = logging.getLogger(__name__)

Role: TypeAlias = Literal["mandator", "mandatee"]
EffectiveStatus: TypeAlias = Literal["awaiting_signature", "refused", "stopped", "future", "active", "expired"]

_STORED_STATUS: Final[dict[MandateState, EffectiveStatus]] = {
    MandateState.AWAITING_SIGNATURE: "awaiting_signature",
    MandateState.REFUSED: "refused",
    MandateState.STOPPED: "stopped",
}


def _belgian_time() -> dt.tzinfo:
    try:
        return ZoneInfo("Europe/Brussels")
    except ZoneInfoNotFoundError:  # a slim image without a time zone database
        log.warning("no time zone database: mandate dates follow UTC instead of Belgian time")
        return dt.UTC


# SSM's dates ("start today", "expired after the end date") are Belgian calendar dates.
BELGIAN_TIME: Final = _belgian_time()


def effective_status(mandate: Mandate, today: dt.date) -> EffectiveStatus:
    """The status people see, from the stored state and the dates only (both dates inclusive).

    >>> m = Mandate(state=MandateState.SIGNED, valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2024, 12, 31))
    >>> [effective_status(m, dt.date(*day)) for day in ((2023, 12, 31), (2024, 12, 31), (2025, 1, 1))]
    ['future', 'active', 'expired']
    """
    if mandate.state != MandateState.SIGNED:
        return _STORED_STATUS[mandate.state]
    if today < mandate.valid_from:
        return "future"
    if mandate.valid_until is not None and today > mandate.valid_until:
        return "expired"
    return "active"


def unsigned_side(mandate: Mandate) -> Role | None:
    """The side whose signature the mandate awaits, None when it awaits none: a dashboard's "mandates I
    must sign" are those where this is my side (after a transfer proposed by the mandatee, the mandator's).

    >>> unsigned_side(Mandate(state=MandateState.AWAITING_SIGNATURE, mandator_signed_at=dt.datetime(2024, 3, 15)))
    'mandatee'
    """
    if mandate.state != MandateState.AWAITING_SIGNATURE:
        return None
    if mandate.mandator_signed_at is None:
        return "mandator"
    if mandate.mandatee_signed_at is None:
        return "mandatee"
    return None


def transfer_pending(mandate: Mandate) -> bool:
    """Whether a new mandatee has been proposed and has not answered yet."""
    return mandate.pending_mandatee_id is not None
