"""The steps between authentication means and selection: may the live session serve this login, and what
happens once someone has proved who they are (new session, new CSRF token, on to "namens wie")."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Final
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import User, utcnow
from mandate_resolver.registry.passwords import DEFAULT_PROFILE, HashProfile

from .. import csrf
from ..database import db_session
from ..models import PendingLogin
from ..sessions import ActiveSession, open_session
from ..settings import LANGUAGES, Settings
from . import acr, throttle
from .models import ApplicationLoginPolicy

LAST_MEANS_COOKIE: Final = "idp_last_means"
DEVICE_COOKIE: Final = "idp_device"
# How long the step between password and one-time code may take.
SECOND_FACTOR_WINDOW: Final = dt.timedelta(minutes=5)
MEANS: Final = ("password", "passkey", "upstream")


def settings() -> Settings:
    value: Settings = current_app.extensions["idp.settings"]
    return value


def password_profile() -> HashProfile:
    """The argon2 profile of this deployment's password hashes (default: the production one)."""
    profile: HashProfile = current_app.extensions.get("idp.password_profile", DEFAULT_PROFILE)
    return profile


def required_level(pending: PendingLogin | None) -> int:
    """The level this login must reach: the application's minimum and the request's demand."""
    if pending is None:
        return 0
    policy = db_session().get(ApplicationLoginPolicy, pending.client_id)
    return acr.required_level(pending.acr_values, policy.min_acr if policy else "")


def session_satisfies(active: ActiveSession, pending: PendingLogin, now: dt.datetime | None = None) -> bool:
    """May the live session serve ``pending`` without authenticating again?

    It may when it authenticated inside this very journey, or when the request does not force a new
    authentication (OIDC prompt=login, SAML ForceAuthn), the authentication is recent enough (max_age) and
    strong enough (acr).
    """
    if pending.session_id is not None and pending.session_id == active.session.id:
        return True
    if pending.force_authn:
        return False
    now = now or utcnow()
    # OIDC Core §3.1.2.1: max_age is the allowable elapsed time since the last active authentication.
    if pending.max_age_s is not None and (now - active.authenticated_at).total_seconds() > pending.max_age_s:
        return False
    return acr.level_of(active.session.acr) >= required_level(pending)


def safe_next(value: str | None) -> str:
    """A same-origin path to continue to, or the home page (L09: no open redirect)."""
    fallback = url_for("index")
    if not value or len(value) > 2000:
        return fallback
    if any(ch in value for ch in "\\\r\n\t") or not value.startswith("/") or value.startswith("//"):
        return fallback
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return fallback
    return value


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="idp.login.device")


def account_throttle_key(username: str) -> str:
    """The account counter this browser is charged to: its own when it logged in to the account before."""
    account = throttle.account_key(username)
    token = request.cookies.get(DEVICE_COOKIE, "")
    if token and len(token) < 500:
        try:
            known = _device_serializer().loads(token)
        except BadSignature:
            known = None
        if isinstance(known, list) and len(known) == 2 and known[0] == account:
            return "device:" + hashlib.sha256(f"{account}:{known[1]}".encode()).hexdigest()
    return account


def throttle_keys(username: str) -> throttle.ThrottleKeys:
    return throttle.ThrottleKeys.for_attempt(
        account=account_throttle_key(username),
        address=throttle.client_address(settings().server.trusted_proxies),
    )


def last_means() -> str:
    """The means this browser used last time ("" on a first visit)."""
    value = request.cookies.get(LAST_MEANS_COOKIE, "")
    return value if value in MEANS else ""


def available_means() -> list[str]:
    """The means the login page offers: password, passkey (where the browser can), configured upstreams."""
    means = ["password", "passkey"]
    if settings().upstreams:
        means.append("upstream")
    return means


def order_means(available: Sequence[str]) -> list[str]:
    """The means on offer, the one used last first (ACM step 2)."""
    last = last_means()
    return sorted(available, key=lambda means: means != last)


def complete_authentication(
    user: User, *, level_acr: str, amr: Sequence[str], means: str, pending: PendingLogin | None, next_url: str
) -> Response:
    """Open a new session (new cookie: L01), renew the CSRF token, and go on to the selection (303)."""
    session.pop("authn", None)
    active = open_session(user, acr=level_acr, amr=list(amr))
    csrf.rotate_token()
    if pending is not None:
        pending.session_id = active.session.id
        pending.user_id = user.id
        pending.status = "authenticated"
        db_session().commit()
        response = redirect(url_for("selection.show", pending=pending.id), code=303)
    else:
        response = redirect(safe_next(next_url), code=303)
    cookie = {"httponly": True, "samesite": "Lax", "secure": settings().cookie_secure, "max_age": 365 * 86400}
    response.set_cookie(LAST_MEANS_COOKIE, means, **cookie)  # type: ignore[arg-type]
    device = _device_serializer().dumps([throttle.account_key(user.username), secrets.token_urlsafe(12)])
    response.set_cookie(DEVICE_COOKIE, device, **cookie)  # type: ignore[arg-type]
    return response


def remember_first_factor(user: User, *, pending: PendingLogin | None, next_url: str) -> None:
    """Keep "password checked" for the next step (one-time code) in the signed session, briefly."""
    session["authn"] = {
        "user_id": user.id,
        "pending": pending.id if pending is not None else "",
        "next": safe_next(next_url),
        "at": int(utcnow().timestamp()),
    }


def first_factor_user(pending_id: str) -> tuple[User, str] | None:
    """The user who passed the first factor for this pending login (with where to go next), within the
    window for the second step."""
    state = session.get("authn")
    if not isinstance(state, dict) or state.get("pending", "") != (pending_id or ""):
        return None
    at = state.get("at")
    if not isinstance(at, int) or utcnow() - dt.datetime.fromtimestamp(at, dt.UTC) > SECOND_FACTOR_WINDOW:
        return None
    user = db_session().get(User, state.get("user_id"))
    if user is None or user.disabled:
        return None
    return user, str(state.get("next", ""))


def apply_ui_locales(pending: PendingLogin) -> None:
    """Show the journey in the language the application asked for (OIDC ``ui_locales``), unless the person
    picked one on this page (``?lang=``)."""
    if "lang" in request.args or not pending.ui_locales:
        return
    for tag in pending.ui_locales.split():
        language = tag.split("-")[0].lower()
        if language in LANGUAGES:
            g.language = language
            return
