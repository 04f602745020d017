"""Single logout messages at the SLO endpoints, without a login (the flows test them with sessions)."""

from __future__ import annotations

import base64
import zlib
from urllib.parse import parse_qs, urlsplit

from idp.saml.testing import TestServiceProvider, post_encode
from tests.saml_helpers import SP_ACS, SP_ENTITY_ID, SamlKit, is_error_page

SLO_REDIRECT = "http://127.0.0.1:8000/saml/slo/redirect"
SLO_POST = "http://127.0.0.1:8000/saml/slo/post"
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"


def test_post_logout_request_gets_a_signed_post_logout_response(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, slo="https://sp.example/slo", slo_binding=POST)
    saml.register(sp)
    signed = sp.sign_xml(sp.logout_request(SLO_POST, "_someone"))
    response = saml.client.post("/saml/slo/post", data={"SAMLRequest": post_encode(signed), "RelayState": "r1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'action="https://sp.example/slo"' in page
    value = page.split('name="SAMLResponse" value="')[1].split('"')[0]
    xml = base64.b64decode(value).decode()
    assert "LogoutResponse" in xml and "status:Success" in xml and "rsa-sha256" in xml


def test_redirect_logout_request_gets_a_signed_redirect_response(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, slo="https://sp.example/slo")
    saml.register(sp)
    query = sp.redirect_query(sp.logout_request(SLO_REDIRECT, "_someone"), relay_state="r2")
    response = saml.client.get("/saml/slo/redirect?" + query)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("https://sp.example/slo?")
    values = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert values["RelayState"] == "r2" and values["SigAlg"].endswith("rsa-sha256") and values["Signature"]
    xml = zlib.decompress(base64.b64decode(values["SAMLResponse"]), -15).decode()
    assert "status:Success" in xml


def test_unsigned_logout_request_from_an_sp_with_a_key_is_refused(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, slo="https://sp.example/slo")
    saml.register(sp)
    query = sp.redirect_query(sp.logout_request(SLO_REDIRECT, "_someone"), sign=False)
    assert is_error_page(saml.client.get("/saml/slo/redirect?" + query))


def test_replayed_logout_request_is_refused(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, slo="https://sp.example/slo")
    saml.register(sp)
    query = sp.redirect_query(sp.logout_request(SLO_REDIRECT, "_someone", request_id="_logout-once"))
    assert saml.client.get("/saml/slo/redirect?" + query).status_code == 303
    assert is_error_page(saml.client.get("/saml/slo/redirect?" + query))
