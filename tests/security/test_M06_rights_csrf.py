"""M06 for user rights: a cross-site form, a request without (or with a wrong) token, or a GET never grants,
changes or ends a right; only a same-site POST with this session's token does."""

from __future__ import annotations

import datetime as dt

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import User, UserRight
from mandate_resolver.registry.rights import RightsService
from tests.login_helpers import hidden
from tests.portal_support import sign_in

BAROCY = "kbo:0806154033"


def _ids(session: Session) -> tuple[int, int]:
    marc = session.scalar(select(User.id).where(User.username == "marc"))
    bart = session.scalar(select(User.id).where(User.username == "bart"))
    assert marc is not None and bart is not None
    right = session.scalar(select(UserRight.id).where(UserRight.user_id == bart))
    assert right is not None
    return marc, right


def _snapshot(session: Session) -> list[tuple[int, object, object, int]]:
    session.expire_all()
    return [
        (r.id, r.valid_from, r.valid_until, len(r.mandate_types))
        for r in session.scalars(select(UserRight).order_by(UserRight.id))
    ]


# (what the attacker's request lacks or adds, token to send, extra headers)
ATTACKS = {
    "no token": (None, {}),
    "wrong token": ("x" * 43, {}),
    "cross-site fetch metadata": ("valid", {"Sec-Fetch-Site": "cross-site"}),
    "foreign origin": ("valid", {"Origin": "https://evil.example"}),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("action", ["grant", "change", "end"])
def test_M06_unsafe_requests_without_a_valid_same_site_token_are_refused(
    client: FlaskClient, demo: DemoWorld, session: Session, attack: str, action: str
) -> None:
    sign_in(client, "lotte", next_url="/rights")
    marc, right = _ids(session)
    grant_path = f"/rights/{BAROCY}/users/{marc}/grant"
    token = hidden(client.get(grant_path).get_data(as_text=True), "csrf_token")
    today = RightsService(session).today()
    path, data = {
        "grant": (
            grant_path,
            {"kind": "ssm_mandaatuitvoerder", "valid_from": today.isoformat(), "mandate_types": "wse_loket"},
        ),
        "change": (
            f"/rights/{BAROCY}/rights/{right}/change",
            {
                "valid_from": "2022-09-01",
                "valid_until": (today + dt.timedelta(days=3)).isoformat(),
                "mandate_types": "wse_loket",
            },
        ),
        "end": (f"/rights/{BAROCY}/rights/{right}/end", {}),
    }[action]
    sent_token, headers = ATTACKS[attack]
    if sent_token is not None:
        data = {**data, "csrf_token": token if sent_token == "valid" else sent_token}
    before = _snapshot(session)
    response = client.post(path, data=data, headers=headers)
    assert response.status_code == 403
    assert _snapshot(session) == before
    # The same request from our own page, with the token, does work: the refusal was the CSRF check.
    ok = client.post(path, data={**data, "csrf_token": token})
    assert ok.status_code == 303
    assert _snapshot(session) != before


def test_M06_a_get_never_changes_state(client: FlaskClient, demo: DemoWorld, session: Session) -> None:
    sign_in(client, "lotte", next_url="/rights")
    marc, right = _ids(session)
    today = RightsService(session).today().isoformat()
    before = _snapshot(session)
    query = {"kind": "ssm_mandaatuitvoerder", "valid_from": today, "mandate_types": "wse_loket", "valid_until": today}
    for path in (
        f"/rights/{BAROCY}/users/{marc}/grant",
        f"/rights/{BAROCY}/rights/{right}/change",
        f"/rights/{BAROCY}/rights/{right}/end",
        f"/rights/{BAROCY}",
    ):
        assert client.get(path, query_string=query).status_code == 200, path
    assert _snapshot(session) == before
