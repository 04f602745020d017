"""Passkeys in a real browser: Chromium's virtual authenticator (DevTools WebAuthn domain) stands in for
a fingerprint reader. WebAuthn needs a domain as RP ID, so these pages are opened at ``localhost``."""

from __future__ import annotations

import json

from sqlalchemy import select

from idp.models import SsoSession
from mandate_resolver.registry.models import Credential
from tests.browser.conftest import Live
from tests.login_helpers import SAMMY, citizen, current_totp


def test_add_a_passkey_then_log_in_with_it(live: Live) -> None:
    live.journey.scenario.give(SAMMY, citizen())
    page = live.page
    base = live.url.replace("127.0.0.1", "localhost")
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page.goto(base + "/stub/start")
    page.get_by_label("Gebruikersnaam", exact=True).fill("sammy")
    page.get_by_label("Wachtwoord", exact=True).fill("correct horse battery staple")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.get_by_label("Code", exact=True).fill(current_totp())
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url("**/stub/resume**")
    assert json.loads(page.locator("body").inner_text())["error"] == ""

    page.goto(base + "/login/passkey/enrol")
    page.get_by_role("button", name="Passkey toevoegen").click()
    page.get_by_text("Uw passkey is toegevoegd.").wait_for()
    live.shot("15-passkey-added")
    assert live.journey.session.scalars(select(Credential).where(Credential.kind == "webauthn")).all()

    page.goto(base + "/logout")
    page.get_by_role("button", name="Afmelden").click()
    page.get_by_role("heading", name="U bent afgemeld.").wait_for()

    page.goto(base + "/stub/start")
    button = page.get_by_role("button", name="Aanmelden met een passkey")
    button.wait_for()
    live.shot("16-login-with-passkey")
    button.click()
    page.wait_for_url("**/stub/resume**")
    result = json.loads(page.locator("body").inner_text())
    assert result["selection_key"] == citizen().key
    live.journey.session.expire_all()
    session = live.journey.session.get(SsoSession, result["session_id"])
    assert session is not None and session.amr == ["hwk", "user", "mfa"]
