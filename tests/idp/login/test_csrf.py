from __future__ import annotations

import pytest
from flask import Blueprint, Flask

from idp import csrf


@pytest.fixture
def protected(app: Flask) -> Flask:
    bp = csrf.protect(Blueprint("csrf_probe", __name__))

    @bp.route("/probe", methods=["GET", "POST"])
    def probe() -> str:
        return "ok " + csrf.csrf_token()

    app.register_blueprint(bp)
    return app


def _token(app: Flask) -> tuple[object, str]:
    client = app.test_client()
    text = client.get("/probe").get_data(as_text=True)
    return client, text.removeprefix("ok ")


def test_post_with_token_passes(protected: Flask) -> None:
    client, token = _token(protected)
    assert client.post("/probe", data={"csrf_token": token}).status_code == 200  # type: ignore[attr-defined]
    assert client.post("/probe", headers={"X-CSRF-Token": token}).status_code == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "headers"),
    [
        ({}, {}),
        ({"csrf_token": "nope"}, {}),
        ({"csrf_token": "TOKEN"}, {"Origin": "https://evil.example"}),
        ({}, {"Origin": "null"}),
        ({"csrf_token": "TOKEN"}, {"Sec-Fetch-Site": "cross-site"}),
        ({"csrf_token": "TOKEN"}, {"Origin": "http://127.0.0.1:8000.evil.example"}),
    ],
)
def test_post_without_valid_token_or_from_elsewhere_is_403(
    protected: Flask, data: dict[str, str], headers: dict[str, str]
) -> None:
    client, token = _token(protected)
    form = {k: (token if v == "TOKEN" else v) for k, v in data.items()}
    assert client.post("/probe", data=form, headers=headers).status_code == 403  # type: ignore[attr-defined]


def test_null_origin_with_the_token_is_accepted(protected: Flask) -> None:
    # Our pages say "Referrer-Policy: no-referrer": browsers then send "Origin: null" on our own forms.
    client, token = _token(protected)
    response = client.post(  # type: ignore[attr-defined]
        "/probe", data={"csrf_token": token}, headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 200


def test_issuer_origin_is_accepted(protected: Flask) -> None:
    client, token = _token(protected)
    response = client.post(  # type: ignore[attr-defined]
        "/probe", data={"csrf_token": token}, headers={"Origin": "http://127.0.0.1:8000"}
    )
    assert response.status_code == 200
