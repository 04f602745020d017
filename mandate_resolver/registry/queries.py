"""Reading a party's mandates: the four dashboard lists, search and keyset pages (DOMAIN.md, "the dashboard
of a party lists: active mandates; mandates I must sign; mandates awaiting the other party; mandates
awaiting transfer").

The portal, the JSON API and exports all read through :func:`search_mandates`, so a list means the same
thing everywhere. It never checks authority: the caller has already established that the actor may read
``party_id``'s mandates (``authority.may_manage_mandates``, or the helpdesk role with ``party_id`` None).

Pages are keyset pages on the mandate number, newest first: a page costs the same at the millionth row
as at the first, and a mandate created while someone pages is never shown twice. The count is capped
(``COUNT_CAP``): nobody reads "12,345 mandates" differently from "more than 1,000".

>>> query = MandateQuery(party_id=42, listing=Listing.TO_SIGN, text="barocy")
>>> query.limit
50
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import IdentifierError, guess_party_identifier

from .lifecycle.status import BELGIAN_TIME
from .models import Mandate, MandateState, MandateType, MandateTypeText, Party, utcnow

__all__ = ["COUNT_CAP", "MAX_PAGE_SIZE", "Listing", "MandatePage", "MandateQuery", "search_mandates"]

COUNT_CAP: Final = 1000
MAX_PAGE_SIZE: Final = 200
MAX_TEXT: Final = 100


class Listing(enum.StrEnum):
    """Which of a party's mandates: one of the dashboard's four lists, or all of them (search, export)."""

    # Signed and not yet past their end date: in force now, or from a future start date.
    ACTIVE = "active"
    # Awaiting this party's signature (after a transfer proposed by the mandatee: the mandator's).
    TO_SIGN = "to_sign"
    # Signed by this party, awaiting the other side.
    AWAITING_OTHER = "awaiting_other"
    # A new mandatee has been proposed: this party proposed it, is being replaced, or must accept.
    AWAITING_TRANSFER = "awaiting_transfer"
    ALL = "all"


# The statuses a search may ask for (``lifecycle.effective_status`` gives them per mandate).
STATUSES: Final = ("awaiting_signature", "refused", "stopped", "future", "active", "expired")


@dataclass(frozen=True, slots=True)
class MandateQuery:
    """What to list. ``party_id`` None reads every party's mandates (the helpdesk).

    ``text`` matches the mandate number ("42"), a party number (KBO or INSZ, any formatting), a party's
    name or the reference, case-insensitively. ``after`` is the ``next_after`` of the previous page.
    """

    party_id: int | None
    listing: Listing = Listing.ALL
    text: str = ""
    mandate_type: str = ""
    status: str = ""
    # Mandates whose validity overlaps [valid_from, valid_until] (either end open when None).
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    after: int | None = None
    limit: int = 50
    # Leave the capped count out (a page only): one statement fewer.
    count: bool = True
    # Mandate dates are Belgian calendar days (SSM), whatever the server's own time zone.
    today: dt.date = field(default_factory=lambda: utcnow().astimezone(BELGIAN_TIME).date())


@dataclass(frozen=True, slots=True)
class MandatePage:
    """One page, newest first; ``next_after`` is None on the last page; ``total`` is at most ``COUNT_CAP``
    (``total_capped`` says it is a lower bound) and None when the query asked for no count."""

    mandates: list[Mandate]
    next_after: int | None
    total: int | None
    total_capped: bool


def search_mandates(session: Session, query: MandateQuery) -> MandatePage:
    """One page of ``query``'s mandates.

    >>> page = search_mandates(session, MandateQuery(party_id=emmaus.id, listing=Listing.ACTIVE))  # doctest: +SKIP
    >>> [m.number for m in page.mandates]  # doctest: +SKIP
    [17, 12]
    """
    conditions = _conditions(query)
    limit = max(1, min(query.limit, MAX_PAGE_SIZE))
    statement = select(Mandate).where(*conditions)
    if query.after is not None:
        statement = statement.where(Mandate.number < query.after)
    rows = list(session.scalars(statement.order_by(Mandate.number.desc()).limit(limit + 1)).unique())
    next_after = rows[limit - 1].number if len(rows) > limit else None
    total: int | None = None
    capped = False
    if query.count:
        counted = select(Mandate.number).where(*conditions).limit(COUNT_CAP + 1).subquery()
        total = int(session.scalar(select(func.count()).select_from(counted)) or 0)
        capped = total > COUNT_CAP
        total = min(total, COUNT_CAP)
    return MandatePage(rows[:limit], next_after, total, capped)


def _conditions(query: MandateQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.party_id is not None:
        conditions.append(_listing(query.listing, query.party_id, query.today))
    elif query.listing is not Listing.ALL:
        conditions.append(_listing_any_party(query.listing, query.today))
    if query.text.strip():
        conditions.append(_text(query.text.strip()[:MAX_TEXT]))
    if query.mandate_type:
        conditions.append(Mandate.mandate_type.has(MandateType.code == query.mandate_type[:64]))
    if query.status:
        conditions.append(_status(query.status, query.today))
    if query.valid_until is not None:
        conditions.append(Mandate.valid_from <= query.valid_until)
    if query.valid_from is not None:
        conditions.append(or_(Mandate.valid_until.is_(None), Mandate.valid_until >= query.valid_from))
    return conditions


def _mine(party_id: int) -> ColumnElement[bool]:
    return or_(Mandate.mandator_id == party_id, Mandate.mandatee_id == party_id)


def _listing(listing: Listing, party_id: int, today: dt.date) -> ColumnElement[bool]:
    awaiting = Mandate.state == MandateState.AWAITING_SIGNATURE
    mandator_unsigned = Mandate.mandator_signed_at.is_(None)
    mandatee_unsigned = and_(Mandate.mandator_signed_at.is_not(None), Mandate.mandatee_signed_at.is_(None))
    if listing is Listing.ACTIVE:
        return and_(_mine(party_id), _in_force_or_future(today))
    if listing is Listing.TO_SIGN:
        return and_(
            awaiting,
            or_(
                and_(Mandate.mandator_id == party_id, mandator_unsigned),
                and_(Mandate.mandatee_id == party_id, mandatee_unsigned),
            ),
        )
    if listing is Listing.AWAITING_OTHER:
        return and_(
            awaiting,
            or_(
                and_(Mandate.mandator_id == party_id, mandatee_unsigned),
                and_(Mandate.mandatee_id == party_id, mandator_unsigned),
            ),
        )
    if listing is Listing.AWAITING_TRANSFER:
        return and_(
            Mandate.pending_mandatee_id.is_not(None),
            or_(_mine(party_id), Mandate.pending_mandatee_id == party_id),
        )
    return or_(_mine(party_id), Mandate.pending_mandatee_id == party_id)


def _listing_any_party(listing: Listing, today: dt.date) -> ColumnElement[bool]:
    if listing is Listing.ACTIVE:
        return _in_force_or_future(today)
    if listing in (Listing.TO_SIGN, Listing.AWAITING_OTHER):
        return Mandate.state == MandateState.AWAITING_SIGNATURE
    if listing is Listing.AWAITING_TRANSFER:
        return Mandate.pending_mandatee_id.is_not(None)
    return true()


def _in_force_or_future(today: dt.date) -> ColumnElement[bool]:
    return and_(
        Mandate.state == MandateState.SIGNED,
        or_(Mandate.valid_until.is_(None), Mandate.valid_until >= today),
    )


def _status(status: str, today: dt.date) -> ColumnElement[bool]:
    signed = Mandate.state == MandateState.SIGNED
    not_ended = or_(Mandate.valid_until.is_(None), Mandate.valid_until >= today)
    if status == "future":
        return and_(signed, Mandate.valid_from > today)
    if status == "active":
        return and_(signed, Mandate.valid_from <= today, not_ended)
    if status == "expired":
        return and_(signed, Mandate.valid_until < today)
    stored = {s.value: s for s in MandateState}
    if status in stored and status != MandateState.SIGNED:
        return Mandate.state == stored[status]
    # An unknown status matches nothing rather than everything.
    return false()


def _text(text: str) -> ColumnElement[bool]:
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    by_name = or_(
        Mandate.mandator.has(func.lower(Party.name).like(pattern, escape="\\")),
        Mandate.mandatee.has(func.lower(Party.name).like(pattern, escape="\\")),
        func.lower(Mandate.reference).like(pattern, escape="\\"),
        Mandate.mandate_type.has(
            MandateType.texts.any(func.lower(MandateTypeText.name).like(pattern, escape="\\")),
        ),
    )
    alternatives = [by_name]
    digits = text.replace(" ", "").replace(".", "").replace("-", "")
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        alternatives.append(Mandate.number == int(digits))
    try:
        identifier = guess_party_identifier(text)
    except IdentifierError:
        pass
    else:
        by_number = and_(Party.scheme == identifier.scheme, Party.identifier == identifier.value)
        alternatives.append(Mandate.mandator.has(by_number))
        alternatives.append(Mandate.mandatee.has(by_number))
    return or_(*alternatives)
