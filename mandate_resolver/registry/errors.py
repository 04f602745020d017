"""Errors of the registry services, each with a machine code, an HTTP status and the field it concerns.

A view or an API turns any :class:`RegistryError` into a response without knowing the subclass:

>>> try:
...     raise EndBeforeStart()
... except RegistryError as error:
...     (error.status, error.code, error.field, str(error))
(400, 'mandate.end_before_start', 'valid_until', 'The end date is before the start date.')

``code`` is stable and is the translation key; ``params`` fills the placeholders of a translated text;
``str(error)`` is an English sentence for logs and API clients. ``field`` names the argument (form field,
API property, CSV column) at fault, ``None`` when the whole request is.
"""

# The names are the HTTP-like outcomes and domain rules (Forbidden, SameParty), not "...Error".
# ruff: noqa: N818

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from mandate_resolver.identifiers import IdentifierError

__all__ = [
    "ConcurrentChange",
    "Conflict",
    "ContractNotAccepted",
    "DuplicateMandate",
    "EndBeforeStart",
    "Forbidden",
    "IdentifierInvalid",
    "InvalidTransition",
    "MandateNotFound",
    "MandateTypeInactive",
    "NotCounterparty",
    "NotFound",
    "PartyKindNotAllowed",
    "PartyNotFound",
    "ReadOnly",
    "RegistryError",
    "SameParty",
    "StartInPast",
    "UnknownMandateType",
    "ValidationError",
]


class RegistryError(Exception):
    """Base of every error the registry services raise on purpose.

    Subclasses set ``code``, ``status`` and ``message``; an instance may override ``code`` and ``message``
    (a generic :class:`ValidationError` for a rule without a class of its own) and add ``field``/``params``.
    """

    code: str = "registry.error"
    status: ClassVar[int] = 500
    message: str = "The registry could not do this."
    field: str | None = None

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        field: str | None = None,
        params: Mapping[str, str] | None = None,
    ) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if field is not None:
            self.field = field
        self.params: dict[str, str] = dict(params or {})
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, params={self.params!r})"


class ValidationError(RegistryError):
    """The input breaks a rule; the same request will fail again."""

    code = "registry.invalid"
    status = 400
    message = "The input is not valid."


class Forbidden(RegistryError):
    """The actor may not do this for this party (SECURITY.md M05, M16, M17)."""

    code = "registry.forbidden"
    status = 403
    message = "You may not do this."


class NotFound(RegistryError):
    code = "registry.not_found"
    status = 404
    message = "Not found."


class Conflict(RegistryError):
    """The request was valid, but the mandate is not (or no longer) in a state that allows it."""

    code = "registry.conflict"
    status = 409
    message = "This conflicts with the current state."


# --- validation ---------------------------------------------------------------------------------------


class UnknownMandateType(ValidationError):
    code = "mandate_type.unknown"
    message = "This mandate type does not exist."
    field = "mandate_type_code"


class MandateTypeInactive(ValidationError):
    code = "mandate_type.inactive"
    message = "This mandate type can no longer be used for new mandates."
    field = "mandate_type_code"


class PartyKindNotAllowed(ValidationError):
    """The mandate type does not allow this kind of party (person, organisation) on this side."""

    code = "mandate.party_kind_not_allowed"
    message = "This mandate type does not allow this kind of party on this side."


class SameParty(ValidationError):
    code = "mandate.same_party"
    message = "Mandator and mandatee must be different parties."
    field = "counterparty"


class EndBeforeStart(ValidationError):
    code = "mandate.end_before_start"
    message = "The end date is before the start date."
    field = "valid_until"


class StartInPast(ValidationError):
    code = "mandate.start_in_past"
    message = "The start date is in the past."
    field = "valid_from"


class ContractNotAccepted(ValidationError):
    code = "mandate.contract_not_accepted"
    message = "The contract text must be accepted."
    field = "accept_contract"


class IdentifierInvalid(ValidationError):
    """A party identifier did not parse; wraps the :class:`IdentifierError` with the field it came from.

    >>> from mandate_resolver.identifiers import KboNumber
    >>> try:
    ...     KboNumber.parse("0411515076")
    ... except IdentifierError as cause:
    ...     error = IdentifierInvalid(cause, field="counterparty")
    >>> error.code, error.params["reason"]
    ('identifier.checksum', 'checksum')
    """

    code = "identifier.invalid"
    message = "This identifier is not valid."

    def __init__(self, cause: IdentifierError, *, field: str) -> None:
        super().__init__(
            str(cause),
            code=cause.message_key,
            field=field,
            params={"scheme": cause.scheme, "value": cause.value, "reason": cause.reason},
        )
        self.cause = cause


# --- forbidden ----------------------------------------------------------------------------------------


class ReadOnly(Forbidden):
    """The helpdesk role reads every mandate and never writes (SECURITY.md M16)."""

    code = "authority.read_only"
    message = "Your role gives read access only."


class NotCounterparty(Forbidden):
    """Only the side that has not signed yet may sign or refuse; only the new mandatee may accept."""

    code = "mandate.not_counterparty"
    message = "Only the other party can do this."


# --- not found ----------------------------------------------------------------------------------------


class MandateNotFound(NotFound):
    code = "mandate.not_found"
    message = "This mandate does not exist."
    field = "mandate_id"


class PartyNotFound(NotFound):
    code = "party.not_found"
    message = "No party with this identifier is known."
    field = "counterparty"


# --- conflict -----------------------------------------------------------------------------------------


class InvalidTransition(Conflict):
    """``action`` is not possible from the mandate's (effective) state, e.g. stopping an expired mandate.

    >>> error = InvalidTransition("expired", "stop")
    >>> error.params, str(error)
    ({'from_state': 'expired', 'action': 'stop'}, "'stop' is not possible on a mandate that is expired.")

    The English sentence is for logs; a user interface translates ``code`` with ``params``.
    """

    code = "mandate.invalid_transition"

    def __init__(self, from_state: str, action: str, *, reason: str = "") -> None:
        self.from_state = from_state
        self.action = action
        text = f"{action!r} is not possible on a mandate that is {from_state.replace('_', ' ')}."
        if reason:
            text = f"{text[:-1]}: {reason}."
        super().__init__(text, params={"from_state": from_state, "action": action})


class ConcurrentChange(Conflict):
    """Someone else changed the mandate meanwhile (version compare-and-set, row lock): reload and retry."""

    code = "mandate.concurrent_change"
    message = "The mandate was changed by someone else meanwhile. Reload it and try again."


class DuplicateMandate(Conflict):
    """An open mandate of the same type between the same parties already covers (part of) the period."""

    code = "mandate.duplicate"
    message = "A mandate of this type between these parties already exists for (part of) this period."
    field = "counterparty"
