"""The login pages: password, one-time code, recovery code, logout. Views are thin: parse, call, render.

Form contract (the protocol layers' flow tests rely on it):
- GET  /login?pending=<id>     the login page, or straight on to the selection when the session suffices;
- POST /login/password         username, password, pending, csrf_token;
- GET  /login/totp?pending=    POST /login/totp: code, pending, csrf_token;
- GET  /login/recovery?pending= POST /login/recovery: recovery_code, pending, csrf_token;
- GET  /logout (a page with the form), POST /logout: csrf_token.
Every redirect is 303 (RFC 9110 §15.4.4: the browser follows with GET; SECURITY.md O29).
"""

from __future__ import annotations

from flask import Blueprint, make_response, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import utcnow

from .. import csrf
from ..database import db_session
from ..i18n import translate
from ..models import PendingLogin
from ..sessions import current_session
from . import acr, authn, journey, throttle
from .logout import frame_sources, log_out
from .pending import PendingLoginError, finish, load_pending

bp = csrf.protect(Blueprint("login", __name__))


class _ExpiredLoginError(Exception):
    pass


def pending_from_request() -> PendingLogin | None:
    """The pending login named by ``pending`` (query or form), or None; an expired one is an error page."""
    pending_id = request.values.get("pending", "")
    if not pending_id:
        return None
    try:
        pending = load_pending(pending_id)
    except PendingLoginError:
        raise _ExpiredLoginError() from None
    journey.apply_ui_locales(pending)
    return pending


@bp.errorhandler(_ExpiredLoginError)
def _expired(_error: _ExpiredLoginError) -> tuple[str, int]:
    return render_template("error.html", message=translate("login.expired"), status=400), 400


def render_login(
    pending: PendingLogin | None, *, error: str = "", username: str = "", status: int = 200, field: str = ""
) -> Response:
    response = make_response(
        render_template(
            "login/login.html",
            pending=pending,
            next_url=journey.safe_next(request.values.get("next")),
            means=journey.order_means(journey.available_means()),
            upstreams=journey.settings().upstreams,
            last_means=journey.last_means(),
            error=error,
            error_field=field,
            username=username,
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/login")
def start() -> Response:
    pending = pending_from_request()
    active = current_session()
    if pending is not None:
        if active is not None and journey.session_satisfies(active, pending):
            return redirect(url_for("selection.show", pending=pending.id), code=303)
        if pending.passive:
            # OIDC Core §3.1.2.6 / SAML NoPassive: no page may be shown.
            return finish(pending, error="login_required", description="no usable session")
    elif active is not None and "next" in request.args and request.args.get("reauth") != "1":
        # ``reauth=1``: the page asks for a new login (the portal, to act for another party; M17).
        return redirect(journey.safe_next(request.args.get("next")), code=303)
    return render_login(pending)


@bp.post("/login/password")
def password() -> Response:
    pending = pending_from_request()
    username = request.form.get("username", "").strip()[: authn.MAX_USERNAME_LENGTH + 1]
    secret = request.form.get("password", "")
    if not username or not secret:
        field = "username" if not username else "password"
        return render_login(pending, error=f"login.missing_{field}", username=username, status=400, field=field)
    keys = journey.throttle_keys(username)
    profile = journey.password_profile()
    outcome = authn.check_password(db_session(), username, secret, keys=keys, now=utcnow(), profile=profile)
    if outcome.wait_s:
        response = render_login(pending, error="login.throttled", username=username, status=429)
        response.headers["Retry-After"] = str(outcome.wait_s)
        return response
    if outcome.user is None:
        # One message for unknown user, wrong password and disabled account (L06).
        return render_login(pending, error="login.failed", username=username, status=400, field="username")
    user = outcome.user
    next_url = request.form.get("next", "")
    if authn.has_second_factor(db_session(), user.id):
        journey.remember_first_factor(user, pending=pending, next_url=next_url)
        return redirect(url_for("login.totp", pending=pending.id if pending else None), code=303)
    if journey.required_level(pending) > acr.level_of(acr.ACR_LOW):
        return render_login(pending, error="login.level_too_low", status=403)
    return journey.complete_authentication(
        user, level_acr=acr.ACR_LOW, amr=acr.AMR_PASSWORD, means="password", pending=pending, next_url=next_url
    )


def _render_code_page(template: str, pending: PendingLogin | None, *, error: str = "", status: int = 200) -> Response:
    response = make_response(render_template(template, pending=pending, error=error), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _check_code(kind: str) -> Response:
    pending = pending_from_request()
    state = journey.first_factor_user(pending.id if pending is not None else "")
    template = "login/totp.html" if kind == "totp" else "login/recovery.html"
    if state is None:
        return redirect(url_for("login.start", pending=pending.id if pending else None), code=303)
    user, next_url = state
    if request.method == "GET":
        return _render_code_page(template, pending)
    field = "code" if kind == "totp" else "recovery_code"
    code = request.form.get(field, "")[:64]
    if not code.strip():
        return _render_code_page(template, pending, error=f"login.missing_{field}", status=400)
    db = db_session()
    now = utcnow()
    keys = journey.throttle_keys(user.username)
    wait = throttle.blocked_for(db, keys, now)
    if wait:
        response = _render_code_page(template, pending, error="login.throttled", status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    ok = authn.check_totp(db, user, code, now=now) if kind == "totp" else authn.use_recovery_code(db, user, code)
    if not ok:
        throttle.record_failure(db, keys, now)
        return _render_code_page(template, pending, error=f"login.wrong_{field}", status=400)
    throttle.record_success(db, keys.keys[0][0])
    return journey.complete_authentication(
        user,
        level_acr=acr.ACR_SUBSTANTIAL,
        amr=acr.AMR_PASSWORD_TOTP if kind == "totp" else acr.AMR_PASSWORD_RECOVERY,
        means="password",
        pending=pending,
        next_url=next_url,
    )


@bp.route("/login/totp", methods=["GET", "POST"])
def totp() -> Response:
    return _check_code("totp")


@bp.route("/login/recovery", methods=["GET", "POST"])
def recovery() -> Response:
    return _check_code("recovery")


@bp.get("/logout")
def logout_page() -> Response:
    active = current_session()
    template = "login/logout.html" if active is not None else "login/logged_out.html"
    return make_response(render_template(template, frames=[]))


@bp.post("/logout")
def logout() -> Response:
    active = current_session()
    frames = log_out(active) if active is not None else []
    session.pop("authn", None)
    csrf.rotate_token()
    response = make_response(render_template("login/logged_out.html", frames=frames))
    if frames:
        # The logged-out page loads each application's front-channel logout URL in a hidden frame.
        origins = frame_sources(frames)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"frame-src {origins}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )
    response.headers["Cache-Control"] = "no-store"
    return response
