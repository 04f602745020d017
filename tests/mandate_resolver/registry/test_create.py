"""Creating a mandate: either side may create, the creator's side signs, every rule refuses bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.identifiers import make_kbo
from mandate_resolver.registry.errors import (
    ContractNotAccepted,
    DuplicateMandate,
    EndBeforeStart,
    IdentifierInvalid,
    MandateTypeInactive,
    PartyKindNotAllowed,
    PartyNotFound,
    RegistryError,
    SameParty,
    StartInPast,
    UnknownMandateType,
    ValidationError,
)
from mandate_resolver.registry.lifecycle import NewMandate, effective_status
from mandate_resolver.registry.models import MandateState

TODAY = dt.date(2024, 3, 15)
NOW = dt.datetime(2024, 3, 15, 9, 30, tzinfo=dt.UTC)


def test_create_as_mandator_signs_the_mandator_side(kit) -> None:
    mandate = kit.service.create_mandate(
        kit.actor("sammy"),
        kit.id("emmaus"),
        role="mandator",
        counterparty="BE 0806.154.033",  # BAROCY, as typed
        mandate_type_code="wse_loket",
        valid_from=TODAY,
        valid_until=dt.date(2025, 3, 14),
        reference="  dossier 42  ",
        language="NL",
        accept_contract=True,
    )
    kit.service.commit()
    mandate = kit.reload(mandate)
    assert (mandate.mandator_id, mandate.mandatee_id) == (kit.id("emmaus"), kit.id("barocy"))
    assert mandate.state is MandateState.AWAITING_SIGNATURE
    assert mandate.initiator == "mandator"
    assert mandate.mandator_signed_by == kit.actor("sammy").user_id
    assert mandate.mandator_signed_at is not None and mandate.mandator_signed_at.replace(tzinfo=dt.UTC) == NOW
    assert (mandate.mandatee_signed_at, mandate.mandatee_signed_by) == (None, None)
    assert mandate.created_by == kit.actor("sammy").user_id
    assert (mandate.reference, mandate.language, mandate.version) == ("dossier 42", "nl", 1)
    assert len(mandate.id) == 36 and mandate.number >= 1
    assert effective_status(mandate, TODAY) == "awaiting_signature"
    assert kit.events(mandate) == ["created"]
    [entry] = kit.service.history(mandate)
    assert entry.description == "created by Sammy Roos (Emmaüs)"
    assert entry.detail["role"] == "mandator"
    assert kit.service.history(mandate, language="nl")[0].description == "aangemaakt door Sammy Roos (Emmaüs)"


def test_create_as_mandatee_signs_the_mandatee_side(kit) -> None:
    mandate = kit.create(by="bart", acting_for="barocy", role="mandatee", counterparty="emmaus")
    mandate = kit.reload(mandate)
    assert (mandate.mandator_id, mandate.mandatee_id) == (kit.id("emmaus"), kit.id("barocy"))
    assert mandate.initiator == "mandatee"
    assert mandate.mandatee_signed_by == kit.actor("bart").user_id
    assert mandate.mandator_signed_at is None
    assert kit.service.history(mandate)[0].description == "created by Bart Claes (BAROCY)"


def test_a_person_creates_in_their_own_name(kit) -> None:
    mandate = kit.create(by="piet", acting_for="piet", counterparty="barocy", mandate_type_code="wse_loket")
    assert kit.reload(mandate).mandator_id == kit.id("piet")
    assert kit.service.history(mandate)[0].description == "created by Piet Peeters"


def test_counterparty_by_insz(kit) -> None:
    mandate = kit.service.create_mandate(
        kit.actor("piet"),
        kit.id("piet"),
        role="mandator",
        counterparty=kit.world.person_insz["nora"],
        mandate_type_code="person_only",
        valid_from=TODAY,
        accept_contract=True,
    )
    assert mandate.mandatee_id == kit.id("nora")


def test_future_start_and_one_day_mandate(kit) -> None:
    future = kit.create(valid_from=dt.date(2024, 6, 1))
    one_day = kit.create(counterparty="pwc", valid_from=TODAY, valid_until=TODAY)
    assert (future.valid_from, one_day.valid_until) == (dt.date(2024, 6, 1), TODAY)


def _create(kit, **overrides: object):
    arguments: dict[str, object] = {
        "role": "mandator",
        "counterparty": kit.id("barocy"),
        "mandate_type_code": "wse_loket",
        "valid_from": TODAY,
        "valid_until": None,
        "accept_contract": True,
    }
    arguments.update(overrides)
    return kit.service.create_mandate(kit.actor("sammy"), kit.id("emmaus"), **arguments)


# (overrides, error type, code or None, field, status): the rules of DOMAIN.md, one world for all of them.
RULE_CASES: list[tuple[dict[str, object], type[RegistryError], str | None, str, int]] = [
    ({"mandate_type_code": "nope"}, UnknownMandateType, "mandate_type.unknown", "mandate_type_code", 400),
    ({"mandate_type_code": "retired"}, MandateTypeInactive, "mandate_type.inactive", "mandate_type_code", 400),
    ({"counterparty": "piet", "mandate_type_code": "org_only"}, PartyKindNotAllowed, None, "counterparty", 400),
    ({"mandate_type_code": "person_only"}, PartyKindNotAllowed, None, "counterparty", 400),
    ({"counterparty": "emmaus"}, SameParty, "mandate.same_party", "counterparty", 400),
    ({"valid_until": TODAY - dt.timedelta(days=1)}, EndBeforeStart, None, "valid_until", 400),
    (
        {"valid_from": dt.date(2024, 6, 1), "valid_until": dt.date(2024, 5, 31)},
        EndBeforeStart,
        "mandate.end_before_start",
        "valid_until",
        400,
    ),
    ({"valid_from": TODAY - dt.timedelta(days=1)}, StartInPast, "mandate.start_in_past", "valid_from", 400),
    ({"counterparty": make_kbo(1234567).value}, PartyNotFound, "party.not_found", "counterparty", 404),
    ({"counterparty": 999_999}, PartyNotFound, "party.not_found", "counterparty", 404),
    ({"accept_contract": False}, ContractNotAccepted, None, "accept_contract", 400),
    ({"language": "xx"}, ValidationError, "mandate.language_unsupported", "language", 400),
    ({"reference": "x" * 101}, ValidationError, "mandate.reference_too_long", "reference", 400),
    ({"notify_emails": ["not-an-address"]}, ValidationError, "mandate.email_invalid", "notify_emails", 400),
    ({"notify_emails": [f"x{i}@barocy.be" for i in range(11)]}, ValidationError, None, "notify_emails", 400),
    ({"role": "boss"}, ValidationError, "mandate.role_invalid", "role", 400),
]


def _assert_refused(
    kit, overrides: dict[str, object], error_type: type[RegistryError], code: str | None, field: str, status: int
) -> None:
    if isinstance(overrides.get("counterparty"), str) and overrides["counterparty"] in kit.world.party:
        overrides = {**overrides, "counterparty": kit.id(str(overrides["counterparty"]))}
    before = kit.snapshot()
    with pytest.raises(error_type) as caught:
        _create(kit, **overrides)
    error = caught.value
    assert (error.field, error.status) == (field, status), overrides
    assert code is None or error.code == code, overrides
    assert str(error)
    assert kit.snapshot() == before


def test_each_rule_refuses_with_a_typed_error_and_nothing_written(kit) -> None:
    for case in RULE_CASES:
        _assert_refused(kit, *case)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0411515076", "identifier.checksum"),
        ("0411.515", "identifier.length"),
        ("0806154033' OR '1'='1", "identifier.format"),
        ("０８０６１５４０３３", "identifier.digits"),
        ("9411515075", "identifier.first_digit"),
        ("x" * 10_000, "identifier.length"),
    ],
)
def test_M04_bad_counterparty_identifier(kit, raw: str, code: str) -> None:
    _assert_refused(kit, {"counterparty": raw}, IdentifierInvalid, code, "counterparty", 400)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"notify_emails": ["a@barocy.be\r\nBcc: all@evil.example"]}, "mandate.email_invalid"),
        ({"notify_emails": ["a@barocy.be, b@evil.example"]}, "mandate.email_invalid"),
        ({"notify_emails": ["<a@barocy.be>"]}, "mandate.email_invalid"),
        ({"reference": "a\nb"}, "mandate.reference_invalid"),
        ({"reference": "a\x00b"}, "mandate.reference_invalid"),
    ],
)
def test_header_and_control_character_injection(kit, overrides: dict[str, object], code: str) -> None:
    field = next(iter(overrides))
    _assert_refused(kit, overrides, ValidationError, code, field, 400)


def test_own_party_kind_not_allowed_names_the_type(kit) -> None:
    # Emmaüs is an organisation; "person_only" allows persons only, on both sides.
    with pytest.raises(PartyKindNotAllowed) as caught:
        kit.service.create_mandate(
            kit.actor("sammy"),
            kit.id("emmaus"),
            role="mandator",
            counterparty=kit.id("piet"),
            mandate_type_code="person_only",
            valid_from=TODAY,
            accept_contract=True,
        )
    assert caught.value.field == "mandate_type_code"
    assert caught.value.params == {"side": "mandator", "kind": "organisation", "mandate_type_code": "person_only"}


def test_identifier_error_keeps_its_reason(kit) -> None:
    with pytest.raises(IdentifierInvalid) as caught:
        _create(kit, counterparty="0411515076")
    assert caught.value.params["reason"] == "checksum"
    assert caught.value.cause.reason == "checksum"


def test_check_new_mandate_lists_every_problem(kit) -> None:
    row = NewMandate(
        role="mandator",
        counterparty="0411515076",
        mandate_type_code="nope",
        valid_from=TODAY - dt.timedelta(days=3),
        valid_until=TODAY - dt.timedelta(days=4),
        language="xx",
        accept_contract=False,
    )
    problems = kit.service.check_new_mandate(kit.actor("sammy"), kit.id("emmaus"), row)
    assert {(p.field, p.code) for p in problems} == {
        ("accept_contract", "mandate.contract_not_accepted"),
        ("mandate_type_code", "mandate_type.unknown"),
        ("counterparty", "identifier.checksum"),
        ("valid_from", "mandate.start_in_past"),
        ("valid_until", "mandate.end_before_start"),
        ("language", "mandate.language_unsupported"),
    }


def test_duplicate_overlapping_mandate_is_a_conflict(kit) -> None:
    kit.create(valid_until=dt.date(2024, 12, 31))
    before = kit.snapshot()
    with pytest.raises(DuplicateMandate) as caught:
        kit.create(valid_from=dt.date(2024, 12, 31))
    assert (caught.value.status, caught.value.code) == (409, "mandate.duplicate")
    assert kit.snapshot() == before
    # After the first one ends, a new one may follow; another type or mandatee is no duplicate either.
    kit.create(valid_from=dt.date(2025, 1, 1))
    kit.create(counterparty="pwc")
    kit.create(mandate_type_code="org_only")


def test_a_stopped_or_refused_mandate_is_no_duplicate(kit) -> None:
    stopped = kit.create()
    kit.service.stop_mandate(kit.actor("sammy"), kit.id("emmaus"), stopped.id)
    refused = kit.create()
    kit.service.refuse_mandate(kit.actor("bart"), kit.id("barocy"), refused.id)
    kit.service.commit()
    assert kit.create().state is MandateState.AWAITING_SIGNATURE


def test_email_addresses_are_notified_after_commit_and_never_stored(kit) -> None:
    addresses = ["sammy.roos@emmaus.be", "boekhouding@barocy.be"]
    mandate = kit.service.create_mandate(
        kit.actor("sammy"),
        kit.id("emmaus"),
        role="mandator",
        counterparty=kit.id("barocy"),
        mandate_type_code="wse_loket",
        valid_from=TODAY,
        valid_until=dt.date(2025, 3, 14),
        language="fr",
        reference="REF-7",
        accept_contract=True,
        notify_emails=[*addresses, "  "],
    )
    assert kit.notifier.sent == []  # not before the commit
    kit.service.commit()
    [note] = kit.notifier.sent
    assert note.to == tuple(addresses)
    assert (note.language, note.action, note.mandate_id) == ("fr", "created", mandate.id)
    assert note.subject == "Création d'un mandat WSE Loket entre Emmaüs et BAROCY"
    assert "du 15/03/2024 au 14/03/2025 inclus" in note.body
    assert "Référence : REF-7" in note.body
    assert "après la signature de BAROCY" in note.body
    stored = repr(kit.snapshot())
    assert not any(address in stored for address in addresses)


def test_no_notification_when_the_transaction_is_rolled_back(kit) -> None:
    kit.service.create_mandate(
        kit.actor("sammy"),
        kit.id("emmaus"),
        role="mandator",
        counterparty=kit.id("barocy"),
        mandate_type_code="wse_loket",
        valid_from=TODAY,
        accept_contract=True,
        notify_emails=["boekhouding@barocy.be"],
    )
    kit.session.rollback()
    kit.session.commit()
    assert kit.notifier.sent == []


def test_a_failing_notifier_never_breaks_the_transaction(kit, caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        def mandate_event(self, event: object) -> None:
            raise OSError("mail server down")

    service = kit.service_at(NOW, notifier=Broken())
    mandate = service.create_mandate(
        kit.actor("sammy"),
        kit.id("emmaus"),
        role="mandator",
        counterparty=kit.id("barocy"),
        mandate_type_code="wse_loket",
        valid_from=TODAY,
        accept_contract=True,
        notify_emails=["boekhouding@barocy.be"],
    )
    service.commit()
    assert kit.reload(mandate).state is MandateState.AWAITING_SIGNATURE
    assert "not delivered" in caplog.text
