"""API test support: the demo world, and access tokens issued by the provider's own ``/token`` endpoint
for a client registered with the API's scopes: the grant and its code are made as the login journey
makes them (``create_grant``, ``issue_code`` with a PKCE challenge), then redeemed like any client would."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

import idp.oidc.models  # noqa: F401 - the OIDC tables are wiped between tests too
from idp.oidc.clients import ClientRegistration, register_client
from idp.oidc.models import OidcClient, OidcToken
from idp.oidc.tokens import TokenPolicy, create_grant, digest, issue_code
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import User
from tests.idp.api.support import Mint

ALL_SCOPES = ("openid", "mandates:read", "mandates:write")
CALLBACK = "https://accounting.example/cb"


@pytest.fixture
def mint(app: Flask, client: FlaskClient, session: Session, demo: DemoWorld) -> Mint:
    """``mint("sammy")``: a live access token of ``sammy`` with every API scope (or ``scopes=...``);
    ``ttl_s`` moves its expiry (``-1``: already expired)."""
    registered = register_client(
        session, ClientRegistration(name="Accounting software", redirect_uris=[CALLBACK], scopes=list(ALL_SCOPES))
    )
    session.commit()
    assert registered.client_secret is not None
    basic = base64.b64encode(f"{registered.client_id}:{registered.client_secret}".encode()).decode()

    def mint_token(username: str, scopes: Sequence[str] = ALL_SCOPES, *, ttl_s: int | None = None) -> str:
        oidc_client = session.get(OidcClient, registered.client_id)
        user = session.scalar(select(User).where(User.username == username))
        assert oidc_client is not None and user is not None
        now = dt.datetime.now(dt.UTC)
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        grant = create_grant(
            session, client=oidc_client, user_id=user.id, session_id=None, sid="", scopes=tuple(scopes), nonce="",
            claims={}, auth_time=now, now=now,
        )  # fmt: skip
        code = issue_code(
            session, grant, redirect_uri=CALLBACK, code_challenge=challenge, code_challenge_method="S256",
            policy=TokenPolicy("", 60, 600, 600, 3600), now=now,
        )  # fmt: skip
        session.commit()
        response = client.post(
            "/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": CALLBACK,
                "code_verifier": verifier,
            },
            headers={"Authorization": f"Basic {basic}"},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        token = response.get_json()["access_token"]
        assert isinstance(token, str)
        if ttl_s is not None:
            expires = now + dt.timedelta(seconds=ttl_s)
            session.execute(update(OidcToken).where(OidcToken.token_hash == digest(token)).values(expires_at=expires))
            session.commit()
        return token

    return mint_token
