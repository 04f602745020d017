"""The token, introspection and revocation endpoints as Authlib runs them (idp/oidc/server.py): the rules
we add to Authlib's (one authentication method, parameters once and in the body, public clients) and
the answers RFC 6749 §5.2, RFC 7009 and RFC 7662 ask for."""

from __future__ import annotations

import requests

from tests.oidc_support import CALLBACK, Provider, quick_code, redeem


def test_public_client_redeems_with_pkce_and_no_secret(provider: Provider) -> None:
    client = provider.register(auth_method="none")
    answer, verifier, _ = quick_code(provider, client)
    data = {"grant_type": "authorization_code", "code": answer["code"], "redirect_uri": CALLBACK,
            "client_id": client.client_id, "code_verifier": verifier}  # fmt: skip
    response = requests.post(provider.url("/token"), data=data, timeout=10)
    assert response.status_code == 200, response.text
    tokens = response.json()
    assert tokens["id_token"] and tokens["token_type"] == "Bearer"
    # A public client proves nothing about itself: it may not introspect (RFC 7662 §2.1).
    introspected = requests.post(
        provider.url("/introspect"), data={"token": tokens["access_token"], "client_id": client.client_id}, timeout=10
    )
    assert introspected.status_code == 401 and introspected.json()["error"] == "invalid_client"


def test_repeated_parameter_and_missing_grant_type_are_invalid_request(provider: Provider) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    repeated = requests.post(
        provider.url("/token"),
        data=[
            ("grant_type", "authorization_code"),
            ("code", answer["code"]),
            ("code", "other"),
            ("code_verifier", verifier),
            ("redirect_uri", CALLBACK),
        ],
        auth=client.basic,
        timeout=10,
    )
    assert repeated.status_code == 400 and repeated.json()["error"] == "invalid_request"
    missing = requests.post(provider.url("/token"), data={"code": answer["code"]}, auth=client.basic, timeout=10)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    # The code was not touched by either: it still works.
    assert redeem(provider, client, answer["code"], verifier).status_code == 200


def test_parameters_in_the_query_string_are_not_read(provider: Provider) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    response = requests.post(
        provider.url("/token"),
        params={"grant_type": "authorization_code", "code": answer["code"]},
        data={"code_verifier": verifier, "redirect_uri": CALLBACK},
        auth=client.basic,
        timeout=10,
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def test_unknown_client_is_401_with_a_challenge(provider: Provider) -> None:
    response = requests.post(
        provider.url("/token"),
        data={"grant_type": "authorization_code", "code": "x", "client_id": "nobody", "client_secret": "s"},
        timeout=10,
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert response.headers["Cache-Control"] == "no-store"


def test_revoking_another_clients_token_changes_nothing(provider: Provider) -> None:
    owner, other = provider.register(), provider.register()
    answer, verifier, _ = quick_code(provider, owner)
    tokens = redeem(provider, owner, answer["code"], verifier).json()
    revoked = requests.post(
        provider.url("/revoke"), data={"token": tokens["access_token"]}, auth=other.basic, timeout=10
    )
    assert revoked.status_code == 200  # RFC 7009 §2.2: answered like an unknown token
    still = requests.post(
        provider.url("/introspect"), data={"token": tokens["access_token"]}, auth=owner.basic, timeout=10
    )
    assert still.json()["active"] is True
    own = requests.post(provider.url("/revoke"), data={"token": tokens["access_token"]}, auth=owner.basic, timeout=10)
    assert own.status_code == 200
    gone = requests.post(
        provider.url("/introspect"), data={"token": tokens["access_token"]}, auth=owner.basic, timeout=10
    )
    assert gone.json() == {"active": False}


def test_userinfo_takes_access_tokens_from_the_header_only(provider: Provider) -> None:
    client = provider.register()
    answer, verifier, _ = quick_code(provider, client)
    tokens = redeem(provider, client, answer["code"], verifier).json()
    in_body = requests.post(provider.url("/userinfo"), data={"access_token": tokens["access_token"]}, timeout=10)
    assert in_body.status_code == 401 and in_body.headers["WWW-Authenticate"].startswith("Bearer")
    refresh_as_bearer = requests.get(
        provider.url("/userinfo"), headers={"Authorization": f"Bearer {tokens['refresh_token']}"}, timeout=10
    )
    assert refresh_as_bearer.status_code == 401
    assert 'error="invalid_token"' in refresh_as_bearer.headers["WWW-Authenticate"]
    ok = requests.post(
        provider.url("/userinfo"), headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10
    )
    assert ok.status_code == 200 and ok.json()["sub"] and ok.headers["Cache-Control"] == "no-store"
