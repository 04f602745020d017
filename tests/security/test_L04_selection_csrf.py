"""L04: an auto-submitting cross-site form choosing a mandate gets 403 and issues nothing."""

from __future__ import annotations

import pytest

from idp.models import PendingLogin
from tests.login_helpers import (
    BAROCY,
    EMMAUS,
    SAMMY,
    TOTP_SECRET,
    Journey,
    citizen,
    hidden,
    log_in,
    mandate,
    start,
)

M = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")


@pytest.mark.parametrize(
    ("with_token", "origin"),
    [(False, None), (False, "https://evil.example"), (True, "https://evil.example"), (True, "http://localhost.evil")],
)
def test_L04_cross_site_selection_is_refused(journey: Journey, with_token: bool, origin: str | None) -> None:
    journey.scenario.give(SAMMY, citizen(), M)
    page = log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET).get_data(as_text=True)
    pending_id = hidden(page, "pending")
    data = {"pending": pending_id, "option": M.key}
    if with_token:
        data["csrf_token"] = hidden(page, "csrf_token")
    response = journey.client.post("/select", data=data, headers={"Origin": origin} if origin else {})
    assert response.status_code == 403
    journey.session.expire_all()
    pending = journey.session.get(PendingLogin, pending_id)
    assert pending is not None and pending.status == "authenticated" and pending.selection_key == ""
