from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient


def test_index_page_in_each_language(client: FlaskClient) -> None:
    expected = {
        "nl": "Aanmelden namens",
        "fr": "Connexion au nom de",
        "de": "Anmelden im Namen von",
        "en": "Log in on behalf of",
    }
    for language, title in expected.items():
        response = client.get(f"/?lang={language}")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert f'<html lang="{language}">' in page
        assert title in page


def test_language_follows_accept_language_and_the_cookie(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "fr-BE,fr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fr">' in page
    client.get("/?lang=de")  # sets the cookie
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="de">' in page


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_unknown_page_is_a_friendly_404(client: FlaskClient) -> None:
    response = client.get("/no/such/page?lang=en")
    assert response.status_code == 404
    assert "This page does not exist." in response.get_data(as_text=True)


def test_json_clients_get_problem_json(client: FlaskClient) -> None:
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {"type": "about:blank", "title": "Not Found", "status": 404}


def test_an_unexpected_error_never_shows_a_traceback(app: Flask) -> None:
    def explode() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode", "explode", explode)
    response = app.test_client().get("/explode?lang=en")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "secret internals" not in page and "Traceback" not in page
    assert "Something went wrong on our side" in page


def test_healthz_reports_the_database(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_keys_are_loaded_once_per_app(app: Flask) -> None:
    keys = app.extensions["idp.keys"]
    assert keys.active_key("RS256").kid != keys.active_key("ES256").kid


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_wrong_method_is_405(client: FlaskClient, method: str) -> None:
    assert getattr(client, method)("/healthz").status_code == 405


def test_every_message_is_in_all_four_languages() -> None:
    from idp.i18n import MESSAGES

    incomplete = {key: sorted({"nl", "fr", "de", "en"} - set(texts)) for key, texts in MESSAGES.items()}
    assert {key: missing for key, missing in incomplete.items() if missing} == {}
