"""Pending logins: how a protocol layer hands a login to the journey and gets it back.

The protocol layer (OIDC, SAML) validates its request, then calls ``start_login``: the journey
authenticates the person, asks "on behalf of whom", and finally sends the browser to the protocol
layer's ``resume_endpoint`` with ``?pending=<id>``. There the protocol layer calls ``take_result`` —
exactly once — and answers its relying party. Neither side knows the other's protocol.

    # in a protocol view
    return start_login(LoginRequest(protocol="oidc", client_id=client.client_id,
                                    resume_endpoint="oidc.resume", protocol_request=params))
    # in the resume view
    result = take_result(request.args["pending"])
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from flask import g, redirect, request, url_for
from sqlalchemy import update
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import as_utc, utcnow

from ..database import db_session
from ..models import PendingLogin

PENDING_TTL = dt.timedelta(minutes=30)
BINDING_COOKIE = "idp_login_binding"
# Where the journey starts; the login blueprint registers this endpoint.
JOURNEY_ENDPOINT = "login.start"


@dataclass(frozen=True, slots=True)
class LoginRequest:
    """What a protocol layer asks of the journey."""

    protocol: str
    client_id: str
    resume_endpoint: str
    protocol_request: Mapping[str, object] = field(default_factory=dict)
    # OIDC prompt=login / SAML ForceAuthn: authenticate again even with a live session.
    force_authn: bool = False
    # OIDC prompt=none / SAML IsPassive: never show a page; fail instead.
    passive: bool = False
    # OIDC prompt=select_account: show "on behalf of whom" even when the choice is obvious.
    select_account: bool = False
    max_age_s: int | None = None
    acr_values: Sequence[str] = ()
    login_hint: str = ""
    ui_locales: str = ""


class PendingLoginError(Exception):
    """The pending login is unknown, expired, already used, or belongs to another browser."""


def _binding_hash(value: str) -> str:
    return hashlib.sha256(value.encode("ascii", "replace")).hexdigest()


def start_login(login: LoginRequest, *, now: dt.datetime | None = None) -> Response:
    """Store the pending login bound to this browser and send the browser into the journey (303)."""
    now = now or utcnow()
    binding = request.cookies.get(BINDING_COOKIE)
    if not binding or len(binding) > 100:
        binding = secrets.token_urlsafe(32)
    pending = PendingLogin(
        id=secrets.token_urlsafe(32),
        browser_binding=_binding_hash(binding),
        protocol=login.protocol,
        client_id=login.client_id,
        resume_endpoint=login.resume_endpoint,
        protocol_request=dict(login.protocol_request),
        force_authn=login.force_authn,
        passive=login.passive,
        select_account=login.select_account,
        max_age_s=login.max_age_s,
        acr_values=list(login.acr_values),
        login_hint=login.login_hint[:2048],
        ui_locales=login.ui_locales[:64],
        created_at=now,
        expires_at=now + PENDING_TTL,
    )
    db = db_session()
    db.add(pending)
    db.commit()
    response = redirect(url_for(JOURNEY_ENDPOINT, pending=pending.id), code=303)
    response.set_cookie(BINDING_COOKIE, binding, httponly=True, samesite="Lax", secure=request.is_secure, path="/")
    return response


def load_pending(pending_id: str, *, now: dt.datetime | None = None) -> PendingLogin:
    """The pending login ``pending_id`` if this browser started it and it has not expired or finished."""
    pending = _load_bound(pending_id, now or utcnow())
    if pending.status in {"completed", "failed", "consumed"}:
        raise PendingLoginError("this login has already finished")
    return pending


def _load_bound(pending_id: str, now: dt.datetime) -> PendingLogin:
    if not pending_id or len(pending_id) > 64:
        raise PendingLoginError("unknown login")
    pending = db_session().get(PendingLogin, pending_id)
    if pending is None:
        raise PendingLoginError("unknown login")
    binding = request.cookies.get(BINDING_COOKIE, "")
    if not binding or not secrets.compare_digest(_binding_hash(binding), pending.browser_binding):
        raise PendingLoginError("this login was started in another browser")
    if as_utc(pending.expires_at) <= now:
        raise PendingLoginError("this login has expired")
    return pending


def finish(pending: PendingLogin, *, error: str = "", description: str = "") -> Response:
    """End the journey (with a selection stored, or with a protocol error) and go back to the protocol."""
    pending.status = "failed" if error else "completed"
    pending.error = error
    pending.error_description = description[:500]
    db_session().commit()
    return redirect(url_for(pending.resume_endpoint, pending=pending.id), code=303)


def peek_result(pending_id: str, *, now: dt.datetime | None = None) -> PendingLogin:
    """The finished login, bound to this browser, without handing it out: for a protocol layer that asks
    one more question (OIDC consent) before it calls ``take_result``."""
    pending = _load_bound(pending_id, now or utcnow())
    if pending.status not in {"completed", "failed"}:
        raise PendingLoginError("this login has already been used or is not finished")
    return pending


def take_result(pending_id: str, *, now: dt.datetime | None = None) -> PendingLogin:
    """The finished login, handed out once: a second call (a replayed resume URL) fails."""
    pending = _load_bound(pending_id, now or utcnow())
    db = db_session()
    # Single use across workers: only the request whose update changed the row may answer.
    claimed = db.execute(
        update(PendingLogin)
        .where(PendingLogin.id == pending.id, PendingLogin.status.in_(("completed", "failed")))
        .values(status="consumed")
    )
    db.commit()
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise PendingLoginError("this login has already been used or is not finished")
    db.refresh(pending)
    g.pending_login = pending
    return pending
