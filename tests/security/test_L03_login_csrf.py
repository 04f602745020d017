"""L03: login CSRF: a cross-site POST to the login form never logs the browser in."""

from __future__ import annotations

import pytest

from tests.login_helpers import PASSWORD, Journey, hidden, session_cookie, start


@pytest.mark.parametrize(
    ("token", "origin"),
    [
        ("", None),  # no token
        ("forged-token-value-forged-token-value-xx", None),  # made up
        ("other-session", None),  # another browser's valid token
        ("own", "https://evil.example"),  # right token, foreign origin
        ("own", "cross-site"),  # right token, but the browser says the form was on another site
        ("", "null"),  # sandboxed form, no token
    ],
)
def test_L03_cross_site_login_post_is_refused(journey: Journey, token: str, origin: str | None) -> None:
    page = start(journey.client).get_data(as_text=True)
    if token == "own":
        token = hidden(page, "csrf_token")
    elif token == "other-session":
        other = journey.app.test_client()
        token = hidden(start(other).get_data(as_text=True), "csrf_token")
    headers = {"Sec-Fetch-Site": "cross-site"} if origin == "cross-site" else {"Origin": origin} if origin else {}
    response = journey.client.post(
        "/login/password",
        data={"username": "sammy", "password": PASSWORD, "pending": hidden(page, "pending"), "csrf_token": token},
        headers=headers,
    )
    assert response.status_code in (400, 403)
    assert session_cookie(journey.client) is None
    with journey.client.session_transaction() as flask_session:
        assert "authn" not in flask_session  # nothing half-done either


def test_L03_same_origin_post_is_accepted(journey: Journey) -> None:
    page = start(journey.client).get_data(as_text=True)
    response = journey.client.post(
        "/login/password",
        data={
            "username": "sammy",
            "password": PASSWORD,
            "pending": hidden(page, "pending"),
            "csrf_token": hidden(page, "csrf_token"),
        },
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code == 303
