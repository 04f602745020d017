"""L08: a session idle past the idle timeout, or older than the absolute lifetime, needs a new login."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import update

from idp.models import SsoSession
from tests.login_helpers import SAMMY, TOTP_SECRET, Journey, citizen, log_in, start


@pytest.mark.parametrize("column", ["last_seen_at", "expires_at"])
def test_L08_expired_session_requires_login(journey: Journey, column: str) -> None:
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    now = dt.datetime.now(dt.UTC)
    moment = now - dt.timedelta(hours=25) if column == "last_seen_at" else now - dt.timedelta(seconds=1)
    journey.session.execute(update(SsoSession).values({column: moment}))
    journey.session.commit()
    assert json.loads(start(journey.client, prompt="none").get_data(as_text=True))["error"] == "login_required"
    page = start(journey.client)
    assert 'name="password"' in page.get_data(as_text=True)


def test_L08_recent_activity_keeps_the_session(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    assert json.loads(start(journey.client, prompt="none").get_data(as_text=True))["error"] == ""
