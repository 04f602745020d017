"""Passkeys (WebAuthn Level 2) as a means of authentication, with user verification: a login of its own.

WebAuthn needs the browser's JavaScript API (``static/passkey.js``, no inline script); without JavaScript
the passkey button stays hidden and password + one-time code remain. JSON requests carry the CSRF token in
the ``X-CSRF-Token`` header.

- POST /login/passkey/options            a fresh challenge for ``navigator.credentials.get`` (discoverable);
- POST /login/passkey/verify             the assertion: verified against the stored public key, then
                                         the session opens; answers ``{"redirect": <where next>}``;
- GET  /login/passkey/enrol              (live session) the page to add a passkey;
- POST /login/passkey/register/options   a challenge for ``navigator.credentials.create``;
- POST /login/passkey/register           the attestation: verified and stored.

A passkey is a ``credentials`` row of kind ``webauthn``: ``label`` holds the credential id (base64url, how
an assertion is matched to it) and ``secret`` JSON with the COSE public key and the signature counter.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from typing import Any, Final
from urllib.parse import urlsplit

from flask import jsonify, make_response, redirect, render_template, request, session, url_for
from sqlalchemy import select
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import Credential, User

from ..database import db_session
from ..i18n import translate
from ..models import PendingLogin
from ..sessions import current_session
from . import acr, journey
from .pending import PendingLoginError, load_pending
from .views import bp

log = logging.getLogger(__name__)

CHALLENGE_KEY: Final = "passkey_challenge"
CHALLENGE_TTL_S: Final = 300
MAX_CREDENTIAL_ID_LENGTH: Final = 100
MAX_BODY_BYTES: Final = 64 * 1024


def relying_party() -> tuple[str, str]:
    """The WebAuthn RP ID and origin: the issuer's host, or this request's when running locally (tests,
    a laptop on another port or on ``localhost``)."""
    settings = journey.settings()
    base = request.host_url if settings.is_local else settings.issuer
    parts = urlsplit(base)
    return parts.hostname or "localhost", f"{parts.scheme}://{parts.netloc}"


def _new_challenge(purpose: str) -> bytes:
    challenge = secrets.token_bytes(32)
    session[CHALLENGE_KEY] = {"value": bytes_to_base64url(challenge), "purpose": purpose, "at": int(time.time())}
    return challenge


def _take_challenge(purpose: str) -> bytes | None:
    """The challenge issued for ``purpose``, once: a replayed assertion finds none."""
    state = session.pop(CHALLENGE_KEY, None)
    if not isinstance(state, dict) or state.get("purpose") != purpose:
        return None
    if int(state.get("at", 0)) + CHALLENGE_TTL_S < time.time():
        return None
    return base64url_to_bytes(str(state["value"]))


def _json_body() -> dict[str, Any] | None:
    if (request.content_length or 0) > MAX_BODY_BYTES:
        return None
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


def _refused(status: int = 400) -> tuple[Response, int]:
    return jsonify({"error": translate("passkey.failed")}), status


@bp.post("/login/passkey/options")
def passkey_options() -> Response:
    rp_id, _origin = relying_party()
    options = generate_authentication_options(
        rp_id=rp_id, challenge=_new_challenge("login"), user_verification=UserVerificationRequirement.REQUIRED
    )
    return make_response(options_to_json(options), 200, {"Content-Type": "application/json"})


def _stored(credential_id: str) -> Credential | None:
    if not credential_id or len(credential_id) > MAX_CREDENTIAL_ID_LENGTH:
        return None
    return db_session().scalar(
        select(Credential).where(Credential.kind == "webauthn", Credential.label == credential_id)
    )


@bp.post("/login/passkey/verify")
def passkey_verify() -> Response | tuple[Response, int]:
    data = _json_body()
    challenge = _take_challenge("login")
    if data is None or challenge is None or not isinstance(data.get("credential"), dict):
        return _refused()
    pending = _pending_of(str(data.get("pending", "")))
    credential = data["credential"]
    stored = _stored(str(credential.get("id", "")))
    if stored is None:
        return _refused()
    key = json.loads(stored.secret)
    rp_id, origin = relying_party()
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=base64url_to_bytes(key["public_key"]),
            credential_current_sign_count=int(key.get("sign_count", 0)),
            require_user_verification=True,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError) as exc:
        log.info("passkey assertion refused: %s", exc)
        return _refused()
    db = db_session()
    user = db.get(User, stored.user_id)
    if user is None or user.disabled:
        return _refused()
    if journey.required_level(pending) > acr.level_of(acr.ACR_SUBSTANTIAL):
        return _refused(403)
    key["sign_count"] = verified.new_sign_count
    stored.secret = json.dumps(key)
    db.commit()
    response = journey.complete_authentication(
        user,
        level_acr=acr.ACR_SUBSTANTIAL,
        amr=acr.AMR_PASSKEY,
        means="passkey",
        pending=pending,
        next_url=str(data.get("next", "")),
    )
    # The script follows the redirect itself: answer 200 with where to go (the cookies stay on the response).
    target = response.headers.pop("Location")
    response.status_code = 200
    response.set_data(json.dumps({"redirect": target}))
    response.mimetype = "application/json"
    return response


def _pending_of(pending_id: str) -> PendingLogin | None:
    if not pending_id:
        return None
    try:
        return load_pending(pending_id)
    except PendingLoginError:
        return None


@bp.get("/login/passkey/enrol")
def passkey_enrol() -> Response:
    if current_session() is None:
        return redirect(url_for("login.start", next=url_for("login.passkey_enrol")), code=303)
    response = make_response(render_template("login/enrol_passkey.html"))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/login/passkey/register/options")
def passkey_register_options() -> Response | tuple[Response, int]:
    active = current_session()
    if active is None:
        return _refused(401)
    rp_id, _origin = relying_party()
    existing = db_session().scalars(
        select(Credential.label).where(Credential.user_id == active.user.id, Credential.kind == "webauthn")
    )
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=translate("service.name"),
        user_name=active.user.username,
        user_id=str(active.user.id).encode(),
        user_display_name=active.user.person.name,
        challenge=_new_challenge("register"),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, user_verification=UserVerificationRequirement.REQUIRED
        ),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c)) for c in existing if c],
    )
    return make_response(options_to_json(options), 200, {"Content-Type": "application/json"})


@bp.post("/login/passkey/register")
def passkey_register() -> Response | tuple[Response, int]:
    active = current_session()
    data = _json_body()
    challenge = _take_challenge("register")
    if active is None or data is None or challenge is None or not isinstance(data.get("credential"), dict):
        return _refused()
    rp_id, origin = relying_party()
    try:
        verified = verify_registration_response(
            credential=data["credential"],
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as exc:
        log.info("passkey registration refused: %s", exc)
        return _refused()
    credential_id = bytes_to_base64url(verified.credential_id)
    if len(credential_id) > MAX_CREDENTIAL_ID_LENGTH or _stored(credential_id) is not None:
        return _refused()
    secret = {"public_key": bytes_to_base64url(verified.credential_public_key), "sign_count": verified.sign_count}
    db = db_session()
    db.add(Credential(user_id=active.user.id, kind="webauthn", secret=json.dumps(secret), label=credential_id))
    db.commit()
    return jsonify({"ok": True, "message": translate("passkey.added")}), 201
