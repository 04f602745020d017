"""The mandate portal (SSM self-service): a person enters in their own name or for one enterprise they
manage, then lists, creates, signs, stops, extends and transfers mandates, one at a time or in bulk.

People reach it through our own login journey, like any application: the same means, the same single
sign-on session. The party chosen at entry is bound to that login (``PortalEntry``); acting for another
party needs a new login (SSM; SECURITY.md M17).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the portal's pages and messages."""
    from .. import i18n
    from . import bulk, entry, mandates  # noqa: F401 - add their views to the portal blueprint
    from .blueprint import bp
    from .bulk_messages import MESSAGES as BULK_MESSAGES
    from .messages import MESSAGES

    i18n.MESSAGES.update(MESSAGES)
    i18n.MESSAGES.update(BULK_MESSAGES)
    app.register_blueprint(bp)
