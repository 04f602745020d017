from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import update

from idp.models import SsoSession
from tests.login_helpers import SAMMY, TOTP_SECRET, Journey, citizen, log_in, start


def _json(response: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(response.get_data(as_text=True))
    return data


def _logged_in(journey: Journey) -> dict[str, Any]:
    journey.scenario.give(SAMMY, citizen())
    return _json(log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET))


def test_force_authn_shows_the_login_form_and_renews_authentication(journey: Journey) -> None:
    first = _logged_in(journey)
    page = start(journey.client, prompt="login")
    assert 'name="password"' in page.get_data(as_text=True)
    second = _json(log_in(journey.client, page, totp_secret=TOTP_SECRET, totp_step=1))
    old = journey.session.get(SsoSession, first["session_id"])
    new = journey.session.get(SsoSession, second["session_id"])
    assert old is not None and new is not None
    assert old.ended_at is not None and new.authenticated_at >= old.authenticated_at


def test_max_age_exceeded_asks_to_authenticate_again(journey: Journey) -> None:
    _logged_in(journey)
    journey.session.execute(
        update(SsoSession).values(authenticated_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5))
    )
    journey.session.commit()
    page = start(journey.client, max_age="1")
    assert 'name="password"' in page.get_data(as_text=True)
    assert _json(start(journey.client, max_age="10000"))["error"] == ""


def test_passive_max_age_exceeded_is_login_required(journey: Journey) -> None:
    _logged_in(journey)
    journey.session.execute(
        update(SsoSession).values(authenticated_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5))
    )
    journey.session.commit()
    assert _json(start(journey.client, prompt="none", max_age="1"))["error"] == "login_required"


def test_higher_acr_than_the_session_asks_to_authenticate_again(journey: Journey) -> None:
    from idp.login import acr

    _logged_in(journey)
    page = start(journey.client, acr_values=acr.ACR_HIGH)
    assert 'name="password"' in page.get_data(as_text=True)


def test_pending_login_of_another_browser_is_refused(journey: Journey) -> None:
    response = journey.client.get("/stub/start")
    location = response.headers["Location"]
    other = journey.app.test_client()
    page = other.get(location)
    assert page.status_code == 400
    assert "verlopen" in page.get_data(as_text=True)


def test_session_cookie_is_http_only_and_lax(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    page = start(journey.client)
    from tests.login_helpers import post_form

    pw = post_form(
        journey.client, "/login/password", page.get_data(as_text=True), {"username": "sammy", "password": "x"}
    )
    assert pw.status_code == 400
    totp_page = log_in(journey.client, start(journey.client))
    from tests.login_helpers import current_totp

    done = post_form(journey.client, "/login/totp", totp_page.get_data(as_text=True), {"code": current_totp()})
    cookies = [c for c in done.headers.getlist("Set-Cookie") if c.startswith("idp_session_sso=")]
    assert cookies and "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
