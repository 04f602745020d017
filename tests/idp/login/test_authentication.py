from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from idp.login import acr
from idp.models import SsoSession
from mandate_resolver.registry.models import Credential
from tests.login_helpers import (
    PASSWORD,
    SAMMY,
    TOTP_SECRET,
    Journey,
    citizen,
    current_totp,
    follow,
    hidden,
    log_in,
    make_user,
    post_form,
    start,
)


def _result(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return json.loads(response.get_data(as_text=True))


def test_login_page_follows_the_form_contract(journey: Journey) -> None:
    page = start(journey.client)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'action="/login/password"' in text
    assert 'name="username"' in text and 'name="password"' in text
    assert hidden(text, "pending") and hidden(text, "csrf_token")
    assert page.headers["Cache-Control"] == "no-store"


def test_password_and_totp_then_the_single_option_is_chosen(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    page = start(journey.client)
    after_password = follow(
        journey.client,
        post_form(
            journey.client, "/login/password", page.get_data(as_text=True), {"username": "sammy", "password": PASSWORD}
        ),
    )
    text = after_password.get_data(as_text=True)
    assert 'action="/login/totp"' in text and 'name="code"' in text
    result = _result(follow(journey.client, post_form(journey.client, "/login/totp", text, {"code": current_totp()})))
    assert result["error"] == ""
    assert result["selection_key"] == f"citizen:{SAMMY.value}"
    assert result["selection"]["capacity"] == "citizen"
    session = journey.session.get(SsoSession, result["session_id"])
    assert session is not None
    assert session.acr == acr.ACR_SUBSTANTIAL and session.amr == ["pwd", "otp", "mfa"]


def test_a_wrong_code_is_refused_and_a_code_works_only_once(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    page = start(journey.client)
    totp_page = log_in(journey.client, page)
    text = totp_page.get_data(as_text=True)
    wrong = post_form(
        journey.client, "/login/totp", text, {"code": "000000" if current_totp() != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert "niet juist" in wrong.get_data(as_text=True)
    code = current_totp()
    _result(follow(journey.client, post_form(journey.client, "/login/totp", text, {"code": code})))
    # The same code again, in a new login in another browser: refused (RFC 6238 §5.2).
    other = journey.app.test_client()
    totp_again = log_in(other, start(other))
    again = post_form(other, "/login/totp", totp_again.get_data(as_text=True), {"code": code})
    assert again.status_code == 400


def test_user_without_totp_gets_the_lower_level(journey: Journey) -> None:
    make_user(journey.session, "jan", insz=_other_insz(), name="Jan Peeters")
    journey.scenario.give(_other_insz(), citizen(_other_insz(), "Jan Peeters"))
    result = _result(log_in(journey.client, start(journey.client), username="jan"))
    session = journey.session.get(SsoSession, result["session_id"])
    assert session is not None and session.acr == acr.ACR_LOW and session.amr == ["pwd"]


def test_application_demanding_more_refuses_a_password_only_user(journey: Journey) -> None:
    make_user(journey.session, "jan", insz=_other_insz(), name="Jan Peeters")
    page = start(journey.client, acr_values=acr.ACR_SUBSTANTIAL)
    response = log_in(journey.client, page, username="jan")
    assert response.status_code == 403
    assert "sterkere aanmelding" in response.get_data(as_text=True)


def test_recovery_code_replaces_the_one_time_code_once(journey: Journey) -> None:
    from idp.login import authn
    from mandate_resolver.registry.models import User

    journey.scenario.give(SAMMY, citizen())
    user = journey.session.scalar(select(User).where(User.username == "sammy"))
    assert user is not None
    codes = authn.new_recovery_codes(journey.session, user)
    totp_page = log_in(journey.client, start(journey.client))
    recovery_page = journey.client.get(f"/login/recovery?pending={hidden(totp_page.get_data(as_text=True), 'pending')}")
    text = recovery_page.get_data(as_text=True)
    assert 'name="recovery_code"' in text
    result = _result(
        follow(journey.client, post_form(journey.client, "/login/recovery", text, {"recovery_code": codes[0].lower()}))
    )
    assert result["error"] == ""
    journey.session.expire_all()
    remaining = journey.session.scalars(select(Credential).where(Credential.kind == "recovery")).all()
    assert len(remaining) == len(codes) - 1


def test_the_last_means_is_remembered(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    cookie = journey.client.get_cookie("idp_last_means")
    assert cookie is not None and cookie.value == "password"


def test_totp_window_expires(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    totp_page = log_in(journey.client, start(journey.client))
    with journey.client.session_transaction() as flask_session:
        state = dict(flask_session["authn"])
        state["at"] = int((dt.datetime.now(dt.UTC) - dt.timedelta(minutes=6)).timestamp())
        flask_session["authn"] = state
    response = post_form(journey.client, "/login/totp", totp_page.get_data(as_text=True), {"code": current_totp()})
    assert response.status_code == 303
    assert "/login?pending=" in response.headers["Location"]


def _other_insz():  # type: ignore[no-untyped-def]
    from tests.login_helpers import OTHER_PERSON

    return OTHER_PERSON


def test_a_weaker_password_hash_is_upgraded_at_login(journey: Journey) -> None:
    from mandate_resolver.registry.passwords import HashProfile, needs_rehash, verify_password

    # Cheap enough for a test, but not the profile the user's hash was made with.
    stronger = HashProfile(time_cost=2, memory_cost_kib=16, parallelism=1)
    journey.app.extensions["idp.password_profile"] = stronger
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    journey.session.expire_all()
    stored = journey.session.scalar(select(Credential.secret).where(Credential.kind == "password"))
    assert stored is not None
    assert not needs_rehash(stored, profile=stronger)
    assert verify_password(stored, PASSWORD)
