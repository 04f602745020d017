"""A ``Selection`` to and from JSON, for ``PendingLogin.selection`` and anything else that stores one.

The protocol layers read the chosen option back with ``selection_from_json(pending.selection)`` and make
claims or attributes from it; identifiers are parsed again on the way in, so a stored row that was edited
by hand cannot smuggle an invalid KBO number or INSZ into a token.

>>> import datetime as dt
>>> from mandate_resolver.identifiers import Insz
>>> from mandate_resolver.types import Capacity, Party, Selection
>>> me = Party(Insz.parse("85073003328"), "Sammy Roos", "BUR")
>>> chosen = Selection("citizen:85073003328", "citizen", Capacity.CITIZEN, me, me, dt.date(2025, 3, 1))
>>> selection_from_json(selection_to_json(chosen)) == chosen
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from mandate_resolver.identifiers import parse_party_identifier
from mandate_resolver.types import AccessPath, Capacity, MandateTypeRef, Party, PathKind, Selection


class SelectionDecodeError(ValueError):
    """A stored selection that is not one this module wrote."""


def _party_to_json(party: Party | None) -> dict[str, object] | None:
    if party is None:
        return None
    return {"id": party.id, "id_type": party.id_type, "name": party.name, "target_group": party.target_group}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def selection_to_json(selection: Selection) -> dict[str, object]:
    """A JSON-ready mapping of ``selection`` (dates as ISO strings, parties as id/id_type/name)."""
    path = selection.path
    mandate_type = selection.mandate_type
    return {
        "key": selection.key,
        "source": selection.source,
        "capacity": selection.capacity.value,
        "principal": _party_to_json(selection.principal),
        "executor": _party_to_json(selection.executor),
        "checked_on": selection.checked_on.isoformat(),
        "valid_from": _date(selection.valid_from),
        "valid_until": _date(selection.valid_until),
        "mandate_id": selection.mandate_id,
        "mandate_type": (
            {"code": mandate_type.code, "name": mandate_type.name, "number": mandate_type.number}
            if mandate_type is not None
            else None
        ),
        "mandator": _party_to_json(selection.mandator),
        "mandatee": _party_to_json(selection.mandatee),
        "path": (
            {
                "kind": path.kind.value,
                "valid_from": _date(path.valid_from),
                "valid_until": _date(path.valid_until),
                "function": path.function,
            }
            if path is not None
            else None
        ),
        "role": selection.role,
    }


def _text(data: Mapping[str, object], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise SelectionDecodeError(f"{name} must be text")
    return value


def _optional_date(data: Mapping[str, object], name: str) -> dt.date | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SelectionDecodeError(f"{name} must be a date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SelectionDecodeError(f"{name} must be a date") from None


def _mapping(data: Mapping[str, object], name: str) -> Mapping[str, object] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise SelectionDecodeError(f"{name} must be an object")
    return value


def _party(data: Mapping[str, object], name: str) -> Party | None:
    raw = _mapping(data, name)
    if raw is None:
        return None
    try:
        identifier = parse_party_identifier(_text(raw, "id_type"), _text(raw, "id"))
        return Party(identifier, _text(raw, "name"), _text(raw, "target_group"))
    except ValueError as exc:
        raise SelectionDecodeError(f"{name}: {exc}") from None


def _required_party(data: Mapping[str, object], name: str) -> Party:
    party = _party(data, name)
    if party is None:
        raise SelectionDecodeError(f"{name} is required")
    return party


def selection_from_json(data: Mapping[str, object]) -> Selection:
    """The ``Selection`` ``selection_to_json`` wrote; raises :class:`SelectionDecodeError` otherwise."""
    try:
        capacity = Capacity(_text(data, "capacity"))
        raw_type = _mapping(data, "mandate_type")
        mandate_type = None
        if raw_type is not None:
            number = raw_type.get("number")
            mandate_type = MandateTypeRef(
                _text(raw_type, "code"), _text(raw_type, "name"), number if isinstance(number, int) else None
            )
        raw_path = _mapping(data, "path")
        path = None
        if raw_path is not None:
            path = AccessPath(
                PathKind(_text(raw_path, "kind")),
                _optional_date(raw_path, "valid_from"),
                _optional_date(raw_path, "valid_until"),
                _text(raw_path, "function"),
            )
        mandate_id = data.get("mandate_id")
        checked_on = _optional_date(data, "checked_on")
        if checked_on is None:
            raise SelectionDecodeError("checked_on is required")
        return Selection(
            key=_text(data, "key"),
            source=_text(data, "source"),
            capacity=capacity,
            principal=_required_party(data, "principal"),
            executor=_required_party(data, "executor"),
            checked_on=checked_on,
            valid_from=_optional_date(data, "valid_from"),
            valid_until=_optional_date(data, "valid_until"),
            mandate_id=mandate_id if isinstance(mandate_id, str) else None,
            mandate_type=mandate_type,
            mandator=_party(data, "mandator"),
            mandatee=_party(data, "mandatee"),
            path=path,
            role=_text(data, "role") if "role" in data else "",
        )
    except SelectionDecodeError:
        raise
    except ValueError as exc:  # an unknown capacity or path kind, an invalid type code or name
        raise SelectionDecodeError(str(exc)) from None
