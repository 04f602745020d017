"""Reading the fields of one JSON object: each value checked, each problem reported at the field's path."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from mandate_resolver.registry.exchange.records import (
    _CODE,
    _DATE,
    _MAX_DETAIL_DEPTH,
    _TIMESTAMP,
    _USERNAME,
    MAX_DETAIL_LENGTH,
    MAX_LIST_ITEMS,
    PartyKey,
)
from mandate_resolver.registry.exchange.results import _Problems
from mandate_resolver.registry.models import PartyKind


@dataclass(slots=True)
class _References:
    """Every reference read, with its path, checked once the whole document is known."""

    parties: list[tuple[str, PartyKey, PartyKind | None]] = field(default_factory=list)
    users: list[tuple[str, str]] = field(default_factory=list)
    mandate_types: list[tuple[str, str]] = field(default_factory=list)


def _a(kind: PartyKind) -> str:
    return f"{'an' if kind is PartyKind.ORGANISATION else 'a'} {kind.value}"


def _has_control_characters(text: str, *, multiline: bool) -> bool:
    allowed = "\n\r\t" if multiline else ""
    return any((ord(char) < 32 or 127 <= ord(char) < 160) and char not in allowed for char in text)


def _key_path(path: str, key: object) -> str:
    shown = key if isinstance(key, str) and key.isidentifier() else json.dumps(str(key)[:64])
    return f"{path}.{shown}" if path else str(shown)


class _Fields:
    """The fields of one JSON object; every read reports its problems at the field's path."""

    __slots__ = ("_data", "_problems", "_references", "path")

    def __init__(
        self, problems: _Problems, references: _References, path: str, value: object, allowed: Sequence[str]
    ) -> None:
        self._problems = problems
        self._references = references
        self.path = path
        self._data: Mapping[object, object]
        if isinstance(value, Mapping):
            self._data = value
        else:
            problems.add(path, "must be an object")
            self._data = {}
        for key in self._data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(allowed)})"
                problems.add(_key_path(path, key), f"unknown key{hint}")

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str | None, message: str) -> None:
        self._problems.add(self.at(key) if key else self.path, message)

    def has(self, key: str) -> bool:
        return self._data.get(key) is not None

    def raw(self, key: str) -> object:
        return self._data.get(key)

    def text(
        self,
        key: str,
        *,
        max_length: int,
        required: bool = False,
        choices: Collection[str] | None = None,
        pattern: re.Pattern[str] | None = None,
        shape: str = "",
        multiline: bool = False,
    ) -> str | None:
        value = self._data.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return None
        if not isinstance(value, str):
            self.problem(key, "must be a string")
            return None
        if len(value) > max_length:
            self.problem(key, f"is longer than {max_length} characters")
            return None
        if required and not value.strip():
            self.problem(key, "may not be empty")
            return None
        if _has_control_characters(value, multiline=multiline):
            self.problem(key, "contains control characters")
            return None
        if choices is not None and value not in choices:
            self.problem(key, f"must be one of {', '.join(choices)}, not {value[:64]!r}")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.problem(key, f"{value[:64]!r} is not a valid {shape or key}")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self._data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(key, "must be true or false")
            return default
        return value

    def integer(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self._data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, "must be a whole number")
            return None
        if not minimum <= value <= maximum:
            self.problem(key, f"must be between {minimum} and {maximum}")
            return None
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.text(key, max_length=32, required=required)
        if value is None:
            return None
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"{value!r} is not a date in the form YYYY-MM-DD")
            return None

    def timestamp(self, key: str, *, required: bool = False) -> dt.datetime | None:
        value = self.text(key, max_length=40, required=required)
        if value is None:
            return None
        try:
            if not _TIMESTAMP.fullmatch(value):
                raise ValueError(value)
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
        except ValueError:
            self.problem(key, f"{value!r} is not a timestamp like 2026-03-01T09:30:00Z (with a time zone)")
            return None

    def items(self, key: str, *, max_items: int = MAX_LIST_ITEMS) -> list[tuple[str, object]]:
        """The elements of a list field, each with its path; [] when absent or invalid."""
        value = self._data.get(key)
        if value is None:
            return []
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.problem(key, "must be a list")
            return []
        if len(value) > max_items:
            self.problem(key, f"has {len(value)} elements; at most {max_items} are accepted")
            return []
        return [(f"{self.at(key)}[{index}]", item) for index, item in enumerate(value)]

    def party(self, key: str, *, kind: PartyKind | None = None, required: bool = False) -> PartyKey | None:
        value = self.text(key, max_length=64, required=required)
        if value is None:
            return None
        return _party_reference(self._problems, self._references, self.at(key), value, kind)

    def username(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, max_length=100, required=required, pattern=_USERNAME, shape="username")
        if value is not None:
            self._references.users.append((self.at(key), value))
        return value

    def code_list(self, key: str) -> tuple[str, ...]:
        """A list of mandate type codes, each a reference."""
        codes: list[str] = []
        for path, item in self.items(key):
            if not isinstance(item, str) or not _CODE.fullmatch(item):
                self._problems.add(path, "must be a mandate type code")
            elif item in codes:
                self._problems.add(path, f"{item!r} is listed twice")
            else:
                codes.append(item)
                self._references.mandate_types.append((path, item))
        return tuple(codes)


def _party_reference(
    problems: _Problems, references: _References, path: str, text: str, kind: PartyKind | None
) -> PartyKey | None:
    try:
        key = PartyKey.parse(text)
    except ValueError as error:  # IdentifierError included: its message names the scheme and the reason
        problems.add(path, str(error))
        return None
    references.parties.append((path, key, kind))
    return key


def _check_period(fields: _Fields, valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        fields.problem("valid_until", f"{valid_until} is before valid_from {valid_from}")


def _read_detail(f: _Fields) -> Mapping[str, object] | None:
    raw = f.raw("detail")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        f.problem("detail", "must be an object")
        return None
    if not _is_json(raw, 0):
        f.problem(
            "detail",
            f"must hold only JSON values (strings, numbers, booleans, null, lists, objects), "
            f"at most {_MAX_DETAIL_DEPTH} levels deep",
        )
        return None
    if len(json.dumps(raw, ensure_ascii=False)) > MAX_DETAIL_LENGTH:
        f.problem("detail", f"is longer than {MAX_DETAIL_LENGTH} characters as JSON")
        return None
    return dict(raw)


def _is_json(value: object, depth: int) -> bool:
    if depth > _MAX_DETAIL_DEPTH:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Mapping):
        return len(value) <= MAX_LIST_ITEMS and all(
            isinstance(key, str) and _is_json(item, depth + 1) for key, item in value.items()
        )
    if isinstance(value, list | tuple):
        return len(value) <= MAX_LIST_ITEMS and all(_is_json(item, depth + 1) for item in value)
    return False
