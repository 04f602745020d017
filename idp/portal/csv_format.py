"""Writing CSV for spreadsheets: the upload template and the export of a party's mandates.

Files are UTF-8 with a byte order mark and ``;`` between cells, which Excel in Belgium opens as they are.
Every cell that a spreadsheet would take for a formula is neutralised (OWASP "CSV injection"): a
reference typed as ``=HYPERLINK("http://evil.example","click")`` leaves as ``'=HYPERLINK(...)``, shown as
text and never evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from mandate_resolver.identifiers import IdentifierError, KboNumber, parse_party_identifier
from mandate_resolver.registry.lifecycle import effective_status
from mandate_resolver.registry.models import Mandate, Party

from .csv_reading import COLUMNS

__all__ = ["EXPORT_COLUMNS", "export_lines", "identifier_cell", "neutralise", "template_text"]

SEPARATOR: Final = ";"
BOM: Final = "\ufeff"
# What makes a spreadsheet read a cell as a formula (or smuggle one in after a control character).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS: Final = (
    "number",
    "id",
    "status",
    "role",
    "counterparty",
    "counterparty_name",
    "mandate_type",
    "mandate_type_name",
    "valid_from",
    "valid_until",
    "reference",
    "language",
    "created_at",
    "stopped_at",
)


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates.

    >>> neutralise('=HYPERLINK("http://evil.example","x")'), neutralise("EMM-001"), neutralise("-1")
    ('\\'=HYPERLINK("http://evil.example","x")', 'EMM-001', "'-1")
    """
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n").writerow([neutralise(c) for c in cells])
    return buffer.getvalue()


def template_text() -> str:
    """The header row of an upload, for a spreadsheet to fill in."""
    return BOM + _line(COLUMNS)


def identifier_cell(party: Party) -> str:
    """The party's number as printed ("BE 0806.154.033", "85.07.30-033.28"): a spreadsheet keeps it as text
    (a bare number loses its leading zero) and an upload reads it back."""
    try:
        identifier = parse_party_identifier(party.scheme, party.identifier)
    except IdentifierError:
        return party.identifier
    return identifier.display if isinstance(identifier, KboNumber) else identifier.formatted


def export_lines(mandates: Iterable[Mandate], party: Party, *, language: str, today: dt.date) -> Iterator[str]:
    """The header, then one line per mandate as ``party`` sees it (its own role, the other side)."""
    yield BOM + _line(EXPORT_COLUMNS)
    for mandate in mandates:
        mine_as_mandator = mandate.mandator_id == party.id
        other = mandate.mandatee if mine_as_mandator else mandate.mandator
        yield _line(
            (
                str(mandate.number),
                mandate.id,
                effective_status(mandate, today),
                "mandator" if mine_as_mandator else "mandatee",
                identifier_cell(other),
                other.name,
                mandate.mandate_type.code,
                mandate.mandate_type.name_in(language),
                mandate.valid_from.isoformat(),
                mandate.valid_until.isoformat() if mandate.valid_until else "",
                mandate.reference,
                mandate.language,
                mandate.created_at.isoformat(timespec="seconds"),
                mandate.stopped_at.isoformat(timespec="seconds") if mandate.stopped_at else "",
            )
        )
