"""Refresh tokens (rotation, reuse detection, client binding), introspection, revocation, RP-initiated
logout with back-channel and front-channel logout, and private_key_jwt client authentication."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc.jwk import ECKey, RSAKey
from sqlalchemy import update
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from mandate_resolver.registry.models import Mandate, MandateState
from tests.oidc_support import (
    CALLBACK,
    MANDATE_EMMAUS_BAROCY,
    POST_LOGOUT,
    Browser,
    Provider,
    RegisteredClient,
    authorize_url,
    finish_login_directly,
    pkce_pair,
    query_of,
    quick_code,
    redeem,
)


def _tokens(provider: Provider, client: RegisteredClient) -> dict[str, Any]:
    answer, verifier, _ = quick_code(provider, client)
    response = redeem(provider, client, answer["code"], verifier)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _refresh(provider: Provider, client: RegisteredClient, token: str, **extra: str) -> requests.Response:
    data = {"grant_type": "refresh_token", "refresh_token": token, **extra}
    return requests.post(provider.url("/token"), data=data, auth=client.basic, timeout=10)


def _introspect(provider: Provider, client: RegisteredClient, token: str) -> dict[str, Any]:
    response = requests.post(provider.url("/introspect"), data={"token": token}, auth=client.basic, timeout=10)
    assert response.status_code == 200
    return dict(response.json())


def test_refresh_tokens_rotate_and_reuse_revokes_the_grant(provider: Provider) -> None:
    client = provider.register()
    first = _tokens(provider, client)
    second = _refresh(provider, client, first["refresh_token"])
    assert second.status_code == 200, second.text
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert "nonce" not in jwt.decode(rotated["id_token"], options={"verify_signature": False})
    assert _introspect(provider, client, rotated["access_token"])["active"] is True
    # The old refresh token again: reuse, so everything of this grant dies.
    reused = _refresh(provider, client, first["refresh_token"])
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    assert _introspect(provider, client, rotated["access_token"]) == {"active": False}
    assert _refresh(provider, client, rotated["refresh_token"]).status_code == 400


def test_refresh_after_the_mandate_was_stopped_is_refused(provider: Provider) -> None:
    """M08 for refresh tokens: a mandate stopped since the login is never asserted again."""
    client = provider.register(profile="full")
    verifier, challenge = pkce_pair()
    browser = Browser(provider)
    step = browser.go(authorize_url(provider, client, code_challenge=challenge, code_challenge_method="S256"))
    step = browser.choose(browser.sign_in(step, "bart"), MANDATE_EMMAUS_BAROCY)
    tokens = redeem(provider, client, query_of(step.location)["code"], verifier).json()
    rotated = _refresh(provider, client, tokens["refresh_token"])
    assert rotated.status_code == 200, rotated.text  # while the mandate holds, refreshing works
    tokens = rotated.json()
    with provider.sessions() as session:
        session.execute(
            update(Mandate)
            .where(Mandate.id == MANDATE_EMMAUS_BAROCY)
            .values(state=MandateState.STOPPED, stopped_at=dt.datetime.now(dt.UTC))
        )
        session.commit()
    refreshed = _refresh(provider, client, tokens["refresh_token"])
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
    assert _introspect(provider, client, tokens["access_token"]) == {"active": False}


def test_refresh_token_is_bound_to_its_client(provider: Provider) -> None:
    owner, thief = provider.register(), provider.register()
    tokens = _tokens(provider, owner)
    stolen = _refresh(provider, thief, tokens["refresh_token"])
    assert stolen.status_code == 400 and stolen.json()["error"] == "invalid_grant"
    assert _refresh(provider, owner, tokens["refresh_token"], scope="openid").status_code == 200


def test_refresh_cannot_widen_the_scope(provider: Provider) -> None:
    client = provider.register(profile="full")
    tokens = _tokens(provider, client)
    widened = _refresh(provider, client, tokens["refresh_token"], scope="openid rrn")
    assert widened.status_code == 400 and widened.json()["error"] == "invalid_scope"


def test_introspection_and_revocation(provider: Provider) -> None:
    client, other = provider.register(), provider.register()
    tokens = _tokens(provider, client)
    active = _introspect(provider, client, tokens["access_token"])
    assert active["active"] is True and active["client_id"] == client.client_id and active["iss"] == provider.issuer
    assert _introspect(provider, other, tokens["access_token"]) == {"active": False}  # not another client's business
    unauthenticated = requests.post(provider.url("/introspect"), data={"token": tokens["access_token"]}, timeout=10)
    assert unauthenticated.status_code == 401
    revoked = requests.post(
        provider.url("/revoke"), data={"token": tokens["refresh_token"]}, auth=client.basic, timeout=10
    )
    assert revoked.status_code == 200
    assert _introspect(provider, client, tokens["access_token"]) == {"active": False}  # the grant went with it


class Receiver:
    """A relying party's back-channel logout endpoint on a loopback port; records what it receives."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.port}/backchannel"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @Request.application  # type: ignore[arg-type]
    def app(self, request: Request) -> Response:
        self.tokens.extend(request.form.getlist("logout_token"))
        return Response(status=200)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.server.shutdown()


def test_end_session_with_back_and_front_channel_logout(provider: Provider, receiver: Receiver) -> None:
    client = provider.register(
        backchannel_logout_uri=receiver.url, frontchannel_logout_uri="https://rp.example/frontchannel"
    )
    verifier, challenge = pkce_pair()
    browser = Browser(provider)
    step = browser.go(authorize_url(provider, client, code_challenge=challenge, code_challenge_method="S256"))
    step = browser.sign_in(step, "ines")
    tokens = redeem(provider, client, query_of(step.location)["code"], verifier).json()
    id_claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    logout = browser.http.get(
        provider.url("/end_session"),
        params={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": POST_LOGOUT, "state": "bye-1"},
        allow_redirects=False,
        timeout=10,
    )
    assert logout.status_code == 200  # the page that loads the front-channel frames, then continues
    assert f"https://rp.example/frontchannel?iss={requests.utils.quote(provider.issuer, safe='')}" in logout.text
    assert f"{POST_LOGOUT}?state=bye-1" in logout.text
    # A browser loads those frames only if the page's CSP names their origin.
    assert "frame-src https://rp.example;" in logout.headers["Content-Security-Policy"]
    assert len(receiver.tokens) == 1
    key = jwt.PyJWKClient(provider.url("/jwks")).get_signing_key_from_jwt(receiver.tokens[0])
    logout_claims = jwt.decode(
        receiver.tokens[0], key, algorithms=["RS256", "ES256"], audience=client.client_id, issuer=provider.issuer
    )
    assert logout_claims["sid"] == id_claims["sid"] and logout_claims["sub"] == id_claims["sub"]
    assert "http://schemas.openid.net/event/backchannel-logout" in logout_claims["events"]
    assert "nonce" not in logout_claims
    assert jwt.get_unverified_header(receiver.tokens[0])["typ"] == "logout+jwt"
    userinfo = requests.get(
        provider.url("/userinfo"), headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10
    )
    assert userinfo.status_code == 401  # the session's tokens ended with it
    again = browser.go(authorize_url(provider, client, code_challenge=challenge, code_challenge_method="S256",
                                     prompt="none"))  # fmt: skip
    assert query_of(again.location)["error"] == "login_required"


@pytest.mark.parametrize("target", ["https://evil.example/bye", POST_LOGOUT + "/", POST_LOGOUT + "?x=1"])
def test_end_session_refuses_unregistered_post_logout_redirect(provider: Provider, target: str) -> None:
    client = provider.register()
    tokens = redeem(provider, client, *_code_and_verifier(provider, client)).json()
    response = requests.get(
        provider.url("/end_session"),
        params={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": target},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 400 and "Location" not in response.headers


def test_end_session_without_hint_asks_for_confirmation(provider: Provider) -> None:
    client = provider.register()
    _, _, browser = quick_code(provider, client)
    response = browser.http.get(provider.url("/end_session"), allow_redirects=False, timeout=10)
    assert response.status_code == 200 and 'name="confirm"' in response.text
    forged = browser.http.post(provider.url("/end_session"), data={"confirm": "yes"}, timeout=10)
    assert forged.status_code == 403  # no CSRF token: still logged in


def _code_and_verifier(provider: Provider, client: RegisteredClient) -> tuple[str, str]:
    answer, verifier, _ = quick_code(provider, client)
    return answer["code"], verifier


def test_private_key_jwt_client_authentication(provider: Provider) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    public_jwk = {**ECKey.import_key(private.public_key()).as_dict(), "kid": "rp-1", "alg": "ES256", "use": "sig"}
    client = provider.register(auth_method="private_key_jwt", jwks={"keys": [public_jwk]})
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )

    def assertion(**changes: Any) -> str:
        now = int(time.time())
        claims = {"iss": client.client_id, "sub": client.client_id, "aud": provider.url("/token"),
                  "iat": now, "exp": now + 60, "jti": str(uuid.uuid4()), **changes}  # fmt: skip
        return jwt.encode(claims, pem, algorithm="ES256", headers={"kid": "rp-1"})

    def token_request(signed: str) -> requests.Response:
        code, verifier = _code_and_verifier(provider, client)
        data = {"grant_type": "authorization_code", "code": code, "code_verifier": verifier,
                "redirect_uri": CALLBACK, "client_assertion": signed,
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}  # fmt: skip
        return requests.post(provider.url("/token"), data=data, timeout=10)

    good = assertion()
    assert token_request(good).status_code == 200
    assert token_request(good).status_code == 401  # the same jti again: replay
    assert token_request(assertion(aud="https://other.example/token")).status_code == 401
    assert token_request(assertion(exp=int(time.time()) - 5)).status_code == 401
    other = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    now = int(time.time())
    forged = jwt.encode({"iss": client.client_id, "sub": client.client_id, "aud": provider.url("/token"),
                         "exp": now + 60, "jti": "x"}, other, algorithm="ES256", headers={"kid": "rp-1"})  # fmt: skip
    assert token_request(forged).status_code == 401


def test_authlib_client_with_private_key_jwt(provider: Provider) -> None:
    """Authlib's own client authenticates with private_key_jwt and the provider accepts it."""
    from authlib.oauth2.rfc7523 import PrivateKeyJWT

    key = RSAKey.generate_key(2048, parameters={"kid": "rp-2"})
    public_jwk = {**key.as_dict(private=False), "kid": "rp-2", "alg": "RS256"}
    client = provider.register(auth_method="private_key_jwt", jwks={"keys": [public_jwk]})
    code, verifier = _code_and_verifier(provider, client)
    rp = OAuth2Session(client.client_id, key.as_dict(private=True),
                       token_endpoint_auth_method=PrivateKeyJWT(provider.url("/token")),
                       redirect_uri=CALLBACK)  # fmt: skip
    token = rp.fetch_token(provider.url("/token"), code=code, code_verifier=verifier, grant_type="authorization_code")
    assert token["access_token"] and token["id_token"]


def test_discovery_is_plain_json(provider: Provider) -> None:
    response = requests.get(provider.url("/.well-known/openid-configuration"), timeout=10)
    assert json.loads(response.text)["jwks_uri"] == provider.url("/jwks")
    assert all(key.get("kid") for key in requests.get(provider.url("/jwks"), timeout=10).json()["keys"])


def test_prompt_none_honours_id_token_hint(provider: Provider) -> None:
    client = provider.register()
    verifier, challenge = pkce_pair()
    pkce = {"code_challenge": challenge, "code_challenge_method": "S256"}
    other = Browser(provider)
    step = finish_login_directly(provider, other, other.go(authorize_url(provider, client, **pkce)), "eve")
    eve_token = redeem(provider, client, query_of(step.location)["code"], verifier).json()["id_token"]
    answer, ines_verifier, browser = quick_code(provider, client)
    ines_token = redeem(provider, client, answer["code"], ines_verifier).json()["id_token"]
    refused = browser.go(authorize_url(provider, client, prompt="none", id_token_hint=eve_token, **pkce))
    assert query_of(refused.location)["error"] == "login_required"
    accepted = browser.go(authorize_url(provider, client, prompt="none", id_token_hint=ines_token, **pkce))
    assert "code" in query_of(accepted.location), accepted.location or accepted.html[:2000]


@pytest.mark.parametrize(("profile", "released"), [("full", True), ("standard", False)])
def test_claims_parameter_asks_individual_claims_within_the_registration(
    provider: Provider, profile: str, released: bool
) -> None:
    client = provider.register(profile=profile)
    asked = json.dumps({"id_token": {"rrn": None}, "userinfo": {"vo_doelgroepcode": {"essential": True}}})
    answer, verifier, _ = quick_code(provider, client, scope="openid", claims=asked)
    tokens = redeem(provider, client, answer["code"], verifier).json()
    id_claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    userinfo = requests.get(
        provider.url("/userinfo"), headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10
    ).json()
    assert ("rrn" in id_claims) is released and "rrn" not in userinfo
    assert ("vo_doelgroepcode" in userinfo) is released and "vo_doelgroepcode" not in id_claims
    assert "name" not in id_claims  # the profile scope was not asked for
