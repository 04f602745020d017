"""CSRF protection for every form: a per-session token, checked on every state-changing request.

The token lives in the signed Flask session cookie; every form carries it in a hidden ``csrf_token`` field.
A blueprint opts in with ``protect(blueprint)``: each of its POST (PUT, PATCH, DELETE) requests must then
carry the token, must not be marked ``Sec-Fetch-Site: cross-site``, and, when the browser sends an
``Origin`` other than ``null``, come from our own origin.

    bp = Blueprint("portal", __name__)
    protect(bp)
    # template: <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">

A failure answers 403 with the error page, and nothing the view would have done happens. The token is
renewed at login (``rotate_token``), so a token learnt before authentication is dead afterwards (L01, L03).
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, request, session

log = logging.getLogger(__name__)

FIELD_NAME = "csrf_token"
HEADER_NAME = "X-CSRF-Token"
SESSION_KEY = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def csrf_token() -> str:
    """The browser's token, created on first use (templates call it as ``csrf_token()``)."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def rotate_token() -> str:
    """Issue a new token (at login and logout), so one seen before is worthless."""
    session[SESSION_KEY] = secrets.token_urlsafe(32)
    return str(session[SESSION_KEY])


def _allowed_origins() -> set[str]:
    issuer = urlsplit(current_app.extensions["idp.settings"].issuer)
    origins = {f"{issuer.scheme}://{issuer.netloc}".lower()}
    # Behind the same host name the request's own origin is ours too (local runs on another port).
    origins.add(request.host_url.rstrip("/").lower())
    return origins


def check_request() -> None:
    """Refuse (403) an unsafe request without a valid token or from a foreign origin."""
    if request.method not in UNSAFE_METHODS:
        return
    # Fetch Metadata: the browser itself says the request came from another site.
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        log.warning("CSRF: cross-site request to %s", request.path)
        abort(403)
    origin = request.headers.get("Origin")
    # Our pages send "Referrer-Policy: no-referrer", so browsers send "Origin: null" on our own forms
    # (Fetch §3.1, serializing a request origin): "null" proves nothing either way; the token decides.
    if origin is not None and origin != "null" and origin.rstrip("/").lower() not in _allowed_origins():
        log.warning("CSRF: foreign Origin %r on %s", origin[:200], request.path)
        abort(403)
    expected = session.get(SESSION_KEY)
    sent = request.form.get(FIELD_NAME) or request.headers.get(HEADER_NAME) or ""
    if not isinstance(expected, str) or not expected or not secrets.compare_digest(expected, sent[:200]):
        log.warning("CSRF: missing or wrong token on %s", request.path)
        abort(403)


def protect(blueprint: Blueprint) -> Blueprint:
    """Check the token on every unsafe request to ``blueprint``'s views."""
    blueprint.before_request(check_request)
    return blueprint


def init_app(app: Flask) -> None:
    """Make ``csrf_token()`` available to every template."""
    app.jinja_env.globals["csrf_token"] = csrf_token
