"""The demo relying party (examples/demo_rp, Authlib's client) logs in at the provider served over HTTP,
through the real journey pages, and shows the claims it received."""

from __future__ import annotations

from urllib.parse import urlsplit

from examples.demo_rp.app import DemoSettings, create_demo_app
from tests.oidc_support import Browser, Provider

RP = "http://127.0.0.1:5001"


def test_demo_rp_logs_in_and_shows_the_claims(provider: Provider) -> None:
    client = provider.register(
        client_id="demo-rp",
        name="Demo RP",
        redirect_uris=[RP + "/callback"],
        post_logout_redirect_uris=[RP + "/"],
    )
    rp = create_demo_app(
        DemoSettings(
            issuer=provider.issuer, client_id=client.client_id, client_secret=client.client_secret, base_url=RP
        )
    ).test_client()
    start = rp.get("/login")
    assert start.status_code == 302
    authorize = start.headers["Location"]
    assert authorize.startswith(provider.issuer + "/authorize") and "code_challenge_method=S256" in authorize
    browser = Browser(provider)
    step = browser.sign_in(browser.go(authorize), "ines")
    assert step.location.startswith(RP + "/callback"), step.html[:1500]
    back = urlsplit(step.location)
    done = rp.get(f"{back.path}?{back.query}")
    assert done.status_code == 303, done.get_data(as_text=True)[:500]
    claims = rp.get("/claims.json").get_json()
    assert claims["id_token"]["sub"] and claims["id_token"]["aud"] == client.client_id
    page = rp.get("/").get_data(as_text=True)
    assert "ID token claims" in page
