"""The login journey in a real browser: what a person sees and does, without JavaScript on our pages."""

from __future__ import annotations

import json
import re

from tests.browser.conftest import Live
from tests.login_helpers import (
    BAROCY,
    EMMAUS,
    IMEC,
    PWC,
    SAMMY,
    citizen,
    current_totp,
    employee,
    make_application,
    mandate,
)

M_EMMAUS = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")
M_IMEC_BAROCY = mandate(IMEC, BAROCY, "8d1f3b5f-5a1c-4c8f-8e9f-1d2a3b4c5d6e")
M_IMEC_PWC = mandate(IMEC, PWC, "9e2a4c6a-6b2d-4d9a-9fa0-2e3b4c5d6e7f")


def _give_everything(live: Live) -> None:
    live.journey.scenario.give(SAMMY, citizen(), employee(BAROCY), M_EMMAUS, M_IMEC_BAROCY, M_IMEC_PWC)


def _log_in(live: Live, *, client_id: str = "app-a", shots: bool = False) -> None:
    page = live.page
    live.open(f"/stub/start?client_id={client_id}")
    page.get_by_role("heading", name="Aanmelden").wait_for()
    if shots:
        live.shot("01-login")
    page.get_by_label("Gebruikersnaam", exact=True).fill("sammy")
    page.get_by_label("Wachtwoord", exact=True).fill("correct horse battery staple")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.get_by_role("heading", name="Eenmalige code").wait_for()
    if shots:
        live.shot("02-one-time-code")
    page.get_by_label("Code", exact=True).fill(current_totp())
    page.get_by_role("button", name="Verder").click()


def _result(live: Live) -> dict[str, object]:
    # A click or a key press only starts the navigation: wait until the browser is back at the application.
    live.page.wait_for_url(re.compile(r"/stub/resume\?"), timeout=15_000)
    text = live.page.locator("body").inner_text()
    data: dict[str, object] = json.loads(text)
    return data


def test_password_totp_selection_with_second_dialog(live: Live) -> None:
    _give_everything(live)
    page = live.page
    _log_in(live, shots=True)
    page.get_by_role("heading", name="Namens wie wilt u zich aanmelden?").wait_for()
    assert page.get_by_text("Meerdere mandaten mogelijk").is_visible()
    live.shot("03-selection")
    page.get_by_role("link", name="Kies via welke mandaatnemer voor Interuniversitair").click()
    page.get_by_role("heading", name="Via welke mandaatnemer").wait_for()
    live.shot("04-second-dialog")
    page.get_by_label("Mandaat via PricewaterhouseCoopers").check()
    page.get_by_role("button", name="Verder").click()
    result = _result(live)
    assert result["selection_key"] == M_IMEC_PWC.key
    live.shot("05-back-at-the-application")


def test_keyboard_only_choice(live: Live) -> None:
    _give_everything(live)
    page = live.page
    _log_in(live)
    page.get_by_role("heading", name="Namens wie wilt u zich aanmelden?").wait_for()
    page.get_by_label("Als medewerker van BAROCY").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    assert _result(live)["selection_key"] == employee(BAROCY).key


def test_sso_into_a_second_application_and_switching(live: Live) -> None:
    _give_everything(live)
    page = live.page
    _log_in(live)
    page.get_by_label("Namens Emmaüs").check()
    page.get_by_role("button", name="Verder").click()
    assert _result(live)["selection_key"] == M_EMMAUS.key
    # A second application with the same mandate types: no login, no screen.
    live.open("/stub/start?client_id=app-b")
    assert _result(live)["selection_key"] == M_EMMAUS.key
    live.shot("06-sso-second-application")
    # Switching for application A: choose again without a password.
    live.open("/switch?client_id=app-a")
    page.get_by_role("heading", name="Namens wie wilt u zich aanmelden?").wait_for()
    live.shot("07-switch")
    page.get_by_label("In eigen naam, als burger").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_text("Uw keuze voor Toepassing A is bewaard").wait_for()
    live.shot("08-switch-done")
    live.open("/stub/start?client_id=app-a&prompt=none")
    assert _result(live)["selection_key"] == citizen().key


def test_logout(live: Live) -> None:
    live.journey.scenario.give(SAMMY, citizen())
    _log_in(live)
    assert _result(live)["error"] == ""
    live.open("/logout")
    live.shot("09-logout")
    live.page.get_by_role("button", name="Afmelden").click()
    live.page.get_by_role("heading", name="U bent afgemeld.").wait_for()
    live.shot("10-logged-out")
    live.open("/stub/start?prompt=none")
    assert _result(live)["error"] == "login_required"


def test_no_access_page(live: Live) -> None:
    make_application(live.journey.session, "mandates-only", name="Alleen mandaten", allow_citizen=False)
    live.journey.scenario.give(SAMMY, citizen())
    _log_in(live, client_id="mandates-only")
    live.page.get_by_role("heading", name="U hebt geen toegang tot deze toepassing").wait_for()
    assert live.page.get_by_text("SSM Mandaatuitvoerder").is_visible()
    live.shot("11-no-access")


def test_language_switch_keeps_the_login(live: Live) -> None:
    live.journey.scenario.give(SAMMY, citizen())
    page = live.page
    live.open("/stub/start")
    page.get_by_role("heading", name="Aanmelden").wait_for()
    page.get_by_role("link", name="Français").click()
    page.get_by_role("heading", name="Se connecter").wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"
    live.shot("12-login-in-french")
    page.get_by_label("Nom d'utilisateur", exact=True).fill("sammy")
    page.get_by_label("Mot de passe", exact=True).fill("correct horse battery staple")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    page.get_by_role("heading", name="Code à usage unique").wait_for()
    page.get_by_role("link", name="Deutsch").click()
    page.get_by_role("heading", name="Einmalcode").wait_for()
    live.shot("13-code-in-german")
    page.get_by_label("Code", exact=True).fill(current_totp())
    page.get_by_role("button", name="Weiter").click()
    assert _result(live)["selection_key"] == citizen().key


def test_wrong_password_error_summary_links_to_the_field(live: Live) -> None:
    page = live.page
    live.open("/stub/start")
    page.get_by_label("Gebruikersnaam", exact=True).fill("sammy")
    page.get_by_label("Wachtwoord", exact=True).fill("wrong")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "niet juist" in alert.inner_text()
    alert.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "username"
    live.shot("14-wrong-password")
