"""Who may call the API: a live access token of our provider with the operation's scope (RFC 6750), acting
for a party the user may manage today (SECURITY.md M05, M16, M17); cookies give no access."""

from __future__ import annotations

import datetime as dt

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from idp.oidc.models import OidcToken
from idp.oidc.tokens import digest
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Mandate, MandateState, User
from tests.idp.api.support import BAROCY, EMMAUS, LIST_EMMAUS, Mint, bearer, mandate_id, new_row
from tests.portal_support import sign_in


def test_no_token_is_a_401_with_a_bearer_challenge_without_error(client: FlaskClient, demo: DemoWorld) -> None:
    response = client.get(LIST_EMMAUS)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    challenge = response.headers["WWW-Authenticate"]
    # RFC 6750 §3.1: no error code when the request carried no credential at all.
    assert challenge.startswith("Bearer ") and "error=" not in challenge
    assert response.get_json()["code"] == "token.missing"


@pytest.mark.parametrize(
    "authorization",
    ["Bearer " + "x" * 43, "Bearer ", "Basic c2FtbXk6c2VjcmV0", "Bearer " + "y" * 5000, "bearer\tzzz"],
)
def test_a_forged_or_malformed_token_is_invalid_token(client: FlaskClient, mint: Mint, authorization: str) -> None:
    response = client.get(LIST_EMMAUS, headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_a_random_token_names_invalid_token(client: FlaskClient, mint: Mint) -> None:
    response = client.get(LIST_EMMAUS, headers=bearer("not-a-token-we-issued-0123456789abcdefghijkl"))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert response.get_json()["code"] == "token.invalid"


def test_expired_and_revoked_tokens_are_refused(client: FlaskClient, mint: Mint, session: Session) -> None:
    live = mint("sammy")
    assert client.get(LIST_EMMAUS, headers=bearer(live)).status_code == 200
    session.execute(
        update(OidcToken).where(OidcToken.token_hash == digest(live)).values(revoked_at=dt.datetime.now(dt.UTC))
    )
    session.commit()
    assert client.get(LIST_EMMAUS, headers=bearer(live)).status_code == 401
    expired = mint("sammy", ttl_s=-1)
    response = client.get(LIST_EMMAUS, headers=bearer(expired))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_disabled_user_s_token_stops_working(client: FlaskClient, mint: Mint, session: Session) -> None:
    token = mint("sammy")
    session.execute(update(User).where(User.username == "sammy").values(disabled=True))
    session.commit()
    assert client.get(LIST_EMMAUS, headers=bearer(token)).status_code == 401


def test_a_token_in_the_query_string_is_refused(client: FlaskClient, mint: Mint) -> None:
    token = mint("sammy")
    response = client.get(LIST_EMMAUS, query_string={"access_token": token})
    assert response.status_code == 400
    assert 'error="invalid_request"' in response.headers["WWW-Authenticate"]


def test_reading_needs_the_read_scope_and_writing_the_write_scope(
    client: FlaskClient, mint: Mint, session: Session
) -> None:
    only_openid = mint("sammy", scopes=("openid",))
    response = client.get(LIST_EMMAUS, headers=bearer(only_openid))
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]
    assert 'scope="mandates:read"' in response.headers["WWW-Authenticate"]
    read_only = mint("sammy", scopes=("openid", "mandates:read"))
    assert client.get(LIST_EMMAUS, headers=bearer(read_only)).status_code == 200
    before = session.scalar(select(func.count()).select_from(Mandate))
    response = client.post(LIST_EMMAUS, json=new_row(), headers=bearer(read_only))
    assert response.status_code == 403
    assert response.get_json()["code"] == "token.insufficient_scope"
    assert session.scalar(select(func.count()).select_from(Mandate)) == before


def test_a_session_cookie_gives_no_access(client: FlaskClient, demo: DemoWorld) -> None:
    sign_in(client, "sammy")  # a live single sign-on session in this client's cookies
    assert client.get(LIST_EMMAUS).status_code == 401
    assert client.post(LIST_EMMAUS, json=new_row()).status_code == 401


def test_M05_acting_for_a_party_not_represented_is_403_and_writes_nothing(
    client: FlaskClient, mint: Mint, session: Session, demo: DemoWorld
) -> None:
    token = mint("sammy")  # manages Emmaüs, not BAROCY
    before = session.scalar(select(func.count()).select_from(Mandate))
    attempts = [
        client.get(f"/api/v1/parties/{BAROCY}/mandates", headers=bearer(token)),
        client.post(f"/api/v1/parties/{BAROCY}/mandates", json=new_row(), headers=bearer(token)),
        client.post(f"/api/v1/parties/{BAROCY}/bulk/mandates", json={"rows": [new_row()]}, headers=bearer(token)),
        client.post(
            f"/api/v1/parties/{BAROCY}/mandates/{mandate_id(demo, 'emmaus-barocy-subsidy')}/sign",
            json={"accept_contract": True},
            headers=bearer(token),
        ),
        client.post(
            f"/api/v1/parties/{BAROCY}/bulk/stop",
            json={"mandate_ids": [mandate_id(demo, "emmaus-barocy-wse")]},
            headers=bearer(token),
        ),
    ]
    for response in attempts:
        assert response.status_code == 403, response.get_json()
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["code"] == "authority.not_allowed"
        assert response.get_json()["errors"][0]["field"] == "party"
    assert session.scalar(select(func.count()).select_from(Mandate)) == before
    subsidy = session.scalar(select(Mandate).where(Mandate.id == mandate_id(demo, "emmaus-barocy-subsidy")))
    assert subsidy is not None and subsidy.state == MandateState.AWAITING_SIGNATURE


def test_a_party_that_does_not_exist_is_refused_like_one_not_represented(client: FlaskClient, mint: Mint) -> None:
    response = client.get("/api/v1/parties/kbo:0429501944/mandates", headers=bearer(mint("sammy")))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "party",
    [
        "kbo:0411515076",
        "kbo:0123456789' OR '1'='1",
        "0411515075",
        "vat:0411515075",
        "insz:85073003329",
        "kbo:٠٤١١٥١٥٠٧٥",
    ],
)
def test_M04_a_bad_party_identifier_is_a_400_naming_it(client: FlaskClient, mint: Mint, party: str) -> None:
    response = client.get(f"/api/v1/parties/{party}/mandates", headers=bearer(mint("sammy")))
    assert response.status_code == 400
    problem = response.get_json()
    assert problem["code"] == "party.invalid"
    assert problem["errors"][0]["field"] == "party"
    assert problem["errors"][0]["code"].startswith("identifier.")


def test_M16_the_helpdesk_reads_every_party_and_writes_none(
    client: FlaskClient, mint: Mint, session: Session, demo: DemoWorld
) -> None:
    token = mint("helpdesk")
    listed = client.get(f"/api/v1/parties/{BAROCY}/mandates", headers=bearer(token))
    assert listed.status_code == 200 and listed.get_json()["mandates"]
    one = client.get(
        f"/api/v1/parties/{BAROCY}/mandates/{mandate_id(demo, 'emmaus-barocy-wse')}", headers=bearer(token)
    )
    assert one.status_code == 200 and one.get_json()["history"]
    subsidy = mandate_id(demo, "emmaus-barocy-subsidy")
    for path, body in (
        (f"/api/v1/parties/{BAROCY}/mandates/{subsidy}/sign", {"accept_contract": True}),
        (f"/api/v1/parties/{EMMAUS}/mandates/{subsidy}/stop", {}),
        (f"/api/v1/parties/{EMMAUS}/mandates", new_row()),
    ):
        response = client.post(path, json=body, headers=bearer(token))
        assert response.status_code == 403
        assert response.get_json()["code"] == "authority.read_only"
    stored = session.scalar(select(Mandate).where(Mandate.id == subsidy))
    assert stored is not None and stored.state == MandateState.AWAITING_SIGNATURE


def test_a_mandate_of_other_parties_is_not_shown(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    # Maria and Jan's mandate, asked for under Emmaüs by Emmaüs's manager.
    response = client.get(f"{LIST_EMMAUS}/{mandate_id(demo, 'maria-jan-tax')}", headers=bearer(mint("sammy")))
    assert response.status_code == 403
    assert response.get_json()["code"] == "mandate.not_visible"
