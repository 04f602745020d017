"""Chromium at single logout to an SP whose only SingleLogoutService is HTTP-POST: the logged-out page
frames our ``/saml/slo/front`` page (allowed by its frame-ancestors), whose script posts the signed
LogoutRequest to the SP (allowed by its form-action). The SP's addresses are answered by Playwright."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs

from saml2 import BINDING_HTTP_POST

from tests.browser.conftest import sync_api
from tests.oidc_support import PASSWORD, Provider, provider  # noqa: F401 - the fixture
from tests.saml_flow_support import (
    ONELOGIN_ACS,
    ONELOGIN_SLO,
    PYSAML2_ACS,
    PYSAML2_SLO,
    OneLoginSp,
    Pysaml2Sp,
    register,
)


def _wait_for(posted: dict[str, str], url: str, page: sync_api.Page, *, top_level: bool = False) -> str:
    deadline = time.monotonic() + 30  # a loaded machine: the default 15 s page timeout is not the point here
    while url not in posted:
        assert time.monotonic() < deadline, f"nothing was posted to {url}"
        page.wait_for_timeout(50)
    if top_level:
        # The page itself went there: let that navigation finish, or the next goto would interrupt it.
        page.wait_for_url(lambda current: current.startswith(url), timeout=30_000)
    return posted[url]


def test_logged_out_page_posts_the_logout_request_to_a_post_only_sp(
    provider: Provider,  # noqa: F811 - the fixture imported above
    browser: sync_api.Browser,
    tmp_path: Path,
) -> None:
    sp = Pysaml2Sp.create(provider, tmp_path, slo_binding=BINDING_HTTP_POST)
    register(provider, sp.metadata())
    context = browser.new_context(locale="nl-BE")
    posted: dict[str, str] = {}

    def at_the_sp(route: sync_api.Route) -> None:
        posted[route.request.url] = route.request.post_data or ""
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>SP</title><p>SP</p>")

    context.route("https://sp-pysaml2.example/**", at_the_sp)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        request_id, url = sp.login_url()
        page.goto(url)
        page.get_by_label("Gebruikersnaam", exact=True).fill("ines")
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
        response = parse_qs(_wait_for(posted, PYSAML2_ACS, page, top_level=True))["SAMLResponse"][0]
        login = sp.client.parse_authn_request_response(response, BINDING_HTTP_POST, outstanding={request_id: "/"})
        page.goto(provider.url("/logout"))
        page.get_by_role("button", name="Afmelden").click()
        page.get_by_role("heading", name="U bent afgemeld.").wait_for()
        logout_request = parse_qs(_wait_for(posted, PYSAML2_SLO, page))["SAMLRequest"][0]
        answer = sp.client.handle_logout_request(logout_request, login.assertion.subject.name_id, BINDING_HTTP_POST)
        assert answer  # pysaml2 verified our signature on what the browser posted
    finally:
        context.close()


def test_logout_started_by_another_sp_still_posts_before_going_back(
    provider: Provider,  # noqa: F811 - the fixture imported above
    browser: sync_api.Browser,
    tmp_path: Path,
) -> None:
    """The SLO page goes back to the initiating SP once its frames have loaded: the frame's form post to
    the POST-only SP must have been sent by then (the script submits it while the frame is still loading)."""
    pysaml2_sp = Pysaml2Sp.create(provider, tmp_path, slo_binding=BINDING_HTTP_POST)
    onelogin_sp = OneLoginSp.create(provider)
    register(provider, pysaml2_sp.metadata())
    register(provider, onelogin_sp.metadata())
    context = browser.new_context(locale="nl-BE")
    posted: dict[str, str] = {}

    def at_an_sp(route: sync_api.Route) -> None:
        url = route.request.url
        posted[url.split("?")[0]] = route.request.post_data or url
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>SP</title><p>SP</p>")

    context.route("https://sp-pysaml2.example/**", at_an_sp)
    context.route("https://sp-onelogin.example/**", at_an_sp)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _, url = pysaml2_sp.login_url()
        page.goto(url)
        page.get_by_label("Gebruikersnaam", exact=True).fill("ines")
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
        _wait_for(posted, PYSAML2_ACS, page, top_level=True)
        request_id, url = onelogin_sp.login_url()
        page.goto(url)  # single sign-on: straight back to the SP
        fields = {k: v[0] for k, v in parse_qs(_wait_for(posted, ONELOGIN_ACS, page, top_level=True)).items()}
        auth = onelogin_sp.auth(post=fields)
        auth.process_response(request_id=request_id)
        assert not auth.get_errors(), auth.get_last_error_reason()
        logout = onelogin_sp.auth().logout(
            name_id=auth.get_nameid(), session_index=auth.get_session_index(), name_id_format=auth.get_nameid_format()
        )
        page.goto(logout)
        back = _wait_for(posted, ONELOGIN_SLO, page)  # the LogoutResponse, by redirect, after the frames
        assert "SAMLResponse=" in back
        assert "SAMLRequest=" in _wait_for(posted, PYSAML2_SLO, page)
    finally:
        context.close()
