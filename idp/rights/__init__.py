"""User rights (IDM): local administrators grant and end rights for their organisation; "my profile"."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the rights pages and messages."""
