"""Single logout from either side: an SP's LogoutRequest ends the session at every participant; our own
logout page sends a signed LogoutRequest to every SAML SP. Both SPs are libraries we did not write."""

from __future__ import annotations

from pathlib import Path

from saml2 import BINDING_HTTP_REDIRECT

from tests.oidc_support import Browser, Provider, parse_page
from tests.saml_flow_support import (
    ONELOGIN_SLO,
    PYSAML2_SLO,
    OneLoginSp,
    Pysaml2Sp,
    frames_and_link,
    query_values,
    register,
)


def _log_in_both(provider: Provider, tmp_path: Path) -> tuple[Browser, Pysaml2Sp, OneLoginSp, object, object]:
    pysaml2_sp = Pysaml2Sp.create(provider, tmp_path)
    onelogin_sp = OneLoginSp.create(provider)
    register(provider, pysaml2_sp.metadata())
    register(provider, onelogin_sp.metadata())
    browser = Browser(provider)
    request_id, url = pysaml2_sp.login_url()
    first = pysaml2_sp.accept(browser.sign_in(browser.go(url), "ines"), request_id)
    request_id, url = onelogin_sp.login_url()
    second = onelogin_sp.accept(browser.go(url), request_id)  # single sign-on: no form this time
    return browser, pysaml2_sp, onelogin_sp, first, second


def _pysaml2_accepts_logout_request(sp: Pysaml2Sp, url: str, name_id: object) -> None:
    assert url.startswith(PYSAML2_SLO + "?")
    values = query_values(url)
    answer = sp.client.handle_logout_request(
        values["SAMLRequest"], name_id, BINDING_HTTP_REDIRECT, relay_state=values.get("RelayState"),
        sigalg=values.get("SigAlg"), signature=values.get("Signature"),
    )  # fmt: skip
    assert answer  # pysaml2 verified our signature and built its LogoutResponse


def _session_is_gone(provider: Provider, browser: Browser, sp: OneLoginSp) -> None:
    _, url = sp.login_url()
    assert "/login/password" in browser.go(url).html


def test_logout_started_by_onelogin_ends_the_session_at_pysaml2_too(provider: Provider, tmp_path: Path) -> None:
    browser, pysaml2_sp, onelogin_sp, first, second = _log_in_both(provider, tmp_path)
    auth = onelogin_sp.auth()
    url = auth.logout(name_id=second.get_nameid(), session_index=second.get_session_index(),
                      name_id_format=second.get_nameid_format())  # fmt: skip
    step = browser.go(url)
    frames, back = frames_and_link(step)
    assert len(frames) == 1
    _pysaml2_accepts_logout_request(pysaml2_sp, frames[0], first.assertion.subject.name_id)
    assert back.startswith(ONELOGIN_SLO + "?")
    slo = onelogin_sp.auth(path="/slo", get=query_values(back))
    slo.process_slo(request_id=auth.get_last_request_id())
    assert not slo.get_errors(), (slo.get_errors(), slo.get_last_error_reason())
    _session_is_gone(provider, browser, onelogin_sp)


def test_logout_started_by_pysaml2(provider: Provider, tmp_path: Path) -> None:
    browser, pysaml2_sp, onelogin_sp, first, _second = _log_in_both(provider, tmp_path)
    responses = pysaml2_sp.client.global_logout(
        first.assertion.subject.name_id, sign=True, sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    )
    _binding, http_args = next(iter(responses.values()))
    url = dict(http_args["headers"])["Location"]
    step = browser.go(url)
    frames, back = frames_and_link(step)
    assert len(frames) == 1 and frames[0].startswith(ONELOGIN_SLO)
    assert back.startswith(PYSAML2_SLO + "?")
    _session_is_gone(provider, browser, onelogin_sp)


def test_logout_at_the_provider_sends_logout_requests_to_every_sp(provider: Provider, tmp_path: Path) -> None:
    browser, pysaml2_sp, onelogin_sp, first, _second = _log_in_both(provider, tmp_path)
    page = browser.go(provider.url("/logout"))
    form = next(f for f in parse_page(page.html).forms if f.action.endswith("/logout"))
    step = browser.go(provider.url("/logout"), method="POST", data=form.fields)
    frames, _ = frames_and_link(step)
    targets = sorted(frame.split("?")[0] for frame in frames)
    assert targets == sorted([ONELOGIN_SLO, PYSAML2_SLO])
    _pysaml2_accepts_logout_request(pysaml2_sp, next(f for f in frames if f.startswith(PYSAML2_SLO)),
                                    first.assertion.subject.name_id)  # fmt: skip
    onelogin_frame = next(f for f in frames if f.startswith(ONELOGIN_SLO))
    slo = onelogin_sp.auth(path="/slo", get=query_values(onelogin_frame))
    redirect_back = slo.process_slo(keep_local_session=True)
    assert not slo.get_errors(), (slo.get_errors(), slo.get_last_error_reason())
    assert redirect_back  # OneLogin answers with its signed LogoutResponse
    _session_is_gone(provider, browser, onelogin_sp)


def test_logout_request_for_another_name_id_ends_nothing(provider: Provider) -> None:
    sp = OneLoginSp.create(provider)
    register(provider, sp.metadata())
    browser = Browser(provider)
    request_id, url = sp.login_url()
    sp.accept(browser.sign_in(browser.go(url), "ines"), request_id)
    auth = sp.auth()
    step = browser.go(auth.logout(name_id="_not-this-session"))
    assert step.location.startswith(ONELOGIN_SLO + "?")
    slo = sp.auth(path="/slo", get=query_values(step.location))
    slo.process_slo(request_id=auth.get_last_request_id())
    assert slo.get_errors()  # OneLogin reports the UnknownPrincipal status as an error
    _, url = sp.login_url()
    assert "/login/password" not in browser.go(url).html  # still logged in
