"""Test support for the self-service pages (portal, rights, administration, helpdesk): the demo world and
a signed-in Flask test client per demo user.

    def test_something(demo: DemoWorld, client: FlaskClient) -> None:
        sign_in(client, "sammy")                 # password + one-time code, through the real login pages
        page = enter(client, "Emmaüs")           # the portal's entry choice
        assert page.status_code == 200
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from mandate_resolver.registry.demo import DemoWorld, load_demo
from mandate_resolver.registry.passwords import TEST_PROFILE
from tests.login_helpers import current_totp, follow, hidden

# The day the demo world is built around (load_demo makes its dates relative to it).
DEMO_TODAY = dt.date.today()


@pytest.fixture
def demo(session: Session) -> DemoWorld:
    """The demo world (seed parties, users, mandates in every state), with fast test password hashes."""
    world = load_demo(session, DEMO_TODAY, profile=TEST_PROFILE)
    session.commit()
    return world


def form_fields(page: str) -> dict[str, str]:
    """Every named input's value on ``page`` (hidden fields, checked radios, text fields)."""
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind is not None and kind.group(1) in ("radio", "checkbox") and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields.setdefault(name.group(1), value.group(1) if value else "")
    return fields


def csrf(client: FlaskClient, path: str = "/portal/enter") -> str:
    """A CSRF token for this client's session, read from a page that has a form."""
    return hidden(client.get(path).get_data(as_text=True), "csrf_token")


def sign_in(client: FlaskClient, username: str, *, next_url: str = "/portal", totp_step: int = 0) -> TestResponse:
    """Log in as demo user ``username`` (password, then the one-time code) and follow to ``next_url``.

    A one-time code is accepted once: a second login of the same user within 30 seconds passes
    ``totp_step=1`` (the next period's code, accepted as clock drift).
    """
    from mandate_resolver.registry.demo import _BY_USERNAME

    user = _BY_USERNAME[username]
    page = client.get("/login", query_string={"next": next_url}).get_data(as_text=True)
    response = client.post(
        "/login/password",
        data={
            "username": username,
            "password": user.password,
            "csrf_token": hidden(page, "csrf_token"),
            "next": next_url,
        },
    )
    response = follow(client, response)
    text = response.get_data(as_text=True)
    if 'name="code"' in text:
        at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30 * totp_step)
        response = follow(
            client,
            client.post(
                "/login/totp",
                data={**form_fields(text), "code": current_totp(user.totp_secret, at=at)},
            ),
        )
    return response


def enter(client: FlaskClient, party_name: str) -> TestResponse:
    """Choose ``party_name`` (a party's name, or "own" for the person themself) at the portal's entry."""
    page = client.get("/portal/enter").get_data(as_text=True)
    options = re.findall(
        r'<input type="radio" name="party" id="[^"]+" value="(\d+)"[^>]*>\s*<label[^>]*>(.*?)</label>', page, re.S
    )
    for index, (value, label) in enumerate(options):
        # The person's own name is always the first choice.
        if party_name in label or (party_name == "own" and index == 0):
            return follow(
                client, client.post("/portal/enter", data={"party": value, "csrf_token": hidden(page, "csrf_token")})
            )
    raise AssertionError(f"no entry option {party_name!r}: {page[:3000]}")


def post(
    client: FlaskClient, path: str, data: Mapping[str, str] | None = None, *, token_from: str = "/portal/enter"
) -> TestResponse:
    """POST with this session's CSRF token."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf(client, token_from)})
