from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pyotp
from sqlalchemy import select

from mandate_resolver.registry.models import Credential, User
from tests.login_helpers import OTHER_PERSON, Journey, citizen, hidden, log_in, make_user, post_form, start


def _log_in_jan(journey: Journey) -> Any:
    make_user(journey.session, "jan", insz=OTHER_PERSON, name="Jan Peeters")
    journey.scenario.give(OTHER_PERSON, citizen(OTHER_PERSON, "Jan Peeters"))
    return json.loads(log_in(journey.client, start(journey.client), username="jan").get_data(as_text=True))


def test_enrolment_needs_a_session(journey: Journey) -> None:
    response = journey.client.get("/login/totp/enrol")
    assert response.status_code == 303 and response.headers["Location"].startswith("/login?next=")


def test_enrol_an_authenticator_by_qr_code_and_get_recovery_codes(journey: Journey) -> None:
    _log_in_jan(journey)
    page = journey.client.get("/login/totp/enrol")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'src="data:image/svg+xml' in text and 'alt="QR-code' in text
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', text)
    assert secret is not None
    code = pyotp.TOTP(secret.group(1)).at(dt.datetime.now(dt.UTC))
    wrong = post_form(journey.client, "/login/totp/enrol", text, {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400
    done = post_form(journey.client, "/login/totp/enrol", text, {"code": code})
    codes = re.findall(r"<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>", done.get_data(as_text=True))
    assert done.status_code == 200 and len(codes) == 10
    user = journey.session.scalar(select(User).where(User.username == "jan"))
    assert user is not None
    kinds = sorted(c.kind for c in journey.session.scalars(select(Credential).where(Credential.user_id == user.id)))
    assert kinds.count("totp") == 1 and kinds.count("recovery") == 10
    # Renewing gives ten new codes and retires the old ones.
    renewed = journey.client.post(
        "/login/recovery-codes", data={"csrf_token": hidden(done.get_data(as_text=True), "csrf_token")}
    )
    new_codes = re.findall(r"<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>", renewed.get_data(as_text=True))
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)


def test_totp_secret_is_not_in_a_url_or_cache(journey: Journey) -> None:
    _log_in_jan(journey)
    page = journey.client.get("/login/totp/enrol")
    assert page.headers["Cache-Control"] == "no-store"
