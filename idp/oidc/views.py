"""The OpenID Provider's endpoints: thin views over ``server`` (Authlib: token, introspection, revocation),
``authorize``, ``tokens`` and ``claims``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request
from werkzeug.wrappers import Response as WerkzeugResponse

from mandate_resolver.registry.models import User, as_utc, utcnow
from mandate_resolver.types import SourceUnavailable

from ..csrf import check_request, csrf_token
from ..database import db_session
from ..login.logout import frame_sources, log_out, register_logout_propagator
from ..login.pending import LoginRequest, PendingLoginError, peek_result, start_login, take_result
from ..models import PendingLogin, SsoSession
from ..selection import service
from ..selection.codec import SelectionDecodeError, selection_from_json
from ..sessions import ActiveSession, add_participant, current_session
from ..settings import Settings
from .authorize import RedirectTarget, resolve_redirect, single, validate_authorization_request
from .claims import Person, named_claims, scope_claims
from .clients import find_client
from .consent import consent_needed, record_consent, requested_claim_names
from .discovery import discovery_document
from .errors import (
    AccessDenied,
    ConsentRequired,
    InvalidRequest,
    LoginRequired,
    OidcError,
    TemporarilyUnavailable,
    UnregisteredRedirectUri,
)
from .logout import propagate_oidc_logout
from .models import OidcClient, OidcGrant
from .responses import error_page, error_to_client, redirect_to_client
from .server import authorization_server, token_policy
from .signing import current_keys, verify_own
from .tokens import create_grant, issue_code, subject_for

bp = Blueprint("oidc", __name__)


def register(app: Flask) -> None:
    """Mount the provider's endpoints and tell logout about our clients."""
    from .consent_views import consents_bp

    app.register_blueprint(bp)
    app.register_blueprint(consents_bp)
    app.extensions["idp.oidc.still_holds"] = _selection_still_holds
    authorization_server(app)
    register_logout_propagator(propagate_oidc_logout)


def _settings() -> Settings:
    settings: Settings = current_app.extensions["idp.settings"]
    return settings


def _params() -> dict[str, list[str]]:
    source = request.form if request.method == "POST" else request.args
    return source.to_dict(flat=False)


@bp.get("/.well-known/openid-configuration")
def discovery() -> WerkzeugResponse:
    response = jsonify(discovery_document(_settings().issuer))
    response.headers["Access-Control-Allow-Origin"] = "*"  # public metadata, read by browser clients
    return response


@bp.get("/jwks")
def jwks() -> WerkzeugResponse:
    response = jsonify(current_keys().jwks())
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/authorize", methods=["GET", "POST"])
def authorize() -> WerkzeugResponse:
    params = _params()
    db = db_session()
    try:
        client, target = resolve_redirect(db, params)
    except OidcError as exc:
        return error_page(exc)
    issuer = _settings().issuer
    try:
        authz = validate_authorization_request(params, client, target, pkce_required=_settings().tokens.pkce_required)
    except OidcError as exc:
        return error_to_client(target, exc, issuer)
    active = current_session()
    too_old = (
        authz.max_age_s is not None
        and active is not None
        and utcnow() - active.authenticated_at > dt.timedelta(seconds=authz.max_age_s)
    )
    if "none" in authz.prompt and (active is None or too_old or not _hint_matches(params, client, active)):
        return error_to_client(authz.redirect, LoginRequired("no active session"), issuer)  # O16: no login page
    if "none" in authz.prompt and active is not None:
        asked_claims = requested_claim_names(authz.requested_claims)
        if consent_needed(db, client, active.user.id, scopes=authz.scopes, claims=asked_claims, prompt=authz.prompt):
            # Core §3.1.2.6: the consent page would have to be shown, and prompt=none forbids every page.
            return error_to_client(authz.redirect, ConsentRequired("the person has not consented yet"), issuer)
    return start_login(
        LoginRequest(
            protocol="oidc",
            client_id=client.client_id,
            resume_endpoint="oidc.resume",
            protocol_request=authz.to_json(),
            force_authn="login" in authz.prompt or too_old,
            passive="none" in authz.prompt,
            # prompt=consent is answered by our own consent page at resume, after the journey.
            select_account="select_account" in authz.prompt,
            max_age_s=authz.max_age_s,
            acr_values=authz.acr_values,
            login_hint=authz.login_hint,
            ui_locales=authz.ui_locales,
        )
    )


def _hint_matches(params: Mapping[str, Sequence[str]], client: OidcClient, active: ActiveSession | None) -> bool:
    """Core §3.1.2.1 id_token_hint: with prompt=none, the session must be the hinted person's."""
    hint = single(params, "id_token_hint")
    if not hint:
        return True
    claims = verify_own(hint)
    if claims is None or claims.get("aud") != client.client_id or active is None:
        return False
    return claims.get("sub") == subject_for(db_session(), client, active.user.id)


@bp.route("/authorize/resume", methods=["GET", "POST"])
def resume() -> WerkzeugResponse:
    """The journey's way back: ask for consent when needed (GET shows the page, its POST answers), then
    answer the relying party with a code or an error."""
    pending_id = request.values.get("pending", "")
    if request.method == "POST":
        check_request()  # the consent form: CSRF token and same origin, or 403
    else:
        try:
            peeked = peek_result(pending_id)
        except PendingLoginError as exc:
            return error_page(InvalidRequest(str(exc)))
        page = _consent_page(peeked)
        if page is not None:
            return page
    try:
        pending = take_result(pending_id)
    except PendingLoginError as exc:
        return error_page(InvalidRequest(str(exc)))
    if pending.protocol != "oidc":
        return error_page(InvalidRequest("this login was not started by an OpenID Connect client"))
    stored = pending.protocol_request
    db = db_session()
    client = find_client(db, pending.client_id)
    uri = str(stored.get("redirect_uri", ""))
    if client is None or uri not in client.redirect_uris:
        return error_page(UnregisteredRedirectUri("the client or its redirect URI is no longer registered"))
    target = RedirectTarget(
        uri,
        bool(stored.get("redirect_uri_sent")),
        str(stored.get("state", "")),
        str(stored.get("response_mode", "query")),
    )
    issuer = _settings().issuer
    if pending.error or pending.user_id is None or pending.session_id is None:
        failure = OidcError(pending.error_description)
        failure.error = pending.error or "access_denied"
        return error_to_client(target, failure, issuer)
    scopes = [str(scope) for scope in _list(stored.get("scopes"))]
    asked_claims = requested_claim_names(stored.get("requested_claims"))
    prompt = [str(value) for value in _list(stored.get("prompt"))]
    if request.method == "POST":
        if request.form.get("decision") != "allow":
            return error_to_client(target, AccessDenied("the person did not allow it"), issuer)
        record_consent(db, client, pending.user_id, scopes=scopes, claims=asked_claims, now=utcnow())
    elif consent_needed(db, client, pending.user_id, scopes=scopes, claims=asked_claims, prompt=prompt):
        # Only a passive login gets here (every other one was shown the page): Core §3.1.2.6.
        return error_to_client(target, ConsentRequired("the person has not consented yet"), issuer)
    try:
        code = _issue_code(pending, stored, client)
    except (SelectionDecodeError, LookupError) as exc:
        return error_to_client(target, OidcError(f"the login could not be completed: {exc}"), issuer)
    return redirect_to_client(target, {"code": code}, issuer)


def _issue_code(pending: PendingLogin, stored: Mapping[str, object], client: OidcClient) -> str:
    """The grant for the finished login: claims made once from the chosen option, then the code."""
    db = db_session()
    user = db.get(User, pending.user_id)
    sso = db.get(SsoSession, pending.session_id)
    if user is None or sso is None or sso.ended_at is not None:
        raise LookupError("the session has ended")
    selection = selection_from_json(pending.selection)
    scopes = tuple(str(s) for s in _list(stored.get("scopes")))
    person = Person(
        name=user.person.name,
        given_name=user.person.given_name,
        family_name=user.person.family_name,
        email=user.email,
        locale=user.preferred_language,
    )
    released = scope_claims(selection, person, frozenset(scopes))
    asked = stored.get("requested_claims")
    asked = asked if isinstance(asked, Mapping) else {}
    to_id_token = named_claims(selection, person, [str(n) for n in _list(asked.get("id_token"))])
    to_userinfo = named_claims(selection, person, [str(n) for n in _list(asked.get("userinfo"))])
    claims = {
        "id_token": {**released, **to_id_token, "acr": sso.acr, "amr": list(sso.amr)},
        "userinfo": {**released, **to_userinfo},
        "selection_key": selection.key,
    }
    now = utcnow()
    grant = create_grant(
        db, client=client, user_id=user.id, session_id=sso.id, sid=sso.sid, scopes=scopes,
        nonce=str(stored.get("nonce", "")), claims=claims, auth_time=as_utc(sso.authenticated_at), now=now,
    )  # fmt: skip
    code = issue_code(
        db, grant, redirect_uri=str(stored.get("redirect_uri", "")) if stored.get("redirect_uri_sent") else "",
        code_challenge=str(stored.get("code_challenge", "")),
        code_challenge_method=str(stored.get("code_challenge_method", "")), policy=token_policy(), now=now,
    )  # fmt: skip
    db.commit()
    add_participant(
        ActiveSession(sso, user), protocol="oidc", client_id=client.client_id, selection_key=selection.key,
        details={"sid": sso.sid},
    )  # fmt: skip
    return code


def _list(value: object) -> Sequence[object]:
    return value if isinstance(value, list) else []


def _consent_page(pending: PendingLogin) -> Response | None:
    """The consent page when this finished login needs one (``consent``), or None to go on."""
    if pending.protocol != "oidc" or pending.error or pending.user_id is None or pending.passive:
        return None  # resume answers these (a passive login without consent: consent_required)
    stored = pending.protocol_request
    db = db_session()
    client = find_client(db, pending.client_id)
    user = db.get(User, pending.user_id)
    if client is None or user is None:
        return None
    scopes = [str(scope) for scope in _list(stored.get("scopes"))]
    asked_claims = requested_claim_names(stored.get("requested_claims"))
    prompt = [str(value) for value in _list(stored.get("prompt"))]
    if not consent_needed(db, client, user.id, scopes=scopes, claims=asked_claims, prompt=prompt):
        return None
    application = service.application(db, client.client_id)
    try:
        on_behalf_of = selection_from_json(pending.selection).principal.name
    except (SelectionDecodeError, LookupError, AttributeError):
        on_behalf_of = ""
    html = render_template(
        "oidc/consent.html",
        application=application.name if application is not None else client.client_id,
        person=user.person.name,
        on_behalf_of=on_behalf_of if on_behalf_of != user.person.name else "",
        scopes=[scope for scope in scopes if scope != "openid"],
        claims=sorted(asked_claims),
        pending=pending.id,
        csrf_token=csrf_token(),
    )
    response = Response(html)
    response.headers["Cache-Control"] = "no-store"
    # The page must not be framed by another site: clickjacking would turn it into a silent "allow".
    response.headers["X-Frame-Options"] = "DENY"
    return response


@bp.post("/token")
def token() -> WerkzeugResponse:
    """The token endpoint, run by Authlib (``server``): code and refresh grants, client authentication."""
    response = authorization_server(current_app).create_token_response()
    db = db_session()
    if response.status_code == 200:
        db.commit()  # the tokens Authlib had us save, and a subject made for the ID token
    else:
        db.rollback()  # revocations after a replay were committed where they happened
    return response


def _selection_still_holds(grant: OidcGrant) -> bool:
    """Ask the chain again whether the person still holds the option chosen at login (M08)."""
    key = grant.claims.get("selection_key")
    db = db_session()
    user = db.get(User, grant.user_id)
    application = service.application(db, grant.client_id)
    if not isinstance(key, str) or not key or user is None or user.disabled or application is None:
        return False
    policy = service.policy_of(db, application, user.preferred_language, service.belgian_today())
    try:
        return service.recheck(service.subject_of(user), policy, key) is not None
    except (SourceUnavailable, service.SelectionUnavailableError):
        raise TemporarilyUnavailable("the registries cannot confirm the login's capacity now") from None


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo() -> WerkzeugResponse:
    """Core §5.3 on Authlib's UserInfoEndpoint (``server.UserInfo``): Bearer header only (O27)."""
    response: WerkzeugResponse = authorization_server(current_app).create_endpoint_response("userinfo")
    return response


@bp.post("/introspect")
def introspection() -> WerkzeugResponse:
    """RFC 7662 on Authlib's IntrospectionEndpoint (``server.Introspection``)."""
    response: WerkzeugResponse = authorization_server(current_app).create_endpoint_response("introspection")
    return response


@bp.post("/revoke")
def revocation() -> WerkzeugResponse:
    """RFC 7009 on Authlib's RevocationEndpoint (``server.Revocation``)."""
    response: WerkzeugResponse = authorization_server(current_app).create_endpoint_response("revocation")
    return response


@bp.route("/end_session", methods=["GET", "POST"])
def end_session() -> WerkzeugResponse:
    params = _params()
    db = db_session()
    try:
        hint = single(params, "id_token_hint")
        client_id = single(params, "client_id")
        post_logout = single(params, "post_logout_redirect_uri")
        state = single(params, "state")
    except OidcError as exc:
        return error_page(exc)
    claims = verify_own(hint) if hint else None
    if hint and (claims is None or claims.get("iss") != _settings().issuer):
        return error_page(InvalidRequest("id_token_hint is not a token we issued"))
    audience = claims.get("aud") if claims else None
    hinted_client = audience if isinstance(audience, str) else ""
    if client_id and hinted_client and client_id != hinted_client:
        return error_page(InvalidRequest("client_id does not match id_token_hint"))
    client = find_client(db, client_id or hinted_client)
    if post_logout and (client is None or post_logout not in client.post_logout_redirect_uris):
        return error_page(UnregisteredRedirectUri("post_logout_redirect_uri is not registered"))
    next_url = post_logout
    if post_logout and state:
        next_url += ("&" if "?" in post_logout else "?") + urlencode({"state": state})
    active = current_session()
    if active is not None:
        same_session = claims is not None and claims.get("sid") == active.session.sid
        confirmed = request.method == "POST" and request.form.get("confirm") == "yes"
        if not same_session and not confirmed:
            # Without proof that the client's own session asks, the person confirms (logout CSRF).
            fields = {
                k: v
                for k, v in (
                    ("client_id", client_id or hinted_client),
                    ("post_logout_redirect_uri", post_logout),
                    ("state", state),
                )
                if v
            }
            return Response(render_template("oidc/confirm_logout.html", fields=fields, csrf_token=csrf_token()))
        if confirmed:
            check_request()
        frontchannel = log_out(active)
    else:
        frontchannel = []
    if frontchannel or not next_url:
        html = render_template("oidc/logged_out.html", frontchannel_urls=frontchannel, next_url=next_url)
        page = Response(html)
        page.headers["Cache-Control"] = "no-store"
        if frontchannel:
            # The hidden frames load other origins (and SAML POST frames go on to their SPs): CSP frame-src
            # must name them, or the browser never sends those logouts.
            page.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"frame-src {frame_sources(frontchannel)}; form-action 'self' https: http://127.0.0.1:* "
                "http://localhost:*; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
            )
        return page
    response = Response(status=303)
    response.headers["Location"] = next_url
    return response
