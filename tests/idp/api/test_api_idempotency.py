"""An accountant's software that lost an answer retries with the same ``Idempotency-Key`` and gets the
first answer again: nothing is created twice."""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from idp.api.models import ApiIdempotencyKey
from mandate_resolver.registry.models import Mandate
from tests.idp.api.support import EMMAUS, LIST_EMMAUS, Mint, bearer, new_row

BULK = f"/api/v1/parties/{EMMAUS}/bulk/mandates"


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Mandate)) or 0)


def test_a_retried_creation_replays_the_first_answer(client: FlaskClient, mint: Mint, session: Session) -> None:
    headers = bearer(mint("sammy"), **{"Idempotency-Key": "0b6f2c1e-retry-1"})
    before = count(session)
    first = client.post(LIST_EMMAUS, json=new_row(reference="R-1"), headers=headers)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    again = client.post(LIST_EMMAUS, json=new_row(reference="R-1"), headers=headers)
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and again.headers["Location"] == first.headers["Location"]
    assert count(session) == before + 1


def test_the_same_key_for_another_request_is_refused(client: FlaskClient, mint: Mint, session: Session) -> None:
    headers = bearer(mint("sammy"), **{"Idempotency-Key": "k-2"})
    assert client.post(LIST_EMMAUS, json=new_row(reference="A"), headers=headers).status_code == 201
    other = client.post(LIST_EMMAUS, json=new_row(reference="B"), headers=headers)
    assert other.status_code == 422 and other.get_json()["code"] == "idempotency.key_reused"


def test_a_refused_creation_leaves_the_key_free(client: FlaskClient, mint: Mint, session: Session) -> None:
    headers = bearer(mint("sammy"), **{"Idempotency-Key": "k-3"})
    wrong = client.post(BULK, json={"rows": [new_row(valid_from="2001-01-01")]}, headers=headers)
    assert wrong.status_code == 422
    assert session.scalar(select(func.count()).select_from(ApiIdempotencyKey)) == 0
    # The corrected request with the same key: a key is only taken by a creation.
    fixed = client.post(BULK, json={"rows": [new_row()]}, headers=headers)
    assert fixed.status_code == 201


def test_keys_belong_to_their_user_and_expire(client: FlaskClient, mint: Mint, session: Session) -> None:
    key = {"Idempotency-Key": "shared-key"}
    sammy = bearer(mint("sammy"), **key)
    assert client.post(BULK, json={"rows": [new_row()]}, headers=sammy).status_code == 201
    session.execute(update(ApiIdempotencyKey).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    session.commit()
    # Expired: the request runs again (and meets the mandate it created the first time).
    rerun = client.post(BULK, json={"rows": [new_row()]}, headers=sammy)
    assert rerun.status_code == 422 and rerun.get_json()["errors"][0]["code"] == "mandate.duplicate"
    # Another user with the same key string has a key of their own.
    marc = bearer(mint("marc"), **key)
    response = client.post(BULK.replace(EMMAUS, "kbo:0806154033"), json={"rows": [new_row()]}, headers=marc)
    assert "Idempotent-Replayed" not in response.headers


def test_a_malformed_key_is_400(client: FlaskClient, mint: Mint) -> None:
    response = client.post(LIST_EMMAUS, json=new_row(), headers=bearer(mint("sammy"), **{"Idempotency-Key": "a b"}))
    assert response.status_code == 400 and response.get_json()["code"] == "idempotency.key_invalid"


def test_expired_answers_are_purged(client: FlaskClient, mint: Mint, session: Session) -> None:
    from idp.api.idempotency import TTL, purge_expired

    for offset, key in enumerate(("p-1", "p-2")):
        headers = bearer(mint("sammy"), **{"Idempotency-Key": key})
        start = (dt.date.today() + dt.timedelta(days=10 * offset)).isoformat()
        row = new_row(valid_from=start, valid_until=start)
        assert client.post(LIST_EMMAUS, json=row, headers=headers).status_code == 201
    now = dt.datetime.now(dt.UTC)
    assert purge_expired(session, now) == 0
    assert purge_expired(session, now + TTL + dt.timedelta(seconds=1)) == 2
    assert session.scalar(select(func.count()).select_from(ApiIdempotencyKey)) == 0
