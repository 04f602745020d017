"""L09: the login page's ``next`` never leads off-site: same-origin paths only, else the home page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.login_helpers import PASSWORD, Journey, hidden

HOSTILE = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "\\\\evil.example",
    "/%0d%0aLocation:%20https://evil.example",
    " //evil.example",
    "http:evil.example",
    "/\t/evil.example",
]


def _on_site(location: str) -> bool:
    """A path on this site: no scheme, no host, no way for a browser to read it as another host."""
    parts = urlsplit(location)
    return (
        location.startswith("/")
        and not location.startswith("//")
        and not parts.scheme
        and not parts.netloc
        and not any(ch in location for ch in "\\\r\n\t")
    )


@pytest.mark.parametrize("target", HOSTILE)
def test_L09_next_after_login_stays_on_site(journey: Journey, target: str) -> None:
    page = journey.client.get("/login", query_string={"next": target}).get_data(as_text=True)
    response = journey.client.post(
        "/login/password",
        data={"username": "sammy", "password": PASSWORD, "csrf_token": hidden(page, "csrf_token"), "next": target},
    )
    assert response.status_code == 303
    totp = journey.client.get(response.headers["Location"])
    from tests.login_helpers import current_totp

    done = journey.client.post(
        "/login/totp", data={"code": current_totp(), "csrf_token": hidden(totp.get_data(as_text=True), "csrf_token")}
    )
    assert done.status_code == 303
    assert _on_site(done.headers["Location"])


@pytest.mark.parametrize("target", HOSTILE)
def test_L09_next_with_a_live_session_stays_on_site(journey: Journey, target: str) -> None:
    test_L09_next_after_login_stays_on_site(journey, "/")
    response = journey.client.get("/login", query_string={"next": target})
    assert response.status_code == 303 and _on_site(response.headers["Location"])


def test_L09_same_origin_path_is_kept(journey: Journey) -> None:
    page = journey.client.get("/login", query_string={"next": "/portal?x=1"}).get_data(as_text=True)
    assert hidden(page, "next") == "/portal?x=1"
