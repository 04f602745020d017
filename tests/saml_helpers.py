"""Fixtures shared by the SAML unit, security and flow tests: a registered test SP and request helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from idp.database import database as app_database
from idp.saml.registry import SpRegistration, register_service_provider
from idp.saml.testing import TestServiceProvider, post_encode
from idp.saml.views import identity_provider

SP_ENTITY_ID = "https://sp.example/metadata"
SP_ACS = "https://sp.example/acs"
SSO_REDIRECT = "http://127.0.0.1:8000/saml/sso/redirect"
SSO_POST = "http://127.0.0.1:8000/saml/sso/post"


@dataclass
class SamlKit:
    app: Flask
    client: FlaskClient
    sp: TestServiceProvider

    def register(self, sp: TestServiceProvider | None = None, **options: object) -> TestServiceProvider:
        chosen = sp or self.sp
        with app_database(self.app).sessions() as session:
            register_service_provider(session, chosen.metadata(), SpRegistration(**options))  # type: ignore[arg-type]
            session.commit()
        return chosen

    def redirect(self, xml: str, *, relay_state: str = "", sign: bool = True, **kwargs: object) -> TestResponse:
        query = self.sp.redirect_query(xml, relay_state=relay_state, sign=sign, **kwargs)  # type: ignore[arg-type]
        return self.client.get("/saml/sso/redirect?" + query)

    def post(self, xml: str, *, relay_state: str = "", raw: str | None = None) -> TestResponse:
        data = {"SAMLRequest": raw if raw is not None else post_encode(xml)}
        if relay_state:
            data["RelayState"] = relay_state
        return self.client.post("/saml/sso/post", data=data)

    def get_raw(self, query: dict[str, str]) -> TestResponse:
        return self.client.get("/saml/sso/redirect?" + urlencode(query))


_SP_CACHE: dict[str, TestServiceProvider] = {}


def cached_sp(name: str = "default", **options: object) -> TestServiceProvider:
    if name not in _SP_CACHE:
        _SP_CACHE[name] = TestServiceProvider.create(SP_ENTITY_ID, [SP_ACS, "https://sp.example/acs2"], **options)
    return _SP_CACHE[name]


def saml_kit(app: Flask) -> Iterator[SamlKit]:
    """The body of the ``saml`` fixture (each test package declares the fixture with this)."""
    kit = SamlKit(app, app.test_client(), cached_sp())
    kit.register()
    with app.app_context():
        identity_provider()
    yield kit


def started_login(response: TestResponse) -> bool:
    """The IdP accepted the request and sent the browser into the login journey."""
    return response.status_code == 303 and "/login" in response.headers.get("Location", "")


def is_error_page(response: TestResponse) -> bool:
    body = response.get_data(as_text=True)
    return response.status_code in (400, 403, 413) and "SAMLResponse" not in body and "Traceback" not in body
