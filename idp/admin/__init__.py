"""Administration (mandate types, applications, keys, audit) and the read-only helpdesk."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the administration and helpdesk pages and messages."""
