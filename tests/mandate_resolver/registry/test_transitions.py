"""Signing, refusing, stopping, extending; the status computed from dates; reading and history."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.registry.errors import (
    ConcurrentChange,
    ContractNotAccepted,
    Forbidden,
    InvalidTransition,
    MandateNotFound,
    NotCounterparty,
    ValidationError,
)
from mandate_resolver.registry.lifecycle import effective_status, unsigned_side
from mandate_resolver.registry.models import Mandate, MandateState

TODAY = dt.date(2024, 3, 15)
NOW = dt.datetime(2024, 3, 15, 9, 30, tzinfo=dt.UTC)


# --------------------------------------------------------------------------------------------- sign


def test_counterparty_signs_and_the_mandate_is_active(kit) -> None:
    mandate = kit.create(valid_until=dt.date(2025, 3, 14))
    signed = kit.service.sign_mandate(
        kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True, expected_version=1
    )
    kit.service.commit()
    signed = kit.reload(signed)
    assert signed.state is MandateState.SIGNED
    assert signed.mandatee_signed_by == kit.actor("bart").user_id
    assert signed.mandatee_signed_at is not None
    assert signed.version == 2
    assert effective_status(signed, TODAY) == "active"
    assert kit.events(signed) == ["created", "signed"]
    assert [e.description for e in kit.service.history(signed)] == [
        "created by Sammy Roos (Emmaüs)",
        "signed by Bart Claes (BAROCY)",
    ]


def test_mandator_signs_what_the_mandatee_created(kit) -> None:
    mandate = kit.create(by="bart", acting_for="barocy", role="mandatee", counterparty="emmaus")
    assert unsigned_side(mandate) == "mandator"
    kit.service.sign_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, accept_contract=True)
    assert kit.reload(mandate).state is MandateState.SIGNED


def test_the_creator_cannot_sign_again(kit) -> None:
    mandate = kit.create()
    before = kit.snapshot()
    with pytest.raises(NotCounterparty) as caught:
        kit.service.sign_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, accept_contract=True)
    assert caught.value.status == 403
    assert kit.snapshot() == before


def test_sign_needs_the_contract(kit) -> None:
    mandate = kit.create()
    before = kit.snapshot()
    with pytest.raises(ContractNotAccepted) as caught:
        kit.service.sign_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=False)
    assert caught.value.field == "accept_contract"
    assert kit.snapshot() == before


def test_a_stranger_cannot_sign(kit) -> None:
    mandate = kit.create()
    with pytest.raises(Forbidden) as caught:
        kit.service.sign_mandate(kit.actor("pieter"), kit.id("pwc"), mandate.id, accept_contract=True)
    assert caught.value.code == "mandate.not_a_party"


def test_sign_twice_is_an_invalid_transition(kit) -> None:
    mandate = kit.create_signed()
    with pytest.raises(InvalidTransition) as caught:
        kit.service.sign_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True)
    assert (caught.value.status, caught.value.from_state, caught.value.action) == (409, "active", "sign")


def test_sign_with_a_stale_version_is_a_conflict(kit) -> None:
    mandate = kit.create()
    kit.service.sign_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True)
    kit.service.commit()
    with pytest.raises(ConcurrentChange):
        kit.service.stop_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, expected_version=1)


def test_a_mandate_whose_end_passed_can_no_longer_be_signed(kit) -> None:
    mandate = kit.create(valid_until=dt.date(2024, 3, 31))
    with pytest.raises(InvalidTransition) as caught:
        kit.service_on(dt.date(2024, 4, 1)).sign_mandate(
            kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True
        )
    assert caught.value.from_state == "awaiting_signature"


def test_unknown_mandate_is_not_found(kit) -> None:
    for mandate_id in ("00000000-0000-0000-0000-000000000000", "x" * 500):
        with pytest.raises(MandateNotFound) as caught:
            kit.service.sign_mandate(kit.actor("bart"), kit.id("barocy"), mandate_id, accept_contract=True)
        assert (caught.value.status, caught.value.code) == (404, "mandate.not_found")


# ------------------------------------------------------------------------------------------- refuse


def test_counterparty_refuses(kit) -> None:
    mandate = kit.create()
    kit.service.refuse_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id)
    kit.service.commit()
    assert kit.reload(mandate).state is MandateState.REFUSED
    assert effective_status(mandate, TODAY) == "refused"
    assert kit.service.history(mandate)[-1].description == "refused by Bart Claes (BAROCY)"


def test_the_creator_cannot_refuse_and_a_signed_mandate_cannot_be_refused(kit) -> None:
    mandate = kit.create()
    with pytest.raises(NotCounterparty):
        kit.service.refuse_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id)
    signed = kit.create_signed(counterparty="barocy", mandate_type_code="org_only")
    with pytest.raises(InvalidTransition):
        kit.service.refuse_mandate(kit.actor("bart"), kit.id("barocy"), signed.id)


# --------------------------------------------------------------------------------------------- stop


@pytest.mark.parametrize(("by", "acting_for"), [("sammy", "emmaus"), ("bart", "barocy")])
def test_either_side_stops_an_active_mandate_at_once(kit, by: str, acting_for: str) -> None:
    mandate = kit.create_signed(valid_until=dt.date(2025, 3, 14))
    stopped = kit.service.stop_mandate(kit.actor(by), kit.id(acting_for), mandate.id)
    kit.service.commit()
    stopped = kit.reload(stopped)
    assert stopped.state is MandateState.STOPPED
    assert stopped.stopped_by == kit.actor(by).user_id
    assert stopped.stopped_at is not None and stopped.stopped_at.replace(tzinfo=dt.UTC) == NOW
    assert stopped.valid_until == dt.date(2025, 3, 14)  # kept: the stop time tells when it ended
    assert effective_status(stopped, TODAY) == "stopped"
    assert kit.events(stopped) == ["created", "signed", "stopped"]
    assert kit.service.history(stopped)[-1].detail["status"] == "active"


def test_stop_before_signature_and_before_the_start_date(kit) -> None:
    awaiting = kit.create()
    future = kit.create_signed(counterparty="barocy", mandate_type_code="org_only", valid_from=dt.date(2024, 9, 1))
    assert effective_status(future, TODAY) == "future"
    kit.service.stop_mandate(kit.actor("sammy"), kit.id("emmaus"), awaiting.id)
    kit.service.stop_mandate(kit.actor("bart"), kit.id("barocy"), future.id)
    kit.service.commit()
    assert kit.reload(awaiting).state is kit.reload(future).state is MandateState.STOPPED


@pytest.mark.parametrize("outcome", ["expired", "refused", "stopped"])
def test_stopping_an_ended_mandate_is_an_invalid_transition(kit, outcome: str) -> None:
    mandate = kit.create_signed(valid_until=dt.date(2024, 3, 31)) if outcome == "expired" else kit.create()
    service = kit.service
    if outcome == "expired":
        service = kit.service_on(dt.date(2024, 4, 1))
    elif outcome == "refused":
        service.refuse_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id)
    else:
        service.stop_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id)
    service.commit()
    before = kit.snapshot()
    with pytest.raises(InvalidTransition) as caught:
        service.stop_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id)
    assert (caught.value.from_state, caught.value.action, caught.value.code) == (
        outcome,
        "stop",
        "mandate.invalid_transition",
    )
    assert kit.snapshot() == before


# ------------------------------------------------------------------------------------------- extend


@pytest.mark.parametrize(("by", "acting_for"), [("sammy", "emmaus"), ("bart", "barocy")])
def test_either_side_extends(kit, by: str, acting_for: str) -> None:
    mandate = kit.create_signed(valid_until=dt.date(2024, 12, 31))
    kit.service.extend_mandate(kit.actor(by), kit.id(acting_for), mandate.id, valid_until=dt.date(2025, 12, 31))
    kit.service.commit()
    assert kit.reload(mandate).valid_until == dt.date(2025, 12, 31)
    last = kit.service.history(mandate)[-1]
    assert (last.action, last.detail) == (
        "extended",
        {"old_valid_until": "2024-12-31", "valid_until": "2025-12-31"},
    )
    kit.service.extend_mandate(kit.actor(by), kit.id(acting_for), mandate.id, valid_until=None)
    assert kit.reload(mandate).valid_until is None


@pytest.mark.parametrize("new_end", [dt.date(2024, 12, 31), dt.date(2024, 6, 30)])
def test_extension_must_be_later(kit, new_end: dt.date) -> None:
    mandate = kit.create_signed(valid_until=dt.date(2024, 12, 31))
    with pytest.raises(ValidationError) as caught:
        kit.service.extend_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, valid_until=new_end)
    assert (caught.value.code, caught.value.field) == ("mandate.extension_not_later", "valid_until")


def test_an_unlimited_mandate_cannot_be_extended(kit) -> None:
    mandate = kit.create_signed(valid_until=None)
    with pytest.raises(ValidationError):
        kit.service.extend_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, valid_until=dt.date(2030, 1, 1))


@pytest.mark.parametrize("status", ["awaiting_signature", "expired", "stopped"])
def test_only_a_signed_unexpired_mandate_is_extended(kit, status: str) -> None:
    if status == "awaiting_signature":
        mandate, service = kit.create(valid_until=dt.date(2024, 12, 31)), kit.service
    else:
        mandate = kit.create_signed(valid_until=dt.date(2024, 3, 31))
        service = kit.service_on(dt.date(2024, 4, 1)) if status == "expired" else kit.service
        if status == "stopped":
            service.stop_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id)
    with pytest.raises(InvalidTransition) as caught:
        service.extend_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, valid_until=dt.date(2026, 1, 1))
    assert caught.value.from_state == status


# ------------------------------------------------------------------------------------------- status


def test_status_follows_the_dates_only() -> None:
    mandate = Mandate(state=MandateState.SIGNED, valid_from=dt.date(2024, 4, 1), valid_until=dt.date(2024, 4, 30))
    assert effective_status(mandate, dt.date(2024, 3, 31)) == "future"
    assert effective_status(mandate, dt.date(2024, 4, 1)) == "active"
    assert effective_status(mandate, dt.date(2024, 4, 30)) == "active"  # the end date is included
    assert effective_status(mandate, dt.date(2024, 5, 1)) == "expired"
    mandate.valid_until = None
    assert effective_status(mandate, dt.date(2099, 1, 1)) == "active"
    for state, status in (
        (MandateState.AWAITING_SIGNATURE, "awaiting_signature"),
        (MandateState.REFUSED, "refused"),
        (MandateState.STOPPED, "stopped"),
    ):
        mandate.state = state
        assert effective_status(mandate, dt.date(2024, 4, 15)) == status


def test_future_mandate_becomes_active_on_its_start_date(kit) -> None:
    mandate = kit.create_signed(valid_from=dt.date(2024, 4, 1))
    assert effective_status(kit.reload(mandate), TODAY) == "future"
    assert effective_status(kit.reload(mandate), dt.date(2024, 4, 1)) == "active"


def test_today_is_the_belgian_date(kit) -> None:
    # 23:30 UTC on 14 March is already 15 March in Brussels: starting "today" is allowed.
    late = kit.service_at(dt.datetime(2024, 3, 14, 23, 30, tzinfo=dt.UTC))
    assert late.today() == TODAY
    late.create_mandate(
        kit.actor("sammy"),
        kit.id("emmaus"),
        role="mandator",
        counterparty=kit.id("barocy"),
        mandate_type_code="wse_loket",
        valid_from=TODAY,
        accept_contract=True,
    )


# ---------------------------------------------------------------------------------------- reading


def test_parties_and_helpdesk_read_a_mandate_others_cannot(kit) -> None:
    mandate = kit.create()
    for reader, acting_for in (("sammy", None), ("bart", None), ("hilde", None), ("bart", "barocy")):
        party = kit.id(acting_for) if acting_for else None
        assert kit.service.get_mandate(kit.actor(reader), mandate.id, acting_for=party).id == mandate.id
    # M17: Sammy may manage Emmaüs, but chose "in my own name" at entry.
    for reader, acting_for in (("pieter", None), ("eva", None), ("piet", None), ("sammy", "sammy")):
        party = kit.id(acting_for) if acting_for else None
        with pytest.raises(Forbidden) as caught:
            kit.service.get_mandate(kit.actor(reader), mandate.id, acting_for=party)
        assert (caught.value.status, caught.value.code) == (403, "mandate.not_visible")


def test_reading_an_unknown_mandate(kit) -> None:
    with pytest.raises(MandateNotFound):
        kit.service.get_mandate(kit.actor("hilde"), "no-such-mandate")
