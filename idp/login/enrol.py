"""Setting up a second factor: an authenticator app by QR code, and recovery codes (shown once).

- GET  /login/totp/enrol   a new secret as a QR code (and as text, for typing it in);
- POST /login/totp/enrol   code, csrf_token: the app works, so the secret is stored and recovery codes made;
- POST /login/recovery-codes  csrf_token: replace the recovery codes.
All need a live session; without one the person logs in first and comes back here.
"""

from __future__ import annotations

import segno
from flask import make_response, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import utcnow
from mandate_resolver.registry.passwords import is_totp_secret, new_totp_secret, totp_uri

from ..database import db_session
from ..i18n import translate
from ..sessions import ActiveSession, current_session
from . import authn
from .views import bp

ENROL_KEY = "totp_enrol"


def _login_first() -> Response:
    return redirect(url_for("login.start", next=url_for("login.enrol_totp")), code=303)


def _render_enrol(active: ActiveSession, secret: str, *, error: str = "", status: int = 200) -> Response:
    uri = totp_uri(secret, active.user.username, translate("service.name"))
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, border=2)
    response = make_response(
        render_template("login/enrol_totp.html", qr=qr, secret=secret, error=error, uri=uri), status
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _render_codes(codes: list[str]) -> Response:
    response = make_response(render_template("login/recovery_codes.html", codes=codes))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login/totp/enrol", methods=["GET", "POST"])
def enrol_totp() -> Response:
    active = current_session()
    if active is None:
        return _login_first()
    secret = session.get(ENROL_KEY)
    if request.method == "GET" or not isinstance(secret, str) or not is_totp_secret(secret):
        secret = new_totp_secret()
        session[ENROL_KEY] = secret
        return _render_enrol(active, secret)
    code = request.form.get("code", "")[:64]
    now = utcnow()
    if not authn.verify_totp_secret(secret, code, now=now):
        return _render_enrol(active, secret, error="enrol.wrong_code", status=400)
    db = db_session()
    authn.enrol_totp(db, active.user, secret, now=now)
    session.pop(ENROL_KEY, None)
    return _render_codes(authn.new_recovery_codes(db, active.user))


@bp.post("/login/recovery-codes")
def renew_recovery_codes() -> Response:
    active = current_session()
    if active is None:
        return _login_first()
    return _render_codes(authn.new_recovery_codes(db_session(), active.user))
