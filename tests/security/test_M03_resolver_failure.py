"""M03: when a resolver fails (timeout, error, malformed answer) the journey fails closed: it says mandates
are temporarily unavailable, offers none, and never completes from partial data; the wait is bounded."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from idp.models import PendingLogin
from mandate_resolver.chain import ResolverChain
from mandate_resolver.types import SourceUnavailable
from tests.login_helpers import (
    BAROCY,
    EMMAUS,
    SAMMY,
    TOTP_SECRET,
    Journey,
    ScriptedResolver,
    citizen,
    hidden,
    log_in,
    mandate,
    radio_values,
    start,
)

M = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")


class SlowResolver(ScriptedResolver):
    def resolve(self, *args: Any) -> Any:
        time.sleep(1.0)
        return super().resolve(*args)

    def check(self, *args: Any) -> Any:
        time.sleep(1.0)
        return super().check(*args)


class BrokenResolver(ScriptedResolver):
    def resolve(self, *args: Any) -> Any:
        raise ValueError("malformed JSON from the backend")

    def check(self, *args: Any) -> Any:
        raise ValueError("malformed JSON from the backend")


class LyingResolver(ScriptedResolver):
    """Answers with an option outside its own namespace: a contract break, so nothing of it is used."""

    def resolve(self, *args: Any) -> Any:
        from mandate_resolver.types import Principal, Resolution

        return Resolution((Principal(EMMAUS, self.capacity, self.name, "emmaüs", (M,)),))


def _chain_with(journey: Journey, ssm: ScriptedResolver) -> None:
    ssm.options = journey.scenario.ssm.options
    journey.app.extensions["idp.chain"].close()
    journey.app.extensions["idp.chain"] = ResolverChain(
        [journey.scenario.citizen, journey.scenario.idm, ssm], deadline_s=0.3
    )


@pytest.mark.parametrize("kind", ["failing", "slow", "broken", "lying"])
def test_M03_selection_screen_fails_closed(journey: Journey, kind: str) -> None:
    from mandate_resolver.types import Capacity

    journey.scenario.give(SAMMY, citizen(), M)
    name = "ssm" if kind != "lying" else "other"
    ssm = {
        "failing": ScriptedResolver(name, Capacity.MANDATE, failing=True),
        "slow": SlowResolver(name, Capacity.MANDATE),
        "broken": BrokenResolver(name, Capacity.MANDATE),
        "lying": LyingResolver(name, Capacity.MANDATE),
    }[kind]
    _chain_with(journey, ssm)
    page = log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    text = page.get_data(as_text=True)
    # Showing the screen again waits for the slow source no longer than its deadline (0.3 s).
    began = time.monotonic()
    assert journey.client.get(f"/select?pending={hidden(text, 'pending')}").status_code == 200
    assert time.monotonic() - began < 2.0
    assert page.status_code == 200
    assert "tijdelijk niet beschikbaar" in text
    assert radio_values(text) == [citizen().key]
    # Posting the mandate anyway is refused: its source cannot confirm it.
    response = journey.client.post(
        "/select", data={"pending": hidden(text, "pending"), "csrf_token": hidden(text, "csrf_token"), "option": M.key}
    )
    assert response.status_code in (403, 503)
    journey.session.expire_all()
    pending = journey.session.get(PendingLogin, hidden(text, "pending"))
    assert pending is not None and not pending.selection


def test_M03_passive_login_does_not_complete_from_partial_data(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen(), M)
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    journey.scenario.ssm.failing = True
    result = json.loads(start(journey.client, prompt="none", client_id="app-c").get_data(as_text=True))
    assert result["error"] == "temporarily_unavailable" and not result["selection"]


def test_M03_recheck_failure_is_unavailable_not_refused(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen(), M)
    page = log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET).get_data(as_text=True)
    journey.scenario.ssm.failing = True
    response = journey.client.post(
        "/select", data={"pending": hidden(page, "pending"), "csrf_token": hidden(page, "csrf_token"), "option": M.key}
    )
    assert response.status_code == 503
    assert "tijdelijk niet beschikbaar" in response.get_data(as_text=True)
    assert SourceUnavailable  # the chain raised it; the page says so
