"""What every signed-in page's header needs: who is signed in, their roles, and which pages exist.

Templates call ``signed_in()`` (the live session or None), ``has_role("admin")`` and ``has_endpoint(name)``,
so the menu shows only what this person may open and what this deployment has registered.
"""

from __future__ import annotations

from flask import Flask, current_app

from .sessions import ActiveSession, current_session


def signed_in() -> ActiveSession | None:
    return current_session()


def has_role(role: str) -> bool:
    active = current_session()
    return active is not None and any(r.role == role for r in active.user.roles)


def has_endpoint(name: str) -> bool:
    return name in current_app.view_functions


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(signed_in=signed_in, has_role=has_role, has_endpoint=has_endpoint)
