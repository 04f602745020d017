"""User rights (IDM): local administrators grant and end rights for their organisation; "my profile"."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the rights pages and messages."""
    from .. import i18n
    from . import actions, views  # noqa: F401 - add their views to the rights blueprint
    from .blueprint import bp
    from .messages import MESSAGES

    i18n.MESSAGES.update(MESSAGES)
    app.jinja_env.filters["rights_date"] = views.display_date
    app.register_blueprint(bp)
