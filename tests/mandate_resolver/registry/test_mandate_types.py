"""mandate_types.py: creating, editing, (de)activating and deleting mandate types; each change audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import make_insz, make_kbo
from mandate_resolver.registry.errors import Conflict, ValidationError
from mandate_resolver.registry.mandate_types import (
    LANGUAGES,
    MandateTypeDraft,
    TypeTexts,
    check_draft,
    create_mandate_type,
    delete_mandate_type,
    draft_of,
    set_active,
    update_mandate_type,
    usage_of,
)
from mandate_resolver.registry.models import (
    Application,
    ApplicationMandateType,
    AuditEntry,
    Mandate,
    MandateState,
    MandateType,
    Party,
    PartyKind,
)

ORG = frozenset({PartyKind.ORGANISATION})
BOTH = frozenset({PartyKind.PERSON, PartyKind.ORGANISATION})


def texts(suffix: str = "") -> dict[str, TypeTexts]:
    return {
        language: TypeTexts(f"Name {language}{suffix}", "", f"I agree ({language})", f"Stopped ({language})")
        for language in LANGUAGES
    }


def draft(code: str = "wse_loket", **changes: object) -> MandateTypeDraft:
    values: dict[str, object] = {
        "code": code,
        "texts": texts(),
        "mandator_kinds": ORG,
        "mandatee_kinds": BOTH,
        "number": 104,
    }
    values.update(changes)
    return MandateTypeDraft(**values)  # type: ignore[arg-type]


def codes(problems: list[object]) -> list[str]:
    return [p.code for p in problems]  # type: ignore[attr-defined]


def audit_actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_create_stores_four_languages_and_kinds_and_audits(session: Session) -> None:
    created = create_mandate_type(session, draft(), actor_user_id=None)
    session.commit()
    assert created.active and created.number == 104
    assert sorted(t.language for t in created.texts) == sorted(LANGUAGES)
    assert created.text("de") is not None and created.text("de").creation_text == "I agree (de)"  # type: ignore[union-attr]
    assert (created.mandator_person, created.mandator_organisation) == (False, True)
    assert (created.mandatee_person, created.mandatee_organisation) == (True, True)
    assert audit_actions(session) == ["admin.mandate_type.created"]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"code": "bad code!"}, "mandate_type.code_invalid", "code"),
        ({"code": ""}, "mandate_type.code_invalid", "code"),
        ({"number": 0}, "mandate_type.number_invalid", "number"),
        ({"mandator_kinds": frozenset()}, "mandate_type.mandator_kinds_required", "mandator_kinds"),
        ({"mandatee_kinds": frozenset()}, "mandate_type.mandatee_kinds_required", "mandatee_kinds"),
        ({"texts": {**texts(), "fr": TypeTexts("", "", "x", "y")}}, "mandate_type.name_required", "name_fr"),
        ({"texts": {**texts(), "de": TypeTexts("A\nB", "", "x", "y")}}, "mandate_type.name_invalid", "name_de"),
        (
            {"texts": {**texts(), "en": TypeTexts("N", "", " ", "y")}},
            "mandate_type.creation_text_required",
            "creation_text_en",
        ),
        ({"texts": {**texts(), "nl": TypeTexts("N", "", "x", "")}}, "mandate_type.stop_text_required", "stop_text_nl"),
        ({"texts": {k: v for k, v in texts().items() if k != "de"}}, "mandate_type.name_required", "name_de"),
        ({"texts": {**texts(), "xx": TypeTexts("N", "", "x", "y")}}, "mandate_type.language_unknown", "texts"),
    ],
)
def test_each_rule_names_its_field(session: Session, change: dict[str, object], code: str, field: str) -> None:
    problems = check_draft(session, draft(**change))
    assert (code, field) in [(p.code, p.field) for p in problems]
    with pytest.raises(ValidationError):
        create_mandate_type(session, draft(**change), actor_user_id=None)
    assert session.scalar(select(MandateType)) is None


def test_code_and_number_are_unique(session: Session) -> None:
    create_mandate_type(session, draft(), actor_user_id=None)
    assert codes(check_draft(session, draft(number=None))) == ["mandate_type.code_taken"]
    assert codes(check_draft(session, draft("other"))) == ["mandate_type.number_taken"]


def test_the_code_never_changes(session: Session) -> None:
    stored = create_mandate_type(session, draft(), actor_user_id=None)
    with pytest.raises(ValidationError) as raised:
        update_mandate_type(session, stored, draft("renamed"), actor_user_id=None)
    assert raised.value.code == "mandate_type.code_immutable"
    assert stored.code == "wse_loket"


def test_update_changes_texts_and_records_what_changed(session: Session) -> None:
    stored = create_mandate_type(session, draft(), actor_user_id=None)
    assert update_mandate_type(session, stored, draft(), actor_user_id=None) == []  # nothing changed: no entry
    changed = update_mandate_type(session, stored, draft(texts=texts(" v2"), number=105), actor_user_id=None)
    session.commit()
    assert "number" in changed and "texts.fr" in changed
    assert stored.name_in("fr") == "Name fr v2" and stored.number == 105
    assert draft_of(stored).texts["en"].name == "Name en v2"
    assert audit_actions(session) == ["admin.mandate_type.created", "admin.mandate_type.updated"]


def _mandate_between(session: Session, mandate_type: MandateType, mandatee_kind: PartyKind) -> None:
    mandator = Party(
        kind=PartyKind.ORGANISATION, scheme="kbo", identifier=make_kbo(7).value, name="A", target_group="EA"
    )
    if mandatee_kind is PartyKind.PERSON:
        insz = make_insz(dt.date(1980, 1, 1), 5).value
        mandatee = Party(kind=PartyKind.PERSON, scheme="insz", identifier=insz, name="B", target_group="BUR")
    else:
        mandatee = Party(
            kind=PartyKind.ORGANISATION, scheme="kbo", identifier=make_kbo(8).value, name="B", target_group="EA"
        )
    session.add_all([mandator, mandatee])
    session.flush()
    session.add(
        Mandate(
            mandate_type_id=mandate_type.id,
            mandator_id=mandator.id,
            mandatee_id=mandatee.id,
            valid_from=dt.date(2025, 1, 1),
            state=MandateState.AWAITING_SIGNATURE,
            initiator="mandator",
        )
    )
    session.flush()


def test_a_kind_in_use_stays(session: Session) -> None:
    stored = create_mandate_type(session, draft(), actor_user_id=None)
    _mandate_between(session, stored, PartyKind.PERSON)
    problems = check_draft(session, draft(mandatee_kinds=ORG), existing=stored)
    assert [(p.code, p.field) for p in problems] == [("mandate_type.kind_in_use", "mandatee_kinds")]
    # Widening is always fine.
    assert check_draft(session, draft(mandator_kinds=BOTH), existing=stored) == []


def test_in_use_is_deactivated_never_deleted(session: Session) -> None:
    stored = create_mandate_type(session, draft(), actor_user_id=None)
    application = Application(client_id="rp", name="RP", protocol="oidc")
    application.mandate_types = [ApplicationMandateType(mandate_type_id=stored.id)]
    session.add(application)
    session.flush()
    assert usage_of(session, stored).applications == 1
    with pytest.raises(Conflict) as raised:
        delete_mandate_type(session, stored, actor_user_id=None)
    assert raised.value.code == "mandate_type.in_use" and raised.value.params["applications"] == "1"
    set_active(session, stored, False, actor_user_id=None)
    set_active(session, stored, False, actor_user_id=None)  # already inactive: no second entry
    session.commit()
    assert not stored.active
    assert audit_actions(session)[-1] == "admin.mandate_type.deactivated"
    assert audit_actions(session).count("admin.mandate_type.deactivated") == 1


def test_an_unused_type_is_deleted(session: Session) -> None:
    stored = create_mandate_type(session, draft(), actor_user_id=None)
    delete_mandate_type(session, stored, actor_user_id=None)
    session.commit()
    assert session.scalar(select(MandateType)) is None
    assert audit_actions(session)[-1] == "admin.mandate_type.deleted"


@pytest.mark.parametrize("name", ["audit", "mandate_types", "explain"])
def test_docstring_examples(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"mandate_resolver.registry.{name}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
