"""The login journey: authentication means and the pending login that carries a protocol request through it."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, request

# Query parameters a page needs to be shown again in another language (never a password or a token).
_KEPT_PARAMETERS = ("pending", "next", "client_id", "q", "after", "principal")


def language_url(code: str) -> str:
    """This page in language ``code``: same path, its navigation parameters kept, ``lang`` set.

    A page rendered in answer to a POST is reached again by GET (the password form's page is /login).
    """
    kept = [(name, request.values[name]) for name in _KEPT_PARAMETERS if request.values.get(name)]
    path = "/login" if request.path == "/login/password" else request.path
    return path + "?" + urlencode([*kept, ("lang", code)])


def init_app(app: Flask) -> None:
    """Register the journey: login and selection pages, CSRF, the session cookie hook, the messages."""
    from .. import csrf, i18n
    from ..selection.views import bp as selection_bp
    from ..sessions import set_session_cookie
    from . import enrol, passkey, upstream  # noqa: F401 - add their views to the login blueprint
    from .messages import MESSAGES
    from .views import bp as login_bp

    i18n.MESSAGES.update(MESSAGES)
    csrf.init_app(app)
    app.jinja_env.globals["language_url"] = language_url
    app.after_request(set_session_cookie)
    app.register_blueprint(login_bp)
    app.register_blueprint(selection_bp)
