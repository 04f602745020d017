"""M01: a posted option the person does not hold is refused (403, the form again), audited, never issued."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from idp.models import PendingLogin
from mandate_resolver.registry.models import AuditEntry
from tests.login_helpers import (
    BAROCY,
    EMMAUS,
    IMEC,
    OTHER_PERSON,
    PWC,
    SAMMY,
    TOTP_SECRET,
    Journey,
    citizen,
    hidden,
    log_in,
    mandate,
    radio_values,
    start,
)

MINE = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")
SOMEONE_ELSES = mandate(IMEC, PWC, "9e2a4c6a-6b2d-4d9a-9fa0-2e3b4c5d6e7f")
REVOKED = mandate(IMEC, BAROCY, "8d1f3b5f-5a1c-4c8f-8e9f-1d2a3b4c5d6e")


@pytest.mark.parametrize(
    "posted",
    [
        SOMEONE_ELSES.key,  # another user's mandate
        REVOKED.key,  # revoked since the page was shown
        "ssm:00000000-0000-4000-8000-000000000000",  # made up
        f"citizen:{OTHER_PERSON.value}",  # someone else's citizen option
        "ssm:' OR '1'='1",
        "idm:" + "9" * 500,
        "unknown_source:abc",
        "",
    ],
)
def test_M01_tampered_option_is_refused_and_audited(journey: Journey, posted: str) -> None:
    journey.scenario.give(SAMMY, citizen(), MINE, REVOKED)
    journey.scenario.give(OTHER_PERSON, citizen(OTHER_PERSON, "Other"), SOMEONE_ELSES)
    page = log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)
    text = page.get_data(as_text=True)
    assert REVOKED.key in text  # offered now, revoked before the post
    journey.scenario.ssm.revoked.add(REVOKED.key)
    pending_id = hidden(text, "pending")
    response = journey.client.post(
        "/select", data={"pending": pending_id, "csrf_token": hidden(text, "csrf_token"), "option": posted}
    )
    again = response.get_data(as_text=True)
    if posted:
        assert response.status_code == 403
        audit = journey.session.scalars(select(AuditEntry).where(AuditEntry.action == "login.selection_refused")).all()
        assert len(audit) == 1 and audit[0].target == "app-a"
    else:
        assert response.status_code == 400
    # The form again, with the person's real options only.
    assert set(radio_values(again)) == {citizen().key, MINE.key}
    journey.session.expire_all()
    pending = journey.session.get(PendingLogin, pending_id)
    assert pending is not None and pending.status == "authenticated" and not pending.selection
