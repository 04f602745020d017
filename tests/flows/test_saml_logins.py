"""Whole SAML logins through the real app over HTTP, with two service providers we did not write:
pysaml2's Saml2Client and python3-saml (OneLogin, strict). Both verify our signatures with our metadata."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.oidc_support import MANDATE_EMMAUS_BAROCY, Browser, Provider
from tests.saml_flow_support import ONELOGIN_ACS, ONELOGIN_SP, OneLoginSp, Pysaml2Sp, auto_post, decode, register


def attribute(values: dict[str, list[str]], provider: Provider, name: str) -> list[str]:
    return values.get(f"{provider.issuer}/attributes/{name}") or values.get(name) or []


def test_pysaml2_sp_logs_in_through_a_mandate(provider: Provider, tmp_path: Path) -> None:
    sp = Pysaml2Sp.create(provider, tmp_path)
    register(provider, sp.metadata())
    request_id, url = sp.login_url()
    browser = Browser(provider)
    step = browser.sign_in(browser.go(url), "bart")
    step = browser.choose(step, "Emmaüs") if step.page is not None and "option" in step.page.text else step
    response = sp.accept(step, request_id)
    values = response.ava
    assert attribute(values, provider, "mandate_id") == [MANDATE_EMMAUS_BAROCY]
    assert attribute(values, provider, "mandator_id") == ["0411515075"]
    assert attribute(values, provider, "mandatee_id") == ["0806154033"]
    assert attribute(values, provider, "executor_id") == ["85010100115"]
    assert response.assertion.subject.name_id.format.endswith(":transient")


def test_onelogin_sp_strict_logs_in_through_a_mandate(provider: Provider) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    request_id, url = sp.login_url()
    browser = Browser(provider)
    step = browser.sign_in(browser.go(url), "bart")
    step = browser.choose(step, "Emmaüs") if step.page is not None and "option" in step.page.text else step
    auth = sp.accept(step, request_id)
    values = auth.get_attributes()
    assert attribute(values, provider, "mandate_id") == [MANDATE_EMMAUS_BAROCY]
    assert attribute(values, provider, "ssm_mandaatgever") == ["0411515075"]
    assert attribute(values, provider, "vo_orgcode") == ["0806154033"]


@pytest.mark.parametrize("username", ["ines"])
def test_onelogin_citizen_gets_no_mandate_attributes(provider: Provider, username: str) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    request_id, url = sp.login_url()
    browser = Browser(provider)
    auth = sp.accept(browser.sign_in(browser.go(url), username), request_id)
    values = auth.get_attributes()
    assert not attribute(values, provider, "mandate_id")
    assert attribute(values, provider, "rrn") == ["90110222236"]


def test_idp_initiated_only_for_sps_that_allow_it(provider: Provider) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    browser = Browser(provider)
    refused = browser.go(provider.url("/saml/idp-initiated?sp=" + quote(ONELOGIN_SP, safe="")))
    assert refused.page is not None and refused.page.status_code == 400
    register(provider, sp.metadata(), allow_idp_initiated=True)
    step = browser.sign_in(
        browser.go(provider.url("/saml/idp-initiated?RelayState=home&sp=" + quote(ONELOGIN_SP))), "ines"
    )
    action, fields = auto_post(step)
    assert action == ONELOGIN_ACS and fields["RelayState"] == "home"
    auth = sp.auth(post=fields)
    auth.process_response(request_id=None)
    assert not auth.get_errors(), auth.get_last_error_reason()


def _signed(xml: str) -> tuple[bool, bool]:
    """(Response signed, Assertion signed)."""
    from lxml import etree

    root = etree.fromstring(xml.encode())
    ds = "{http://www.w3.org/2000/09/xmldsig#}Signature"
    assertion = root.find("{urn:oasis:names:tc:SAML:2.0:assertion}Assertion")
    return root.find(ds) is not None, assertion is not None and assertion.find(ds) is not None


@pytest.mark.parametrize("want_assertions_signed", [True, False])
def test_both_sps_accept_what_their_metadata_asks_for(
    provider: Provider, tmp_path: Path, want_assertions_signed: bool
) -> None:
    """WantAssertionsSigned="true": Response and Assertion signed; otherwise the Response only (one RSA
    signature fewer per login), which pysaml2 (want_response_signed) and strict python3-saml accept."""
    pysaml2_sp = Pysaml2Sp.create(provider, tmp_path, want_assertions_signed=want_assertions_signed)
    onelogin_sp = OneLoginSp.create(provider, want_assertions_signed=want_assertions_signed)
    assert ('WantAssertionsSigned="true"' in onelogin_sp.metadata()) is want_assertions_signed
    register(provider, pysaml2_sp.metadata())
    register(provider, onelogin_sp.metadata())
    browser = Browser(provider)
    request_id, url = pysaml2_sp.login_url()
    step = browser.sign_in(browser.go(url), "ines")
    assert _signed(decode(auto_post(step)[1]["SAMLResponse"])) == (True, want_assertions_signed)
    assert attribute(pysaml2_sp.accept(step, request_id).ava, provider, "rrn") == ["90110222236"]
    request_id, url = onelogin_sp.login_url()
    step = browser.go(url)  # single sign-on
    assert _signed(decode(auto_post(step)[1]["SAMLResponse"])) == (True, want_assertions_signed)
    assert attribute(onelogin_sp.accept(step, request_id).get_attributes(), provider, "rrn") == ["90110222236"]
