"""Transferring a mandate to a new mandatee, who must accept; the mandator must agree to whoever acts."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.registry.errors import (
    ContractNotAccepted,
    DuplicateMandate,
    Forbidden,
    IdentifierInvalid,
    InvalidTransition,
    NotCounterparty,
    PartyKindNotAllowed,
    PartyNotFound,
    SameParty,
)
from mandate_resolver.registry.lifecycle import effective_status, transfer_pending, unsigned_side
from mandate_resolver.registry.models import MandateState, Party

from .conftest import BAROCY_KBO, PWC_KBO

TODAY = dt.date(2024, 3, 15)
PWC = "pwc"


def _request(kit, mandate, *, by: str = "sammy", acting_for: str = "emmaus", new_mandatee: object = None):
    target = kit.id(PWC) if new_mandatee is None else new_mandatee
    result = kit.service.request_transfer(kit.actor(by), kit.id(acting_for), mandate.id, new_mandatee=target)
    kit.service.commit()
    return result


def _accept(kit, mandate):
    result = kit.service.accept_transfer(kit.actor("pieter"), kit.id(PWC), mandate.id, accept_contract=True)
    kit.service.commit()
    return result


def test_transfer_proposed_by_the_mandator_stays_signed(kit) -> None:
    mandate = kit.create_signed()
    requested = kit.service.request_transfer(
        kit.actor("sammy"), kit.id("emmaus"), mandate.id, new_mandatee="BE " + _pwc_kbo(kit)
    )
    kit.service.commit()
    assert transfer_pending(requested) and requested.pending_mandatee_id == kit.id(PWC)
    assert kit.reload(mandate).mandatee_id == kit.id("barocy")  # nothing changes before acceptance
    # The proposed mandatee can read what it is asked to accept.
    assert kit.service.get_mandate(kit.actor("pieter"), mandate.id, acting_for=kit.id(PWC)).id == mandate.id

    accepted = kit.reload(_accept(kit, mandate))
    assert accepted.mandatee_id == kit.id(PWC)
    assert accepted.pending_mandatee_id is None and not transfer_pending(accepted)
    assert accepted.state is MandateState.SIGNED
    assert effective_status(accepted, TODAY) == "active"
    assert accepted.mandatee_signed_by == kit.actor("pieter").user_id
    assert accepted.mandator_signed_by == kit.actor("sammy").user_id
    assert unsigned_side(accepted) is None
    assert kit.events(accepted) == ["created", "signed", "transfer_requested", "transfer_accepted"]
    history = kit.service.history(accepted)
    assert history[2].description == "transfer requested by Sammy Roos (Emmaüs)"
    assert history[3].description == "transfer accepted by Pieter Wouters (PricewaterhouseCoopers Tax Consultants)"
    assert history[3].detail["previous_mandatee"] == f"kbo:{BAROCY_KBO}"
    assert history[3].detail["previous_mandatee_name"] == "BAROCY"
    assert history[3].detail["awaits_mandator"] is False


def _pwc_kbo(kit) -> str:
    party = kit.session.get(Party, kit.id(PWC))
    return party.identifier


def test_transfer_proposed_by_the_mandatee_waits_for_the_mandator(kit) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate, by="bart", acting_for="barocy")
    accepted = kit.reload(_accept(kit, mandate))
    # The old mandatee cannot hand the mandator's power to a third party: the mandator signs again.
    assert accepted.mandatee_id == kit.id(PWC)
    assert accepted.state is MandateState.AWAITING_SIGNATURE
    assert (accepted.mandator_signed_at, accepted.mandator_signed_by) == (None, None)
    assert accepted.mandatee_signed_by == kit.actor("pieter").user_id
    assert (unsigned_side(accepted), accepted.initiator) == ("mandator", "mandatee")
    # Only the mandator may sign now, not the new mandatee again.
    with pytest.raises(NotCounterparty):
        kit.service.sign_mandate(kit.actor("pieter"), kit.id(PWC), mandate.id, accept_contract=True)
    kit.service.sign_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id, accept_contract=True)
    kit.service.commit()
    assert kit.reload(mandate).state is MandateState.SIGNED
    assert kit.events(mandate)[-2:] == ["transfer_accepted", "signed"]


def test_mandator_refuses_a_transfer_proposed_by_the_mandatee(kit) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate, by="bart", acting_for="barocy")
    _accept(kit, mandate)
    kit.service.refuse_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id)
    kit.service.commit()
    assert kit.reload(mandate).state is MandateState.REFUSED


def test_new_mandatee_refuses(kit) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate)
    kit.service.refuse_transfer(kit.actor("pieter"), kit.id(PWC), mandate.id)
    kit.service.commit()
    refused = kit.reload(mandate)
    assert (refused.mandatee_id, refused.pending_mandatee_id, refused.state) == (
        kit.id("barocy"),
        None,
        MandateState.SIGNED,
    )
    assert kit.events(refused)[-1] == "transfer_refused"
    assert kit.service.history(refused)[-1].detail == {"new_mandatee": f"kbo:{PWC_KBO}"}


@pytest.mark.parametrize(("by", "acting_for"), [("sammy", "emmaus"), ("bart", "barocy")])
def test_initiator_cancels(kit, by: str, acting_for: str) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate, by=by, acting_for=acting_for)
    kit.service.cancel_transfer(kit.actor(by), kit.id(acting_for), mandate.id)
    kit.service.commit()
    assert kit.reload(mandate).pending_mandatee_id is None
    assert kit.events(mandate)[-1] == "transfer_cancelled"


def test_only_the_initiator_cancels(kit) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate)
    before = kit.snapshot()
    with pytest.raises(Forbidden) as caught:
        kit.service.cancel_transfer(kit.actor("bart"), kit.id("barocy"), mandate.id)
    assert caught.value.code == "mandate.not_transfer_initiator"
    with pytest.raises(Forbidden):
        kit.service.cancel_transfer(kit.actor("pieter"), kit.id(PWC), mandate.id)
    assert kit.snapshot() == before


def test_cancel_without_a_pending_transfer(kit) -> None:
    mandate = kit.create_signed()
    with pytest.raises(InvalidTransition):
        kit.service.cancel_transfer(kit.actor("sammy"), kit.id("emmaus"), mandate.id)


def test_stopping_ends_a_pending_transfer(kit) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate)
    kit.service.stop_mandate(kit.actor("sammy"), kit.id("emmaus"), mandate.id)
    kit.service.commit()
    stopped = kit.reload(mandate)
    assert (stopped.state, stopped.pending_mandatee_id) == (MandateState.STOPPED, None)
    assert kit.service.history(stopped)[-1].detail["transfer_ended_for"] == f"kbo:{PWC_KBO}"
    with pytest.raises(Forbidden):
        kit.service.accept_transfer(kit.actor("pieter"), kit.id(PWC), mandate.id, accept_contract=True)


@pytest.mark.parametrize(
    ("new_mandatee", "error_type", "code"),
    [
        ("emmaus", SameParty, "mandate.same_party"),
        ("barocy", SameParty, "mandate.already_mandatee"),
        ("0411515076", IdentifierInvalid, "identifier.checksum"),
        ("0000000097", PartyNotFound, "party.not_found"),
    ],
)
def test_invalid_new_mandatee(kit, new_mandatee: str, error_type: type[Exception], code: str) -> None:
    mandate = kit.create_signed()
    target: object = kit.id(new_mandatee) if new_mandatee in kit.world.party else new_mandatee
    before = kit.snapshot()
    with pytest.raises(error_type) as caught:
        kit.service.request_transfer(kit.actor("sammy"), kit.id("emmaus"), mandate.id, new_mandatee=target)
    assert (caught.value.code, caught.value.field) == (code, "new_mandatee")
    assert kit.snapshot() == before


def test_new_mandatee_of_a_kind_the_type_forbids(kit) -> None:
    mandate = kit.create_signed(mandate_type_code="org_only")
    with pytest.raises(PartyKindNotAllowed) as caught:
        kit.service.request_transfer(kit.actor("sammy"), kit.id("emmaus"), mandate.id, new_mandatee=kit.id("piet"))
    assert caught.value.field == "new_mandatee"


def test_new_mandatee_that_already_holds_such_a_mandate(kit) -> None:
    mandate = kit.create_signed()
    kit.create(counterparty=PWC)  # Emmaüs -> PwC, same type, awaiting signature
    with pytest.raises(DuplicateMandate) as caught:
        kit.service.request_transfer(kit.actor("sammy"), kit.id("emmaus"), mandate.id, new_mandatee=kit.id(PWC))
    assert caught.value.field == "new_mandatee"


def test_transfer_needs_a_signed_unexpired_mandate_and_no_pending_one(kit) -> None:
    awaiting = kit.create()
    with pytest.raises(InvalidTransition) as caught:
        kit.service.request_transfer(kit.actor("sammy"), kit.id("emmaus"), awaiting.id, new_mandatee=kit.id(PWC))
    assert caught.value.from_state == "awaiting_signature"
    expiring = kit.create_signed(mandate_type_code="org_only", valid_until=dt.date(2024, 3, 31))
    with pytest.raises(InvalidTransition) as caught:
        kit.service_on(dt.date(2024, 4, 1)).request_transfer(
            kit.actor("sammy"), kit.id("emmaus"), expiring.id, new_mandatee=kit.id(PWC)
        )
    assert caught.value.from_state == "expired"
    _request(kit, expiring, new_mandatee=kit.id("imec"))
    with pytest.raises(InvalidTransition) as caught:
        _request(kit, expiring)
    assert caught.value.from_state == "transfer_pending"
    # Accepting after the end date is refused as well.
    with pytest.raises(InvalidTransition) as caught:
        kit.service_on(dt.date(2024, 4, 1)).accept_transfer(
            kit.actor("lena"), kit.id("imec"), expiring.id, accept_contract=True
        )
    assert (caught.value.from_state, caught.value.action) == ("expired", "accept_transfer")


def test_only_the_new_mandatee_answers(kit) -> None:
    mandate = kit.create_signed()
    _request(kit, mandate)
    before = kit.snapshot()
    with pytest.raises(NotCounterparty):
        kit.service.accept_transfer(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True)
    with pytest.raises(NotCounterparty):
        kit.service.refuse_transfer(kit.actor("sammy"), kit.id("emmaus"), mandate.id)
    with pytest.raises(Forbidden):
        kit.service.accept_transfer(kit.actor("lena"), kit.id("imec"), mandate.id, accept_contract=True)
    with pytest.raises(ContractNotAccepted):
        kit.service.accept_transfer(kit.actor("pieter"), kit.id(PWC), mandate.id, accept_contract=False)
    assert kit.snapshot() == before


def test_accept_without_a_pending_transfer(kit) -> None:
    mandate = kit.create_signed()
    with pytest.raises(InvalidTransition):
        kit.service.accept_transfer(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True)


def test_a_stranger_cannot_request_a_transfer(kit) -> None:
    mandate = kit.create_signed()
    with pytest.raises(Forbidden):
        kit.service.request_transfer(kit.actor("pieter"), kit.id(PWC), mandate.id, new_mandatee=kit.id(PWC))
