"""Every write checks who acts for whom (SECURITY.md M05, M16, M17): refused ones write nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from mandate_resolver.registry.errors import Forbidden, ReadOnly
from mandate_resolver.registry.lifecycle import NewMandate
from mandate_resolver.registry.models import MandateState

TODAY = dt.date(2024, 3, 15)


def _fixtures(kit) -> dict[str, str]:
    """Mandates in every state a write needs: a refusal must come from authority, not from the state."""
    awaiting = kit.create(counterparty="barocy", mandate_type_code="org_only")
    signed = kit.create_signed()
    pending = kit.create_signed(counterparty="pwc", signer="pieter", signer_for="pwc")
    kit.service.request_transfer(kit.actor("sammy"), kit.id("emmaus"), pending.id, new_mandatee=kit.id("imec"))
    kit.service.commit()
    return {"awaiting": awaiting.id, "signed": signed.id, "pending": pending.id}


WRITES: dict[str, Callable[[object, object, int, dict[str, str]], object]] = {
    "create": lambda s, a, p, m: s.create_mandate(
        a,
        p,
        role="mandator",
        counterparty="0844796259",
        mandate_type_code="wse_loket",
        valid_from=TODAY,
        accept_contract=True,
    ),
    "sign": lambda s, a, p, m: s.sign_mandate(a, p, m["awaiting"], accept_contract=True),
    "refuse": lambda s, a, p, m: s.refuse_mandate(a, p, m["awaiting"]),
    "stop": lambda s, a, p, m: s.stop_mandate(a, p, m["signed"]),
    "extend": lambda s, a, p, m: s.extend_mandate(a, p, m["signed"], valid_until=dt.date(2030, 1, 1)),
    "request_transfer": lambda s, a, p, m: s.request_transfer(a, p, m["signed"], new_mandatee="0844796259"),
    "accept_transfer": lambda s, a, p, m: s.accept_transfer(a, p, m["pending"], accept_contract=True),
    "refuse_transfer": lambda s, a, p, m: s.refuse_transfer(a, p, m["pending"]),
    "cancel_transfer": lambda s, a, p, m: s.cancel_transfer(a, p, m["pending"]),
    "create_mandates": lambda s, a, p, m: s.create_mandates(
        a, p, [NewMandate("mandator", "0844796259", "wse_loket", TODAY, accept_contract=True)], dry_run=False
    ),
    "sign_mandates": lambda s, a, p, m: s.sign_mandates(a, p, [m["awaiting"]], accept_contract=True, dry_run=False),
    "stop_mandates": lambda s, a, p, m: s.stop_mandates(a, p, [m["signed"]], dry_run=False),
}


def test_M16_helpdesk_never_writes(kit) -> None:
    mandates = _fixtures(kit)
    before = kit.snapshot()
    for name, write in WRITES.items():
        for acting_for in ("emmaus", "barocy", "pwc", "imec", "hilde"):
            with pytest.raises(ReadOnly) as caught:
                write(kit.service, kit.actor("hilde"), kit.id(acting_for), mandates)
            assert (caught.value.status, caught.value.code) == (403, "authority.read_only"), name
            assert kit.snapshot() == before, name
    assert kit.notifier.sent == []


@pytest.mark.parametrize(
    ("actor", "acting_for"),
    [
        ("sammy", "barocy"),  # M05: another enterprise's id in the form
        ("sammy", "imec"),  # M17: an enterprise the user does not represent
        ("eva", "emmaus"),  # her manager right ended yesterday
        ("nora", "emmaus"),  # an executor right does not manage
        ("piet", "parkwind"),  # legal representation that has ended
        ("frank", "parkwind"),  # a right that starts tomorrow
        ("piet", "sammy"),  # another person
    ],
)
def test_M05_M17_without_authority_nothing_is_written(kit, actor: str, acting_for: str) -> None:
    mandates = _fixtures(kit)
    before = kit.snapshot()
    for write in WRITES.values():
        with pytest.raises(Forbidden) as caught:
            write(kit.service, kit.actor(actor), kit.id(acting_for), mandates)
        error = caught.value
        assert (error.status, error.code, error.field) == (403, "authority.not_allowed", "acting_for"), write
        assert kit.snapshot() == before


def test_M05_a_mandate_of_other_parties_is_forbidden(kit) -> None:
    # Sammy may manage Emmaüs, but these mandates are between BAROCY and others.
    mandates = {
        "awaiting": kit.create(by="bart", acting_for="barocy", counterparty="pwc").id,
        "signed": kit.create_signed(
            by="bart", acting_for="barocy", counterparty="imec", signer="lena", signer_for="imec"
        ).id,
    }
    pending = kit.create_signed(
        by="bart",
        acting_for="barocy",
        counterparty="imec",
        mandate_type_code="org_only",
        signer="lena",
        signer_for="imec",
    )
    kit.service.request_transfer(kit.actor("bart"), kit.id("barocy"), pending.id, new_mandatee=kit.id("pwc"))
    kit.service.commit()
    mandates["pending"] = pending.id
    before = kit.snapshot()
    for write in ("sign", "refuse", "stop", "extend", "request_transfer", "cancel_transfer", "sign_mandates"):
        if write == "sign_mandates":
            report = WRITES[write](kit.service, kit.actor("sammy"), kit.id("emmaus"), mandates)
            assert [p.code for p in report.problems] == ["mandate.not_a_party"]
        else:
            with pytest.raises(Forbidden) as caught:
                WRITES[write](kit.service, kit.actor("sammy"), kit.id("emmaus"), mandates)
            assert caught.value.code == "mandate.not_a_party", write
        assert kit.snapshot() == before, write


def test_legal_representative_manages_the_enterprise_mandates(kit) -> None:
    # Lena represents IMEC by law (KBO) and holds no IDM right: she creates, signs and stops for IMEC.
    mandate = kit.create(by="lena", acting_for="imec", counterparty="barocy")
    to_pwc = kit.create(by="lena", acting_for="imec", counterparty="pwc")
    kit.service.sign_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True)
    kit.service.stop_mandate(kit.actor("lena"), kit.id("imec"), mandate.id)
    kit.service.commit()
    assert kit.reload(mandate).state is MandateState.STOPPED
    assert kit.service.history(to_pwc)[0].description == (
        "created by Lena Maes (Interuniversitair Micro-Electronica Centrum)"
    )


def test_an_ended_right_stops_working_the_day_after(kit) -> None:
    # Pieter's right for PwC ends today: today he signs, tomorrow he cannot stop.
    mandate = kit.create(counterparty="pwc")
    kit.service.sign_mandate(kit.actor("pieter"), kit.id("pwc"), mandate.id, accept_contract=True)
    kit.service.commit()
    with pytest.raises(Forbidden):
        kit.service_on(TODAY + dt.timedelta(days=1)).stop_mandate(kit.actor("pieter"), kit.id("pwc"), mandate.id)
