"""import_world writes the world in the caller's transaction; upsert by natural keys makes it idempotent."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.exchange import (
    SECTIONS,
    PartyKey,
    Problem,
    SectionCounts,
    WorldInvalid,
    import_world,
    mandate_id_for,
)
from mandate_resolver.registry.models import (
    Application,
    Credential,
    Mandate,
    MandateEvent,
    MandateState,
    MandateType,
    Party,
    PartyKind,
    RightKind,
    User,
    UserRight,
    as_utc,
)
from mandate_resolver.registry.passwords import TEST_PROFILE, verify_password
from tests.mandate_resolver.exchange.exchange_world import (
    BAROCY,
    BART_HASH,
    EMMAUS,
    INES,
    MANDATE_ID,
    SAMMY,
    TOTP_SECRET,
    row_counts,
)


def test_import_writes_every_section_with_canonical_identifiers(session: Session, world: dict[str, Any]) -> None:
    report = import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    assert report.created == sum(len(world[section]) for section in SECTIONS)
    assert report.updated == report.unchanged == 0
    emmaus = session.scalars(select(Party).where(Party.identifier == "0411515075")).one()
    assert (emmaus.kind, emmaus.scheme, emmaus.target_group, emmaus.city) == (
        PartyKind.ORGANISATION,
        "kbo",
        "EA",
        "Mechelen",
    )
    body = session.scalars(select(Party).where(Party.scheme == "ovo")).one()
    assert body.target_group == "GID" and body.identifier == "OVO002949"
    sammy = session.scalars(select(User).where(User.username == "sammy")).one()
    assert sammy.person.identifier == "85073003328" and sammy.person.name == "Sammy Roos"
    assert sammy.person.target_group == "BUR"
    assert sorted(role.role for role in sammy.roles) == ["admin", "helpdesk"]
    executor = session.scalars(select(UserRight).where(UserRight.right == RightKind.MANDATE_EXECUTOR)).one()
    assert len(executor.mandate_types) == 1 and len(executor.mandators) == 1
    assert executor.granted_by_user_id == sammy.id
    wse = session.scalars(select(MandateType).where(MandateType.code == "wse_loket")).one()
    assert (wse.number, wse.mandator_person, wse.mandatee_organisation) == (104, False, True)
    assert wse.name_in("en") == "WSE Loket" and wse.text("nl").creation_text == "Ik machtig ..."  # type: ignore[union-attr]
    mandate = session.scalars(select(Mandate).where(Mandate.id == MANDATE_ID)).one()
    assert mandate.state is MandateState.SIGNED and mandate.mandator.name == "Emmaüs"
    assert as_utc(mandate.mandatee_signed_at) == dt.datetime(2024, 3, 14, 9, 15, 0, 123456, tzinfo=dt.UTC)  # type: ignore[arg-type]
    assert mandate.version == 1
    events = session.scalars(select(MandateEvent).where(MandateEvent.mandate_id == MANDATE_ID)).all()
    assert [e.action for e in events] == ["created", "signed"]
    assert events[0].detail == {"role": "mandator", "nested": {"list": [1, 2.5, None, True]}}
    app = session.scalars(select(Application).where(Application.client_id == "demo-rp")).one()
    assert app.legal_representatives and [t.mandate_type_id for t in app.mandate_types] == [wse.id]


def test_importing_the_same_document_twice_changes_nothing(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    before = row_counts(session)
    again = import_world(session, copy.deepcopy(world), profile=TEST_PROFILE)
    session.commit()
    assert not again.changed
    assert again["parties"] == SectionCounts(unchanged=6)
    assert again.unchanged == sum(len(world[section]) for section in SECTIONS)
    assert row_counts(session) == before


def test_upsert_updates_only_what_changed(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    world["parties"][1]["name"] = "BAROCY BV"
    world["rights"][1]["mandate_types"] = ["wse_loket", "tax_return"]
    world["mandates"][0]["valid_until"] = "2030-12-31"
    world["mandate_types"][0]["texts"]["fr"] = {"name": "Guichet WSE"}
    world["applications"][0]["mandate_types"] = []
    report = import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    assert report["parties"] == SectionCounts(updated=1, unchanged=5)
    assert report["rights"] == SectionCounts(updated=1, unchanged=1)
    assert report["mandates"] == SectionCounts(updated=1, unchanged=1)
    assert report["mandate_types"] == SectionCounts(updated=1, unchanged=1)
    assert report["applications"] == SectionCounts(updated=1, unchanged=1)
    mandate = session.scalars(select(Mandate).where(Mandate.id == MANDATE_ID)).one()
    assert mandate.valid_until == dt.date(2030, 12, 31) and mandate.version == 2
    wse = session.scalars(select(MandateType).where(MandateType.code == "wse_loket")).one()
    assert [t.language for t in wse.texts] == ["en", "fr", "nl"]


def test_import_never_deletes_records(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    before = row_counts(session)
    only_parties = {"format": "mandate-idp/registry", "version": 1, "parties": world["parties"][:2]}
    assert not import_world(session, only_parties).changed
    assert row_counts(session) == before


def test_passwords_are_stored_as_argon2id_hashes(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    stored = {
        (user.username, credential.kind): credential.secret
        for credential, user in session.execute(select(Credential, User).join(User, User.id == Credential.user_id))
    }
    assert stored[("sammy", "password")].startswith("$argon2id$")
    assert verify_password(stored[("sammy", "password")], "sammy-secret")
    assert stored[("bart", "password")] == BART_HASH
    assert stored[("sammy", "totp")] == TOTP_SECRET


def test_a_changed_password_replaces_the_hash_and_the_same_one_keeps_it(
    session: Session, world: dict[str, Any]
) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()

    def sammy_password() -> Credential:
        return session.scalars(
            select(Credential)
            .join(User, User.id == Credential.user_id)
            .where(User.username == "sammy", Credential.kind == "password")
        ).one()

    first = sammy_password().secret
    assert not import_world(session, world, profile=TEST_PROFILE).changed
    assert sammy_password().secret == first
    world["users"][0]["credentials"][0]["password"] = "new-secret"
    report = import_world(session, world, profile=TEST_PROFILE)
    assert report["users"] == SectionCounts(updated=1, unchanged=1)
    assert verify_password(sammy_password().secret, "new-secret")
    assert len(session.scalars(select(Credential)).all()) == 3


def test_users_without_a_credentials_key_keep_theirs(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    del world["users"][0]["credentials"]
    assert not import_world(session, world, profile=TEST_PROFILE).changed
    world["users"][0]["credentials"] = []
    assert import_world(session, world, profile=TEST_PROFILE)["users"].updated == 1
    assert len(session.scalars(select(Credential)).all()) == 1  # bart's


def test_a_mandate_without_id_gets_a_stable_derived_one(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    expected = mandate_id_for("tax_return", PartyKey.parse(INES), PartyKey.parse(SAMMY), dt.date(2024, 1, 1), "")
    assert session.scalars(select(Mandate).where(Mandate.id == expected)).one().language == "en"
    assert import_world(session, world, profile=TEST_PROFILE)["mandates"] == SectionCounts(unchanged=2)


def test_events_are_aligned_by_action_and_never_removed(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    events = world["mandates"][0]["events"]
    events[1]["at"] = "2024-03-15T08:00:00Z"  # the same "signed" event, moved
    events.append({"at": "2024-04-01T08:00:00Z", "action": "stopped_note", "actor_name": "x"})
    report = import_world(session, world, profile=TEST_PROFILE)
    assert report["mandates"] == SectionCounts(updated=1, unchanged=1)
    stored = session.scalars(
        select(MandateEvent).where(MandateEvent.mandate_id == MANDATE_ID).order_by(MandateEvent.id)
    ).all()
    assert [e.action for e in stored] == ["created", "signed", "stopped_note"]
    assert as_utc(stored[1].at) == dt.datetime(2024, 3, 15, 8, tzinfo=dt.UTC)
    del world["mandates"][0]["events"]
    assert not import_world(session, world, profile=TEST_PROFILE).changed
    assert len(session.scalars(select(MandateEvent)).all()) == 3


def test_import_flushes_but_leaves_the_commit_to_the_caller(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    assert row_counts(session)["parties"] == 6
    session.rollback()
    assert set(row_counts(session).values()) == {0}


def problems_of(session: Session, document: dict[str, Any], **kwargs: Any) -> list[Problem]:
    with pytest.raises(WorldInvalid) as caught:
        import_world(session, document, profile=TEST_PROFILE, **kwargs)
    return list(caught.value.problems)


def test_the_unmodified_world_is_valid(session: Session, world: dict[str, Any]) -> None:
    report = import_world(session, world, profile=TEST_PROFILE)
    assert report["parties"].created == 6


def test_references_may_point_into_the_registry(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    later = {
        "format": "mandate-idp/registry",
        "version": 1,
        "mandates": [
            {
                "type": "wse_loket",
                "mandator": BAROCY,
                "mandatee": EMMAUS,
                "valid_from": "2025-01-01",
                "state": "awaiting_signature",
                "initiator": "mandator",
                "mandator_signed_at": "2024-12-01T12:00:00Z",
                "mandator_signed_by": "bart",
            }
        ],
    }
    assert import_world(session, later, profile=TEST_PROFILE)["mandates"].created == 1
    # ... and kinds of stored parties and types are checked too.
    later["mandates"][0]["mandatee"] = SAMMY  # type: ignore[index]
    problems = problems_of(session, later)
    assert [p.path for p in problems] == ["mandates[0].mandatee"]


def test_mode_create_refuses_records_that_exist(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, mode="create", profile=TEST_PROFILE)
    session.commit()
    problems = problems_of(session, world, mode="create")
    paths = {p.path for p in problems}
    assert {"parties[0]", "users[0]", "mandate_types[0]", "mandates[0]", "applications[0]", "rights[0]"} <= paths
    assert all("already exists" in p.message for p in problems)


def test_a_user_cannot_take_the_person_of_a_stored_user(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    session.commit()
    other = {
        "format": "mandate-idp/registry",
        "version": 1,
        "users": [{"username": "sammy2", "person": SAMMY}],
    }
    problems = problems_of(session, other)
    assert problems == [Problem("users[0].person", f"{SAMMY} is already the person of user 'sammy'")]
