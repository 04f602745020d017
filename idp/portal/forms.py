"""The portal's forms: raw form fields in, the service's typed inputs out, and every problem as a translated
message on the field it concerns.

    form = CreateForm.parse(request.form)
    if form.errors:                       # dates that do not parse, a missing choice: no service call
        ...
    row = form.new_mandate(accept_contract=True)
    problems = service.check_new_mandate(actor, party.id, row)
    errors = field_errors(problems)        # {"valid_from": ["The start date is in the past."], ...}

The acting party is never a form field: it comes from the login (``portal_context().party``, M05/M17).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from mandate_resolver.registry.errors import InvalidTransition, RegistryError
from mandate_resolver.registry.lifecycle import NewMandate
from mandate_resolver.registry.notify import LANGUAGES

from ..i18n import translate

# The service names its arguments; the create form names its fields (SSM asks for two addresses).
_SERVICE_TO_FORM: Final[dict[str, str]] = {"mandate_type_code": "mandate_type", "notify_emails": "own_email"}
# Form fields errors may be shown on; anything else is an error of the whole request.
CREATE_FIELDS: Final = (
    "valid_from",
    "valid_until",
    "mandate_type",
    "role",
    "counterparty",
    "reference",
    "language",
    "own_email",
    "counterparty_email",
    "accept_contract",
)
GENERAL: Final = ""
# A search box or a date field never needs more; longer input is refused before anything reads it.
MAX_FIELD_LENGTH: Final = 200


def parse_date(raw: str) -> dt.date | None:
    """A date as a date field sends it (``2026-03-15``) or as people type it in Belgium (``15/03/2026``).

    >>> parse_date("15/03/2026"), parse_date("2026-03-15") == parse_date("15.3.2026")
    (datetime.date(2026, 3, 15), True)
    >>> parse_date("31/02/2026") is None
    True
    """
    text = raw.strip()
    if not text or len(text) > 10:
        return None
    try:
        if len(text) == 10 and text[4] == "-":
            return dt.date.fromisoformat(text)
        separator = next((s for s in "/.-" if s in text), None)
        if separator is None:
            return None
        day, month, year = (int(part) for part in text.split(separator))
        return dt.date(year, month, day) if year >= 1000 else None
    except ValueError:
        return None


def error_text(error: RegistryError) -> str:
    """The error in the user's language: its code is the translation key (``portal.error.<code>``)."""
    params = {key: str(value) for key, value in error.params.items()}
    if isinstance(error, InvalidTransition):
        params["from_state"] = translate(f"portal.status.{error.from_state}")
        params["action"] = translate(f"portal.action.{error.action}.button")
        if error.from_state == "transfer_pending":
            params["from_state"] = translate("portal.status.transfer_pending_short")
    if "side" in params:
        params["side"] = translate(f"portal.role.{params['side']}").lower()
    if "kind" in params:
        params["kind"] = translate(f"portal.kind.{params['kind']}")
    key = f"portal.error.{error.code}"
    if not _known(key):
        key = f"portal.error.status.{error.status}" if _known(f"portal.error.status.{error.status}") else key
    return translate(key, **_safe(params)) if _known(key) else translate("portal.error.status.400")


def _known(key: str) -> bool:
    from ..i18n import MESSAGES

    return key in MESSAGES


def _safe(params: Mapping[str, str]) -> dict[str, str]:
    # Translations use only some of the parameters; format() ignores the others. Missing ones must not
    # raise, so every placeholder a text may use has a default.
    defaults = {"number": "", "row": "", "max": "", "value": "", "mandate_type_code": "", "side": "", "kind": ""}
    return {**defaults, **params}


@dataclass(slots=True)
class FieldErrors:
    """Translated messages by form field; ``GENERAL`` ("") for the whole form."""

    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, field_name: str, message: str) -> None:
        messages = self.by_field.setdefault(field_name, [])
        if message not in messages:
            messages.append(message)

    def add_key(self, field_name: str, key: str, **params: str) -> None:
        self.add(field_name, translate(key, **params))

    def add_registry(self, errors: Iterable[RegistryError], fields: Iterable[str]) -> None:
        known = set(fields)
        for error in errors:
            name = _SERVICE_TO_FORM.get(error.field or "", error.field or "")
            self.add(name if name in known else GENERAL, error_text(error))

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def get(self, field_name: str) -> list[str]:
        return self.by_field.get(field_name, [])

    @property
    def summary(self) -> list[tuple[str, str]]:
        """(field, message) pairs for the error summary at the top of the page, in field order."""
        return [(name, message) for name, messages in self.by_field.items() for message in messages]


def _text(form: Mapping[str, str], name: str) -> str:
    return str(form.get(name, ""))[:MAX_FIELD_LENGTH].strip()


@dataclass(slots=True)
class CreateForm:
    """The create page's fields, as typed (re-shown on every page of the flow) and as parsed."""

    valid_from_text: str = ""
    valid_until_text: str = ""
    mandate_type: str = ""
    role: str = ""
    counterparty: str = ""
    reference: str = ""
    language: str = "nl"
    own_email: str = ""
    counterparty_email: str = ""
    accept_contract: bool = False
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    errors: FieldErrors = field(default_factory=FieldErrors)

    @classmethod
    def parse(cls, form: Mapping[str, str], *, default_language: str = "nl") -> CreateForm:
        """Read the fields; a date that does not parse, a missing choice or start date is a field error.

        ``counterparty_choice``, a party picked from a name search, wins over the typed ``counterparty``.
        """
        choice = _text(form, "counterparty_choice")
        parsed = cls(
            valid_from_text=_text(form, "valid_from"),
            valid_until_text=_text(form, "valid_until"),
            mandate_type=_text(form, "mandate_type")[:64],
            role=_text(form, "role")[:16],
            counterparty=choice or _text(form, "counterparty"),
            reference=str(form.get("reference", ""))[: MAX_FIELD_LENGTH + 1].strip(),
            language=_text(form, "language")[:8] or default_language,
            own_email=_text(form, "own_email"),
            counterparty_email=_text(form, "counterparty_email"),
            accept_contract=form.get("accept_contract") == "yes",
        )
        parsed._check()
        return parsed

    def _check(self) -> None:
        if not self.valid_from_text:
            self.errors.add_key("valid_from", "portal.error.required")
        else:
            self.valid_from = parse_date(self.valid_from_text)
            if self.valid_from is None:
                self.errors.add_key("valid_from", "portal.error.date_invalid")
        if self.valid_until_text:
            self.valid_until = parse_date(self.valid_until_text)
            if self.valid_until is None:
                self.errors.add_key("valid_until", "portal.error.date_invalid")
        if not self.mandate_type:
            self.errors.add_key("mandate_type", "portal.error.choose_type")
        if self.role not in ("mandator", "mandatee"):
            self.errors.add_key("role", "portal.error.choose_role")
        if not self.counterparty:
            self.errors.add_key("counterparty", "portal.error.required")
        if self.language not in LANGUAGES:
            self.errors.add_key("language", "portal.error.language")

    def add_problems(self, problems: Iterable[RegistryError]) -> None:
        """The service's problems on this form's fields; an address on the field that holds it."""
        for problem in problems:
            if problem.code == "mandate.email_invalid":
                value = problem.params.get("value", "")
                name = "counterparty_email" if self.counterparty_email[:64] == value else "own_email"
                self.errors.add(name, error_text(problem))
            else:
                self.errors.add_registry([problem], CREATE_FIELDS)

    def new_mandate(self, *, accept_contract: bool) -> NewMandate:
        """The service's input; only after :meth:`parse` found no field errors (dates are set)."""
        assert self.valid_from is not None
        return NewMandate(
            role=self.role,
            counterparty=self.counterparty,
            mandate_type_code=self.mandate_type,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            reference=self.reference,
            language=self.language,
            accept_contract=accept_contract,
            notify_emails=(self.own_email, self.counterparty_email),
        )

    def hidden_fields(self) -> list[tuple[str, str]]:
        """What the confirmation page carries back, as typed."""
        return [
            ("valid_from", self.valid_from.isoformat() if self.valid_from else self.valid_from_text),
            ("valid_until", self.valid_until.isoformat() if self.valid_until else self.valid_until_text),
            ("mandate_type", self.mandate_type),
            ("role", self.role),
            ("counterparty", self.counterparty),
            ("reference", self.reference),
            ("language", self.language),
            ("own_email", self.own_email),
            ("counterparty_email", self.counterparty_email),
        ]


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The dashboard's search: text (number, name, reference), type, status, period; and which list."""

    text: str = ""
    mandate_type: str = ""
    status: str = ""
    valid_from_text: str = ""
    valid_until_text: str = ""
    listing: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @property
    def active(self) -> bool:
        """Whether anything was asked: then one list of results, else the dashboard's four lists."""
        return bool(
            self.text or self.mandate_type or self.status or self.valid_from_text or self.valid_until_text
        ) or bool(self.listing)

    def query_args(self) -> dict[str, str]:
        """The search as URL parameters, for the links to the next page."""
        args = {
            "q": self.text,
            "type": self.mandate_type,
            "status": self.status,
            "from": self.valid_from_text,
            "until": self.valid_until_text,
            "list": self.listing,
        }
        return {key: value for key, value in args.items() if value}


def parse_search(
    args: Mapping[str, str], *, statuses: Iterable[str], listings: Iterable[str]
) -> tuple[SearchForm, FieldErrors]:
    errors = FieldErrors()
    valid_from_text, valid_until_text = _text(args, "from"), _text(args, "until")
    valid_from = parse_date(valid_from_text) if valid_from_text else None
    valid_until = parse_date(valid_until_text) if valid_until_text else None
    if valid_from_text and valid_from is None:
        errors.add_key("from", "portal.error.date_invalid")
    if valid_until_text and valid_until is None:
        errors.add_key("until", "portal.error.date_invalid")
    if valid_from and valid_until and valid_until < valid_from:
        errors.add_key("until", "portal.error.mandate.end_before_start")
    status = _text(args, "status")
    if status and status not in set(statuses):
        errors.add_key("status", "portal.error.status_unknown")
    listing = _text(args, "list")
    if listing and listing not in set(listings):
        errors.add_key("list", "portal.error.list_unknown")
    form = SearchForm(
        text=_text(args, "q")[:100],
        mandate_type=_text(args, "type")[:64],
        status=status,
        valid_from_text=valid_from_text,
        valid_until_text=valid_until_text,
        listing=listing,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    return form, errors


def parse_after(raw: str | None) -> int | None:
    """A page cursor (the last mandate number of the previous page); anything else starts at the top."""
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


def parse_version(raw: str | None) -> int | None:
    """The mandate version the person reviewed (compare-and-set); missing or odd: no check."""
    return parse_after(raw)
