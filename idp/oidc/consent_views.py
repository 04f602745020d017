"""The person's own view of their consents: which applications they allowed to receive what, and
withdrawing it (the application's tokens end at once, and it must ask again).

- GET  /profile/applications                      the list;
- POST /profile/applications/<client_id>/withdraw  withdraw (CSRF-checked; a GET never changes anything).
"""

from __future__ import annotations

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import utcnow

from .. import csrf
from ..database import db_session
from ..portal.context import require_login
from ..sessions import current_session
from .consent import consents_of, withdraw_consent

consents_bp = csrf.protect(Blueprint("consents", __name__, url_prefix="/profile/applications"))


@consents_bp.get("")
@require_login
def consents() -> Response:
    active = current_session()
    assert active is not None  # require_login
    response = make_response(
        render_template(
            "oidc/consents.html", consents=consents_of(db_session(), active.user.id), done=request.args.get("done")
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@consents_bp.post("/<client_id>/withdraw")
@require_login
def withdraw(client_id: str) -> Response:
    active = current_session()
    assert active is not None  # require_login
    if not withdraw_consent(db_session(), active.user.id, client_id, now=utcnow()):
        abort(404)  # nothing of this person's to withdraw (another person's consent is not reachable)
    return redirect(url_for("consents.consents", done="withdrawn"), code=303)
