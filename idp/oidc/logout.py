"""Logout towards relying parties: back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0)
and front-channel logout URLs (Front-Channel Logout 1.0), for every OIDC client of an ended session.

Registered with ``idp.login.logout.register_logout_propagator``; the journey calls it at every logout.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from urllib.parse import urlencode, urlsplit

import requests
from flask import current_app

from mandate_resolver.registry.models import utcnow

from ..database import db_session
from ..models import SsoParticipant, SsoSession
from .clients import find_client
from .signing import sign
from .tokens import revoke_session_grants, subject_for

log = logging.getLogger(__name__)

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
BACKCHANNEL_TIMEOUT_S = 2.0
LOGOUT_TOKEN_TTL_S = 120


def _post_logout_token(uri: str, token: str) -> None:
    try:
        reply = requests.post(uri, data={"logout_token": token}, timeout=BACKCHANNEL_TIMEOUT_S, allow_redirects=False)
        if reply.status_code not in (200, 204):
            log.warning("back-channel logout to %s answered %s", uri, reply.status_code)
    except requests.RequestException as exc:
        log.warning("back-channel logout to %s failed: %s", uri, exc)


def propagate_oidc_logout(session: SsoSession, participants: Sequence[SsoParticipant]) -> list[str]:
    """Revoke the session's grants, send logout tokens, and return the front-channel URLs to load."""
    db = db_session()
    now = utcnow()
    revoke_session_grants(db, session.id, now)
    db.commit()
    issuer: str = current_app.extensions["idp.settings"].issuer
    deliveries: list[tuple[str, str]] = []
    frontchannel: list[str] = []
    for participant in participants:
        if participant.protocol != "oidc":
            continue
        client = find_client(db, participant.client_id)
        if client is None:
            continue
        if client.backchannel_logout_uri:
            issued = int(now.timestamp())
            claims: dict[str, object] = {
                "iss": issuer,
                "aud": client.client_id,
                "iat": issued,
                "exp": issued + LOGOUT_TOKEN_TTL_S,
                "jti": secrets.token_urlsafe(16),
                "sub": subject_for(db, client, session.user_id),
                "sid": session.sid,
                "events": {BACKCHANNEL_EVENT: {}},
            }
            token = sign(claims, client.id_token_signed_response_alg, typ="logout+jwt")
            deliveries.append((client.backchannel_logout_uri, token))
        if client.frontchannel_logout_uri:
            separator = "&" if urlsplit(client.frontchannel_logout_uri).query else "?"
            frontchannel.append(
                client.frontchannel_logout_uri + separator + urlencode({"iss": issuer, "sid": session.sid})
            )
    db.commit()
    if deliveries:
        # Sent side by side, and logout waits a bounded time: a slow client cannot hold the user.
        with ThreadPoolExecutor(max_workers=min(8, len(deliveries))) as pool:
            futures = [pool.submit(_post_logout_token, uri, token) for uri, token in deliveries]
            wait(futures, timeout=BACKCHANNEL_TIMEOUT_S + 1)
    return frontchannel
