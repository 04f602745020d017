"""M07: names from the registries are escaped on the selection screen and its second dialog."""

from __future__ import annotations

import re

import pytest

from mandate_resolver.identifiers import KboNumber, make_kbo
from mandate_resolver.types import Party
from tests.login_helpers import BAROCY, SAMMY, TOTP_SECRET, Journey, citizen, log_in, mandate, start

PAYLOADS = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "javascript:alert(1)//<svg/onload=x>"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_M07_names_are_escaped(journey: Journey, payload: str) -> None:
    evil = Party(KboNumber.parse("0411515075"), payload, "EA")
    evil_mandatee = Party(make_kbo(1234567), payload + " BV", "EA")
    journey.scenario.give(
        SAMMY,
        citizen(),
        mandate(evil, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d"),
        mandate(evil, evil_mandatee, "8d1f3b5f-5a1c-4c8f-8e9f-1d2a3b4c5d6e"),
    )
    page = log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET).get_data(as_text=True)
    assert payload not in page
    assert "&lt;" in page or "&#34;" in page or "javascript" in page
    link = re.search(r'href="(/select/via\?[^"]+)"', page)
    assert link is not None
    via = journey.client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert payload not in via
