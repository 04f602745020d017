"""Grouped actions (create, sign, stop many at once): every row checked first, then all written or none."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.registry.errors import ContractNotAccepted, ValidationError
from mandate_resolver.registry.lifecycle import MAX_BULK_ROWS, NewMandate
from mandate_resolver.registry.models import MandateState

TODAY = dt.date(2024, 3, 15)
EMMAUS, IMEC, PARKWIND = "0411515075", "0425260668", "0844796259"


def _row(counterparty: object, **overrides: object) -> NewMandate:
    values: dict[str, object] = {
        "role": "mandatee",
        "counterparty": counterparty,
        "mandate_type_code": "wse_loket",
        "valid_from": TODAY,
        "accept_contract": True,
    }
    values.update(overrides)
    return NewMandate(**values)  # type: ignore[arg-type]


def _good_rows() -> list[NewMandate]:
    # BAROCY, an accounting firm, asks three clients for a mandate at once.
    return [
        _row(EMMAUS, notify_emails=("sammy.roos@emmaus.be",), reference="klant 1"),
        _row(f"BE {IMEC[:4]}.{IMEC[4:7]}.{IMEC[7:]}", valid_until=dt.date(2025, 12, 31)),
        _row(PARKWIND, language="fr"),
    ]


def test_dry_run_reports_every_problem_of_every_row_and_writes_nothing(kit) -> None:
    rows = [
        _row(EMMAUS),
        _row("0411515076"),  # bad check digits
        _row(IMEC, mandate_type_code="nope", valid_from=TODAY - dt.timedelta(days=1)),
        _row(PARKWIND, valid_until=TODAY - dt.timedelta(days=1), notify_emails=("x@",)),
        _row("0000000097"),  # a valid number nobody registered
        _row(EMMAUS),  # the same mandate as row 1
        _row("0806154033"),  # BAROCY itself
    ]
    before = kit.snapshot()
    report = kit.service.create_mandates(kit.actor("bart"), kit.id("barocy"), rows, dry_run=True)
    assert not report.ok and report.dry_run and report.rows == 7
    assert report.mandates == ()
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (2, "counterparty", "identifier.checksum"),
        (3, "mandate_type_code", "mandate_type.unknown"),
        (3, "valid_from", "mandate.start_in_past"),
        (4, "valid_until", "mandate.end_before_start"),
        (4, "notify_emails", "mandate.email_invalid"),
        (5, "counterparty", "party.not_found"),
        (6, "counterparty", "mandate.duplicate"),
        (7, "counterparty", "mandate.same_party"),
    ]
    assert report.problems[6].params == {"row": "1"}
    assert all(p.message for p in report.problems)
    assert kit.snapshot() == before


def test_a_write_with_any_problem_writes_nothing(kit) -> None:
    before = kit.snapshot()
    report = kit.service.create_mandates(
        kit.actor("bart"), kit.id("barocy"), [*_good_rows(), _row("0411515076")], dry_run=False
    )
    assert [(p.row, p.code) for p in report.problems] == [(4, "identifier.checksum")]
    assert report.mandates == ()
    kit.service.commit()
    assert kit.snapshot() == before
    assert kit.notifier.sent == []


def test_dry_run_of_good_rows_writes_nothing(kit) -> None:
    before = kit.snapshot()
    report = kit.service.create_mandates(kit.actor("bart"), kit.id("barocy"), _good_rows(), dry_run=True)
    assert report.ok and report.mandates == ()
    assert kit.snapshot() == before


def test_write_creates_all_rows_in_one_transaction(kit) -> None:
    report = kit.service.create_mandates(kit.actor("bart"), kit.id("barocy"), _good_rows(), dry_run=False)
    assert report.ok and not report.dry_run and len(report.mandates) == 3
    kit.service.commit()
    mandates = [kit.reload(m) for m in report.mandates]
    assert [m.mandator.name for m in mandates] == ["Emmaüs", "Interuniversitair Micro-Electronica Centrum", "PARKWIND"]
    assert all(m.mandatee_id == kit.id("barocy") and m.initiator == "mandatee" for m in mandates)
    assert all(m.state is MandateState.AWAITING_SIGNATURE and m.mandatee_signed_at for m in mandates)
    assert [kit.events(m) for m in mandates] == [["created"]] * 3
    assert (mandates[0].reference, mandates[1].valid_until, mandates[2].language) == (
        "klant 1",
        dt.date(2025, 12, 31),
        "fr",
    )
    [note] = kit.notifier.sent  # only the first row gave an address
    assert note.to == ("sammy.roos@emmaus.be",) and note.language == "nl"
    assert note.subject == "Aanmaken van een mandaat WSE Loket tussen Emmaüs en BAROCY"


def test_too_many_rows(kit) -> None:
    rows = [_row(EMMAUS)] * (MAX_BULK_ROWS + 1)
    with pytest.raises(ValidationError) as caught:
        kit.service.create_mandates(kit.actor("bart"), kit.id("barocy"), rows, dry_run=True)
    assert caught.value.code == "bulk.too_many_rows"


def _three_awaiting(kit) -> list[str]:
    report = kit.service.create_mandates(kit.actor("bart"), kit.id("barocy"), _good_rows(), dry_run=False)
    kit.service.commit()
    return [m.id for m in report.mandates]


def test_sign_many_all_or_nothing(kit) -> None:
    # Emmaüs signs what BAROCY asked; the IMEC one is not Emmaüs' to sign, so nothing is signed.
    ids = _three_awaiting(kit)
    before = kit.snapshot()
    report = kit.service.sign_mandates(kit.actor("sammy"), kit.id("emmaus"), ids, accept_contract=True, dry_run=False)
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (2, "acting_for", "mandate.not_a_party"),
        (3, "acting_for", "mandate.not_a_party"),
    ]
    assert report.mandates == ()
    assert kit.snapshot() == before

    lena_ids = [ids[1]]
    dry = kit.service.sign_mandates(kit.actor("lena"), kit.id("imec"), lena_ids, accept_contract=True, dry_run=True)
    assert dry.ok and dry.mandates == ()
    assert kit.snapshot() == before
    done = kit.service.sign_mandates(kit.actor("lena"), kit.id("imec"), lena_ids, accept_contract=True, dry_run=False)
    kit.service.commit()
    assert done.ok and [m.id for m in done.mandates] == lena_ids
    assert kit.reload(done.mandates[0]).state is MandateState.SIGNED


def test_sign_many_needs_the_contract(kit) -> None:
    ids = _three_awaiting(kit)
    with pytest.raises(ContractNotAccepted):
        kit.service.sign_mandates(kit.actor("sammy"), kit.id("emmaus"), ids[:1], accept_contract=False, dry_run=False)


def test_stop_many_all_or_nothing(kit) -> None:
    ids = _three_awaiting(kit)
    before = kit.snapshot()
    bad = [*ids, "00000000-0000-0000-0000-000000000000", ids[0]]
    report = kit.service.stop_mandates(kit.actor("bart"), kit.id("barocy"), bad, dry_run=False)
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (4, "mandate_id", "mandate.not_found"),
        (5, "mandate_id", "bulk.duplicate_row"),
    ]
    assert kit.snapshot() == before

    report = kit.service.stop_mandates(kit.actor("bart"), kit.id("barocy"), ids, dry_run=False)
    kit.service.commit()
    assert report.ok and len(report.mandates) == 3
    assert all(kit.reload(m).state is MandateState.STOPPED for m in report.mandates)
    assert all(kit.events(m) == ["created", "stopped"] for m in report.mandates)
    # Once stopped, stopping again is reported per row, and nothing is written.
    again = kit.service.stop_mandates(kit.actor("bart"), kit.id("barocy"), ids, dry_run=False)
    assert {p.code for p in again.problems} == {"mandate.invalid_transition"}
    assert [p.params["from_state"] for p in again.problems] == ["stopped"] * 3
