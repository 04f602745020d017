"""The two blueprints, /admin and /helpdesk, and the role check every one of their pages goes through.

Without a login a page sends to the login page (and back afterwards); a signed-in person without the role
gets 403 (SECURITY.md M09, M16). Every POST needs the CSRF token (``csrf.protect``), checked before the
view runs, so a forged request changes nothing whoever sends it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask import Blueprint, abort, g, redirect, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.authority import HELPDESK, Actor

from .. import csrf
from ..sessions import current_session

P = ParamSpec("P")

ADMIN = "admin"

admin_bp = csrf.protect(Blueprint("admin", __name__, url_prefix="/admin"))
helpdesk_bp = csrf.protect(Blueprint("helpdesk", __name__, url_prefix="/helpdesk"))


def _login_redirect(home: str) -> Response:
    back = request.full_path.rstrip("?") if request.method == "GET" else url_for(home)
    return redirect(url_for("login.start", next=back), code=303)


def require_role(role: str, home: str) -> Callable[[Callable[P, Response]], Callable[P, Response]]:
    """The page needs a live session of a user holding ``role``; ``home`` is where a POST returns after login."""

    def decorate(view: Callable[P, Response]) -> Callable[P, Response]:
        @functools.wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> Response:
            active = current_session()
            if active is None:
                return _login_redirect(home)
            if active.user.disabled or not active.user.has_role(role):
                abort(403)
            g.admin_actor = Actor.from_user(active.user)
            response = view(*args, **kwargs)
            # Registry data and one-time secrets: never kept by a browser or a proxy.
            response.headers["Cache-Control"] = "no-store"
            return response

        return wrapped

    return decorate


def require_admin(view: Callable[P, Response]) -> Callable[P, Response]:
    return require_role(ADMIN, "admin.index")(view)


def require_helpdesk(view: Callable[P, Response]) -> Callable[P, Response]:
    return require_role(HELPDESK, "helpdesk.index")(view)


def actor() -> Actor:
    """The administrator or helpdesk reader of this request (set by ``require_role``)."""
    value: Actor = g.admin_actor
    return value
