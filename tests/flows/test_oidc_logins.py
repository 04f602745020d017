"""Whole logins through the real app over HTTP, driven by client libraries we did not write (Authlib's
OAuth2Session, requests-oauthlib), the ID token checked against /jwks with PyJWT: as oneself, as an
employee, as a legal representative, through a mandate (one mandatee, several mandatees), and a refusal."""

from __future__ import annotations

import secrets
from typing import Any

import jwt
import pytest
import requests_oauthlib
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

from tests.oidc_support import (
    CALLBACK,
    MANDATE_EMMAUS_BAROCY,
    MANDATE_IMEC_PWC,
    Browser,
    Provider,
    RegisteredClient,
    Step,
)

SCOPES = "openid profile email mandate vo ssm_mandaat rrn"


def verify_id_token(provider: Provider, client: RegisteredClient, id_token: str, nonce: str) -> dict[str, Any]:
    """Check the ID token the way an independent relying party would: PyJWT, keys from /jwks."""
    key = jwt.PyJWKClient(provider.url("/jwks")).get_signing_key_from_jwt(id_token)
    claims: dict[str, Any] = jwt.decode(
        id_token, key, algorithms=["RS256", "ES256"], audience=client.client_id, issuer=provider.issuer
    )
    assert claims["nonce"] == nonce
    assert jwt.get_unverified_header(id_token)["kid"] == key.key_id
    return claims


def walk(browser: Browser, step: Step, username: str, choose: str | None = None, via: str | None = None) -> Step:
    """Sign in, then pick an option on the selection screen (and through which mandatee) when asked."""
    step = browser.sign_in(step, username)
    if via is not None:
        step = browser.via(step)
        return browser.choose(step, via)
    if choose is not None:
        step = browser.choose(step, choose)
    return step


def login_with_authlib(
    provider: Provider, client: RegisteredClient, username: str, *, choose: str | None = None, via: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An Authlib relying party: authorize with PKCE S256 and a nonce, redeem the code, call userinfo."""
    rp = OAuth2Session(
        client.client_id,
        client.client_secret,
        scope=SCOPES,
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )
    verifier, nonce = generate_token(64), generate_token(20)
    url, state = rp.create_authorization_url(provider.url("/authorize"), code_verifier=verifier, nonce=nonce)
    browser = Browser(provider)
    done = walk(browser, browser.go(url), username, choose, via)
    assert done.location.startswith(CALLBACK + "?"), done.html[:3000]
    assert 303 in browser.last_statuses  # O29: back to the relying party with 303
    token = rp.fetch_token(provider.url("/token"), authorization_response=done.location, code_verifier=verifier)
    claims = verify_id_token(provider, client, token["id_token"], nonce)
    userinfo = rp.get(provider.url("/userinfo")).json()
    assert userinfo["sub"] == claims["sub"]
    assert state in done.location
    return claims, userinfo


def test_person_as_myself(provider: Provider) -> None:
    client = provider.register(profile="full")
    claims, userinfo = login_with_authlib(provider, client, "ines")  # one option: no selection screen
    assert claims["name"] == "Ines Claes" and claims["rrn"] == "90110222236"
    assert claims["vo_doelgroepcode"] == "BUR"
    assert "mandate" not in claims and "represents" not in claims
    assert claims["acr"] and claims["amr"] and claims["auth_time"] and claims["sid"]
    assert userinfo["email"] == "ines@people.example"


def test_employee(provider: Provider) -> None:
    client = provider.register(profile="full")
    claims, userinfo = login_with_authlib(provider, client, "eve", choose="BAROCY")
    assert claims["vo_orgcode"] == "0806154033" and claims["vo_orgnaam"] == "BAROCY"
    assert claims["vo_doelgroepcode"] == "EA"
    assert "mandate" not in claims and "wv_orgcode" not in claims
    assert userinfo["vo_orgcode"] == "0806154033"


def test_legal_representative(provider: Provider) -> None:
    client = provider.register(profile="full", legal_representatives=True, allow_citizen=False, allow_employee=False)
    claims, _ = login_with_authlib(provider, client, "sammy")
    assert claims["wv_orgcode"] == "0411515075"
    assert claims["represents"] == {"sub": "0411515075", "sub_id_type": "kbo", "name": "Emmaüs"}
    assert claims["rrn"] == "85073003328"  # sub stays the person; the organisation travels beside it


def test_mandate_via_one_mandatee(provider: Provider) -> None:
    client = provider.register(profile="full")
    claims, userinfo = login_with_authlib(provider, client, "bart", choose=MANDATE_EMMAUS_BAROCY)
    mandate = claims["mandate"]
    assert mandate["id"] == MANDATE_EMMAUS_BAROCY
    assert mandate["type"] == "wse_loket" and mandate["type_name"] == "WSE Loket" and mandate["source"] == "ssm"
    assert mandate["mandator"] == {"id": "0411515075", "id_type": "kbo", "name": "Emmaüs"}
    assert mandate["mandatee"] == {"id": "0806154033", "id_type": "kbo", "name": "BAROCY"}
    assert mandate["valid_from"] and mandate["valid_until"] is None
    assert claims["represents"] == {
        "sub": "0806154033",
        "sub_id_type": "kbo",
        "name": "BAROCY",
        "represents": {"sub": "0411515075", "sub_id_type": "kbo", "name": "Emmaüs"},
    }
    assert claims["ssm_mandaatgever"] == "0411515075"
    assert claims["vo_orgcode"] == "0806154033"
    assert userinfo["mandate"] == mandate


def test_mandate_with_several_mandatees_uses_the_second_dialog(provider: Provider) -> None:
    client = provider.register(profile="full")
    claims, _ = login_with_authlib(provider, client, "karel", via="0429501944")
    assert claims["mandate"]["id"] == MANDATE_IMEC_PWC
    assert claims["mandate"]["mandator"]["name"] == "IMEC"
    assert claims["mandate"]["mandatee"]["id"] == "0429501944"
    assert claims["represents"]["represents"]["sub"] == "0425260668"


def test_refusal_when_nothing_is_allowed(provider: Provider) -> None:
    client = provider.register(allow_citizen=False, allow_employee=False)
    rp = OAuth2Session(client.client_id, client.client_secret, scope="openid", redirect_uri=CALLBACK,
                       code_challenge_method="S256")  # fmt: skip
    url, _ = rp.create_authorization_url(provider.url("/authorize"), code_verifier=generate_token(64))
    browser = Browser(provider)
    done = browser.sign_in(browser.go(url), "nobody")
    if done.location:  # told to the relying party: never with a code
        assert "code=" not in done.location and "error=" in done.location
    else:
        assert done.page is not None and done.page.status_code >= 400  # the journey's clear error page
        assert 'name="option"' not in done.html


@pytest.fixture
def insecure_transport_for_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    # oauthlib insists on https; the provider under test is on http://127.0.0.1 only.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


@pytest.mark.usefixtures("insecure_transport_for_loopback")
@pytest.mark.parametrize("response_mode", ["query", "form_post"])
def test_second_opinion_with_requests_oauthlib(provider: Provider, response_mode: str) -> None:
    client = provider.register(profile="full", id_token_signed_response_alg="ES256")
    rp = requests_oauthlib.OAuth2Session(
        client.client_id, redirect_uri=CALLBACK, scope=["openid", "profile", "mandate"], pkce="S256"
    )
    nonce = secrets.token_urlsafe(16)
    url, state = rp.authorization_url(provider.url("/authorize"), nonce=nonce, response_mode=response_mode)
    browser = Browser(provider)
    done = walk(browser, browser.go(url), "bart", choose=MANDATE_EMMAUS_BAROCY)
    if response_mode == "form_post":
        assert done.page is not None and f'action="{CALLBACK}"' in done.html
        from tests.oidc_support import parse_page

        fields = next(form.fields for form in parse_page(done.html).forms if form.action == CALLBACK)
        assert fields["state"] == state and fields["iss"] == provider.issuer
        callback = CALLBACK + "?code=" + fields["code"] + "&state=" + state
    else:
        assert done.location.startswith(CALLBACK), done.html[:3000]
        callback = done.location
    token = rp.fetch_token(
        provider.url("/token"), authorization_response=callback, client_secret=client.client_secret,
        include_client_id=False,
    )  # fmt: skip
    claims = verify_id_token(provider, client, token["id_token"], nonce)
    assert jwt.get_unverified_header(token["id_token"])["alg"] == "ES256"
    assert claims["mandate"]["id"] == MANDATE_EMMAUS_BAROCY
    assert rp.get(provider.url("/userinfo")).json()["sub"] == claims["sub"]
