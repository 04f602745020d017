"""Federation: a second instance of our own provider is the upstream; people log in with it here, are linked
to the local user by their national register number, and then choose "on behalf of whom" as usual."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from flask import Flask

from idp.app import create_app
from idp.database import database as app_database
from idp.login import acr
from idp.models import SsoSession
from idp.settings import Settings, UpstreamProvider
from mandate_resolver.identifiers import Insz
from tests.login_helpers import citizen, follow, install_scenario, make_application, stub_blueprint
from tests.oidc_support import Browser, Provider

HERE = "http://127.0.0.1:8000"
INES = Insz.parse("90110222236")


@pytest.fixture
def downstream(provider: Provider, settings: Settings) -> Iterator[tuple[Flask, Provider, str]]:
    client = provider.register(
        name="Downstream IdP", redirect_uris=[HERE + "/login/upstream/upstream_idp/callback"], profile="acm"
    )
    upstream = UpstreamProvider(
        name="upstream_idp",
        issuer=provider.issuer,
        client_id=client.client_id,
        client_secret=client.client_secret,
        scopes="openid profile rrn",
        label="Upstream IdP",
        acr=acr.ACR_LOW,
    )
    app = create_app(settings.replace(issuer=HERE, upstreams=(upstream,)))
    app.register_blueprint(stub_blueprint())
    scenario = install_scenario(app)
    with app_database(app).sessions() as session:
        make_application(session, "app-a", name="Toepassing A")
    scenario.give(INES, citizen(INES, "Ines Claes"))
    yield app, provider, client.client_id
    app.extensions["idp.chain"].close()
    app_database(app).engine.dispose()


def test_login_through_an_upstream_provider(downstream: tuple[Flask, Provider, str]) -> None:
    app, provider, _client_id = downstream
    here = app.test_client()
    page = follow(here, here.get("/stub/start"))
    text = page.get_data(as_text=True)
    link = re.search(r'href="(/login/upstream/upstream_idp\?[^"]+)"', text)
    assert link is not None and "Aanmelden met Upstream IdP" in text
    to_upstream = here.get(link.group(1).replace("&amp;", "&"))
    assert to_upstream.status_code == 303
    authorize = to_upstream.headers["Location"]
    assert authorize.startswith(provider.issuer + "/authorize") and "code_challenge_method=S256" in authorize
    browser = Browser(provider)
    step = browser.sign_in(browser.go(authorize), "ines")
    assert step.location.startswith(HERE + "/login/upstream/upstream_idp/callback"), step.html[:1500]
    back = urlsplit(step.location)
    result = follow(here, here.get(f"{back.path}?{back.query}"))
    data = json.loads(result.get_data(as_text=True))
    assert data["selection_key"] == citizen(INES, "Ines Claes").key
    with app_database(app).sessions() as session:
        sso = session.get(SsoSession, data["session_id"])
        assert sso is not None and sso.amr == ["fed"] and sso.acr == acr.ACR_LOW
    assert here.get_cookie("idp_last_means").value == "upstream"  # type: ignore[union-attr]


def test_forged_state_is_refused(downstream: tuple[Flask, Provider, str]) -> None:
    app, _provider, _ = downstream
    here = app.test_client()
    page = follow(here, here.get("/stub/start")).get_data(as_text=True)
    link = re.search(r'href="(/login/upstream/upstream_idp\?[^"]+)"', page)
    assert link is not None
    here.get(link.group(1).replace("&amp;", "&"))
    response = here.get("/login/upstream/upstream_idp/callback?code=abc&state=forged")
    assert response.status_code == 400
    assert here.get_cookie("idp_session_sso") is None


def test_an_application_demanding_more_refuses_the_upstream(downstream: tuple[Flask, Provider, str]) -> None:
    app, _provider, _ = downstream
    here = app.test_client()
    page = follow(here, here.get("/stub/start", query_string={"acr_values": acr.ACR_SUBSTANTIAL}))
    link = re.search(r'href="(/login/upstream/upstream_idp\?[^"]+)"', page.get_data(as_text=True))
    assert link is not None
    assert here.get(link.group(1).replace("&amp;", "&")).status_code == 403
