"""O01–O06, O13, O15, O20, O22, O28, O33: what /authorize and discovery do with hostile or careless input."""

from __future__ import annotations

import pytest
import requests

from tests.oidc_support import (
    CALLBACK,
    OTHER_CALLBACK,
    Browser,
    Provider,
    authorize_url,
    pkce_pair,
    query_of,
)

NEAR_MISSES = [
    "https://evil.example/cb",
    CALLBACK + "?x=1",
    CALLBACK + "/",
    "https://RP.example/cb",
    "https://rp.example:443/cb",
    "http://rp.example/cb",
    "https://rp.example/cb/../evil",
    "https://rp.example@evil.example/cb",
    "https://rp.example.evil.example/cb",
    "https://rp.example/%63b",
    "https%3A%2F%2Frp.example%2Fcb",
    CALLBACK + "#frag",
    CALLBACK + "%23frag",
    " " + CALLBACK,
]


def _get(url: str) -> requests.Response:
    return requests.get(url, allow_redirects=False, timeout=10)


def _assert_error_page(response: requests.Response) -> None:
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert response.headers["Content-Type"].startswith("text/html")


def _pkce() -> dict[str, str]:
    return {"code_challenge": pkce_pair()[1], "code_challenge_method": "S256"}


def test_O01_unregistered_redirect_uri_shows_error_page(provider: Provider) -> None:
    client = provider.register()
    _assert_error_page(_get(authorize_url(provider, client, redirect_uri="https://evil.example/cb", **_pkce())))


def test_O02_missing_redirect_uri_with_several_registered_shows_error_page(provider: Provider) -> None:
    client = provider.register(redirect_uris=[CALLBACK, OTHER_CALLBACK])
    url = authorize_url(provider, client, **_pkce()).replace("redirect_uri=", "ignored=")
    _assert_error_page(_get(url))


@pytest.mark.parametrize("redirect_uri", NEAR_MISSES)
def test_O03_near_miss_redirect_uris_show_error_page(provider: Provider, redirect_uri: str) -> None:
    client = provider.register()
    _assert_error_page(_get(authorize_url(provider, client, redirect_uri=redirect_uri, **_pkce())))


def test_O03_repeated_redirect_uri_shows_error_page(provider: Provider) -> None:
    client = provider.register()
    url = authorize_url(provider, client, **_pkce()) + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb"
    _assert_error_page(_get(url))


@pytest.mark.parametrize("redirect_uri", [CALLBACK, "https://evil.example/cb", ""])
def test_O04_unknown_client_shows_error_page(provider: Provider, redirect_uri: str) -> None:
    client = provider.register()
    client.client_id = "no-such-client"
    _assert_error_page(_get(authorize_url(provider, client, redirect_uri=redirect_uri, **_pkce())))


@pytest.mark.parametrize(
    ("response_type", "error"),
    [(None, "invalid_request"), ("foo", "unsupported_response_type"), ("", "invalid_request")],
)
def test_O05_missing_or_unknown_response_type(provider: Provider, response_type: str | None, error: str) -> None:
    client = provider.register()
    response = _get(authorize_url(provider, client, response_type=response_type, state="s-1", **_pkce()))  # type: ignore[arg-type]
    assert response.status_code == 303
    assert response.headers["Location"].startswith(CALLBACK + "?")
    assert query_of(response.headers["Location"])["error"] == error
    assert query_of(response.headers["Location"])["state"] == "s-1"


@pytest.mark.parametrize("response_type", ["token", "id_token token", "id_token", "code id_token", "code token"])
def test_O06_implicit_and_hybrid_are_refused(provider: Provider, response_type: str) -> None:
    client = provider.register()
    response = _get(authorize_url(provider, client, response_type=response_type, **_pkce()))
    assert response.status_code == 303
    assert query_of(response.headers["Location"])["error"] == "unsupported_response_type"
    discovery = _get(provider.url("/.well-known/openid-configuration")).json()
    assert discovery["response_types_supported"] == ["code"]


@pytest.mark.parametrize(
    "pkce",
    [
        {"code_challenge": "a" * 43, "code_challenge_method": "plain"},
        {"code_challenge": "a" * 43},  # RFC 7636 defaults a missing method to plain
        {"code_challenge": "too-short", "code_challenge_method": "S256"},
        {"code_challenge_method": "S256"},
    ],
)
def test_O13_plain_or_malformed_pkce_is_refused(provider: Provider, pkce: dict[str, str]) -> None:
    client = provider.register()
    response = _get(authorize_url(provider, client, **pkce))
    assert response.status_code == 303
    assert query_of(response.headers["Location"])["error"] == "invalid_request"


@pytest.mark.parametrize("auth_method", ["none", "client_secret_basic"])
def test_O13_pkce_is_required_for_public_and_confidential_clients(provider: Provider, auth_method: str) -> None:
    client = provider.register(auth_method=auth_method)
    response = _get(authorize_url(provider, client))
    assert response.status_code == 303
    assert query_of(response.headers["Location"])["error"] == "invalid_request"
    discovery = _get(provider.url("/.well-known/openid-configuration")).json()
    assert discovery["code_challenge_methods_supported"] == ["S256"]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"scope": "profile email"}, "invalid_scope"),
        ({"prompt": "bogus"}, "invalid_request"),
        ({"max_age": "-5"}, "invalid_request"),
        ({"claims": "{not json"}, "invalid_request"),
        ({"request": "eyJhbGciOiJub25lIn0.e30."}, "request_not_supported"),
        ({"request_uri": "https://rp.example/request.jwt"}, "request_uri_not_supported"),
        ({"response_mode": "fragment"}, "invalid_request"),
    ],
)
def test_O15_error_responses_carry_state_and_iss(provider: Provider, params: dict[str, str], error: str) -> None:
    client = provider.register()
    state = "st/ä+=&x y"
    response = _get(authorize_url(provider, client, state=state, **params, **_pkce()))
    assert response.status_code == 303
    answer = query_of(response.headers["Location"])
    assert answer["error"] == error
    assert answer["state"] == state
    assert answer["iss"] == provider.issuer


def test_O15_form_post_errors_carry_state_and_iss(provider: Provider) -> None:
    client = provider.register()
    response = _get(authorize_url(provider, client, state="abc", scope="email", response_mode="form_post", **_pkce()))
    assert response.status_code == 200
    assert f'action="{CALLBACK}"' in response.text
    assert 'name="state" value="abc"' in response.text
    assert f'name="iss" value="{provider.issuer}"' in response.text


@pytest.mark.parametrize("prompt", ["none login", "login none", "none consent", "none select_account"])
def test_O20_prompt_none_with_other_values_is_invalid(provider: Provider, prompt: str) -> None:
    client = provider.register()
    response = _get(authorize_url(provider, client, prompt=prompt, **_pkce()))
    assert response.status_code == 303
    assert query_of(response.headers["Location"])["error"] == "invalid_request"


@pytest.mark.parametrize(
    "extra",
    [
        {"extra": "foobar"},
        {"scope": "mandate profile openid"},
        {"scope": "openid unknown_scope profile"},
    ],
)
def test_O22_unknown_parameters_and_reordered_scopes_succeed(provider: Provider, extra: dict[str, str]) -> None:
    client = provider.register()
    browser = Browser(provider)
    step = browser.go(authorize_url(provider, client, **extra, **_pkce()))
    assert step.page is not None and step.page.status_code == 200
    assert "/login" in step.page.url  # sent into the journey, not refused


def test_O28_authorize_response_headers(provider: Provider) -> None:
    client = provider.register()
    for url in (
        authorize_url(provider, client, **_pkce()),  # into the journey
        authorize_url(provider, client, redirect_uri="https://evil.example/cb"),  # error page
    ):
        response = _get(url)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "Access-Control-Allow-Origin" not in response.headers


def test_O33_discovery_document(provider: Provider) -> None:
    document = _get(provider.url("/.well-known/openid-configuration")).json()
    assert document["issuer"] == provider.issuer
    endpoints = [value for key, value in document.items() if key.endswith(("_endpoint", "_uri"))]
    assert endpoints and all(url.startswith(provider.issuer + "/") for url in endpoints)
    # Served over http only because the test issuer is a loopback address; the prefix is the issuer's.
    assert "token" not in " ".join(document["response_types_supported"])
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["authorization_response_iss_parameter_supported"] is True
    assert "none" not in document["id_token_signing_alg_values_supported"]
    assert set(document["id_token_signing_alg_values_supported"]) == {"RS256", "ES256"}
