"""The rights forms as data: parse what was posted, and turn the service's errors into messages per field.

A form never trusts its organisation, user or right: those come from the URL and the service checks them
against the local administrator table on every request (SECURITY.md M05).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from werkzeug.datastructures import MultiDict

from mandate_resolver.registry.errors import RegistryError

from ..i18n import MESSAGES, translate

MAX_DATE_LENGTH: Final = 20
MAX_MANDATORS_TEXT: Final = 5000
# The form asks for ISO dates (<input type="date">); what people type by hand is the Belgian dd/mm/yyyy.
_BELGIAN_DATE: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_STATUS_FALLBACK: Final = {
    400: "rights.error.invalid",
    403: "error.403",
    404: "error.404",
    409: "rights.error.conflict",
}


@dataclass(frozen=True, slots=True)
class FieldError:
    """A translated message and the form field it belongs to ("" for the whole form)."""

    field: str
    message: str


@dataclass(slots=True)
class RightForm:
    """The grant and change forms: what was typed (to show it again) and what it means."""

    kind: str = ""
    valid_from_text: str = ""
    valid_until_text: str = ""
    mandate_types: tuple[str, ...] = ()
    mandators_text: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    errors: list[FieldError] = field(default_factory=list)

    @property
    def mandators(self) -> list[str]:
        """One identifier per line (commas and semicolons separate too)."""
        return [part.strip() for part in re.split(r"[\n;,]", self.mandators_text) if part.strip()]

    def error_for(self, name: str) -> str:
        return next((e.message for e in self.errors if e.field == name), "")

    @classmethod
    def parse(cls, form: MultiDict[str, str], *, with_kind: bool) -> RightForm:
        parsed = cls(
            kind=form.get("kind", "")[:40] if with_kind else "",
            valid_from_text=form.get("valid_from", "")[:MAX_DATE_LENGTH].strip(),
            valid_until_text=form.get("valid_until", "")[:MAX_DATE_LENGTH].strip(),
            mandate_types=tuple(code[:64] for code in form.getlist("mandate_types")[:100]),
            mandators_text=form.get("mandators", "")[:MAX_MANDATORS_TEXT],
        )
        if with_kind and not parsed.kind:
            parsed.errors.append(FieldError("kind", translate("rights.error.kind_required")))
        parsed.valid_from = parsed._date("valid_from", parsed.valid_from_text, required=True)
        parsed.valid_until = parsed._date("valid_until", parsed.valid_until_text, required=False)
        return parsed

    def _date(self, name: str, text: str, *, required: bool) -> dt.date | None:
        if not text:
            if required:
                self.errors.append(FieldError(name, translate("rights.error.date_required")))
            return None
        day = parse_date(text)
        if day is None:
            self.errors.append(FieldError(name, translate("rights.error.date_invalid")))
        return day

    def add_errors(self, errors: Sequence[RegistryError]) -> None:
        self.errors.extend(FieldError(e.field or "", describe(e)) for e in errors)


def parse_date(text: str) -> dt.date | None:
    """``2026-03-15`` or ``15/03/2026``; None when it is neither or not a real day.

    >>> parse_date("15/03/2026"), parse_date("2026-02-30")
    (datetime.date(2026, 3, 15), None)
    """
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = _BELGIAN_DATE.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None


def describe(error: RegistryError) -> str:
    """The error in the person's language: its own text if the rights pages have one, else by status."""
    key = f"rights.error.{error.code}"
    if error.code.startswith("identifier."):
        key = "rights.error.identifier"
    if key not in MESSAGES:
        key = _STATUS_FALLBACK.get(error.status, "rights.error.invalid")
    params = {name: str(value) for name, value in error.params.items()}
    try:
        return translate(key, **params)
    except (KeyError, IndexError):  # a text naming a parameter this error did not carry
        return translate(_STATUS_FALLBACK.get(error.status, "rights.error.invalid"))
