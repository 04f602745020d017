"""Administration (mandate types, applications, keys, audit) and the read-only helpdesk."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the administration and helpdesk pages and messages."""
    from .. import i18n
    from . import application_views, helpdesk, mandate_type_views, views  # noqa: F401 - add their views
    from .application_messages import MESSAGES as APPLICATION_MESSAGES
    from .blueprints import admin_bp, helpdesk_bp
    from .helpdesk_messages import MESSAGES as HELPDESK_MESSAGES
    from .messages import MESSAGES

    i18n.MESSAGES.update(MESSAGES)
    i18n.MESSAGES.update(APPLICATION_MESSAGES)
    i18n.MESSAGES.update(HELPDESK_MESSAGES)
    app.register_blueprint(admin_bp)
    app.register_blueprint(helpdesk_bp)
