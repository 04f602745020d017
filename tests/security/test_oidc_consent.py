"""Consent (Core §3.1.2.4): asked of third-party clients and with prompt=consent, stored per person and
client, never shown with prompt=none (consent_required), and its form protected against CSRF."""

from __future__ import annotations

import json

import requests
from sqlalchemy import select

from idp.i18n import MESSAGES
from idp.oidc.models import OidcConsent
from idp.oidc.scopes import SCOPE_CLAIMS
from tests.oidc_support import (
    CALLBACK,
    Browser,
    Provider,
    RegisteredClient,
    Step,
    authorize_url,
    parse_page,
    pkce_pair,
    query_of,
    redeem,
)


def _start(browser: Browser, provider: Provider, client: RegisteredClient, **params: str) -> tuple[Step, str]:
    verifier, challenge = pkce_pair()
    url = authorize_url(provider, client, code_challenge=challenge, code_challenge_method="S256", **params)
    return browser.go(url), verifier


def _is_consent_page(step: Step) -> bool:
    return step.page is not None and any(
        "/authorize/resume" in form.action and "pending" in form.fields for form in parse_page(step.html).forms
    )


def _consent(browser: Browser, step: Step, decision: str = "allow") -> Step:
    assert _is_consent_page(step), step.location or step.html[:2000]
    return browser.submit(step, "/authorize/resume", decision=decision)


def test_third_party_client_asks_once_then_remembers(provider: Provider) -> None:
    client = provider.register(require_consent=True)
    browser = Browser(provider)
    step, verifier = _start(browser, provider, client)
    step = browser.sign_in(step, "ines")
    assert _is_consent_page(step)
    assert "Test RP" in step.html
    done = _consent(browser, step)
    assert done.location.startswith(CALLBACK), done.html[:2000]
    assert redeem(provider, client, query_of(done.location)["code"], verifier).status_code == 200
    with provider.sessions() as session:
        stored = session.scalar(select(OidcConsent).where(OidcConsent.client_id == client.client_id))
        assert stored is not None and set(stored.scopes) == {"openid", "profile", "mandate"}
    again, _ = _start(browser, provider, client)
    assert again.location.startswith(CALLBACK) and "code" in query_of(again.location)
    silent, _ = _start(browser, provider, client, prompt="none")
    assert "code" in query_of(silent.location)


def test_more_scopes_than_allowed_asks_again(provider: Provider) -> None:
    client = provider.register(require_consent=True, profile="full")
    browser = Browser(provider)
    step, _ = _start(browser, provider, client, scope="openid profile")
    _consent(browser, browser.sign_in(step, "ines"))
    wider, _ = _start(browser, provider, client, scope="openid profile rrn")
    assert _is_consent_page(wider)
    claims = json.dumps({"id_token": {"vo_orgcode": None}})
    by_claim, _ = _start(browser, provider, client, scope="openid profile", claims=claims)
    assert _is_consent_page(by_claim)
    narrower, _ = _start(browser, provider, client, scope="openid")
    assert "code" in query_of(narrower.location)


def test_first_party_client_skips_consent_unless_prompt_consent(provider: Provider) -> None:
    client = provider.register()
    browser = Browser(provider)
    step, _ = _start(browser, provider, client)
    done = browser.sign_in(step, "ines")
    assert done.location.startswith(CALLBACK)
    asked, _ = _start(browser, provider, client, prompt="consent")
    assert _is_consent_page(asked)
    assert _consent(browser, asked).location.startswith(CALLBACK)
    asked_again, _ = _start(browser, provider, client, prompt="consent")
    assert _is_consent_page(asked_again)  # prompt=consent asks even when consent is stored


def test_prompt_none_without_consent_is_consent_required(provider: Provider) -> None:
    first_party, third_party = provider.register(), provider.register(require_consent=True)
    browser = Browser(provider)
    step, _ = _start(browser, provider, first_party)
    assert browser.sign_in(step, "ines").location.startswith(CALLBACK)
    silent, _ = _start(browser, provider, third_party, prompt="none", state="s-1")
    answer = query_of(silent.location)
    assert answer["error"] == "consent_required" and answer["state"] == "s-1" and "code" not in answer


def test_denied_consent_is_access_denied_and_not_stored(provider: Provider) -> None:
    client = provider.register(require_consent=True)
    browser = Browser(provider)
    step, _ = _start(browser, provider, client, state="s-2")
    done = _consent(browser, browser.sign_in(step, "ines"), decision="deny")
    answer = query_of(done.location)
    assert answer["error"] == "access_denied" and answer["state"] == "s-2" and "code" not in answer
    with provider.sessions() as session:
        assert session.scalar(select(OidcConsent)) is None


def test_consent_form_needs_its_csrf_token(provider: Provider) -> None:
    client = provider.register(require_consent=True)
    browser = Browser(provider)
    step, _ = _start(browser, provider, client)
    step = browser.sign_in(step, "ines")
    assert _is_consent_page(step)
    pending = next(f for f in parse_page(step.html).forms if "/authorize/resume" in f.action).fields["pending"]
    forged = browser.http.post(
        provider.url("/authorize/resume"), data={"pending": pending, "decision": "allow"}, allow_redirects=False
    )
    assert forged.status_code == 403
    elsewhere = requests.post(  # another browser, even with the token, is not bound to this login
        provider.url("/authorize/resume"), data={"pending": pending, "decision": "allow"}, allow_redirects=False
    )
    assert elsewhere.status_code in (400, 403)
    with provider.sessions() as session:
        assert session.scalar(select(OidcConsent)) is None


def test_every_scope_has_a_consent_text() -> None:
    assert {scope for scope in SCOPE_CLAIMS if f"oidc.scope.{scope}" not in MESSAGES} == set()


def test_a_person_withdraws_consent_and_the_application_loses_its_tokens(provider: Provider) -> None:
    client = provider.register(require_consent=True)
    other = provider.register(require_consent=True, name="Other RP")
    browser = Browser(provider)
    step, verifier = _start(browser, provider, client)
    done = _consent(browser, browser.sign_in(step, "ines"))
    tokens = redeem(provider, client, query_of(done.location)["code"], verifier).json()
    _consent(browser, _start(browser, provider, other)[0])
    page = browser.go(provider.url("/profile/applications"))
    assert page.page is not None and "Test RP" in page.html and "Other RP" in page.html
    # A GET changes nothing; a POST without the CSRF token is refused.
    assert browser.http.get(provider.url(f"/profile/applications/{client.client_id}/withdraw")).status_code == 405
    forged = browser.http.post(provider.url(f"/profile/applications/{client.client_id}/withdraw"), timeout=10)
    assert forged.status_code == 403
    withdrawn = browser.submit(page, f"/profile/applications/{client.client_id}/withdraw")
    assert withdrawn.page is not None and "Other RP" in withdrawn.html and "Test RP" not in withdrawn.html
    with provider.sessions() as session:
        left = {row.client_id for row in session.scalars(select(OidcConsent))}
        assert left == {other.client_id}
    # The tokens it held end at once: the refresh token no longer works, and the next login asks again.
    refreshed = requests.post(
        provider.url("/token"),
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(client.client_id, client.client_secret or ""),
        timeout=10,
    )
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
    assert _is_consent_page(_start(browser, provider, client)[0])
    # Withdrawing what is not (or no longer) there: 404, nothing else happens.
    again = browser.http.post(
        provider.url(f"/profile/applications/{client.client_id}/withdraw"),
        data={"csrf_token": parse_page(withdrawn.html).forms[0].fields["csrf_token"]},
        allow_redirects=False,
        timeout=10,
    )
    assert again.status_code == 404
