"""The JSON API over the registry's services (mandates, rights), for software acting for its users."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the API and its OpenAPI document."""
