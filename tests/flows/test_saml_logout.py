"""Single logout from either side: an SP's LogoutRequest ends the session at every participant; our own
logout page sends a signed LogoutRequest to every SAML SP, by HTTP-Redirect or (an SP with only an HTTP-POST
SingleLogoutService) by an auto-posting frame. Both SPs are libraries we did not write."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.response import IncorrectlySigned
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from tests.oidc_support import Browser, Provider, parse_page
from tests.saml_flow_support import (
    ONELOGIN_SLO,
    PYSAML2_SLO,
    OneLoginSp,
    Pysaml2Sp,
    auto_post,
    frames_and_link,
    query_values,
    register,
)


def _log_in_both(
    provider: Provider, tmp_path: Path, pysaml2_slo: str = BINDING_HTTP_REDIRECT
) -> tuple[Browser, Pysaml2Sp, OneLoginSp, object, object]:
    pysaml2_sp = Pysaml2Sp.create(provider, tmp_path, slo_binding=pysaml2_slo)
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


FRONT = "/saml/slo/front?"


def provider_url(frame: str, path: str) -> str:
    return frame.split("/saml/", maxsplit=1)[0] + path


def _pysaml2_accepts_posted_logout_request(browser: Browser, sp: Pysaml2Sp, frame: str, name_id: object) -> None:
    """Load our frame page as the browser would, and hand what it posts to pysaml2's SP client."""
    step = browser.go(frame)
    assert step.page is not None
    assert "frame-ancestors 'self'" in step.page.headers["Content-Security-Policy"]
    assert "form-action https://sp-pysaml2.example;" in step.page.headers["Content-Security-Policy"]
    assert step.page.headers["X-Frame-Options"] == "SAMEORIGIN"
    action, fields = auto_post(step)
    assert action == PYSAML2_SLO and set(fields) == {"SAMLRequest"}
    xml = base64.b64decode(fields["SAMLRequest"]).decode()
    assert "LogoutRequest" in xml and "rsa-sha256" in xml  # signed in the message itself (HTTP-POST binding)
    value = getattr(name_id, "text", "")
    assert value and f">{value}<" in xml
    tampered = base64.b64encode(xml.replace(f">{value}<", ">_someone-else<").encode()).decode()
    with pytest.raises(IncorrectlySigned):  # pysaml2 checks the signature: a changed NameID is refused
        sp.client.handle_logout_request(tampered, name_id, BINDING_HTTP_POST)
    answer = sp.client.handle_logout_request(
        fields["SAMLRequest"], name_id, BINDING_HTTP_POST, sign=True, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
    )
    # pysaml2 verified our signature and answers with its signed LogoutResponse, posted back to us
    response = answer["data"].split('name="SAMLResponse" value="')[1].split('"')[0]
    back = browser.go(provider_url(frame, "/saml/slo/post"), method="POST", data={"SAMLResponse": response})
    assert back.page is not None and back.page.status_code == 200


def test_post_only_sp_gets_a_posted_logout_request_when_we_log_out(provider: Provider, tmp_path: Path) -> None:
    browser, pysaml2_sp, onelogin_sp, first, _second = _log_in_both(provider, tmp_path, BINDING_HTTP_POST)
    page = browser.go(provider.url("/logout"))
    form = next(f for f in parse_page(page.html).forms if f.action.endswith("/logout"))
    step = browser.go(provider.url("/logout"), method="POST", data=form.fields)
    frames, _ = frames_and_link(step)
    assert sorted(frame.split("?")[0] for frame in frames) == sorted([ONELOGIN_SLO, provider.url(FRONT[:-1])])
    assert provider.issuer in step.page.headers["Content-Security-Policy"]  # frame-src allows our own page
    front = next(f for f in frames if f.startswith(provider.url(FRONT)))
    _pysaml2_accepts_posted_logout_request(browser, pysaml2_sp, front, first.assertion.subject.name_id)
    _session_is_gone(provider, browser, onelogin_sp)


def test_post_only_sp_gets_a_posted_logout_request_when_another_sp_logs_out(provider: Provider, tmp_path: Path) -> None:
    browser, pysaml2_sp, onelogin_sp, first, second = _log_in_both(provider, tmp_path, BINDING_HTTP_POST)
    auth = onelogin_sp.auth()
    url = auth.logout(name_id=second.get_nameid(), session_index=second.get_session_index(),
                      name_id_format=second.get_nameid_format())  # fmt: skip
    frames, back = frames_and_link(browser.go(url))
    assert len(frames) == 1 and frames[0].startswith(provider.url(FRONT))
    assert back.startswith(ONELOGIN_SLO + "?")
    _pysaml2_accepts_posted_logout_request(browser, pysaml2_sp, frames[0], first.assertion.subject.name_id)


def test_front_channel_frame_refuses_a_forged_or_live_session_token(provider: Provider, tmp_path: Path) -> None:
    browser, _pysaml2_sp, _onelogin_sp, _first, _second = _log_in_both(provider, tmp_path, BINDING_HTTP_POST)
    step = browser.go(provider.url(FRONT + "m=forged.token.value"))
    assert step.page is not None and step.page.status_code == 400 and "SAMLRequest" not in step.page.text
    with provider.app.test_request_context():
        from idp.models import SsoSession
        from idp.saml.logout import _front_channel_serializer

        with provider.sessions() as session:
            live = session.query(SsoSession).filter(SsoSession.ended_at.is_(None)).first()
            assert live is not None
            token = _front_channel_serializer().dumps({"sid": live.sid, "sp": "https://sp-pysaml2.example/metadata"})
    # a well-signed token for a session that has not ended sends nothing
    step = browser.go(provider.url(FRONT + "m=" + token))
    assert step.page is not None and step.page.status_code == 400 and "SAMLRequest" not in step.page.text
