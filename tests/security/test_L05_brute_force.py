"""L05: brute force is throttled per account and per real client address; a spoofed X-Forwarded-For
neither resets nor escapes a counter; nobody can lock an account out for longer than the cap."""

from __future__ import annotations

import datetime as dt

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, update

from idp.login import throttle
from idp.login.models import LoginCounter
from idp.settings import ServerSettings, Settings
from mandate_resolver.registry.models import as_utc
from tests.login_helpers import (
    PASSWORD,
    SAMMY,
    TOTP_SECRET,
    Journey,
    citizen,
    hidden,
    hold_blocks,
    log_in,
    start,
)


def _attempt(client: FlaskClient, username: str, password: str, xff: str | None = None) -> int:
    page = start(client, prompt="login").get_data(as_text=True)
    response = client.post(
        "/login/password",
        data={
            "username": username,
            "password": password,
            "pending": hidden(page, "pending"),
            "csrf_token": hidden(page, "csrf_token"),
        },
        headers={"X-Forwarded-For": xff} if xff else {},
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
    )
    return response.status_code


def test_L05_twenty_wrong_passwords_are_throttled(journey: Journey) -> None:
    statuses = [_attempt(journey.client, "sammy", f"wrong-{n}") for n in range(20)]
    assert statuses[: throttle.ACCOUNT_FREE_FAILURES] == [400] * throttle.ACCOUNT_FREE_FAILURES
    assert 429 in statuses
    hold_blocks(journey)
    # Even the right password is not checked while throttled.
    assert _attempt(journey.client, "sammy", PASSWORD) == 429


@pytest.mark.parametrize("xff", ["198.51.100.1", "10.0.0.1, 198.51.100.2", "garbage", "::1", "127.0.0.1"])
def test_L05_spoofed_forwarded_for_does_not_reset_the_account_counter(journey: Journey, xff: str) -> None:
    for n in range(throttle.ACCOUNT_FREE_FAILURES + 1):
        _attempt(journey.client, "sammy", f"wrong-{n}")
    hold_blocks(journey)
    assert _attempt(journey.client, "sammy", "wrong-again", xff=xff) == 429


def test_L05_address_counter_ignores_rotating_forwarded_for(journey: Journey) -> None:
    # Different usernames (no account counter reaches its limit) from one address, each with a new XFF.
    statuses = [
        _attempt(journey.client, f"user{n}", "wrong", xff=f"198.51.100.{n}")
        for n in range(throttle.ADDRESS_FREE_FAILURES + 1)
    ]
    assert 429 not in statuses[: throttle.ADDRESS_FREE_FAILURES]
    hold_blocks(journey, throttle.ADDRESS_FREE_FAILURES, kind="address")
    assert _attempt(journey.client, "user-next", "wrong", xff="198.51.100.250") == 429
    rows = journey.session.scalars(select(LoginCounter.key).where(LoginCounter.key.like("address:%"))).all()
    assert rows == ["address:203.0.113.7"]


def test_L05_trusted_proxy_address_is_the_one_our_proxy_appended(journey: Journey) -> None:
    with journey.app.test_request_context(
        "/", headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    ):
        assert throttle.client_address(0) == "10.0.0.2"
        assert throttle.client_address(1) == "198.51.100.9"
        assert throttle.client_address(2) == "6.6.6.6"
        assert throttle.client_address(3) == "10.0.0.2"  # fewer entries than proxies: the peer


def test_L05_delay_is_capped(journey: Journey) -> None:
    assert throttle.delay_after(1000, throttle.ACCOUNT_FREE_FAILURES) == throttle.MAX_DELAY_S <= 15 * 60
    for n in range(throttle.ACCOUNT_FREE_FAILURES + 12):
        # Let every block pass at once, as if the attacker waited each time: the counter keeps growing.
        journey.session.execute(update(LoginCounter).values(blocked_until=None))
        journey.session.commit()
        _attempt(journey.client, "sammy", f"wrong-{n}")
    journey.session.expire_all()
    account = journey.session.get(LoginCounter, throttle.account_key("sammy"))
    assert account is not None and account.blocked_until is not None
    wait = as_utc(account.blocked_until) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(seconds=throttle.MAX_DELAY_S - 60) < wait <= dt.timedelta(seconds=throttle.MAX_DELAY_S)


def test_L05_block_ends_by_itself(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    for n in range(throttle.ACCOUNT_FREE_FAILURES + 1):
        _attempt(journey.client, "sammy", f"wrong-{n}")
    hold_blocks(journey)
    assert _attempt(journey.client, "sammy", PASSWORD) == 429
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    journey.session.execute(update(LoginCounter).values(blocked_until=past))
    journey.session.commit()
    assert _attempt(journey.client, "sammy", PASSWORD) == 303


def test_L05_owner_on_a_known_device_is_not_locked_out_by_an_attacker(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    log_in(journey.client, start(journey.client), totp_secret=TOTP_SECRET)  # gets the device cookie
    attacker = journey.app.test_client()
    for n in range(throttle.ACCOUNT_FREE_FAILURES + 3):
        _attempt(attacker, "sammy", f"wrong-{n}", xff=None)
    hold_blocks(journey)
    assert _attempt(attacker, "sammy", PASSWORD) == 429
    assert _attempt(journey.client, "sammy", PASSWORD) == 303


def test_L05_ipv6_clients_are_counted_per_64() -> None:
    assert throttle.address_key("2001:db8:1:2:3:4:5:6") == throttle.address_key("2001:db8:1:2:ffff::1")


def test_L05_trusted_proxies_setting_is_used(journey: Journey) -> None:
    settings: Settings = journey.app.extensions["idp.settings"]
    journey.app.extensions["idp.settings"] = settings.replace(server=ServerSettings(trusted_proxies=1))
    statuses = [
        _attempt(journey.client, f"user{n}", "wrong", xff=f"198.51.100.{n}")
        for n in range(throttle.ADDRESS_FREE_FAILURES + 2)
    ]
    # Each request came through our proxy from another real client: no address was throttled.
    assert 429 not in statuses
