"""Responses built by our pysaml2 server and in-process backend, read by python3-saml (OneLogin) strict."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from lxml import etree
from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.settings import OneLogin_Saml2_Settings

from idp.database import db_session
from idp.saml.attributes import EIDAS_LEGAL, attributes_for, requested_names
from idp.saml.crypto import DSIG_NS, load_key, verify_enveloped
from idp.saml.models import ServiceProvider
from idp.saml.requests import ValidatedRequest
from idp.saml.responses import IssuedNameId, build_response, signs_assertion
from idp.saml.testing import KeyPair, TestServiceProvider
from idp.saml.views import identity_provider
from mandate_resolver.identifiers import Insz, KboNumber
from mandate_resolver.types import AccessPath, Capacity, MandateTypeRef, Party, PathKind, Selection
from tests.saml_helpers import SP_ACS, SP_ENTITY_ID, SamlKit

SAMMY = Party(Insz.parse("85073003328"), "Sammy Roos", "BUR")
EMMAUS = Party(KboNumber.parse("0411515075"), "Emmaüs", "EA")
BAROCY = Party(KboNumber.parse("0806154033"), "BAROCY", "EA")
MANDATE = Selection(
    "ssm:m1",
    "ssm",
    Capacity.MANDATE,
    EMMAUS,
    SAMMY,
    dt.date.today(),
    valid_from=dt.date(2025, 1, 1),
    mandate_id="7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d",
    mandate_type=MandateTypeRef("wse_loket", "WSE Loket", 104),
    mandator=EMMAUS,
    mandatee=BAROCY,
    path=AccessPath(PathKind.EXECUTOR_RIGHT),
)


def onelogin_settings(
    idp_cert: str, sp: TestServiceProvider, *, encrypted: bool = False, want_assertions_signed: bool = True
) -> OneLogin_Saml2_Settings:
    data = {
        "strict": True,
        "sp": {
            "entityId": sp.entity_id,
            "assertionConsumerService": {"url": sp.acs[0], "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
            "x509cert": (sp.encryption_keys or sp.keys).certificate_base64,
            "privateKey": (sp.encryption_keys or sp.keys).private_key_pem.decode(),
        },
        "idp": {
            "entityId": "http://127.0.0.1:8000/saml/metadata",
            "singleSignOnService": {"url": "http://127.0.0.1:8000/saml/sso/redirect"},
            "x509cert": idp_cert,
        },
        "security": {
            "wantAssertionsSigned": want_assertions_signed,
            "wantMessagesSigned": True,
            "wantAssertionsEncrypted": encrypted,
        },
    }
    return OneLogin_Saml2_Settings(data, sp_validation_only=True)


def _build(saml: SamlKit, *, encrypted: bool = False) -> tuple[str, str]:
    with saml.app.test_request_context():
        provider = identity_provider()
        sp = db_session().query(ServiceProvider).filter_by(entity_id=SP_ENTITY_ID).one()
        provider.load(sp)
        request = ValidatedRequest(
            "_req1", SP_ENTITY_ID, SP_ACS, "", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
        )
        xml = build_response(
            provider,
            request,
            sp,
            name_id=IssuedNameId(request.name_id_format, "_abc", "_session"),
            attributes=attributes_for(MANDATE),
            authenticated_at=dt.datetime.now(dt.UTC),
            acr="http://eidas.europa.eu/LoA/low",
        )
        certificate = provider.key.certificate_pem.decode()
    return xml, certificate


def test_S20_response_verified_by_onelogin_strict(saml: SamlKit) -> None:
    xml, certificate = _build(saml)
    response = OneLogin_Saml2_Response(onelogin_settings(certificate, saml.sp), base64.b64encode(xml.encode()).decode())
    request_data = {"https": "on", "http_host": "sp.example", "script_name": "/acs", "server_port": "443"}
    assert response.is_valid(request_data, request_id="_req1", raise_exceptions=True)
    attributes = response.get_attributes()
    assert attributes["http://127.0.0.1:8000/attributes/mandate_id"] == [MANDATE.mandate_id]
    assert attributes["http://127.0.0.1:8000/attributes/mandator_id"] == ["0411515075"]
    assert attributes["http://127.0.0.1:8000/attributes/ssm_mandaatgever"] == ["0411515075"]
    assert attributes["http://127.0.0.1:8000/attributes/vo_orgcode"] == ["0806154033"]
    assert response.get_nameid() == "_abc"
    assert "rsa-sha256" in xml and "rsa-sha1" not in xml and "#sha1" not in xml
    root = etree.fromstring(xml.encode())
    namespaces = {"saml": "urn:oasis:names:tc:SAML:2.0:assertion"}
    assert len(root.findall("saml:Assertion", namespaces)) == 1
    assert root.findtext(".//saml:Audience", namespaces=namespaces) == SP_ENTITY_ID
    confirmation = root.find(".//saml:SubjectConfirmationData", namespaces)
    assert confirmation.get("Recipient") == SP_ACS and confirmation.get("InResponseTo") == "_req1"
    not_after = dt.datetime.fromisoformat(confirmation.get("NotOnOrAfter").replace("Z", "+00:00"))
    assert not_after - dt.datetime.now(dt.UTC) <= dt.timedelta(minutes=5, seconds=5)
    assert 'FriendlyName="mandate_type"' in xml
    assert 'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"' in xml


def test_S20_tampered_response_fails_at_onelogin(saml: SamlKit) -> None:
    xml, certificate = _build(saml)
    tampered = xml.replace("0411515075", "0406633304")
    response = OneLogin_Saml2_Response(
        onelogin_settings(certificate, saml.sp), base64.b64encode(tampered.encode()).decode()
    )
    request_data = {"https": "on", "http_host": "sp.example", "script_name": "/acs", "server_port": "443"}
    assert not response.is_valid(request_data, request_id="_req1")


def test_encrypted_assertion_decrypted_by_onelogin(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, encryption_keys=KeyPair.generate("enc"))
    saml.register(sp, encrypt_assertions=True)
    xml, certificate = _build(saml, encrypted=True)
    assert "EncryptedAssertion" in xml and "aes256-gcm" in xml and "rsa-oaep" in xml
    assert "0411515075" not in xml
    response = OneLogin_Saml2_Response(
        onelogin_settings(certificate, sp, encrypted=True), base64.b64encode(xml.encode()).decode()
    )
    request_data = {"https": "on", "http_host": "sp.example", "script_name": "/acs", "server_port": "443"}
    assert response.is_valid(request_data, request_id="_req1", raise_exceptions=True)
    assert response.get_attributes()["http://127.0.0.1:8000/attributes/mandator_id"] == ["0411515075"]


@pytest.mark.parametrize("profile", ["standard", "eidas"])
def test_attribute_profiles(profile: str) -> None:
    values = attributes_for(MANDATE, profile=profile)
    assert values["mandate_type_name"] == ["WSE Loket"]
    assert ("LegalPersonIdentifier" in values) is (profile == "eidas")
    if profile == "eidas":
        assert values["LegalPersonIdentifier"] == ["BE/BE/0411515075"]
        assert values["RepresentativePersonIdentifier"] == ["BE/BE/85073003328"]


def test_attribute_consuming_service_limits_the_attributes(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(
        SP_ENTITY_ID,
        SP_ACS,
        requested_attributes=["http://127.0.0.1:8000/attributes/mandate_id", EIDAS_LEGAL + "LegalName", "urn:other"],
    )
    saml.register(sp, attribute_profile="eidas")
    with saml.app.test_request_context():
        provider = identity_provider()
        row = db_session().query(ServiceProvider).filter_by(entity_id=SP_ENTITY_ID).one()
        provider.load(row)
        requirement = provider.metadata_store.attribute_requirement(SP_ENTITY_ID, "1")
        wanted = requested_names(requirement, provider.settings.issuer)
    values = attributes_for(MANDATE, profile="eidas", requested=wanted)
    assert sorted(values) == ["LegalName", "mandate_id"]


REQUEST_DATA = {"https": "on", "http_host": "sp.example", "script_name": "/acs", "server_port": "443"}
NS = {"saml": "urn:oasis:names:tc:SAML:2.0:assertion", "ds": DSIG_NS}


def _signatures(xml: str, certificate: str) -> tuple[bool, bool]:
    """(Response signed, Assertion signed), each signature verified with our certificate when present."""
    root = etree.fromstring(xml.encode())
    key = load_key(certificate.encode(), "certificate")
    assertion = root.find("saml:Assertion", NS)
    signed = []
    for element, name in ((root, "Response"), (assertion, "Assertion")):
        present = element is not None and element.find("ds:Signature", NS) is not None
        assert not present or verify_enveloped(element, None, name, key)
        signed.append(present)
    return signed[0], signed[1]


def _onelogin_accepts(xml: str, settings: OneLogin_Saml2_Settings) -> OneLogin_Saml2_Response:
    response = OneLogin_Saml2_Response(settings, base64.b64encode(xml.encode()).decode())
    assert response.is_valid(REQUEST_DATA, request_id="_req1", raise_exceptions=True)
    return response


def test_S20_sp_wanting_signed_assertions_gets_response_and_assertion_signed(saml: SamlKit) -> None:
    xml, certificate = _build(saml)  # the test SP's metadata says WantAssertionsSigned="true"
    assert _signatures(xml, certificate) == (True, True)
    _onelogin_accepts(xml, onelogin_settings(certificate, saml.sp))


def test_S20_sp_not_wanting_signed_assertions_gets_a_signed_response(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, want_assertions_signed=False)
    saml.register(sp)  # sign_assertions="metadata", the default
    xml, certificate = _build(saml)
    assert _signatures(xml, certificate) == (True, False)  # one RSA signature, covering the assertion too
    settings = onelogin_settings(certificate, sp, want_assertions_signed=False)
    assert _onelogin_accepts(xml, settings).get_nameid() == "_abc"
    tampered = xml.replace("0411515075", "0406633304")  # inside the unsigned assertion
    assert tampered != xml
    response = OneLogin_Saml2_Response(settings, base64.b64encode(tampered.encode()).decode())
    assert not response.is_valid(REQUEST_DATA, request_id="_req1")
    # an SP that insists on signed assertions but did not say so in its metadata refuses it: hence "always"
    strict = OneLogin_Saml2_Response(onelogin_settings(certificate, sp), base64.b64encode(xml.encode()).decode())
    assert not strict.is_valid(REQUEST_DATA, request_id="_req1")


def test_S20_sign_assertions_always_overrides_the_metadata(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, want_assertions_signed=False)
    saml.register(sp, sign_assertions="always")
    xml, certificate = _build(saml)
    assert _signatures(xml, certificate) == (True, True)
    _onelogin_accepts(xml, onelogin_settings(certificate, sp))


def test_unknown_signing_setting_signs_both(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS, want_assertions_signed=False)
    saml.register(sp)
    with saml.app.test_request_context():
        provider = identity_provider()
        row = db_session().query(ServiceProvider).filter_by(entity_id=SP_ENTITY_ID).one()
        provider.load(row)
        assert not signs_assertion(provider, row)
        row.sign_assertions = "sometimes"
        assert signs_assertion(provider, row)


def test_encrypted_assertion_under_a_signed_response_only(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(
        SP_ENTITY_ID, SP_ACS, encryption_keys=KeyPair.generate("enc"), want_assertions_signed=False
    )
    saml.register(sp, encrypt_assertions=True)
    xml, certificate = _build(saml, encrypted=True)
    assert "EncryptedAssertion" in xml and "0411515075" not in xml
    assert len(etree.fromstring(xml.encode()).findall(".//ds:Signature", NS)) == 1  # the Response's
    settings = onelogin_settings(certificate, sp, encrypted=True, want_assertions_signed=False)
    response = _onelogin_accepts(xml, settings)
    assert response.get_attributes()["http://127.0.0.1:8000/attributes/mandator_id"] == ["0411515075"]


def test_response_layout(saml: SamlKit) -> None:
    """What SPs parse by schema: element order, IDs, no InResponseTo for an unsolicited response."""
    with saml.app.test_request_context():
        provider = identity_provider()
        sp = db_session().query(ServiceProvider).filter_by(entity_id=SP_ENTITY_ID).one()
        provider.load(sp)
        request = ValidatedRequest("", SP_ENTITY_ID, SP_ACS, "", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
        xml = build_response(
            provider, request, sp,
            name_id=IssuedNameId(request.name_id_format, "_abc", "_session"),
            attributes=attributes_for(MANDATE, profile="eidas"),
            authenticated_at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
            acr="http://eidas.europa.eu/LoA/substantial",
        )  # fmt: skip
    root = etree.fromstring(xml.encode())
    assert [etree.QName(child).localname for child in root] == ["Issuer", "Signature", "Status", "Assertion"]
    assertion = root.find("saml:Assertion", NS)
    assert [etree.QName(child).localname for child in assertion] == [
        "Issuer", "Signature", "Subject", "Conditions", "AuthnStatement", "AttributeStatement"
    ]  # fmt: skip
    assert "InResponseTo" not in xml
    assert root.get("ID") != assertion.get("ID") and not root.get("ID")[0].isdigit()
    statement = assertion.find("saml:AuthnStatement", NS)
    assert statement.get("AuthnInstant") == "2026-01-02T03:04:05Z" and statement.get("SessionIndex") == "_session"
    assert statement.findtext(".//saml:AuthnContextClassRef", namespaces=NS).endswith(":TimeSyncToken")
    legal = assertion.find("saml:AttributeStatement/saml:Attribute[@FriendlyName='LegalName']", NS)
    assert legal.get("Name") == EIDAS_LEGAL + "LegalName"
    value = legal.find("saml:AttributeValue", NS)
    assert value.text == "Emmaüs" and value.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "xs:string"
