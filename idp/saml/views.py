"""The SAML blueprint: metadata, single sign-on (HTTP-Redirect and HTTP-POST), the resume step, single logout.

Views parse, call the services of this package, and render; nothing here decides a security question.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, abort, current_app, redirect, render_template, request
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.saml import NAMEID_FORMAT_TRANSIENT
from werkzeug.wrappers import Response as WerkzeugResponse

from mandate_resolver.registry.models import User

from ..database import db_session
from ..i18n import translate
from ..login.logout import frame_sources, origin
from ..login.pending import LoginRequest, PendingLoginError, start_login, take_result
from ..models import SsoSession
from ..sessions import ActiveSession, add_participant
from . import logout as saml_logout
from .attributes import attributes_for, requested_names
from .errors import STATUS_NO_PASSIVE, STATUS_REQUEST_DENIED, STATUS_RESPONDER, SamlError, SamlStatusError
from .provider import IdentityProvider
from .requests import (
    InboundMessage,
    ValidatedRequest,
    check_relay_state,
    default_assertion_consumer_service,
    service_provider,
    validate_authn_request,
)
from .responses import IssuedNameId, build_error_response, build_response, encode_post, name_id_value

log = logging.getLogger(__name__)

blueprint = Blueprint("saml", __name__, url_prefix="/saml", static_folder="static", static_url_path="/static")
EXTENSION = "idp.saml"


def init_app(app: Flask) -> None:
    """Register the blueprint and build the process's ``IdentityProvider`` (keys loaded once)."""
    from ..app import keys_of, settings_of

    app.extensions[EXTENSION] = IdentityProvider(settings_of(app), keys_of(app).saml_key())
    app.register_blueprint(blueprint)
    saml_logout.register()


def identity_provider() -> IdentityProvider:
    provider: IdentityProvider = current_app.extensions[EXTENSION]
    return provider


@blueprint.get("/metadata")
def metadata() -> Response:
    response = Response(identity_provider().metadata_xml(), mimetype="application/samlmetadata+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@blueprint.get("/sso/redirect")
def sso_redirect() -> WerkzeugResponse | tuple[str, int]:
    return _single_sign_on(_inbound(BINDING_HTTP_REDIRECT, "SAMLRequest"))


@blueprint.post("/sso/post")
def sso_post() -> WerkzeugResponse | tuple[str, int]:
    return _single_sign_on(_inbound(BINDING_HTTP_POST, "SAMLRequest"))


def _inbound(binding: str, parameter: str) -> InboundMessage:
    if binding == BINDING_HTTP_POST:
        # S11: refuse an oversized body before the form parser reads it (base64 plus the other fields).
        limit = identity_provider().settings.saml.max_message_bytes * 4 // 3 + 4096
        if request.content_length is None or request.content_length > limit:
            abort(413)
    source = request.args if binding == BINDING_HTTP_REDIRECT else request.form
    return InboundMessage(
        binding=binding,
        message=source.get(parameter, ""),
        relay_state=source.get("RelayState", ""),
        raw_query=request.query_string,
        signature=source.get("Signature", ""),
        signature_algorithm=source.get("SigAlg", ""),
        parameter=parameter,
    )


def _single_sign_on(inbound: InboundMessage) -> WerkzeugResponse | tuple[str, int]:
    provider = identity_provider()
    if not inbound.message:
        return error_page("the request carries no SAMLRequest", 400)
    try:
        validated = validate_authn_request(inbound, provider, db_session())
    except SamlStatusError as error:
        if isinstance(error.request, ValidatedRequest):
            return post_response(build_error_response(provider, error.request, error.second, str(error)), error.request)
        return error_page(str(error), 400)
    except SamlError as error:
        log.warning("SAML request refused (%s): %s", type(error).__name__, error)
        return error_page(str(error), error.status)
    return start_login(
        LoginRequest(
            protocol="saml",
            client_id=validated.sp_entity_id,
            resume_endpoint="saml.resume",
            protocol_request=validated.to_json(),
            force_authn=validated.force_authn,
            passive=validated.is_passive,
            acr_values=list(validated.acr_values),
        )
    )


@blueprint.get("/idp-initiated")
def idp_initiated() -> WerkzeugResponse | tuple[str, int]:
    """Unsolicited login to an SP that allows it: ``?sp=<entityID>&RelayState=<target>``."""
    provider = identity_provider()
    db = db_session()
    try:
        relay_state = check_relay_state(request.args.get("RelayState", ""))
        sp = service_provider(db, provider, request.args.get("sp", "")[:1024], for_login=True)
        if not sp.allow_idp_initiated:
            raise SamlError("this service provider does not accept IdP-initiated logins")
        validated = ValidatedRequest(
            request_id="",
            sp_entity_id=sp.entity_id,
            acs_url=default_assertion_consumer_service(provider, sp),
            relay_state=relay_state,
            name_id_format=(sp.name_id_formats or [NAMEID_FORMAT_TRANSIENT])[0],
        )
    except SamlError as error:
        return error_page(str(error), error.status)
    return start_login(
        LoginRequest(
            protocol="saml", client_id=sp.entity_id, resume_endpoint="saml.resume", protocol_request=validated.to_json()
        )
    )


@blueprint.get("/resume")
def resume() -> WerkzeugResponse | tuple[str, int]:
    """The journey is over: answer the SP with a Response (an assertion, or the journey's refusal)."""
    try:
        pending = take_result(request.args.get("pending", ""))
    except PendingLoginError as error:
        return error_page(str(error), 400)
    provider = identity_provider()
    db = db_session()
    try:
        if pending.protocol != "saml":
            raise SamlError("this login was not started by a SAML request")
        validated = ValidatedRequest.from_json(pending.protocol_request)
        sp = service_provider(db, provider, validated.sp_entity_id)
    except (SamlError, KeyError, TypeError, ValueError) as error:
        return error_page(str(error), 400)
    if pending.error:
        second = {
            "login_required": STATUS_NO_PASSIVE,
            "interaction_required": STATUS_NO_PASSIVE,
            "account_selection_required": STATUS_NO_PASSIVE,
            "access_denied": STATUS_REQUEST_DENIED,
        }.get(pending.error, STATUS_RESPONDER)
        xml = build_error_response(provider, validated, second, pending.error_description or pending.error)
        return post_response(xml, validated)
    user = db.get(User, pending.user_id) if pending.user_id is not None else None
    session = db.get(SsoSession, pending.session_id) if pending.session_id else None
    if user is None or session is None:
        return error_page("this login has no session", 400)
    from ..selection.codec import selection_from_json

    try:
        selection = selection_from_json(pending.selection)
    except ValueError:  # SelectionDecodeError: a stored row we did not write
        log.exception("unreadable selection in pending login")
        return error_page("this login has no usable selection", 400)
    index = None if validated.attribute_index is None else str(validated.attribute_index)
    requirement = provider.metadata_store.attribute_requirement(sp.entity_id, index)
    attributes = attributes_for(
        selection, profile=sp.attribute_profile, requested=requested_names(requirement, provider.settings.issuer)
    )
    issued = IssuedNameId(
        format=validated.name_id_format,
        value=name_id_value(validated.name_id_format, sp, user.id, user.username),
        session_index="_" + session.sid[:40],
    )
    xml = build_response(
        provider,
        validated,
        sp,
        name_id=issued,
        attributes=attributes,
        authenticated_at=session.authenticated_at,
        acr=session.acr,
    )
    add_participant(
        ActiveSession(session, user),
        protocol="saml",
        client_id=sp.entity_id,
        selection_key=pending.selection_key,
        details=issued.to_details(),
    )
    return post_response(xml, validated)


@blueprint.get("/slo/redirect")
def slo_redirect() -> WerkzeugResponse | tuple[str, int]:
    return _single_logout(BINDING_HTTP_REDIRECT)


@blueprint.post("/slo/post")
def slo_post() -> WerkzeugResponse | tuple[str, int]:
    return _single_logout(BINDING_HTTP_POST)


def _single_logout(binding: str) -> WerkzeugResponse | tuple[str, int]:
    source = request.args if binding == BINDING_HTTP_REDIRECT else request.form
    provider = identity_provider()
    try:
        if source.get("SAMLResponse"):
            saml_logout.handle_logout_response(_inbound(binding, "SAMLResponse"), provider, db_session())
            return render_template("login/logged_out.html", frames=[]), 200
        if not source.get("SAMLRequest"):
            return error_page("the request carries no SAML message", 400)
        outbound, frames = saml_logout.handle_logout_request(_inbound(binding, "SAMLRequest"), provider, db_session())
    except SamlError as error:
        log.warning("SAML logout refused (%s): %s", type(error).__name__, error)
        return error_page(str(error), error.status)
    if outbound.binding == BINDING_HTTP_REDIRECT and not frames:
        return redirect(outbound.url, code=303)
    page = render_template("saml/logout.html", outbound=outbound, frames=frames)
    response = Response(page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    if frames:
        # The other applications' front-channel logout URLs load in hidden frames before we go back.
        origins = frame_sources(frames)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"frame-src {origins}; form-action 'self' https: http://127.0.0.1:* http://localhost:*; "
            "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )
    return response


@blueprint.get("/slo/front")
def slo_front() -> WerkzeugResponse | tuple[str, int]:
    """A hidden frame of a logged-out page: post the signed LogoutRequest to an SP whose only
    SingleLogoutService is HTTP-POST (``saml_logout.logout_request_for`` made the link)."""
    try:
        outbound = saml_logout.front_channel_post(request.args.get("m", "")[:2048], identity_provider(), db_session())
    except SamlError as error:
        log.warning("SAML front-channel logout refused: %s", error)
        return error_page(str(error), error.status)
    page = render_template(
        "saml/post.html", action=outbound.url, parameter="SAMLRequest", message=outbound.fields["SAMLRequest"]
    )
    response = Response(page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    # Framed by our own logged-out pages only; the form may go to this SP's logout endpoint and nowhere else.
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"form-action {origin(outbound.url)}; frame-ancestors 'self'; base-uri 'none'; object-src 'none'"
    )
    return response


def post_response(xml: str, validated: ValidatedRequest, parameter: str = "SAMLResponse") -> WerkzeugResponse:
    """saml-bindings §3.5: an auto-submitting form to the ACS from metadata; RelayState escaped (S16)."""
    page = render_template(
        "saml/post.html",
        action=validated.acs_url,
        parameter=parameter,
        message=encode_post(xml),
        relay_state=validated.relay_state,
    )
    response = Response(page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def error_page(message: str, status: int) -> tuple[str, int]:
    if status not in (400, 403, 413):
        abort(status)
    return render_template("error.html", message=translate("error.400"), detail=message, status=status), status
