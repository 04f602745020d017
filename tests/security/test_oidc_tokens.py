"""O07–O12, O14, O24–O27, O32: the token and userinfo endpoints against replay, mix-ups and forgery."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import threading

import jwt
import pytest
import requests
from sqlalchemy import update

from idp.oidc.models import OidcAuthorizationCode, OidcToken
from tests.oidc_support import (
    CALLBACK,
    OTHER_CALLBACK,
    Provider,
    RegisteredClient,
    quick_code,
    redeem,
)


def _userinfo(provider: Provider, access_token: str) -> requests.Response:
    return requests.get(provider.url("/userinfo"), headers={"Authorization": f"Bearer {access_token}"}, timeout=10)


def _assert_token_error(response: requests.Response, error: str | tuple[str, ...], status: int = 400) -> None:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    expected = (error,) if isinstance(error, str) else error
    assert response.json()["error"] in expected


def _age_code(provider: Provider, seconds: int) -> None:
    with provider.sessions() as session:
        earlier = dt.timedelta(seconds=seconds)
        rows = session.query(OidcAuthorizationCode).all()
        for row in rows:
            row.expires_at = row.expires_at - earlier
        session.commit()


@pytest.mark.parametrize("wait", ["immediately", "after 30 s"])
def test_O07_code_reuse_revokes_tokens(provider: Provider, wait: str) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    first = redeem(provider, client, answer["code"], verifier)
    assert first.status_code == 200, first.text
    access_token = first.json()["access_token"]
    assert _userinfo(provider, access_token).status_code == 200
    if wait == "after 30 s":
        _age_code(provider, 30)  # the code's clock moved on; its single use must not
    second = redeem(provider, client, answer["code"], verifier)
    _assert_token_error(second, "invalid_grant")
    revoked = _userinfo(provider, access_token)
    assert revoked.status_code == 401
    assert 'error="invalid_token"' in revoked.headers["WWW-Authenticate"]
    refreshed = requests.post(
        provider.url("/token"),
        data={"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
        auth=client.basic,
        timeout=10,
    )
    _assert_token_error(refreshed, "invalid_grant")


def test_O07_two_workers_redeeming_at_once_give_one_success(provider: Provider) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    results: list[int] = []
    barrier = threading.Barrier(4)

    def attempt() -> None:
        barrier.wait()
        results.append(redeem(provider, client, answer["code"], verifier).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [200, 400, 400, 400]


def test_O08_code_of_client_a_redeemed_by_client_b_is_burned(provider: Provider) -> None:
    client_a = provider.register()
    client_b = provider.register()
    answer, verifier, _ = quick_code(provider, client_a)
    _assert_token_error(redeem(provider, client_b, answer["code"], verifier), "invalid_grant")
    _assert_token_error(redeem(provider, client_a, answer["code"], verifier), "invalid_grant")


@pytest.mark.parametrize(
    ("sent_at_authorize", "sent_at_token"),
    [(CALLBACK, OTHER_CALLBACK), (CALLBACK, ""), (CALLBACK, CALLBACK + "/"), (None, OTHER_CALLBACK)],
)
def test_O09_redirect_uri_must_match(provider: Provider, sent_at_authorize: str | None, sent_at_token: str) -> None:
    uris = [CALLBACK] if sent_at_authorize is None else [CALLBACK, OTHER_CALLBACK]
    client = provider.register(redirect_uris=uris)
    answer, verifier, _ = quick_code(provider, client, redirect_uri=sent_at_authorize)  # type: ignore[arg-type]
    data = {"grant_type": "authorization_code", "code": answer["code"], "code_verifier": verifier}
    if sent_at_token:
        data["redirect_uri"] = sent_at_token
    response = requests.post(provider.url("/token"), data=data, auth=client.basic, timeout=10)
    _assert_token_error(response, "invalid_grant")


def test_O10_expired_code_is_refused(provider: Provider) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    _age_code(provider, 61)
    _assert_token_error(redeem(provider, client, answer["code"], verifier), "invalid_grant")


@pytest.mark.parametrize(
    ("verifier", "errors"),
    [
        ("", ("invalid_request", "invalid_grant")),
        ("wrong-" + "v" * 50, ("invalid_grant",)),
        ("a" * 42, ("invalid_grant",)),
        ("a" * 129, ("invalid_grant",)),
    ],
)
def test_O11_pkce_verifier_is_checked(provider: Provider, verifier: str, errors: tuple[str, ...]) -> None:
    client = provider.register()
    answer, _, _ = quick_code(provider, client)
    _assert_token_error(redeem(provider, client, answer["code"], verifier), errors)


def test_O12_pkce_downgrade_is_refused(provider: Provider) -> None:
    client = provider.register()
    # The provider insists on PKCE at /authorize; with it relaxed, a verifier without challenge is still refused.
    provider.app.extensions["idp.settings"] = provider.app.extensions["idp.settings"].replace(
        tokens=provider.app.extensions["idp.settings"].tokens.__class__(pkce_required=False)
    )
    answer, _, _ = quick_code(provider, client, code_challenge=None, code_challenge_method=None)  # type: ignore[arg-type]
    _assert_token_error(redeem(provider, client, answer["code"], "v" * 50), ("invalid_grant", "invalid_request"))


@pytest.mark.parametrize("nonce", ["n-0S6_WzA2Mj", None])
def test_O14_nonce_and_state_round_trip(provider: Provider, nonce: str | None) -> None:
    client = provider.register()
    state = secrets.token_urlsafe(24) + "~._-"
    answer, verifier, _ = quick_code(provider, client, state=state, nonce=nonce)  # type: ignore[arg-type]
    assert answer["state"] == state
    tokens = redeem(provider, client, answer["code"], verifier)
    assert tokens.status_code == 200
    claims = jwt.decode(tokens.json()["id_token"], options={"verify_signature": False})
    if nonce:
        assert claims["nonce"] == nonce
    else:
        assert "nonce" not in claims


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_O24_id_token_is_signed_with_a_published_key(provider: Provider, alg: str) -> None:
    client = provider.register(id_token_signed_response_alg=alg)
    answer, verifier, _ = quick_code(provider, client)
    tokens = redeem(provider, client, answer["code"], verifier).json()
    header = jwt.get_unverified_header(tokens["id_token"])
    assert header["alg"] == alg
    jwks = jwt.PyJWKClient(provider.url("/jwks"))
    key = jwks.get_signing_key_from_jwt(tokens["id_token"])
    assert key.key_id == header["kid"]
    claims = jwt.decode(tokens["id_token"], key, algorithms=[alg], audience=client.client_id, issuer=provider.issuer)
    assert claims["exp"] > claims["iat"]
    assert claims["at_hash"]
    discovery = requests.get(provider.url("/.well-known/openid-configuration"), timeout=10).json()
    assert "none" not in discovery["id_token_signing_alg_values_supported"]


def _token_request(provider: Provider, **kwargs: object) -> requests.Response:
    return requests.post(provider.url("/token"), timeout=10, **kwargs)  # type: ignore[arg-type]


def test_O25_wrong_secret_basic_is_401_with_challenge(provider: Provider) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    response = _token_request(
        provider,
        data={"grant_type": "authorization_code", "code": answer["code"], "code_verifier": verifier},
        auth=(client.client_id, "wrong"),
    )
    _assert_token_error(response, "invalid_client", 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_O25_basic_and_post_at_once_is_invalid_request(provider: Provider) -> None:
    client = provider.register()
    response = _token_request(
        provider,
        data={"grant_type": "authorization_code", "code": "x", "client_id": client.client_id, "client_secret": "s"},
        auth=client.basic,
    )
    _assert_token_error(response, "invalid_request", 400)


@pytest.mark.parametrize("registered", ["client_secret_basic", "client_secret_post"])
def test_O25_unregistered_method_is_refused(provider: Provider, registered: str) -> None:
    client = provider.register(auth_method=registered)
    data = {"grant_type": "authorization_code", "code": "x", "code_verifier": "v" * 50}
    if registered == "client_secret_basic":  # use post instead
        response = _token_request(
            provider, data={**data, "client_id": client.client_id, "client_secret": client.client_secret}
        )
    else:  # use basic instead
        response = _token_request(provider, data=data, auth=client.basic)
    _assert_token_error(response, "invalid_client", 401)


def test_O25_public_method_for_confidential_client_is_refused(provider: Provider) -> None:
    client = provider.register()
    response = _token_request(
        provider, data={"grant_type": "authorization_code", "code": "x", "client_id": client.client_id}
    )
    _assert_token_error(response, "invalid_client", 401)


def test_O26_get_token_is_405_and_responses_are_no_store(provider: Provider) -> None:
    assert requests.get(provider.url("/token"), timeout=10).status_code == 405
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    ok = redeem(provider, client, answer["code"], verifier)
    assert ok.status_code == 200
    assert ok.headers["Cache-Control"] == "no-store"
    assert ok.headers["Pragma"] == "no-cache"
    assert redeem(provider, client, "bogus", verifier).headers["Cache-Control"] == "no-store"


def _live_tokens(provider: Provider, client: RegisteredClient) -> dict[str, str]:
    answer, verifier, _ = quick_code(provider, client)
    response = redeem(provider, client, answer["code"], verifier)
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.parametrize("kind", ["expired", "revoked", "forged", "empty"])
def test_O27_userinfo_refuses_bad_tokens(provider: Provider, kind: str) -> None:
    client = provider.register()
    tokens = _live_tokens(provider, client)
    token = tokens["access_token"]
    if kind == "expired":
        with provider.sessions() as session:
            session.execute(update(OidcToken).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
            session.commit()
    elif kind == "revoked":
        revoked = requests.post(provider.url("/revoke"), data={"token": token}, auth=client.basic, timeout=10)
        assert revoked.status_code == 200
    elif kind == "forged":
        token = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    else:
        token = ""
    response = _userinfo(provider, token)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_O27_token_in_query_string_is_refused(provider: Provider) -> None:
    client = provider.register()
    token = _live_tokens(provider, client)["access_token"]
    response = requests.get(provider.url("/userinfo"), params={"access_token": token}, timeout=10)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("grant_type", "error"),
    [
        ("password", "unsupported_grant_type"),
        ("client_credentials", "unauthorized_client"),
        ("urn:ietf:params:oauth:grant-type:device_code", "unsupported_grant_type"),
        ("implicit", "unsupported_grant_type"),
    ],
)
def test_O32_unsupported_grant_types(provider: Provider, grant_type: str, error: str) -> None:
    client = provider.register()
    response = _token_request(
        provider, data={"grant_type": grant_type, "username": "ines", "password": "x"}, auth=client.basic
    )
    _assert_token_error(response, error)
