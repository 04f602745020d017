"""import_world validates the whole document first: every problem with its JSON path, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from mandate_resolver.registry import exchange
from mandate_resolver.registry.exchange import Problem, WorldInvalid, import_world
from mandate_resolver.registry.passwords import TEST_PROFILE
from tests.mandate_resolver.exchange.exchange_world import EMMAUS, SAMMY, row_counts

Mutation = Callable[[dict[str, Any]], None]


def problems_of(session: Session, document: dict[str, Any], **kwargs: Any) -> list[Problem]:
    with pytest.raises(WorldInvalid) as caught:
        import_world(session, document, profile=TEST_PROFILE, **kwargs)
    return list(caught.value.problems)


def assert_registry_empty(session: Session) -> None:
    session.rollback()
    assert set(row_counts(session).values()) == {0}


def set_key(section: str, index: int, key: str, value: object) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        document[section][index][key] = value

    return mutate


def drop_key(section: str, index: int, key: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        del document[section][index][key]

    return mutate


# (mutation, path of the problem, a fragment of its message)
CASES: dict[str, tuple[Mutation, str, str]] = {
    "kbo-checksum": (set_key("parties", 1, "identifier", "0806154034"), "parties[1].identifier", "check digits"),
    "insz-checksum": (set_key("parties", 3, "identifier", "85073003329"), "parties[3].identifier", "check digits"),
    "insz-month": (set_key("parties", 4, "identifier", "79131210155"), "parties[4].identifier", "month"),
    "unknown-scheme": (set_key("parties", 0, "scheme", "vat"), "parties[0].scheme", "must be one of"),
    "kind-against-scheme": (set_key("parties", 1, "kind", "person"), "parties[1].kind", "is an organisation"),
    "organisation-with-given-name": (
        set_key("parties", 1, "given_name", "Ba"),
        "parties[1].given_name",
        "only persons",
    ),
    "missing-name": (drop_key("parties", 4, "name"), "parties[4].name", "is required"),
    "target-group": (set_key("parties", 0, "target_group", "XX"), "parties[0].target_group", "must be one of"),
    "name-too-long": (set_key("parties", 0, "name", "E" * 201), "parties[0].name", "longer than 200"),
    "control-characters": (set_key("parties", 0, "name", "Emma\x00üs"), "parties[0].name", "control characters"),
    "unknown-party-key": (set_key("parties", 2, "colour", "blue"), "parties[2].colour", "unknown key"),
    "misspelt-key": (set_key("parties", 0, "citty", "Mechelen"), "parties[0].citty", "did you mean 'city'"),
    "unknown-section": (lambda d: d.update(people=[]), "people", "unknown key"),
    "section-not-a-list": (lambda d: d.update(parties={}), "parties", "must be a list"),
    "record-not-an-object": (lambda d: d["parties"].append("kbo:0411515075"), "parties[6]", "must be an object"),
    "duplicate-party": (
        lambda d: d["parties"].append({"scheme": "kbo", "identifier": "0411.515.075", "name": "Twice"}),
        "parties[6]",
        "already given at parties[0]",
    ),
    "reference-without-scheme": (set_key("users", 0, "person", "85073003328"), "users[0].person", "scheme:identifier"),
    "reference-checksum": (set_key("users", 0, "person", "insz:85073003329"), "users[0].person", "check digits"),
    "unknown-party": (set_key("users", 0, "person", "insz:90110222236x"), "users[0].person", "not a valid"),
    "undefined-party": (
        set_key("work_relations", 0, "organisation", "kbo:0425260668"),
        "work_relations[0].organisation",
        "unknown party kbo:0425260668",
    ),
    "user-person-is-an-organisation": (set_key("users", 0, "person", EMMAUS), "users[0].person", "a person is needed"),
    "person-of-two-users": (set_key("users", 1, "person", SAMMY), "users[1].person", "already given at users[0]"),
    "bad-username": (set_key("users", 0, "username", "sammy roos"), "users[0].username", "not a valid username"),
    "unknown-user": (set_key("rights", 0, "user", "nobody"), "rights[0].user", "unknown user 'nobody'"),
    "duplicate-role": (set_key("users", 0, "roles", ["admin", "admin"]), "users[0].roles[1]", "listed twice"),
    "email": (set_key("users", 0, "email", "not an address"), "users[0].email", "e-mail"),
    "language": (set_key("users", 0, "preferred_language", "es"), "users[0].preferred_language", "must be one of"),
    "password-and-hash": (
        set_key("users", 0, "credentials", [{"kind": "password", "password": "x", "hash": "y"}]),
        "users[0].credentials[0]",
        "either 'password'",
    ),
    "two-passwords": (
        set_key(
            "users", 0, "credentials", [{"kind": "password", "password": "x"}, {"kind": "password", "password": "y"}]
        ),
        "users[0].credentials[1]",
        "at most one password",
    ),
    "empty-password": (
        set_key("users", 0, "credentials", [{"kind": "password", "password": ""}]),
        "users[0].credentials[0].password",
        "1 to 1024",
    ),
    "bcrypt-hash": (
        set_key("users", 1, "credentials", [{"kind": "password", "hash": "$2b$12$abcdefghijklmnopqrstuv"}]),
        "users[1].credentials[0].hash",
        "argon2id",
    ),
    "totp-secret": (
        set_key("users", 0, "credentials", [{"kind": "totp", "secret": "tooshort"}]),
        "users[0].credentials[0].secret",
        "base32",
    ),
    "credential-kind": (
        set_key("users", 0, "credentials", [{"kind": "webauthn", "secret": "x"}]),
        "users[0].credentials[0].kind",
        "must be one of",
    ),
    "bad-date": (
        set_key("work_relations", 0, "valid_from", "2026-13-01"),
        "work_relations[0].valid_from",
        "YYYY-MM-DD",
    ),
    "date-not-iso": (set_key("work_relations", 0, "valid_from", "01/02/2026"), "work_relations[0].valid_from", "YYYY"),
    "dates-ordered": (
        set_key("work_relations", 1, "valid_until", "2021-01-31"),
        "work_relations[1].valid_until",
        "before valid_from",
    ),
    "executor-without-types": (set_key("rights", 1, "mandate_types", []), "rights[1].mandate_types", "at least one"),
    "executor-types-missing": (drop_key("rights", 1, "mandate_types"), "rights[1].mandate_types", "at least one"),
    "manager-with-types": (
        set_key("rights", 0, "mandate_types", ["wse_loket"]),
        "rights[0].mandate_types",
        "no mandate types",
    ),
    "unknown-right": (set_key("rights", 0, "right", "admin"), "rights[0].right", "must be one of"),
    "unknown-mandate-type": (
        set_key("rights", 1, "mandate_types", ["wse_loket", "nope"]),
        "rights[1].mandate_types[1]",
        "unknown mandate type 'nope'",
    ),
    "right-for-a-person": (set_key("rights", 0, "organisation", SAMMY), "rights[0].organisation", "organisation is"),
    "representative-organisation": (
        set_key("legal_representatives", 0, "organisation", SAMMY),
        "legal_representatives[0].organisation",
        "an organisation is needed",
    ),
    "type-without-kinds": (
        set_key("mandate_types", 0, "mandator_kinds", []),
        "mandate_types[0].mandator_kinds",
        "at least one",
    ),
    "type-text-language": (
        set_key("mandate_types", 0, "texts", {"es": {"name": "Ventanilla"}}),
        "mandate_types[0].texts.es",
        "unknown key",
    ),
    "type-text-without-name": (
        set_key("mandate_types", 0, "texts", {"nl": {"description": "x"}}),
        "mandate_types[0].texts.nl.name",
        "is required",
    ),
    "type-number-twice": (set_key("mandate_types", 1, "number", 104), "mandate_types[1].number", "number 104"),
    "same-mandator-and-mandatee": (set_key("mandates", 0, "mandatee", EMMAUS), "mandates[0].mandatee", "must differ"),
    "kind-not-allowed-by-type": (
        set_key("mandates", 0, "mandator", SAMMY),
        "mandates[0].mandator",
        "takes organisation as mandator",
    ),
    "mandate-dates": (set_key("mandates", 0, "valid_until", "2024-03-14"), "mandates[0].valid_until", "before"),
    "mandate-id": (set_key("mandates", 0, "id", "mandate-1"), "mandates[0].id", "not a UUID"),
    "mandate-state": (set_key("mandates", 0, "state", "active"), "mandates[0].state", "must be one of"),
    "signed-without-signature": (
        drop_key("mandates", 0, "mandatee_signed_at"),
        "mandates[0].mandatee_signed_at",
        "both signatures",
    ),
    "awaiting-without-creator-signature": (
        drop_key("mandates", 1, "mandatee_signed_at"),
        "mandates[1].mandatee_signed_at",
        "signed by creating",
    ),
    "stopped-at-while-signed": (
        set_key("mandates", 0, "stopped_at", "2024-04-01T00:00:00Z"),
        "mandates[0].stopped_at",
        "only a stopped mandate",
    ),
    "timestamp-without-zone": (
        set_key("mandates", 0, "created_at", "2024-03-14T09:30:00"),
        "mandates[0].created_at",
        "time zone",
    ),
    "transfer-to-the-mandator": (
        set_key("mandates", 0, "pending_mandatee", EMMAUS),
        "mandates[0].pending_mandatee",
        "other than",
    ),
    "signer-unknown": (
        set_key("mandates", 0, "mandatee_signed_by", "ghost"),
        "mandates[0].mandatee_signed_by",
        "ghost",
    ),
    "event-detail": (
        lambda d: d["mandates"][0]["events"][0].update(detail={"x": float("nan")}),
        "mandates[0].events[0].detail",
        "JSON values",
    ),
    "event-action": (
        lambda d: d["mandates"][0]["events"][1].update(action="Signed!"),
        "mandates[0].events[1].action",
        "action name",
    ),
    "application-protocol": (
        set_key("applications", 0, "protocol", "cas"),
        "applications[0].protocol",
        "must be one of",
    ),
    "application-client-id": (
        set_key("applications", 0, "client_id", "demo rp"),
        "applications[0].client_id",
        "not a valid client id",
    ),
    "application-flag": (
        set_key("applications", 0, "allow_citizen", "yes"),
        "applications[0].allow_citizen",
        "true or false",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_problem_is_reported_at_its_path_and_nothing_is_written(
    clean_session: Session, world: dict[str, Any], case: str
) -> None:
    mutate, path, fragment = CASES[case]
    mutate(world)
    problems = problems_of(clean_session, world)
    matching = [p for p in problems if p.path == path]
    assert matching, f"no problem at {path}; got {problems}"
    assert any(fragment in p.message for p in matching), matching
    assert_registry_empty(clean_session)


def test_every_problem_is_reported_at_once(clean_session: Session, world: dict[str, Any]) -> None:
    world["parties"][3]["identifier"] = "85073003329"
    world["parties"][0]["colour"] = "red"
    world["rights"][1]["mandate_types"] = []
    world["mandates"][0]["mandatee"] = EMMAUS
    world["work_relations"][0]["valid_from"] = "yesterday"
    world["applications"][1]["protocol"] = "ws-fed"
    problems = problems_of(clean_session, world)
    paths = {p.path for p in problems}
    assert {
        "parties[3].identifier",
        "parties[0].colour",
        "rights[1].mandate_types",
        "mandates[0].mandatee",
        "work_relations[0].valid_from",
        "applications[1].protocol",
    } <= paths
    assert_registry_empty(clean_session)


def test_the_error_message_lists_the_problems(clean_session: Session, world: dict[str, Any]) -> None:
    world["parties"][1]["identifier"] = "0806154034"
    with pytest.raises(WorldInvalid) as caught:
        import_world(clean_session, world, profile=TEST_PROFILE)
    text = str(caught.value)
    assert "nothing was imported" in text
    assert "parties[1].identifier: '0806154034' is not a valid KBO enterprise number" in text
    assert isinstance(caught.value, ValueError) and not isinstance(caught.value, ImportError)


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"version": 1}, "format"),
        ({"format": "mandate-idp/registry", "version": 2}, "version"),
        ({"format": "mandate-idp/registry", "version": True}, "version"),
        ({"format": "something-else", "version": 1, "parties": []}, "format"),
    ],
)
def test_format_and_version_are_checked(clean_session: Session, document: dict[str, Any], path: str) -> None:
    assert [p.path for p in problems_of(clean_session, document)] == [path]


def test_a_document_that_is_not_an_object_is_refused(clean_session: Session) -> None:
    problems = problems_of(clean_session, ["not", "a", "mapping"])  # type: ignore[arg-type]
    assert problems == [Problem("", "the document must be a JSON object")]


def test_too_many_records_are_refused_before_reading_them(
    clean_session: Session, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_RECORDS", 10)
    problems = problems_of(clean_session, world)
    assert len(problems) == 1
    assert problems[0].path == "" and "one import takes at most 10" in problems[0].message


def test_the_number_of_problems_is_bounded(clean_session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange, "MAX_PROBLEMS", 5)
    document = {"format": "mandate-idp/registry", "version": 1, "parties": [{"bogus": i} for i in range(20)]}
    with pytest.raises(WorldInvalid) as caught:
        import_world(clean_session, document)
    assert len(caught.value.problems) == 5 and caught.value.truncated


def test_unknown_mode_is_a_programming_error(clean_session: Session, world: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="mode must be"):
        import_world(clean_session, world, mode="merge")  # type: ignore[arg-type]
