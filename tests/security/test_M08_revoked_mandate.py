"""M08: a revoked mandate is no longer offered, and a passive login for an application that used it does
not assert it again."""

from __future__ import annotations

import json

from tests.login_helpers import (
    BAROCY,
    EMMAUS,
    SAMMY,
    TOTP_SECRET,
    Journey,
    choose,
    citizen,
    employee,
    log_in,
    mandate,
    radio_values,
    start,
)

M = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")


def test_M08_revoked_mandate_is_not_offered_nor_reused(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen(), employee(BAROCY), M)
    page = log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    first = json.loads(choose(journey.client, page, M.key).get_data(as_text=True))
    assert first["selection_key"] == M.key
    journey.scenario.ssm.revoked.add(M.key)
    # prompt=none for the same application: the remembered choice fails its re-check.
    again = json.loads(start(journey.client, prompt="none").get_data(as_text=True))
    assert again["selection_key"] != M.key
    assert again["error"] == "interaction_required"
    # A new interactive login no longer shows it.
    screen = start(journey.client).get_data(as_text=True)
    assert M.key not in radio_values(screen)


def test_M08_revoked_mandate_named_by_a_hint_is_not_chosen(journey: Journey) -> None:
    import base64

    journey.scenario.give(SAMMY, citizen(), employee(BAROCY), M)
    journey.scenario.ssm.revoked.add(M.key)
    hint = base64.b64encode(json.dumps({"mandate_hint": M.mandate_id}).encode()).decode()
    page = log_in(journey.client, start(journey.client, login_hint=hint), totp_secret=TOTP_SECRET)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and M.key not in radio_values(text)
