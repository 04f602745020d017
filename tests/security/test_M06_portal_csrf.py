"""M06 portal CSRF: a cross-site form, a POST without the token, and GET requests never change a mandate."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DemoWorld
from tests.idp.portal.pages import ACTION_POSTS, create_form, snapshot, token
from tests.portal_support import enter, sign_in

# For each action, a mandate on which Marc (BAROCY) could really do it, so only the CSRF check stops it.
TARGETS = {
    "sign": "emmaus-barocy-subsidy",
    "refuse": "emmaus-barocy-subsidy",
    "stop": "emmaus-barocy-wse",
    "extend": "provincialaat-barocy-wse",
    "transfer": "imec-barocy-wse",
    "transfer/accept": "parkwind-deloitte-wse",
    "transfer/refuse": "parkwind-deloitte-wse",
    "transfer/cancel": "parkwind-deloitte-wse",
}


def _id(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


@pytest.mark.parametrize(
    "attack",
    ["no token", "wrong token", "foreign origin", "cross-site fetch"],
)
def test_M06_unsafe_requests_need_the_token_and_our_origin(
    demo: DemoWorld, client: FlaskClient, session: Session, attack: str
) -> None:
    sign_in(client, "marc")
    enter(client, "BAROCY")
    before = snapshot(session)
    good = token(client)
    for path, data in [*ACTION_POSTS, ("", {})]:
        form = dict(data)
        headers: dict[str, str] = {}
        if attack == "wrong token":
            form["csrf_token"] = good[:-2] + "xx"
        elif attack == "foreign origin":
            form["csrf_token"] = good
            headers["Origin"] = "https://evil.example"
        elif attack == "cross-site fetch":
            form["csrf_token"] = good
            headers["Sec-Fetch-Site"] = "cross-site"
        url = f"/portal/mandates/{_id(demo, TARGETS[path])}/{path}" if path else "/portal/mandates/new/confirm"
        if not path:
            form.update(create_form(demo.today, "BE 0411.515.075", role="mandatee"), accept_contract="yes")
        response = client.post(url, data=form, headers=headers)
        assert response.status_code == 403, (attack, path)
    assert snapshot(session) == before


def test_M06_get_never_changes_state(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "marc")
    enter(client, "BAROCY")
    before = snapshot(session)
    for path, data in ACTION_POSTS:
        url = f"/portal/mandates/{_id(demo, TARGETS[path])}/{path}"
        assert client.get(url, query_string={**data, "csrf_token": token(client)}).status_code in (200, 409)
    confirm = client.get(
        "/portal/mandates/new/confirm",
        query_string={**create_form(demo.today, "BE 0411.515.075", role="mandatee"), "accept_contract": "yes"},
    )
    assert confirm.status_code == 405
    assert snapshot(session) == before


def test_M06_the_real_form_works(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    """The control case: the same POST with the page's token and no foreign origin does change the mandate."""
    sign_in(client, "marc")
    enter(client, "BAROCY")
    before = snapshot(session)
    url = f"/portal/mandates/{_id(demo, 'emmaus-barocy-wse')}/stop"
    assert (
        client.post(url, data={"csrf_token": token(client)}, headers={"Origin": "http://localhost"}).status_code == 303
    )
    assert snapshot(session) != before
