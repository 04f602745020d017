"""Reading an uploaded CSV file of new mandates into rows for ``MandateService.create_mandates``.

The format is documented in ``docs/portal-csv.md``. In short: UTF-8 (with or without a byte order mark;
Windows-1252 as Excel's plain "CSV" writes it is accepted too), ``;`` or ``,`` between cells (Excel in
Belgium writes ``;``), a header row naming the columns in any order::

    role;counterparty;mandate_type;valid_from;valid_until;reference;language;emails
    mandator;BE 0806.154.033;wse_loket;2026-12-01;;EMM-001;nl;info@barocy.be

or SSM's own bulk file (no header, one mandate type chosen on the form): counterparty; e-mail; capacity of
the counterparty; language; reference; start date ``yyyyMMdd``; end date.

Only what a file can get wrong by its shape is checked here (encoding, columns, dates); every rule of the
registry is the service's. A whole-file problem raises :class:`UploadError`; a problem of one line is
kept as a :class:`LineProblem` and the line still goes to the service, so one dry run reports all of a
line's problems. Lines count as a spreadsheet shows them (the header is line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from mandate_resolver.registry.lifecycle import MAX_BULK_ROWS, NewMandate

__all__ = [
    "COLUMNS",
    "EXPORT_ONLY_COLUMNS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_ROWS",
    "REQUIRED_COLUMNS",
    "LineProblem",
    "ParsedUpload",
    "UploadError",
    "UploadRow",
    "read_upload",
]

MAX_UPLOAD_BYTES: Final = 2 * 1024 * 1024
# The service's own bound on one bulk action: one upload is one transaction.
MAX_UPLOAD_ROWS: Final = MAX_BULK_ROWS
COLUMNS: Final = (
    "role",
    "counterparty",
    "mandate_type",
    "valid_from",
    "valid_until",
    "reference",
    "language",
    "emails",
)
REQUIRED_COLUMNS: Final = ("role", "counterparty", "mandate_type", "valid_from")
# Columns of our export that an upload ignores, so an exported file can be edited and uploaded again.
EXPORT_ONLY_COLUMNS: Final = (
    "number",
    "id",
    "status",
    "counterparty_name",
    "mandate_type_name",
    "created_at",
    "stopped_at",
)
# SSM's bulk file, without a header (DOMAIN.md): the counterparty's capacity is the third column.
SSM_COLUMNS: Final = ("counterparty", "emails", "capacity", "language", "reference", "valid_from", "valid_until")
_SSM_REQUIRED: Final = ("counterparty", "capacity", "valid_from")
# A cell longer than this is no value of ours (a reference has 100 characters at most): refused, not stored.
MAX_CELL_LENGTH: Final = 1000

# Role words as people type them in the four languages; anything else goes to the service as typed.
_ROLES: Final[dict[str, str]] = {
    **dict.fromkeys(("mandator", "mandaatgever", "mandant", "vollmachtgeber", "mandatgeber"), "mandator"),
    **dict.fromkeys(
        ("mandatee", "mandaatnemer", "mandataire", "bevollmächtigter", "mandatsträger", "mandatnehmer"), "mandatee"
    ),
}
_OTHER_SIDE: Final = {"mandator": "mandatee", "mandatee": "mandator"}
_EMAIL_SEPARATORS: Final = re.compile(r"[\s,;]+")
_DATE_FORMATS: Final = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d")


class UploadError(Exception):
    """The file as a whole cannot be read; ``code`` is the translation key, ``params`` fill it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, str] = params


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A problem of one line: ``field`` is the CSV column (None: the whole line), ``code`` a translation key."""

    line: int
    field: str | None
    code: str
    params: Mapping[str, str]

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LineProblem:
        raw_params = data.get("params")
        params = {str(k): str(v) for k, v in raw_params.items()} if isinstance(raw_params, dict) else {}
        raw_field = data.get("field")
        return cls(int(str(data.get("line", 0))), str(raw_field) if raw_field else None, str(data["code"]), params)


@dataclass(frozen=True, slots=True)
class UploadRow:
    """One line of the file, each cell as typed except the dates (None: missing or unreadable)."""

    line: int
    role: str
    counterparty: str
    mandate_type: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    reference: str
    language: str
    emails: tuple[str, ...]

    def to_new_mandate(self, *, today: dt.date, accept_contract: bool) -> NewMandate:
        # A start date that did not parse is reported by the reader; today stands in so the service
        # still checks everything else of the line.
        return NewMandate(
            role=self.role,
            counterparty=self.counterparty,
            mandate_type_code=self.mandate_type,
            valid_from=self.valid_from or today,
            valid_until=self.valid_until,
            reference=self.reference,
            language=self.language or "nl",
            accept_contract=accept_contract,
            notify_emails=self.emails,
        )

    def as_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "role": self.role,
            "counterparty": self.counterparty,
            "mandate_type": self.mandate_type,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "reference": self.reference,
            "language": self.language,
            "emails": list(self.emails),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> UploadRow:
        def day(name: str) -> dt.date | None:
            value = data.get(name)
            return dt.date.fromisoformat(value) if isinstance(value, str) else None

        emails = data.get("emails")
        return cls(
            line=int(str(data["line"])),
            role=str(data.get("role", "")),
            counterparty=str(data.get("counterparty", "")),
            mandate_type=str(data.get("mandate_type", "")),
            valid_from=day("valid_from"),
            valid_until=day("valid_until"),
            reference=str(data.get("reference", "")),
            language=str(data.get("language", "")),
            emails=tuple(str(e) for e in emails) if isinstance(emails, list) else (),
        )


@dataclass(frozen=True, slots=True)
class ParsedUpload:
    rows: tuple[UploadRow, ...]
    problems: tuple[LineProblem, ...]
    separator: str
    ssm_format: bool


def read_upload(data: bytes, *, ssm_mandate_type: str = "") -> ParsedUpload:
    """Read the uploaded bytes; ``ssm_mandate_type`` is the type chosen on the form for SSM's headerless file.

    >>> text = "role;counterparty;mandate_type;valid_from\\nmandator;0806154033;wse_loket;1/12/2030"
    >>> parsed = read_upload(text.encode())
    >>> parsed.rows[0].valid_from, parsed.rows[0].line, parsed.separator
    (datetime.date(2030, 12, 1), 2, ';')
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("csv.too_large", max=f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    text = _decode(data)
    if not text.strip():
        raise UploadError("csv.empty")
    separator = _separator(text)
    records = _records(text, separator)
    first_line, first = next(records, (1, []))
    header = [cell.strip().lower() for cell in first]
    if any(name in COLUMNS for name in header):
        columns = _check_header(header)
        body: Iterator[tuple[int, list[str]]] = records
        ssm = False
    elif ssm_mandate_type:
        columns = list(SSM_COLUMNS)
        body = _chain([(first_line, first)], records)
        ssm = True
    else:
        raise UploadError("csv.header_missing")
    rows: list[UploadRow] = []
    problems: list[LineProblem] = []
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, as spreadsheets leave them at the end
        if len(rows) >= MAX_UPLOAD_ROWS:
            raise UploadError("csv.too_many_rows", max=str(MAX_UPLOAD_ROWS))
        row, row_problems = _row(line, columns, cells, ssm_mandate_type if ssm else "")
        rows.append(row)
        problems.extend(row_problems)
    if not rows:
        raise UploadError("csv.no_rows")
    return ParsedUpload(tuple(rows), tuple(problems), separator, ssm)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's plain "CSV" on Windows: not UTF-8, nearly always this.
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UploadError("csv.encoding") from error


def _separator(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","


def _records(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise UploadError("csv.malformed", line=str(reader.line_num or start)) from error


def _chain(
    head: Sequence[tuple[int, list[str]]], tail: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    yield from head
    yield from tail


def _check_header(header: list[str]) -> list[str]:
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            raise UploadError("csv.column_twice", column=name[:40])
        seen.add(name)
        if name and name not in COLUMNS and name not in EXPORT_ONLY_COLUMNS:
            raise UploadError("csv.column_unknown", column=name[:40])
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            raise UploadError("csv.column_missing", column=name)
    return header


def _row(line: int, columns: list[str], cells: list[str], ssm_mandate_type: str) -> tuple[UploadRow, list[LineProblem]]:
    problems: list[LineProblem] = []
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        problems.append(LineProblem(line, None, "csv.too_many_cells", {"count": str(len(columns))}))
    values: dict[str, str] = {}
    for name, cell in zip(columns, cells, strict=False):
        if len(cell) > MAX_CELL_LENGTH:
            problems.append(LineProblem(line, name, "csv.cell_too_long", {"max": str(MAX_CELL_LENGTH)}))
        values[name] = cell[:MAX_CELL_LENGTH].strip()
    if ssm_mandate_type:
        capacity = _ROLES.get(values.get("capacity", "").lower(), "")
        # SSM names the counterparty's capacity; our row names the uploader's own side.
        values["role"] = _OTHER_SIDE.get(capacity, values.get("capacity", ""))
        values["mandate_type"] = ssm_mandate_type
    for name in _SSM_REQUIRED if ssm_mandate_type else REQUIRED_COLUMNS:
        if not values.get(name):
            problems.append(LineProblem(line, name, "csv.required", {}))
    valid_from = _date(values.get("valid_from", ""), line, "valid_from", problems)
    valid_until = _date(values.get("valid_until", ""), line, "valid_until", problems)
    role = values.get("role", "")
    row = UploadRow(
        line=line,
        role=_ROLES.get(role.lower(), role),
        counterparty=values.get("counterparty", ""),
        mandate_type=values.get("mandate_type", ""),
        valid_from=valid_from,
        valid_until=valid_until,
        reference=values.get("reference", ""),
        language=values.get("language", "").lower(),
        emails=tuple(e for e in _EMAIL_SEPARATORS.split(values.get("emails", "")) if e),
    )
    return row, problems


def _date(value: str, line: int, column: str, problems: list[LineProblem]) -> dt.date | None:
    if not value:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    problems.append(LineProblem(line, column, "csv.date_invalid", {"value": value[:40]}))
    return None
