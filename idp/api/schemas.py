"""Reading requests: a bounded JSON body, parsed into typed values before any service sees it.

Every problem is collected with its path (``rows[3].valid_from``), so one answer lists them all:

    body = read_json()                                     # 400 not JSON, 413 too large, 415 not JSON typed
    request = parse(body, parse_bulk_create, today=today)  # 422 with every field error, or the dataclass

A body is a JSON object; unknown members are refused (a typo such as ``valid_unti`` would otherwise be
silently ignored, and the mandate created without its end date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, TypeVar

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from mandate_resolver.identifiers import IdentifierError, parse_party_identifier
from mandate_resolver.registry.lifecycle import MAX_BULK_ROWS, NewMandate
from mandate_resolver.registry.queries import MAX_PAGE_SIZE, STATUSES, Listing

from .problems import ApiProblem, FieldError, translate_code

# Bound every body: 5,000 rows of a bulk creation fit in well under this.
MAX_BODY_BYTES: Final = 2 * 1024 * 1024
MAX_TEXT: Final = 200
_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")

T = TypeVar("T")


class _DuplicateMemberError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document: dict[str, object] = {}
    for name, value in pairs:
        if name in document:
            # Two values for one member: which one a client meant is anybody's guess.
            raise _DuplicateMemberError(name)
        document[name] = value
    return document


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def read_json(*, optional: bool = False) -> object:
    """The request's JSON body: 415 unless sent as JSON, 413 above ``MAX_BODY_BYTES``, 400 unless it parses.
    ``optional``: no body at all reads as ``{}`` (``POST .../stop`` needs nothing)."""
    if optional and not request.content_length and "chunked" not in request.headers.get("Transfer-Encoding", ""):
        return {}
    if not request.is_json:
        raise ApiProblem(415, "request.not_json")
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise ApiProblem(413, "request.too_large", params={"max": str(MAX_BODY_BYTES)})
    # Also bounds a chunked body, whose length nobody announced.
    request.max_content_length = MAX_BODY_BYTES
    try:
        raw = request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise ApiProblem(413, "request.too_large", params={"max": str(MAX_BODY_BYTES)}) from None
    try:
        return json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _DuplicateMemberError as exc:
        raise ApiProblem(400, "request.duplicate_member", params={"name": str(exc)[:40]}) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiProblem(400, "request.json_invalid") from None


def parse(document: object, parser: Callable[[Fields], T]) -> T:
    """Run ``parser`` over the body object; any field error (also from nested rows) answers 422."""
    value, errors = parse_partly(document, parser)
    if errors:
        raise ApiProblem(422, "request.invalid", errors=errors)
    return value


def parse_partly(document: object, parser: Callable[[Fields], T]) -> tuple[T, list[FieldError]]:
    """``parser``'s value, a wrong field replaced by its default, and the field errors: for a caller that
    lets the service check the rest too, so that one answer lists every problem (write nothing then)."""
    errors: list[FieldError] = []
    fields = Fields(document, "", errors)
    value = parser(fields)
    fields.done()
    return value, errors


class Fields:
    """The members of one JSON object, read by name; problems are added to ``errors`` with their path."""

    def __init__(self, value: object, path: str, errors: list[FieldError]) -> None:
        self.path = path
        self.errors = errors
        self.read: set[str] = set()
        # Not an object: that one error says it all, not one "required" per member as well.
        self.broken = not isinstance(value, dict)
        self.members: Mapping[str, object] = value if isinstance(value, dict) else {}
        if self.broken:
            self.errors.append(FieldError(self.at(None), "field.not_object", translate_code("field.not_object")))

    def at(self, name: str | None) -> str | None:
        if name is None:
            return self.path or None
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str | None, code: str, **params: str) -> None:
        if self.broken:
            return
        self.errors.append(FieldError(self.at(name), code, translate_code(code, params)))

    def _get(self, name: str) -> tuple[bool, object]:
        self.read.add(name)
        return (name in self.members, self.members.get(name))

    def text(self, name: str, *, required: bool = False, max_length: int = MAX_TEXT) -> str:
        present, value = self._get(name)
        if not present or value is None:
            if required:
                self.fail(name, "field.required")
            return ""
        if not isinstance(value, str):
            self.fail(name, "field.not_string")
            return ""
        if len(value) > max_length:
            self.fail(name, "field.too_long", max=str(max_length))
            return ""
        if required and not value.strip():
            self.fail(name, "field.required")
        return value

    def flag(self, name: str, *, default: bool = False) -> bool:
        present, value = self._get(name)
        if not present:
            return default
        if not isinstance(value, bool):
            self.fail(name, "field.not_boolean")
            return default
        return value

    def integer(self, name: str) -> int | None:
        present, value = self._get(name)
        if not present or value is None:
            return None
        # bool is an int in Python, not in JSON.
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
            self.fail(name, "field.not_integer")
            return None
        return value

    def date(self, name: str, *, default: dt.date | None = None) -> dt.date | None:
        """An ISO date (``2025-03-31``); absent or null gives ``default``."""
        present, value = self._get(name)
        if not present or value is None:
            return default
        parsed = parse_date(value)
        if parsed is None:
            self.fail(name, "field.not_date")
        return parsed

    def items(self, name: str, *, required: bool = True, max_items: int = MAX_BULK_ROWS) -> list[object]:
        present, value = self._get(name)
        if not present:
            if required:
                self.fail(name, "field.required")
            return []
        if not isinstance(value, list):
            self.fail(name, "field.not_list")
            return []
        if len(value) > max_items:
            self.fail(name, "field.too_many", max=str(max_items))
            return []
        return value

    def texts(self, name: str, *, max_items: int, max_length: int = MAX_TEXT) -> tuple[str, ...]:
        values: list[str] = []
        for index, item in enumerate(self.items(name, required=False, max_items=max_items)):
            if not isinstance(item, str):
                self.fail(f"{name}[{index}]", "field.not_string")
            elif len(item) > max_length:
                self.fail(f"{name}[{index}]", "field.too_long", max=str(max_length))
            else:
                values.append(item)
        return tuple(values)

    def party(self, name: str) -> str:
        """A party as the service takes it: ``kbo:0806154033`` is checked here as the scheme named and
        becomes its digits; anything else (``BE 0806.154.033``) is left for the service to recognise."""
        value = self.text(name, required=True, max_length=64)
        scheme, colon, raw = value.partition(":")
        if not colon:
            return value
        try:
            return parse_party_identifier(scheme.strip().lower(), raw).value
        except IdentifierError as error:
            self.fail(name, error.message_key)
            return ""

    def nested(self, name: str, index: int, value: object) -> Fields:
        return Fields(value, self.at(f"{name}[{index}]") or "", self.errors)

    def done(self) -> None:
        """Refuse the members nobody read (once, however often called)."""
        for name in sorted(set(self.members) - self.read):
            self.read.add(name)
            self.fail(name[:40], "field.unknown")


def parse_date(value: object) -> dt.date | None:
    # date.fromisoformat also takes "20250331" and week dates; the API speaks one format.
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- the bodies ---------------------------------------------------------------------------------------


def new_mandate(fields: Fields, today: dt.date) -> NewMandate:
    """One mandate to create; ``valid_from`` defaults to today (Belgian time)."""
    row = NewMandate(
        role=fields.text("role", required=True, max_length=20),
        counterparty=fields.party("counterparty"),
        mandate_type_code=fields.text("mandate_type", required=True, max_length=64),
        valid_from=fields.date("valid_from", default=today) or today,
        valid_until=fields.date("valid_until"),
        reference=fields.text("reference"),
        language=fields.text("language", max_length=8) or "nl",
        accept_contract=fields.flag("accept_contract"),
        notify_emails=fields.texts("notify_emails", max_items=10, max_length=254),
    )
    fields.done()
    return row


@dataclass(frozen=True, slots=True)
class BulkCreate:
    rows: tuple[NewMandate, ...]
    dry_run: bool


def bulk_create(fields: Fields, today: dt.date) -> BulkCreate:
    dry_run = fields.flag("dry_run")
    rows = [new_mandate(fields.nested("rows", i, row), today) for i, row in enumerate(fields.items("rows"))]
    if fields.members.get("rows") == []:
        fields.fail("rows", "field.empty")
    return BulkCreate(tuple(rows), dry_run)


@dataclass(frozen=True, slots=True)
class BulkChange:
    """Sign or stop many mandates of the acting party: all of them, or none."""

    mandate_ids: tuple[str, ...]
    dry_run: bool
    accept_contract: bool


def bulk_change(*, accept: bool) -> Callable[[Fields], BulkChange]:
    """``accept``: the body carries ``accept_contract`` (signing)."""

    def parser(fields: Fields) -> BulkChange:
        ids = fields.texts("mandate_ids", max_items=MAX_BULK_ROWS, max_length=64)
        if fields.members.get("mandate_ids") == []:
            fields.fail("mandate_ids", "field.empty")
        elif "mandate_ids" not in fields.members:
            fields.fail("mandate_ids", "field.required")
        accepted = fields.flag("accept_contract") if accept else False
        return BulkChange(ids, fields.flag("dry_run"), accepted)

    return parser


@dataclass(frozen=True, slots=True)
class Change:
    """What one action on one mandate may carry; each action reads only its own members."""

    expected_version: int | None
    accept_contract: bool = False
    valid_until: dt.date | None = None
    new_mandatee: str = ""


def change(*, accept: bool = False, extend: bool = False, transfer: bool = False) -> Callable[[Fields], Change]:
    def parser(fields: Fields) -> Change:
        version = fields.integer("expected_version")
        accepted = fields.flag("accept_contract") if accept else False
        until = fields.date("valid_until") if extend else None
        if extend and "valid_until" not in fields.members:
            fields.fail("valid_until", "field.required")  # null is allowed: unlimited
        target = fields.party("new_mandatee") if transfer else ""
        return Change(version, accepted, until, target)

    return parser


# --- the list's query ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListQuery:
    listing: Listing
    text: str
    mandate_type: str
    status: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    after: int | None
    limit: int


_LIST_PARAMETERS: Final = ("listing", "q", "mandate_type", "status", "valid_from", "valid_until", "after", "limit")


def list_query(arguments: Mapping[str, list[str]]) -> ListQuery:
    """The list's filters from the query string; 422 naming each bad parameter."""
    errors: list[FieldError] = []

    def fail(name: str, code: str, **params: str) -> None:
        errors.append(FieldError(name, code, translate_code(code, params)))

    values: dict[str, str] = {}
    for name, given in arguments.items():
        if name not in _LIST_PARAMETERS:
            fail(name[:40], "field.unknown")
        elif len(given) != 1:
            fail(name, "field.repeated")
        elif len(given[0]) > MAX_TEXT:
            fail(name, "field.too_long", max=str(MAX_TEXT))
        else:
            values[name] = given[0]
    listing = Listing.ALL
    if values.get("listing"):
        try:
            listing = Listing(values["listing"])
        except ValueError:
            fail("listing", "field.not_one_of", allowed=", ".join(item.value for item in Listing))
    status = values.get("status", "")
    if status and status not in STATUSES:
        fail("status", "field.not_one_of", allowed=", ".join(STATUSES))
    dates: dict[str, dt.date | None] = {}
    for name in ("valid_from", "valid_until"):
        dates[name] = parse_date(values[name]) if values.get(name) else None
        if values.get(name) and dates[name] is None:
            fail(name, "field.not_date")
    after = _whole_number(values.get("after", ""), 1, 2**31 - 1)
    if values.get("after") and after is None:
        fail("after", "field.not_integer")
    limit = _whole_number(values.get("limit", ""), 1, MAX_PAGE_SIZE)
    if values.get("limit") and limit is None:
        fail("limit", "field.out_of_range", min="1", max=str(MAX_PAGE_SIZE))
    if errors:
        raise ApiProblem(422, "request.invalid", errors=errors)
    return ListQuery(
        listing, values.get("q", ""), values.get("mandate_type", ""), status,
        dates["valid_from"], dates["valid_until"], after, limit or 50,
    )  # fmt: skip


def _whole_number(text: str, low: int, high: int) -> int | None:
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if low <= number <= high else None
