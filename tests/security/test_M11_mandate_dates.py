"""M11: a mandate starting tomorrow, one past its end date, and one stopped a minute ago are not offered;
the stopped one is not asserted either to a session's next prompt=none."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.registry.models import MandateState, utcnow
from tests.oidc_support import MANDATE_EMMAUS_BAROCY, Browser, Provider, query_of
from tests.security.mandate_rules import TODAY, change, mandate, offered, pkce_authorize_url


def starts_tomorrow(session) -> None:  # type: ignore[no-untyped-def]
    mandate(session, MANDATE_EMMAUS_BAROCY).valid_from = TODAY + dt.timedelta(days=1)


def ended_yesterday(session) -> None:  # type: ignore[no-untyped-def]
    mandate(session, MANDATE_EMMAUS_BAROCY).valid_until = TODAY - dt.timedelta(days=1)


def stopped_a_minute_ago(session) -> None:  # type: ignore[no-untyped-def]
    row = mandate(session, MANDATE_EMMAUS_BAROCY)
    row.state = MandateState.STOPPED
    row.stopped_at = utcnow() - dt.timedelta(minutes=1)


@pytest.mark.parametrize("edit", [starts_tomorrow, ended_yesterday, stopped_a_minute_ago])
def test_M11_mandate_outside_its_dates_is_not_offered(provider: Provider, edit) -> None:  # type: ignore[no-untyped-def]
    client = provider.register()
    change(provider, edit)
    assert not any(MANDATE_EMMAUS_BAROCY in value for value in offered(provider, client, "bart"))


def test_M11_stopped_mandate_is_not_reasserted_by_prompt_none(provider: Provider) -> None:
    client = provider.register()
    browser = Browser(provider)
    step = browser.sign_in(browser.go(pkce_authorize_url(provider, client)), "bart")
    done = browser.choose(step, MANDATE_EMMAUS_BAROCY)
    assert "code" in query_of(done.location)
    change(provider, stopped_a_minute_ago)
    again = browser.go(pkce_authorize_url(provider, client, prompt="none"))
    answer = query_of(again.location)
    # Never the stopped mandate: bart still has other options, so the choice is ambiguous.
    assert "code" not in answer
    assert answer["error"] == "interaction_required"
