"""L01: the session identifier changes at login and at re-authentication; the old value is dead."""

from __future__ import annotations

import json

import pytest

from tests.login_helpers import SAMMY, TOTP_SECRET, Journey, citizen, log_in, session_cookie, start


@pytest.mark.parametrize("planted", ["attacker-chosen-value", "x" * 43, ""])
def test_L01_planted_cookie_is_replaced_at_login(journey: Journey, planted: str) -> None:
    journey.scenario.give(SAMMY, citizen())
    if planted:
        journey.client.set_cookie("idp_session_sso", planted)
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    fresh = session_cookie(journey.client)
    assert fresh and fresh != planted


def test_L01_reauthentication_renews_the_session_and_kills_the_old_one(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    first = json.loads(log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET).get_data(as_text=True))
    old_cookie = session_cookie(journey.client)
    page = start(journey.client, prompt="login")
    assert 'name="password"' in page.get_data(as_text=True)
    second = json.loads(log_in(journey.client, page, totp_secret=TOTP_SECRET, totp_step=1).get_data(as_text=True))
    assert second["session_id"] != first["session_id"]
    assert session_cookie(journey.client) != old_cookie
    # The old cookie no longer opens anything.
    attacker = journey.app.test_client()
    attacker.set_cookie("idp_session_sso", old_cookie or "")
    assert json.loads(start(attacker, prompt="none").get_data(as_text=True))["error"] == "login_required"


def test_L01_csrf_token_is_renewed_at_login(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    page = start(journey.client)
    with journey.client.session_transaction() as flask_session:
        before = flask_session["csrf_token"]
    log_in(journey.client, page, totp_secret=TOTP_SECRET)
    with journey.client.session_transaction() as flask_session:
        assert flask_session["csrf_token"] != before
