from __future__ import annotations

from lxml import etree

from idp.saml.crypto import load_key, verify_enveloped
from idp.saml.views import identity_provider
from tests.saml_helpers import SSO_POST, SSO_REDIRECT, SamlKit, is_error_page, started_login


def test_signed_redirect_request_starts_the_login(saml: SamlKit) -> None:
    response = saml.redirect(saml.sp.authn_request(SSO_REDIRECT), relay_state="abc")
    assert started_login(response), response.get_data(as_text=True)[:500]


def test_signed_post_request_starts_the_login(saml: SamlKit) -> None:
    response = saml.post(saml.sp.sign_xml(saml.sp.authn_request(SSO_POST)))
    assert started_login(response), response.get_data(as_text=True)[:500]


def test_unsigned_request_is_accepted_when_the_sp_does_not_promise_signatures(saml: SamlKit) -> None:
    assert started_login(saml.redirect(saml.sp.authn_request(SSO_REDIRECT), sign=False))
    assert started_login(saml.post(saml.sp.authn_request(SSO_POST)))


def test_metadata_is_signed_and_lists_both_bindings(saml: SamlKit) -> None:
    response = saml.client.get("/saml/metadata")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "rsa-sha256" in body and "HTTP-Redirect" in body and "HTTP-POST" in body
    root = etree.fromstring(response.data)
    with saml.app.app_context():
        certificate = identity_provider().key.certificate_pem
    assert verify_enveloped(root, root.get("ID"), "EntityDescriptor", load_key(certificate, "certificate"))
    assert is_error_page(saml.client.get("/saml/sso/redirect"))  # no SAMLRequest at all


def test_unknown_attribute_consuming_service_index_is_answered_with_requester(saml: SamlKit) -> None:
    xml = saml.sp.authn_request(SSO_REDIRECT, extra_attributes=' AttributeConsumingServiceIndex="7"')
    response = saml.redirect(xml)
    assert response.status_code == 200
    assert 'action="https://sp.example/acs"' in response.get_data(as_text=True)
