"""SECURITY.md S01-S20: the SAML identity provider under attack. SP keys are generated per run."""

from __future__ import annotations

import base64
import datetime as dt
import resource
import time
import zlib
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask
from lxml import etree
from sqlalchemy import select

from idp.database import database
from idp.saml.testing import KeyPair, TestServiceProvider, post_encode
from mandate_resolver.registry.models import AuditEntry
from tests.oidc_support import MANDATE_EMMAUS_BAROCY, MANDATE_IMEC_BAROCY, Browser, Provider
from tests.saml_flow_support import ONELOGIN_ACS, ONELOGIN_SP, OneLoginSp, auto_post, decode, register
from tests.saml_helpers import (
    SP_ACS,
    SP_ENTITY_ID,
    SSO_POST,
    SSO_REDIRECT,
    SamlKit,
    cached_sp,
    is_error_page,
    saml_kit,
    started_login,
)


@pytest.fixture
def saml(app: Flask) -> Iterator[SamlKit]:
    yield from saml_kit(app)


TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"


def _response_form(response_text: str) -> str:
    marker = 'name="SAMLResponse" value="'
    start = response_text.index(marker) + len(marker)
    return base64.b64decode(response_text[start : response_text.index('"', start)]).decode()


@pytest.mark.parametrize(
    "acs",
    [
        "https://evil.example/acs",
        SP_ACS + "?x=1",
        SP_ACS + "/",
        "https://SP.example/acs",
        "https://sp.example:443/acs",
        "http://sp.example/acs",
        "https://sp.example/acs/../evil",
        "https://sp.example@evil.example/acs",
        "https://sp.example.evil.example/acs",
        "https://sp.example/%61cs",
        SP_ACS + "#frag",
    ],
)
def test_S01_acs_url_not_in_metadata_is_an_error_page(saml: SamlKit, acs: str) -> None:
    for response in (
        saml.redirect(saml.sp.authn_request(SSO_REDIRECT, acs_url=acs)),
        saml.post(saml.sp.sign_xml(saml.sp.authn_request(SSO_POST, acs_url=acs))),
    ):
        assert is_error_page(response)
        assert "evil" not in response.headers.get("Location", "")


def test_S01_registered_acs_url_is_accepted(saml: SamlKit) -> None:
    assert started_login(saml.redirect(saml.sp.authn_request(SSO_REDIRECT, acs_url="https://sp.example/acs2")))


@pytest.mark.parametrize(
    "extra",
    [
        ' AssertionConsumerServiceIndex="99"',
        ' AssertionConsumerServiceIndex="-1"',
        f' AssertionConsumerServiceURL="{SP_ACS}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"',
        f' AssertionConsumerServiceURL="{SP_ACS}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:PAOS"',
        f' AssertionConsumerServiceURL="{SP_ACS}" AssertionConsumerServiceIndex="0"',
    ],
)
def test_S02_acs_index_or_binding_not_in_metadata(saml: SamlKit, extra: str) -> None:
    assert is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT, extra_attributes=extra)))


@pytest.mark.parametrize("issuer", ["https://unknown.example/metadata", "", SP_ENTITY_ID + "/"])
def test_S03_unknown_or_missing_issuer(saml: SamlKit, issuer: str) -> None:
    assert is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT, issuer=issuer), sign=False))
    assert is_error_page(saml.post(saml.sp.authn_request(SSO_POST, issuer=issuer)))


def test_S03_a_disabled_service_provider_gets_no_login(saml: SamlKit) -> None:
    from sqlalchemy import update

    from idp.database import database as app_database
    from mandate_resolver.registry.models import Application

    assert not is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT)))
    with app_database(saml.app).sessions() as session:
        session.execute(update(Application).where(Application.client_id == SP_ENTITY_ID).values(enabled=False))
        session.commit()
    assert is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT)))
    assert is_error_page(saml.post(saml.sp.authn_request(SSO_POST)))


@pytest.mark.parametrize("binding", ["redirect", "post"])
def test_S04_unsigned_request_rejected_when_metadata_promises_signatures(saml: SamlKit, binding: str) -> None:
    signing_sp = cached_sp("signing", authn_requests_signed=True)
    saml.sp = saml.register(signing_sp)
    if binding == "redirect":
        response = saml.redirect(signing_sp.authn_request(SSO_REDIRECT), sign=False)
    else:
        response = saml.post(signing_sp.authn_request(SSO_POST))
    assert is_error_page(response)
    # and the same SP, signing, is accepted
    assert started_login(saml.redirect(signing_sp.authn_request(SSO_REDIRECT)))


def test_S04_registration_can_require_signatures(saml: SamlKit) -> None:
    saml.register(require_signed_requests=True)
    assert is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT), sign=False))


@pytest.mark.parametrize("embed", [True, False])
def test_S06_post_request_signed_with_attackers_key(saml: SamlKit, embed: bool) -> None:
    attacker = KeyPair.generate("attacker")
    xml = saml.sp.sign_xml(saml.sp.authn_request(SSO_POST), keys=attacker, embed_certificate=embed)
    assert is_error_page(saml.post(xml))
    # a redirect signed with the attacker's key fails too
    assert is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT), keys=attacker))


def test_S06_sp_without_signing_key_cannot_send_signed_requests(saml: SamlKit) -> None:
    sp = TestServiceProvider.create(SP_ENTITY_ID, SP_ACS)
    metadata = sp.metadata()
    start = metadata.index('<md:KeyDescriptor use="signing">')
    metadata = metadata[:start] + metadata[metadata.index("</md:KeyDescriptor>") + len("</md:KeyDescriptor>") :]
    from idp.database import database
    from idp.saml.registry import SpRegistration, register_service_provider

    with database(saml.app).sessions() as session:
        register_service_provider(session, metadata, SpRegistration())
        session.commit()
    xml = sp.sign_xml(sp.authn_request(SSO_POST), embed_certificate=True)
    assert is_error_page(saml.post(xml))


@pytest.mark.parametrize("uri", ["#other-id", "http://attacker.invalid/x", ""])
def test_S08_reference_not_to_the_root(saml: SamlKit, uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("outbound connection attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    signed = saml.sp.sign_xml(saml.sp.authn_request(SSO_POST, request_id="_root"))
    tampered = signed.replace('URI="#_root"', f'URI="{uri}"')
    assert tampered != signed
    assert is_error_page(saml.post(tampered))


def test_S08_wrapped_signature_is_rejected(saml: SamlKit) -> None:
    genuine = saml.sp.sign_xml(saml.sp.authn_request(SSO_POST, request_id="_genuine"))
    evil = saml.sp.authn_request(SSO_POST, request_id="_genuine", acs_url="https://evil.example/acs")
    wrapped = evil.replace(
        "</samlp:AuthnRequest>", f"<samlp:Extensions>{genuine}</samlp:Extensions></samlp:AuthnRequest>"
    )
    assert is_error_page(saml.post(wrapped))


XXE_FILE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
XXE_HTTP = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://attacker.invalid/x">]>'


@pytest.mark.parametrize("prologue", [XXE_FILE, XXE_HTTP])
def test_S09_xxe_in_either_binding(saml: SamlKit, prologue: str) -> None:
    xml = prologue + saml.sp.authn_request(SSO_POST).replace(
        f"<saml:Issuer>{SP_ENTITY_ID}</saml:Issuer>", f"<saml:Issuer>{SP_ENTITY_ID}&x;</saml:Issuer>"
    )
    for response in (saml.post(xml), saml.redirect(xml, sign=False)):
        assert response.status_code == 400
        assert "root:" not in response.get_data(as_text=True)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + ']><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol9;</samlp:AuthnRequest>'
)
QUADRATIC = (
    '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + "a" * 2000 + '">]>'
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">' + "&a;" * 500 + "</samlp:AuthnRequest>"
)


@pytest.mark.parametrize("payload", [LAUGHS, QUADRATIC])
def test_S10_entity_expansion_is_refused_quickly(saml: SamlKit, payload: str) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    assert saml.post(payload).status_code == 400
    assert saml.redirect(payload, sign=False).status_code == 400
    assert time.monotonic() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


def test_S11_deflate_bomb_and_oversized_post(saml: SamlKit) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    bomb = b"".join(compressor.compress(chunk) for _ in range(110)) + compressor.flush()
    started = time.monotonic()
    response = saml.client.get("/saml/sso/redirect?SAMLRequest=" + quote(base64.b64encode(bomb).decode()))
    assert response.status_code in (400, 413)
    oversized = saml.post("", raw=base64.b64encode(b"<a>" + b"x" * 1_000_000 + b"</a>").decode())
    assert oversized.status_code in (400, 413)
    assert time.monotonic() - started < 2.0


def test_S12_replayed_request_id_is_rejected(saml: SamlKit) -> None:
    xml = saml.sp.authn_request(SSO_REDIRECT, request_id="_once")
    assert started_login(saml.redirect(xml))
    assert is_error_page(saml.redirect(xml))
    posted = saml.sp.sign_xml(saml.sp.authn_request(SSO_POST, request_id="_twice"))
    assert started_login(saml.post(posted))
    assert is_error_page(saml.post(posted))
    with database(saml.app).sessions() as session:
        replays = session.scalars(select(AuditEntry).where(AuditEntry.action == "saml.replay")).all()
        assert {entry.detail["request_id"] for entry in replays} == {"_once", "_twice"}


@pytest.mark.parametrize(
    ("offset_s", "accepted"),
    [(-3600, False), (600, False), (-(120 - 10), True), (120 - 10, True)],
)
def test_S13_issue_instant_outside_the_clock_skew(saml: SamlKit, offset_s: int, accepted: bool) -> None:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=offset_s)
    response = saml.redirect(saml.sp.authn_request(SSO_REDIRECT, issue_instant=moment))
    assert started_login(response) is accepted
    assert is_error_page(response) is not accepted


@pytest.mark.parametrize(
    ("destination", "version"),
    [
        (SSO_POST, "2.0"),  # another of our endpoints
        ("http://127.0.0.1:8000/saml/slo/redirect", "2.0"),
        ("https://other-idp.example/sso", "2.0"),
        (SSO_REDIRECT, "1.1"),
    ],
)
def test_S14_wrong_destination_or_version(saml: SamlKit, destination: str, version: str) -> None:
    assert is_error_page(saml.redirect(saml.sp.authn_request(destination, version=version)))


@pytest.mark.parametrize(
    "query",
    [
        {"SAMLRequest": "%%% not base64 %%%"},
        {"SAMLRequest": base64.b64encode(zlib.compress(b"<samlp:AuthnRequest")[2:20]).decode()},
        {"SAMLRequest": base64.b64encode(b"this is not deflate").decode()},
        {"SAMLRequest": ""},
    ],
)
def test_S15_malformed_redirect_input(saml: SamlKit, query: dict[str, str]) -> None:
    response = saml.get_raw(query)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "xml",
    [
        "not xml at all",
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0"/>',
        "<AuthnRequest/>",
    ],
)
def test_S15_malformed_or_wrong_root(saml: SamlKit, xml: str) -> None:
    for response in (saml.post(xml), saml.redirect(xml, sign=False)):
        assert response.status_code == 400
        assert "Traceback" not in response.get_data(as_text=True)


def test_S16_relay_state_longer_than_80_bytes(saml: SamlKit) -> None:
    assert is_error_page(saml.redirect(saml.sp.authn_request(SSO_REDIRECT), relay_state="r" * 500))
    assert is_error_page(saml.post(saml.sp.authn_request(SSO_POST), relay_state="é" * 41))


def test_S16_relay_state_is_escaped_in_the_post_form(saml: SamlKit) -> None:
    # A refusal that goes to the ACS (InvalidNameIDPolicy) shows the auto-POST form with the RelayState.
    hostile = '"><script>alert(1)</script>'
    inner = f'<samlp:NameIDPolicy Format="{EMAIL}"/>'
    response = saml.redirect(saml.sp.authn_request(SSO_REDIRECT, inner=inner), relay_state=hostile)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body
    assert "&#34;&gt;&lt;script&gt;" in body or "&quot;&gt;&lt;script&gt;" in body
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("requested", [EMAIL, PERSISTENT, "urn:example:made-up"])
def test_S19_name_id_policy_not_allowed(saml: SamlKit, requested: str) -> None:
    inner = f'<samlp:NameIDPolicy Format="{requested}" AllowCreate="true"/>'
    response = saml.redirect(saml.sp.authn_request(SSO_REDIRECT, inner=inner))
    assert response.status_code == 200
    form = response.get_data(as_text=True)
    assert f'action="{SP_ACS}"' in form
    xml = _response_form(form)
    assert "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy" in xml
    assert "<ns1:Assertion" not in xml and "Assertion ID" not in xml


def test_S19_allowed_persistent_is_accepted(saml: SamlKit) -> None:
    saml.register(name_id_formats=[TRANSIENT, PERSISTENT])
    inner = f'<samlp:NameIDPolicy Format="{PERSISTENT}"/>'
    assert started_login(saml.redirect(saml.sp.authn_request(SSO_REDIRECT, inner=inner)))


__all__ = ["post_encode"]


# --- S17, S18: ForceAuthn and IsPassive, through the real journey over HTTP ------------------------


def test_S17_force_authn_requires_credentials_again(provider: Provider) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    browser = Browser(provider)
    request_id, url = sp.login_url()
    first = sp.accept(browser.sign_in(browser.go(url), "ines"), request_id)
    first_instant = _authn_instant(first.get_last_response_xml())
    time.sleep(1.1)
    # Without ForceAuthn the live session answers at once: no login form.
    request_id, url = sp.login_url()
    step = browser.go(url)
    assert "/login/password" not in step.html
    sp.accept(step, request_id)
    # With ForceAuthn the login form comes back, and the new AuthnInstant is later.
    auth = sp.auth()
    url = auth.login(force_authn=True)
    step = browser.go(url)
    assert "/login/password" in step.html
    again = sp.accept(browser.sign_in(step, "ines"), auth.get_last_request_id())
    assert _authn_instant(again.get_last_response_xml()) > first_instant


def test_S18_is_passive_without_session_answers_no_passive(provider: Provider) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    auth = sp.auth()
    url = auth.login(is_passive=True)
    step = Browser(provider).go(url)
    assert "/login/password" not in step.html
    action, fields = auto_post(step)
    assert action == ONELOGIN_ACS
    xml = decode(fields["SAMLResponse"])
    assert "urn:oasis:names:tc:SAML:2.0:status:NoPassive" in xml
    assert "Assertion" not in xml.replace("EncryptedAssertion", "")


def _authn_instant(xml: str | bytes) -> str:
    text = xml.decode() if isinstance(xml, bytes) else xml
    return text.split('AuthnInstant="')[1].split('"')[0]


def test_S20_successful_response(provider: Provider) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    request_id, url = sp.login_url()
    browser = Browser(provider)
    step = browser.choose(browser.sign_in(browser.go(url), "bart"), "Emmaüs")
    action, fields = auto_post(step)
    xml = decode(fields["SAMLResponse"])
    root = etree.fromstring(xml.encode())
    ns = {
        "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
        "ds": "http://www.w3.org/2000/09/xmldsig#",
    }
    assertions = root.findall("saml:Assertion", ns)
    assert len(assertions) == 1
    assertion = assertions[0]
    for signed in (root, assertion):
        method = signed.find("ds:Signature/ds:SignedInfo/ds:SignatureMethod", ns)
        assert method is not None and method.get("Algorithm").endswith("rsa-sha256")
    assert assertion.findtext(".//saml:Audience", namespaces=ns) == ONELOGIN_SP
    confirmation = assertion.find(".//saml:SubjectConfirmationData", ns)
    assert confirmation.get("Recipient") == ONELOGIN_ACS == action
    assert confirmation.get("InResponseTo") == request_id == root.get("InResponseTo")
    not_after = dt.datetime.fromisoformat(confirmation.get("NotOnOrAfter").replace("Z", "+00:00"))
    assert not_after <= dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5, seconds=5)
    assert MANDATE_EMMAUS_BAROCY in xml
    assert MANDATE_IMEC_BAROCY not in xml  # only the chosen mandate leaves the provider
    auth = sp.auth(post=fields)
    auth.process_response(request_id=request_id)  # and a strict SP accepts it with our metadata's key
    assert not auth.get_errors(), auth.get_last_error_reason()
