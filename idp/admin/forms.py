"""Reading admin forms and showing their problems: one translated message per field, never a stack trace."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask import make_response, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from mandate_resolver.registry.errors import RegistryError

from .. import i18n

MAX_FIELD = 10_000
# Row ids are 32-bit integer columns: a larger id in a URL is simply not found (PostgreSQL would refuse it).
MAX_ID = 2_147_483_647


def page(template: str, code: int = 200, /, **context: object) -> Response:
    """A rendered page as a response (the role check adds ``Cache-Control: no-store``)."""
    return make_response(render_template(template, **context), code)


def translated(code: str, params: Mapping[str, str] | None = None, fallback: str = "") -> str:
    """The message ``code`` in the page's language, filled with ``params``; ``fallback`` when unknown."""
    if code not in i18n.MESSAGES:
        return fallback or code
    entry = i18n.MESSAGES[code]
    text = entry.get(i18n.current_language()) or entry.get("nl") or code
    try:
        return text.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return text


@dataclass
class Problems:
    """Problems of one form: by field (shown next to it) and in order (the summary at the top)."""

    by_field: dict[str, str] = field(default_factory=dict)
    summary: list[tuple[str, str]] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.by_field.setdefault(field_name, message)
        self.summary.append((field_name, message))

    def add_errors(self, errors: Iterable[RegistryError]) -> None:
        for error in errors:
            self.add(error.field or "", translated(error.code, error.params, str(error)))

    def __bool__(self) -> bool:
        return bool(self.summary)


def text(form: MultiDict[str, str], name: str, limit: int = MAX_FIELD) -> str:
    """A text field, cut at ``limit`` characters (the service checks the real limits)."""
    return form.get(name, "")[: limit + 1]


def lines(form: MultiDict[str, str], name: str) -> list[str]:
    """A textarea of one value per line (URIs), without blank lines."""
    return [line.strip() for line in text(form, name).splitlines() if line.strip()]


def done_flag(*allowed: str) -> str:
    """The ``done`` query parameter of a page a change redirected to, if it is one of ``allowed``."""
    done = request.args.get("done", "")
    return done if done in allowed else ""


def checked(form: MultiDict[str, str], name: str) -> bool:
    return form.get(name) in ("1", "on", "true", "yes")
