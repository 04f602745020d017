"""A problem of a grouped action or an upload line, in the user's language.

The service's and the reader's codes are the translation keys (``bulk.problem.<code>``, see
``bulk_messages.py``); a code without a text of its own keeps a readable sentence that names it, so a rule
added to the registry later never shows as a bare key or a 500.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from .. import i18n
from .csv_reading import LineProblem

__all__ = ["ShownProblem", "column_label", "message", "problem_text", "shown"]

# Parameter values that are words of ours, translated before they go into a sentence.
_WORDS = {"side": "bulk.word.", "kind": "bulk.word.", "from_state": "bulk.state.", "action": "bulk.action."}


@dataclass(frozen=True, slots=True)
class ShownProblem:
    line: int
    column: str
    message: str


def _text(key: str, params: Mapping[str, str]) -> str | None:
    entry = i18n.MESSAGES.get(key)
    if entry is None:
        return None
    template = entry.get(i18n.current_language()) or entry.get("nl") or ""
    # A missing placeholder becomes empty, never a KeyError; values are inserted, never formatted again.
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format_map({name: params.get(name, "") for name in names})


def message(key: str, **params: str) -> str:
    """``translate`` that never fails on a placeholder the parameters lack."""
    return _text(key, params) or key


def problem_text(code: str, params: Mapping[str, str]) -> str:
    """The sentence for ``code``, e.g. ``mandate.duplicate`` with ``{"line": "7"}``."""
    values = dict(params)
    for name, prefix in _WORDS.items():
        if name in values and f"{prefix}{values[name]}" in i18n.MESSAGES:
            values[name] = i18n.translate(f"{prefix}{values[name]}")
    variant = "line" if code == "mandate.duplicate" and "line" in values else ""
    for key in (f"bulk.problem.{code}.{variant}" if variant else "", f"bulk.problem.{code}", f"portal.error.{code}"):
        text = _text(key, values) if key else None
        if text:
            return text
    return _text("bulk.problem.unknown", {"code": code[:64]}) or code


def column_label(column: str | None) -> str:
    if not column:
        return ""
    key = f"bulk.column.{column}"
    return i18n.translate(key) if key in i18n.MESSAGES else column


def shown(problems: list[LineProblem]) -> list[ShownProblem]:
    return [ShownProblem(p.line, column_label(p.field), problem_text(p.code, p.params)) for p in problems]
