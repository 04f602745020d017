"""Single logout: a LogoutRequest from a service provider ends the browser's session everywhere, and a
session ended anywhere (our logout page, an OIDC client's end_session) sends a LogoutRequest to every SAML
service provider that took part, through the browser (front-channel, signed).

The logged-out page loads one hidden frame per SP. An SP with an HTTP-Redirect SingleLogoutService gets the
signed redirect URL itself; an SP with only HTTP-POST gets a frame on our own ``/saml/slo/front`` page, an
auto-submitting form carrying the signed LogoutRequest (like the SSO response form). That frame URL holds
no message, only a short-lived token signed with the app's secret naming the ended session and the SP; the
page builds the LogoutRequest from the session's participant record.

The session is ended through ``idp.login.logout.log_out``, which also tells the OIDC clients; this module
registers the SAML propagator with ``register_logout_propagator``.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import current_app, g, has_request_context
from itsdangerous import BadSignature, URLSafeTimedSerializer
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp
from saml2.s_utils import sid
from saml2.saml import NameID
from saml2.time_util import instant
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import utcnow

from ..database import db_session
from ..login.logout import add_frame_destination, log_out, register_logout_propagator
from ..models import SsoParticipant, SsoSession
from ..sessions import current_session
from .errors import SamlError
from .models import ServiceProvider
from .provider import DIGEST_ALGORITHM, SIGNING_ALGORITHM, IdentityProvider, services_by_binding
from .requests import (
    SAML_NS,
    InboundMessage,
    check_envelope,
    check_signature,
    read_message,
    remember_request_id,
    service_provider,
)

log = logging.getLogger(__name__)

STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
STATUS_UNKNOWN_PRINCIPAL = "urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal"
EXTENSION = "idp.saml"
# The frame loads as the logged-out page does; a token older than this was not issued for this page view.
FRONT_CHANNEL_MAX_AGE_S = 120


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A message for the browser to carry: a URL to redirect to, or a form to post."""

    binding: str
    url: str
    fields: dict[str, str]


def single_logout_service(provider: IdentityProvider, entity_id: str) -> tuple[str, str, str] | None:
    """(binding, Location, ResponseLocation) of the SP's SingleLogoutService, HTTP-Redirect preferred."""
    by_binding = services_by_binding(provider, entity_id, "single_logout_service")
    for binding in (BINDING_HTTP_REDIRECT, BINDING_HTTP_POST):
        if by_binding.get(binding):
            service = by_binding[binding][0]
            location = str(service["location"])
            return binding, location, str(service.get("response_location") or location)
    return None


def handle_logout_request(
    inbound: InboundMessage, provider: IdentityProvider, session: Session
) -> tuple[OutboundMessage, list[str]]:
    """An SP asks to end the session: verify, end it everywhere, and answer with a LogoutResponse.

    Returns the response for the initiating SP and the front-channel URLs of the other applications.
    """
    settings = provider.settings.saml
    root = read_message(inbound, settings.max_message_bytes, "LogoutRequest")
    request_id, issued = check_envelope(root, provider, inbound.binding, _now())
    issuer_element = root.find(f"{{{SAML_NS}}}Issuer")
    issuer = (issuer_element.text or "").strip() if issuer_element is not None else ""
    sp = service_provider(session, provider, issuer)
    signed = bool(inbound.signature) or root.find("{http://www.w3.org/2000/09/xmldsig#}Signature") is not None
    # saml-profiles §4.4.3.1: a LogoutRequest must be authenticated; an SP with a key must sign it.
    if not signed and provider.metadata_store.certs(sp.entity_id, "spsso", "signing"):
        raise SamlError("this service provider must sign its logout requests")
    check_signature(root, inbound, provider, sp, "logout_request")
    remember_request_id(session, issuer, request_id, issued=issued, skew_s=settings.clock_skew_s, now=_now())
    endpoint = single_logout_service(provider, sp.entity_id)
    if endpoint is None:
        raise SamlError("the service provider's metadata has no SingleLogoutService")
    name_id = (root.findtext(f"{{{SAML_NS}}}NameID") or "").strip()
    status, frames = STATUS_SUCCESS, []
    active = current_session()
    if active is not None:
        participant = session.scalar(
            select(SsoParticipant).where(
                SsoParticipant.session_id == active.session.id,
                SsoParticipant.protocol == "saml",
                SsoParticipant.client_id == sp.entity_id,
            )
        )
        if participant is None or participant.details.get("name_id") != name_id:
            status = STATUS_UNKNOWN_PRINCIPAL  # not this browser's session: end nothing
        else:
            g.saml_logout_initiator = sp.entity_id
            frames = log_out(active)
    binding, _, response_location = endpoint
    response = samlp.LogoutResponse(
        id=_sid(),
        version="2.0",
        issue_instant=_instant(),
        in_response_to=request_id,
        destination=response_location,
        issuer=provider.server._issuer(),
        status=_status(status),
    )
    return _outbound(provider, response, binding, response_location, inbound.relay_state, response=True), frames


def handle_logout_response(inbound: InboundMessage, provider: IdentityProvider, session: Session) -> str:
    """An SP answers one of our front-channel LogoutRequests; we check it and note the outcome."""
    settings = provider.settings.saml
    root = read_message(inbound, settings.max_message_bytes, "LogoutResponse")
    check_envelope(root, provider, inbound.binding, _now())
    issuer_element = root.find(f"{{{SAML_NS}}}Issuer")
    sp = service_provider(session, provider, (issuer_element.text or "").strip() if issuer_element is not None else "")
    check_signature(root, inbound, provider, sp, "logout_response")
    code = root.find("{urn:oasis:names:tc:SAML:2.0:protocol}Status/{urn:oasis:names:tc:SAML:2.0:protocol}StatusCode")
    outcome = code.get("Value", "") if code is not None else ""
    log.info("logout at %s: %s", sp.entity_id, outcome)
    return outcome


def logout_request_for(
    provider: IdentityProvider, sp: ServiceProvider, participant: SsoParticipant, session: SsoSession
) -> str | None:
    """The front-channel URL that sends ``participant`` a signed LogoutRequest for its NameID and session
    index: the HTTP-Redirect URL itself, or (an SP with only HTTP-POST) our auto-posting frame page."""
    provider.load(sp)
    endpoint = single_logout_service(provider, sp.entity_id)
    if endpoint is None or not participant.details.get("name_id"):
        return None
    binding, location, _ = endpoint
    if binding == BINDING_HTTP_POST:
        token = _front_channel_serializer().dumps({"sid": session.sid, "sp": sp.entity_id})
        add_frame_destination(location)  # the frame posts on to the SP: the framing page's CSP must allow it
        return f"{provider.endpoints.slo_front}?{urlencode({'m': token})}"
    request = _logout_request(provider, sp, participant.details, location)
    return _outbound(provider, request, BINDING_HTTP_REDIRECT, location, "", response=False).url


def front_channel_post(token: str, provider: IdentityProvider, session: Session) -> OutboundMessage:
    """The signed HTTP-POST LogoutRequest our ``/saml/slo/front`` frame sends, from a token minted by
    ``logout_request_for``. Only for a session that has ended and an SP that took part in it."""
    try:
        claims = _front_channel_serializer().loads(token, max_age=FRONT_CHANNEL_MAX_AGE_S)
        sid, entity_id = str(claims["sid"]), str(claims["sp"])
    except (BadSignature, KeyError, TypeError):
        raise SamlError("this logout link is not valid (or has expired)") from None
    ended = session.scalar(select(SsoSession).where(SsoSession.sid == sid, SsoSession.ended_at.is_not(None)))
    participant = (
        session.scalar(
            select(SsoParticipant).where(
                SsoParticipant.session_id == ended.id,
                SsoParticipant.protocol == "saml",
                SsoParticipant.client_id == entity_id,
            )
        )
        if ended is not None
        else None
    )
    if participant is None or not participant.details.get("name_id"):
        raise SamlError("this logout link is not valid (or has expired)")
    sp = service_provider(session, provider, entity_id)
    endpoint = single_logout_service(provider, sp.entity_id)
    if endpoint is None or endpoint[0] != BINDING_HTTP_POST:
        raise SamlError("the service provider has no HTTP-POST SingleLogoutService")
    location = endpoint[1]
    request = _logout_request(provider, sp, participant.details, location)
    return _outbound(provider, request, BINDING_HTTP_POST, location, "", response=False)


def _logout_request(provider: IdentityProvider, sp: ServiceProvider, details: dict[str, Any], location: str) -> Any:
    """An unsigned LogoutRequest (``_outbound`` signs it for its binding) for a participant's NameID."""
    name_id = NameID(
        format=str(details.get("name_id_format") or ""),
        name_qualifier=provider.endpoints.entity_id,
        sp_name_qualifier=sp.entity_id,
        text=str(details["name_id"]),
    )
    _, request = provider.server.create_logout_request(
        location,
        sp.entity_id,
        name_id=name_id,
        session_indexes=[str(details.get("session_index") or "")] if details.get("session_index") else None,
        sign=False,
    )
    return request


def _front_channel_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="idp.saml.front-channel-logout")


def propagate(session: SsoSession, participants: Sequence[SsoParticipant]) -> list[str]:
    """Logout propagator: a front-channel LogoutRequest URL for every SAML participant but the initiator."""
    if not has_request_context() or EXTENSION not in current_app.extensions:
        return []
    provider: IdentityProvider = current_app.extensions[EXTENSION]
    initiator = g.get("saml_logout_initiator")
    db = db_session()
    urls = []
    for participant in participants:
        if participant.protocol != "saml" or participant.client_id == initiator:
            continue
        sp = db.scalar(select(ServiceProvider).where(ServiceProvider.entity_id == participant.client_id))
        if sp is None:
            continue
        url = logout_request_for(provider, sp, participant, session)
        if url:
            urls.append(url)
    return urls


def register() -> None:
    register_logout_propagator(propagate)


def _outbound(
    provider: IdentityProvider, message: Any, binding: str, destination: str, relay_state: str, *, response: bool
) -> OutboundMessage:
    parameter = "SAMLResponse" if response else "SAMLRequest"
    if binding == BINDING_HTTP_REDIRECT:
        info = provider.server.apply_binding(
            BINDING_HTTP_REDIRECT, str(message), destination, relay_state, response=response, sign=True,
            sigalg=SIGNING_ALGORITHM,
        )  # fmt: skip
        return OutboundMessage(binding, dict(info["headers"])["Location"], {})
    message.signature = None
    signed = provider.server.sign(message, sign_alg=SIGNING_ALGORITHM, digest_alg=DIGEST_ALGORITHM)
    fields = {parameter: base64.b64encode(str(signed).encode()).decode("ascii")}
    if relay_state:
        fields["RelayState"] = relay_state
    return OutboundMessage(binding, destination, fields)


def _status(code: str) -> samlp.Status:
    if code == STATUS_SUCCESS:
        return samlp.Status(status_code=samlp.StatusCode(value=STATUS_SUCCESS))
    return samlp.Status(
        status_code=samlp.StatusCode(
            value="urn:oasis:names:tc:SAML:2.0:status:Requester", status_code=samlp.StatusCode(value=code)
        )
    )


def _sid() -> str:
    return str(sid())


def _instant() -> str:
    return str(instant())


def _now() -> dt.datetime:
    return utcnow()
