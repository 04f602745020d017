"""Helpers for the administration and helpdesk tests: this session's CSRF token, and POSTs carrying it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


def session_token(client: FlaskClient) -> str:
    """The CSRF token of this browser's session (created if none yet)."""
    with client.session_transaction() as state:
        token = state.get("csrf_token")
        if not isinstance(token, str):
            token = "t" * 43
            state["csrf_token"] = token
    return token


def send(client: FlaskClient, path: str, data: Mapping[str, str | Sequence[str]] | None = None) -> TestResponse:
    """POST ``data`` with the session's CSRF token."""
    return client.post(path, data={**(data or {}), "csrf_token": session_token(client)})


def type_form(code: str = "subsidy_b", **overrides: str | Sequence[str]) -> dict[str, str | Sequence[str]]:
    """A complete mandate type form in four languages."""
    form: dict[str, str | Sequence[str]] = {
        "code": code,
        "number": "",
        "mandator_kinds": ["organisation"],
        "mandatee_kinds": ["organisation", "person"],
    }
    for language in ("nl", "fr", "de", "en"):
        form[f"name_{language}"] = f"Subsidie B ({language})"
        form[f"description_{language}"] = f"Beschrijving {language}"
        form[f"creation_text_{language}"] = f"Ik ga akkoord ({language})."
        form[f"stop_text_{language}"] = f"Gestopt ({language})."
    form.update(overrides)
    return form
