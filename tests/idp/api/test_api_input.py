"""Whatever a client sends, the answer is a problem document naming what is wrong: never a 500, never a
stack trace, never a half-written bulk."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from idp.api.schemas import MAX_BODY_BYTES
from mandate_resolver.registry.models import Mandate
from tests.idp.api.support import EMMAUS, LIST_EMMAUS, Mint, bearer, new_row

BULK = f"/api/v1/parties/{EMMAUS}/bulk/mandates"


def post_raw(client: FlaskClient, token: str, path: str, body: bytes, content_type: str = "application/json") -> dict:  # type: ignore[type-arg]
    response = client.post(path, data=body, headers=bearer(token, **{"Content-Type": content_type}))
    assert response.mimetype == "application/problem+json", response.get_data(as_text=True)[:500]
    assert "Traceback" not in response.get_data(as_text=True)
    problem: dict = response.get_json()  # type: ignore[type-arg]
    assert problem["status"] == response.status_code
    return problem


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"not json",
        b"\xff\xfe{}",
        b'{"role": NaN}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"role": "mandator", "role": "mandatee"}',
    ],
)
def test_bodies_that_are_not_json_are_400(client: FlaskClient, mint: Mint, body: bytes) -> None:
    problem = post_raw(client, mint("sammy"), LIST_EMMAUS, body)
    assert problem["status"] == 400
    assert problem["code"] in ("request.json_invalid", "request.duplicate_member")


def test_a_body_not_sent_as_json_is_415(client: FlaskClient, mint: Mint) -> None:
    problem = post_raw(client, mint("sammy"), LIST_EMMAUS, b"role=mandator", "application/x-www-form-urlencoded")
    assert problem["status"] == 415 and problem["code"] == "request.not_json"


def test_an_oversize_body_is_413(client: FlaskClient, mint: Mint) -> None:
    rows = [new_row(reference="x" * 90)] * (MAX_BODY_BYTES // 100)
    problem = post_raw(client, mint("sammy"), BULK, json.dumps({"rows": rows}).encode())
    assert problem["status"] == 413 and problem["code"] == "request.too_large"


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ([], None, "field.not_object"),
        ("text", None, "field.not_object"),
        ({**new_row(), "valid_unti": "2030-01-01"}, "valid_unti", "field.unknown"),
        ({**new_row(), "role": 1}, "role", "field.not_string"),
        ({**new_row(), "accept_contract": "yes"}, "accept_contract", "field.not_boolean"),
        ({**new_row(), "valid_from": "20300101"}, "valid_from", "field.not_date"),
        ({**new_row(), "valid_from": "2030-02-30"}, "valid_from", "field.not_date"),
        ({**new_row(), "valid_until": 5}, "valid_until", "field.not_date"),
        ({**new_row(), "notify_emails": "a@b.be"}, "notify_emails", "field.not_list"),
        ({**new_row(), "notify_emails": [1]}, "notify_emails[0]", "field.not_string"),
        ({**new_row(), "reference": "x" * 5000}, "reference", "field.too_long"),
        ({"role": "mandator"}, "counterparty", "field.required"),
        ({**new_row(), "counterparty": "kbo:0123456789' OR '1'='1"}, "counterparty", "identifier.format"),
        ({**new_row(), "counterparty": "insz:0411515075"}, "counterparty", "identifier.length"),
        ({**new_row(), "role": "boss"}, "role", "mandate.role_invalid"),
    ],
)
def test_field_errors_name_the_field(
    client: FlaskClient, mint: Mint, session: Session, body: object, field: str | None, code: str
) -> None:
    before = session.scalar(select(func.count()).select_from(Mandate))
    problem = post_raw(client, mint("sammy"), LIST_EMMAUS, json.dumps(body).encode())
    assert problem["status"] == 422
    assert (field, code) in [(e["field"], e["code"]) for e in problem["errors"]], problem
    assert all(e["message"] and e["message"] != e["code"] for e in problem["errors"])
    assert session.scalar(select(func.count()).select_from(Mandate)) == before


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, "rows", "field.required"),
        ({"rows": []}, "rows", "field.empty"),
        ({"rows": {}}, "rows", "field.not_list"),
        ({"rows": [new_row(), 7]}, "rows[1]", "field.not_object"),
        ({"rows": [new_row(), {**new_row(), "extra": 1}]}, "rows[1].extra", "field.unknown"),
        ({"rows": [new_row()] * 5001}, "rows", "field.too_many"),
        ({"rows": [new_row()], "dry_run": "true"}, "dry_run", "field.not_boolean"),
    ],
)
def test_bulk_errors_have_row_paths(client: FlaskClient, mint: Mint, body: object, field: str, code: str) -> None:
    problem = post_raw(client, mint("sammy"), BULK, json.dumps(body).encode())
    assert problem["status"] == 422
    assert (field, code) in [(e["field"], e["code"]) for e in problem["errors"]], problem
    # One problem for one mistake (a row that is not an object is not also missing each member).
    assert len(problem["errors"]) == 1, problem


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("limit=0", "limit", "field.out_of_range"),
        ("limit=201", "limit", "field.out_of_range"),
        ("limit=ten", "limit", "field.out_of_range"),
        ("after=-1", "after", "field.not_integer"),
        ("listing=mine", "listing", "field.not_one_of"),
        ("status=lost", "status", "field.not_one_of"),
        ("valid_from=tomorrow", "valid_from", "field.not_date"),
        ("limit=1&limit=2", "limit", "field.repeated"),
        ("colour=red", "colour", "field.unknown"),
    ],
)
def test_bad_list_parameters_are_422(client: FlaskClient, mint: Mint, query: str, field: str, code: str) -> None:
    response = client.get(f"{LIST_EMMAUS}?{query}", headers=bearer(mint("sammy")))
    assert response.status_code == 422
    assert (field, code) in [(e["field"], e["code"]) for e in response.get_json()["errors"]]


def test_messages_follow_accept_language(client: FlaskClient, mint: Mint) -> None:
    token = mint("sammy")
    texts = {}
    for language in ("nl", "fr", "de", "en"):
        response = client.post(
            LIST_EMMAUS, json={**new_row(), "role": 3}, headers=bearer(token, **{"Accept-Language": language})
        )
        assert response.headers["Content-Language"] == language
        texts[language] = response.get_json()["errors"][0]["message"]
    assert texts["en"] == "A string is expected."
    assert len(set(texts.values())) == 4


def test_unknown_addresses_under_the_api_are_json(client: FlaskClient, mint: Mint) -> None:
    response = client.get("/api/v1/no-such-thing", headers=bearer(mint("sammy")))
    assert response.status_code == 404
    assert response.is_json and response.get_json()["status"] == 404


def test_an_unexpected_failure_is_a_500_problem_without_details(
    client: FlaskClient, mint: Mint, monkeypatch: pytest.MonkeyPatch
) -> None:
    import idp.api.views

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("secret internals")

    token = mint("sammy")
    monkeypatch.setattr(idp.api.views, "search_mandates", broken)
    response = client.get(LIST_EMMAUS, headers=bearer(token))
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "secret internals" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, "mandate_ids", "field.required"),
        ({"mandate_ids": []}, "mandate_ids", "field.empty"),
        ({"mandate_ids": ["x" * 65]}, "mandate_ids[0]", "field.too_long"),
        ({"mandate_ids": [7]}, "mandate_ids[0]", "field.not_string"),
        ({"mandate_ids": ["a", "a"]}, "mandate_ids[1]", "bulk.duplicate_row"),
        ({"mandate_ids": ["a"], "accept_contract": True}, "accept_contract", "field.unknown"),
    ],
)
def test_bulk_stop_errors_name_the_item(client: FlaskClient, mint: Mint, body: object, field: str, code: str) -> None:
    problem = post_raw(client, mint("sammy"), f"/api/v1/parties/{EMMAUS}/bulk/stop", json.dumps(body).encode())
    assert problem["status"] == 422
    assert (field, code) in [(e["field"], e["code"]) for e in problem["errors"]], problem
