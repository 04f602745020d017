"""What the API answers: mandates, their history, mandate types and bulk reports as JSON values.

Parties are named by ``scheme:identifier`` (``kbo:0411515075``), as in the paths, never by database id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from flask import url_for

from mandate_resolver.registry.lifecycle import (
    BulkReport,
    HistoryEntry,
    effective_status,
    unsigned_side,
)
from mandate_resolver.registry.models import Mandate, MandateType, Party, PartyKind, UserRight, as_utc

JsonObject = dict[str, object]


def party_reference(party: Party) -> str:
    return f"{party.scheme}:{party.identifier}"


def encode_party(party: Party) -> JsonObject:
    return {"id": party_reference(party), "kind": party.kind.value, "name": party.name}


def _instant(value: dt.datetime | None) -> str | None:
    return as_utc(value).isoformat().replace("+00:00", "Z") if value is not None else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def encode_mandate(mandate: Mandate, acting: Party, today: dt.date, language: str) -> JsonObject:
    """One mandate as the acting party sees it; ``self`` is its address under that party."""
    return {
        "id": mandate.id,
        "number": mandate.number,
        "mandate_type": {
            "code": mandate.mandate_type.code,
            "number": mandate.mandate_type.number,
            "name": mandate.mandate_type.name_in(language),
        },
        "mandator": encode_party(mandate.mandator),
        "mandatee": encode_party(mandate.mandatee),
        "pending_mandatee": encode_party(mandate.pending_mandatee) if mandate.pending_mandatee else None,
        "valid_from": _day(mandate.valid_from),
        "valid_until": _day(mandate.valid_until),
        "status": effective_status(mandate, today),
        "awaiting_signature_of": unsigned_side(mandate),
        "initiator": mandate.initiator,
        "reference": mandate.reference,
        "language": mandate.language,
        "created_at": _instant(mandate.created_at),
        "mandator_signed_at": _instant(mandate.mandator_signed_at),
        "mandatee_signed_at": _instant(mandate.mandatee_signed_at),
        "stopped_at": _instant(mandate.stopped_at),
        "updated_at": _instant(mandate.updated_at),
        # Send it back as ``expected_version`` to act only on the state you read.
        "version": mandate.version,
        "links": {"self": mandate_url(acting, mandate.id)},
    }


def encode_history(entries: Sequence[HistoryEntry]) -> list[JsonObject]:
    return [
        {
            "at": _instant(entry.at),
            "action": entry.action,
            "actor": entry.actor_name,
            "acting_for": entry.acting_for_name,
            "description": entry.description,
        }
        for entry in entries
    ]


def encode_right(right: UserRight, organisation: Party, type_codes: Mapping[int, str], today: dt.date) -> JsonObject:
    """One IDM right of the user ("SSM Mandaatbeheerder" for BAROCY, from - until, with its context)."""
    return {
        "organisation": encode_party(organisation),
        "right": right.right.value,
        "valid_from": _day(right.valid_from),
        "valid_until": _day(right.valid_until),
        "valid_today": right.valid_from <= today and (right.valid_until is None or right.valid_until >= today),
        "mandate_types": sorted(type_codes[link.mandate_type_id] for link in right.mandate_types),
    }


def encode_mandate_type(mandate_type: MandateType, language: str) -> JsonObject:
    text = mandate_type.text(language)

    def kinds(person: bool, organisation: bool) -> list[str]:
        pairs = ((PartyKind.PERSON, person), (PartyKind.ORGANISATION, organisation))
        return [kind.value for kind, allowed in pairs if allowed]

    return {
        "code": mandate_type.code,
        "number": mandate_type.number,
        "name": mandate_type.name_in(language),
        "description": text.description if text is not None else "",
        "creation_text": text.creation_text if text is not None else "",
        "active": mandate_type.active,
        "mandator_kinds": kinds(mandate_type.mandator_person, mandate_type.mandator_organisation),
        "mandatee_kinds": kinds(mandate_type.mandatee_person, mandate_type.mandatee_organisation),
    }


def encode_report(report: BulkReport, acting: Party, today: dt.date, language: str) -> JsonObject:
    """A bulk outcome without problems (those are a 422): what a dry run checked, or what was written."""
    return {
        "dry_run": report.dry_run,
        "rows": report.rows,
        "mandates": [encode_mandate(m, acting, today, language) for m in report.mandates],
    }


def mandate_url(acting: Party, mandate_id: str) -> str:
    return url_for("api.get_mandate", party=party_reference(acting), mandate_id=mandate_id, _external=True)
