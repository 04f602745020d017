"""What the portal's pages show of the registry: mandate types one may choose, a mandate as a party sees it
(its status, side, the actions allowed now) and its history as SSM lists it.

The actions offered mirror the rules of ``MandateService``; the service checks them again on every POST,
so a button shown by mistake can never do more than the service allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import IdentifierError, Insz, KboNumber, guess_party_identifier
from mandate_resolver.registry.lifecycle import (
    BELGIAN_TIME,
    EffectiveStatus,
    HistoryEntry,
    Role,
    effective_status,
    unsigned_side,
)
from mandate_resolver.registry.models import Mandate, MandateState, MandateType, Party, PartyKind, as_utc

# Every action of the detail page, in the order its buttons are shown; each is an endpoint ``portal.<name>``.
ACTIONS: Final = (
    "sign",
    "refuse",
    "accept_transfer",
    "refuse_transfer",
    "extend",
    "transfer",
    "cancel_transfer",
    "stop",
)
# A name search lists at most this many parties: enough to pick from, too few to harvest the register.
MAX_LOOKUP_RESULTS: Final = 10
MIN_NAME_LENGTH: Final = 2


@dataclass(frozen=True, slots=True)
class TypeChoice:
    """A mandate type this party may use, with its texts in the page's language."""

    code: str
    number: int | None
    name: str
    description: str
    creation_text: str
    stop_text: str
    # "organisation → organisation", "person → organisation": as message keys of the party kinds.
    combinations: tuple[tuple[str, str], ...]


def type_choice(mandate_type: MandateType, language: str) -> TypeChoice:
    text = mandate_type.text(language)
    kinds = (("person", "person"), ("organisation", "organisation"))
    mandators = [k for k, attr in kinds if getattr(mandate_type, f"mandator_{attr}")]
    mandatees = [k for k, attr in kinds if getattr(mandate_type, f"mandatee_{attr}")]
    return TypeChoice(
        code=mandate_type.code,
        number=mandate_type.number,
        name=text.name if text is not None else mandate_type.code,
        description=text.description if text is not None else "",
        creation_text=text.creation_text if text is not None else "",
        stop_text=text.stop_text if text is not None else "",
        combinations=tuple((a, b) for a in mandators for b in mandatees),
    )


def usable_types(db: Session, party: Party, language: str) -> list[TypeChoice]:
    """Active types that allow this party's kind on at least one side (SSM: "some types are for persons
    only or for organisations only"), by number then code."""
    if party.kind == PartyKind.PERSON:
        fits = or_(MandateType.mandator_person.is_(True), MandateType.mandatee_person.is_(True))
    else:
        fits = or_(MandateType.mandator_organisation.is_(True), MandateType.mandatee_organisation.is_(True))
    rows = db.scalars(
        select(MandateType).where(MandateType.active.is_(True), fits).order_by(MandateType.number, MandateType.code)
    )
    return [type_choice(row, language) for row in rows]


def find_type(db: Session, code: str) -> MandateType | None:
    return db.scalar(select(MandateType).where(MandateType.code == code[:64]))


def party_number(party: Party) -> str:
    """The party's number as people read it: ``BE 0411.515.075``, ``85.07.30-033.28``."""
    try:
        if party.scheme == "kbo":
            return KboNumber(party.identifier).display
        if party.scheme == "insz":
            return Insz(party.identifier).formatted
    except IdentifierError:
        pass
    return party.identifier


@dataclass(frozen=True, slots=True)
class PartyMatch:
    """One result of a counterparty lookup."""

    name: str
    number: str
    # What the create form's ``counterparty`` field takes (the plain digits).
    value: str
    kind: str
    city: str

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "number": self.number, "value": self.value, "kind": self.kind, "city": self.city}


def lookup_parties(db: Session, text: str, *, exclude: int | None = None) -> list[PartyMatch]:
    """Parties by number (a KBO or INSZ number, any formatting: exactly that party) or by name (enterprises
    only, part of the name, case-insensitive). A person is found by their number, never by name: a name
    search must not list people's national numbers."""
    text = text.strip()[:100]
    try:
        identifier = guess_party_identifier(text)
    except IdentifierError:
        identifier = None
    if identifier is not None:
        statement = select(Party).where(Party.scheme == identifier.scheme, Party.identifier == identifier.value)
    elif len(text) >= MIN_NAME_LENGTH:
        pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = (
            select(Party)
            .where(Party.kind == PartyKind.ORGANISATION, func.lower(Party.name).like(pattern, escape="\\"))
            .order_by(Party.name, Party.id)
            .limit(MAX_LOOKUP_RESULTS + 1)
        )
    else:
        return []
    parties = [p for p in db.scalars(statement) if p.id != exclude]
    return [
        PartyMatch(p.name, party_number(p), p.identifier, p.kind.value, p.city or "")
        for p in parties[:MAX_LOOKUP_RESULTS]
    ]


def side_of(mandate: Mandate, party_id: int) -> Role | None:
    if party_id == mandate.mandator_id:
        return "mandator"
    if party_id == mandate.mandatee_id:
        return "mandatee"
    return None


def transfer_requested_by(history: list[HistoryEntry]) -> str | None:
    """The side that proposed the pending transfer (from its event), as the service reads it."""
    for entry in reversed(history):
        if entry.action == "transfer_requested":
            return "mandator" if entry.detail.get("by_side") == "mandator" else "mandatee"
    return None


def allowed_actions(mandate: Mandate, party_id: int, today: dt.date, requested_by: str | None) -> tuple[str, ...]:
    """The actions this party may take on the mandate today, in the order of ``ACTIONS``."""
    status = effective_status(mandate, today)
    side = side_of(mandate, party_id)
    allowed: set[str] = set()
    if mandate.pending_mandatee_id == party_id and status in ("future", "active"):
        allowed |= {"accept_transfer", "refuse_transfer"}
    if side is not None:
        if mandate.state == MandateState.AWAITING_SIGNATURE and unsigned_side(mandate) == side:
            allowed.add("refuse")
            if mandate.valid_until is None or mandate.valid_until >= today:
                allowed.add("sign")
        if status in ("awaiting_signature", "future", "active"):
            allowed.add("stop")
        if status in ("future", "active"):
            if mandate.valid_until is not None:
                allowed.add("extend")
            if mandate.pending_mandatee_id is None:
                allowed.add("transfer")
            elif requested_by == side:
                allowed.add("cancel_transfer")
    return tuple(action for action in ACTIONS if action in allowed)


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One dated line of the detail page's history: an event, or a date the mandate reaches by itself."""

    day: dt.date
    time: str
    text: str
    # An event's description is already in the page's language; a date line names a message key.
    key: str = ""


def history_lines(mandate: Mandate, history: list[HistoryEntry], today: dt.date) -> list[HistoryLine]:
    """The events, then "start date in the future" / "expired" as SSM lists them, oldest first."""
    lines = []
    for entry in history:
        local = as_utc(entry.at).astimezone(BELGIAN_TIME)
        lines.append(HistoryLine(local.date(), local.strftime("%H:%M"), entry.description))
    ended = mandate.state in (MandateState.REFUSED, MandateState.STOPPED)
    if not ended:
        if mandate.valid_from > today:
            lines.append(HistoryLine(mandate.valid_from, "", "", "portal.history.starts"))
        if mandate.valid_until is not None:
            key = "portal.history.expired" if mandate.valid_until < today else "portal.history.expires"
            lines.append(HistoryLine(mandate.valid_until, "", "", key))
    return sorted(lines, key=lambda line: (line.day, line.time == "", line.time))


@dataclass(frozen=True, slots=True)
class MandateRow:
    """A mandate in a list: what SSM's tables show."""

    id: str
    number: int
    type_name: str
    mandator: Party
    mandatee: Party
    pending_mandatee: Party | None
    valid_from: dt.date
    valid_until: dt.date | None
    reference: str
    status: EffectiveStatus
    side: Role | None


def mandate_row(mandate: Mandate, party_id: int, today: dt.date, language: str) -> MandateRow:
    return MandateRow(
        id=mandate.id,
        number=mandate.number,
        type_name=mandate.mandate_type.name_in(language),
        mandator=mandate.mandator,
        mandatee=mandate.mandatee,
        pending_mandatee=mandate.pending_mandatee,
        valid_from=mandate.valid_from,
        valid_until=mandate.valid_until,
        reference=mandate.reference,
        status=effective_status(mandate, today),
        side=side_of(mandate, party_id),
    )


def belgian_date(day: dt.date | None) -> str:
    """``15/03/2026``, as SSM writes dates; empty for none."""
    return day.strftime("%d/%m/%Y") if day is not None else ""
