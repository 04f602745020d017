"""O16–O19, O29: prompt, max_age and the way back to the relying party, through the real journey pages."""

from __future__ import annotations

import time
from typing import Any

import jwt
import requests

from tests.oidc_support import (
    CALLBACK,
    Browser,
    Provider,
    RegisteredClient,
    Step,
    authorize_url,
    pkce_pair,
    query_of,
)


def _start(browser: Browser, provider: Provider, client: RegisteredClient, **params: str) -> tuple[Step, str]:
    verifier, challenge = pkce_pair()
    url = authorize_url(provider, client, code_challenge=challenge, code_challenge_method="S256", **params)
    return browser.go(url), verifier


def _claims(provider: Provider, client: RegisteredClient, step: Step, verifier: str) -> dict[str, Any]:
    assert step.location.startswith(CALLBACK), step.html[:2000]
    code = query_of(step.location)["code"]
    response = requests.post(
        provider.url("/token"),
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier},
        auth=client.basic,
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return dict(jwt.decode(response.json()["id_token"], options={"verify_signature": False}))


def _is_login_form(step: Step) -> bool:
    return step.page is not None and "/login/password" in step.html


def test_O16_prompt_none_without_session_is_login_required(provider: Provider) -> None:
    client = provider.register()
    browser = Browser(provider)
    step, _ = _start(browser, provider, client, prompt="none", state="s16")
    assert step.location.startswith(CALLBACK)
    answer = query_of(step.location)
    assert answer["error"] == "login_required" and answer["state"] == "s16" and answer["iss"] == provider.issuer


def test_O17_prompt_none_never_picks_a_mandate_on_its_own(provider: Provider) -> None:
    # A live session from an application with another mandate policy: no choice carries over.
    first, second = provider.register(mandate_types=[]), provider.register()
    browser = Browser(provider)
    step, _ = _start(browser, provider, first)
    step = browser.sign_in(step, "karel")  # only "as himself" there: no selection screen
    assert step.location.startswith(CALLBACK)
    step, _ = _start(browser, provider, second, prompt="none")
    assert step.location.startswith(CALLBACK), step.html[:2000]
    answer = query_of(step.location)
    assert "code" not in answer
    assert answer["error"] in ("interaction_required", "account_selection_required")


def test_O18_prompt_login_authenticates_again(provider: Provider) -> None:
    client = provider.register()
    browser = Browser(provider)
    step, verifier = _start(browser, provider, client)
    before = _claims(provider, client, browser.sign_in(step, "ines"), verifier)
    time.sleep(1.1)
    step, verifier = _start(browser, provider, client, prompt="login")
    assert _is_login_form(step)
    after = _claims(provider, client, browser.sign_in(step, "ines"), verifier)
    assert after["auth_time"] > before["auth_time"]
    assert after["sub"] == before["sub"]


def test_O19_max_age_forces_reauthentication_only_when_exceeded(provider: Provider) -> None:
    client = provider.register()
    browser = Browser(provider)
    step, verifier = _start(browser, provider, client)
    first = _claims(provider, client, browser.sign_in(step, "ines"), verifier)
    time.sleep(2)
    step, verifier = _start(browser, provider, client, max_age="1")
    assert _is_login_form(step)
    second = _claims(provider, client, browser.sign_in(step, "ines"), verifier)
    assert second["auth_time"] > first["auth_time"]
    step, verifier = _start(browser, provider, client, max_age="10000")
    assert not _is_login_form(step)
    third = _claims(provider, client, step, verifier)
    assert third["auth_time"] == second["auth_time"]
    assert third["sub"] == first["sub"]


def test_O29_back_to_the_relying_party_with_303(provider: Provider) -> None:
    client = provider.register()
    browser = Browser(provider)
    step, _ = _start(browser, provider, client)
    done = browser.sign_in(step, "ines")
    assert done.location.startswith(CALLBACK)
    assert browser.last_statuses and set(browser.last_statuses) == {303}
