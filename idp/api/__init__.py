"""The JSON API over the registry's services (mandates, rights), for software acting for its users.

Described by ``docs/api.yaml`` (served at ``/api/v1/openapi.json``); every operation needs an access
token of our own OpenID Provider with the operation's scope (``mandates:read``, ``mandates:write``); every
refusal is ``application/problem+json`` with field-level errors in the caller's language.
"""

from __future__ import annotations

from flask import Flask

from .. import i18n
from . import models  # noqa: F401 - the API's table shares the registry's metadata
from .messages import CONSENT_MESSAGES

# The consent screen names every scope a client may ask for, app or no app (as idp.i18n's own texts).
i18n.MESSAGES.update(CONSENT_MESSAGES)


def init_app(app: Flask) -> None:
    """Register the API and its OpenAPI document."""
    from . import actions, document, views  # noqa: F401 - add their views to the blueprint
    from .blueprint import bp
    from .messages import MESSAGES

    i18n.MESSAGES.update(MESSAGES)
    app.register_blueprint(bp)
