"""Problem details (RFC 9457) for every refusal of the API, with field-level errors in the caller's language.

    {"type": "urn:mandate-idp:problem:request.invalid", "title": "The request is not valid", "status": 422,
     "code": "request.invalid", "detail": "Some fields are not valid.",
     "errors": [{"field": "rows[3].valid_from", "code": "mandate.start_in_past",
                 "message": "The start date is in the past."}]}

``code`` and each error's ``code`` are stable machine codes (the registry's own, see
``mandate_resolver.registry.errors``); ``title``, ``detail`` and ``message`` follow Accept-Language.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from flask import Response

from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.lifecycle import RowProblem

from ..i18n import MESSAGES, current_language

PROBLEM_JSON: Final = "application/problem+json"
TYPE_PREFIX: Final = "urn:mandate-idp:problem:"
# The registry's names for what the API calls otherwise: the acting party is the path parameter "party".
_FIELD_NAMES: Final = {"acting_for": "party", "mandate_type_code": "mandate_type"}


@dataclass(frozen=True, slots=True)
class FieldError:
    """One thing wrong with one field; ``field`` is a path into the request (``rows[3].valid_from``), or
    None when the request as a whole is at fault."""

    field: str | None
    code: str
    message: str


class ApiProblem(Exception):  # noqa: N818 - a problem document, as RFC 9457 names it
    """A refusal, raised anywhere below a view and answered as ``application/problem+json``."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        errors: Sequence[FieldError] = (),
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.errors = tuple(errors)
        self.params = dict(params or {})
        self.headers = dict(headers or {})


@dataclass(frozen=True, slots=True)
class Problem:
    """The document, as sent."""

    status: int
    code: str
    title: str
    detail: str
    errors: tuple[FieldError, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        document: dict[str, object] = {
            "type": TYPE_PREFIX + self.code,
            "title": self.title,
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
        }
        if self.errors:
            document["errors"] = [{"field": e.field, "code": e.code, "message": e.message} for e in self.errors]
        return document


class _Blank(dict[str, str]):
    """Placeholders a message has but the error did not fill stay empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def translate_code(code: str, params: Mapping[str, str] | None = None, *, fallback: str = "") -> str:
    """The message for ``code`` (``api.problem.<code>``) in the request's language, ``fallback`` if none."""
    entry = MESSAGES.get(f"api.problem.{code}")
    if entry is None:
        return fallback or code
    text = entry.get(current_language()) or entry["en"]
    return string.Formatter().vformat(text, (), _Blank(params or {}))


def title_of(status: int) -> str:
    entry = MESSAGES.get(f"api.title.{status}") or MESSAGES["api.title.400"]
    return entry.get(current_language()) or entry["en"]


def field_error(error: RegistryError) -> FieldError:
    """A registry error as a field error."""
    return registry_field_error(error.field, error.code, error.params, error.message)


def registry_field_error(
    field: str | None, code: str, params: Mapping[str, str], message: str, *, prefix: str = ""
) -> FieldError:
    """A problem the registry found, its field named as the API names it; ``prefix`` places it in a
    list (``rows[3].``): a bulk report's row problems."""
    name = _FIELD_NAMES.get(field, field) if field is not None else None
    if name == "notify_emails" and "index" in params:
        name = f"notify_emails[{params['index']}]"
    path = f"{prefix}{name}" if name else (prefix.rstrip(".") or None)
    return FieldError(path, code, translate_code(code, params, fallback=message))


def row_errors(problems: Sequence[RowProblem], list_name: str | None) -> list[FieldError]:
    """A bulk action's problems (rows count from 1 there), paths counting from 0 as in JSON;
    ``list_name`` None: the one row is the whole body."""
    # In a list of mandate ids, every problem is about the id itself.
    by_item = list_name == "mandate_ids"
    return [
        registry_field_error(
            None if by_item else p.field,
            p.code,
            p.params,
            p.message,
            prefix=f"{list_name}[{p.row - 1}]." if list_name else "",
        )
        for p in problems
    ]


def _row_of(field: str | None) -> str | None:
    """``rows[3]`` for ``rows[3].valid_from``; a field of a single body is its own row."""
    if field is not None and field.startswith("rows["):
        return field.partition("]")[0] + "]"
    return field


def rejected(code: str, first: Sequence[FieldError], then: Sequence[FieldError] = ()) -> ApiProblem | None:
    """One 422 listing ``first`` (what the request's parsing found) and those of ``then`` (what the service
    found) on other fields, or other rows of a bulk, or None when both are empty: a mistake is reported once."""
    named = {_row_of(error.field) for error in first}
    # A row with a wrong field was checked with that field's default: what the service says of it is noise.
    errors = [*first, *(e for e in then if None not in named and _row_of(e.field) not in named)]
    if not errors:
        return None
    rows = {error.field.partition("]")[0] for error in errors if error.field and error.field.startswith("rows[")}
    return ApiProblem(422, code, errors=errors, params={"count": str(len(rows) or 1)})


def from_registry_error(error: RegistryError) -> ApiProblem:
    """A refusal of the registry service: field-level input problems become 422, the others keep their status."""
    status = 422 if error.status == 400 else error.status
    if status == 422:
        return ApiProblem(422, "request.invalid", errors=[field_error(error)])
    return ApiProblem(status, error.code, errors=[field_error(error)], params=error.params)


def render(problem: ApiProblem) -> Response:
    detail = translate_code(problem.code, problem.params, fallback=title_of(problem.status))
    document = Problem(problem.status, problem.code, title_of(problem.status), detail, problem.errors)
    body = json.dumps(document.to_json(), ensure_ascii=False)
    response = Response(body, status=problem.status, mimetype=PROBLEM_JSON)
    response.headers["Content-Language"] = current_language()
    response.headers["Cache-Control"] = "no-store"
    for name, value in problem.headers.items():
        response.headers[name] = value
    return response
