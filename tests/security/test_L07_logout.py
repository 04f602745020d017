"""L07: after logout the server-side session is gone: replaying the old cookie gets nothing."""

from __future__ import annotations

import json

from idp.login.logout import register_logout_propagator, registered_propagators
from idp.models import SsoParticipant, SsoSession
from tests.login_helpers import SAMMY, TOTP_SECRET, Journey, citizen, hidden, log_in, session_cookie, start

CALLS: list[tuple[str, list[str]]] = []


def _record(session: SsoSession, participants: list[SsoParticipant]) -> list[str]:
    CALLS.append((session.sid, sorted(p.client_id for p in participants)))
    return ["https://rp.example/frontchannel-logout?sid=" + session.sid]


def test_L07_logout_destroys_the_session_and_tells_every_application(journey: Journey) -> None:
    register_logout_propagator(_record)
    register_logout_propagator(_record)  # once is enough
    assert registered_propagators().count(_record) == 1
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    start(journey.client, client_id="app-b")
    old_cookie = session_cookie(journey.client)
    page = journey.client.get("/logout")
    assert page.status_code == 200 and 'action="/logout"' in page.get_data(as_text=True)
    CALLS.clear()
    done = journey.client.post("/logout", data={"csrf_token": hidden(page.get_data(as_text=True), "csrf_token")})
    text = done.get_data(as_text=True)
    assert done.status_code == 200
    assert CALLS and CALLS[0][1] == ["app-a", "app-b"]
    assert "https://rp.example/frontchannel-logout" in text
    assert "frame-src https://rp.example" in done.headers["Content-Security-Policy"]
    assert session_cookie(journey.client) is None
    # Replay the old cookie: prompt=none says login_required, /switch sends to the login page.
    replay = journey.app.test_client()
    replay.set_cookie("idp_session_sso", old_cookie or "")
    assert json.loads(start(replay, prompt="none").get_data(as_text=True))["error"] == "login_required"
    switch = replay.get("/switch?client_id=app-a")
    assert switch.status_code == 303 and switch.headers["Location"].startswith("/login")


def test_L07_logout_needs_the_csrf_token(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    assert journey.client.post("/logout").status_code == 403
    assert json.loads(start(journey.client, prompt="none").get_data(as_text=True))["error"] == ""


def test_L07_a_failing_propagator_does_not_stop_logout(journey: Journey) -> None:
    def broken(session: SsoSession, participants: list[SsoParticipant]) -> None:
        raise RuntimeError("relying party down")

    register_logout_propagator(broken)
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    page = journey.client.get("/logout").get_data(as_text=True)
    assert journey.client.post("/logout", data={"csrf_token": hidden(page, "csrf_token")}).status_code == 200
    assert json.loads(start(journey.client, prompt="none").get_data(as_text=True))["error"] == "login_required"
