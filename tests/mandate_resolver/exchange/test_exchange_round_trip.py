"""export_world writes what import_world reads: export -> import into an empty registry -> export is equal.

Runs on SQLite, and on PostgreSQL with IDP_TEST_DATABASE_URL set.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import load_demo
from mandate_resolver.registry.exchange import export_world, import_world
from mandate_resolver.registry.models import Credential, User
from mandate_resolver.registry.passwords import TEST_PROFILE
from tests.mandate_resolver.exchange.exchange_world import row_counts

TODAY = dt.date(2026, 3, 2)


def export_after_import(db: Any, document: dict[str, Any]) -> dict[str, object]:
    db.wipe()
    with db.sessions() as session:
        import_world(session, document, mode="create", profile=TEST_PROFILE)
        session.commit()
    with db.sessions() as session:
        return export_world(session)


def test_export_import_export_gives_the_same_document(db: Any, world: dict[str, Any]) -> None:
    with db.sessions() as session:
        import_world(session, world, profile=TEST_PROFILE)
        load_demo(session, TODAY, profile=TEST_PROFILE)
        session.commit()
    with db.sessions() as session:
        first = export_world(session)
        counts = row_counts(session)
    # Through JSON text, as a file would carry it.
    second = export_after_import(db, json.loads(json.dumps(first)))
    assert second == first
    with db.sessions() as session:
        assert row_counts(session) == counts
        # And importing the export over itself changes nothing.
        assert not import_world(session, second, profile=TEST_PROFILE).changed


def test_an_empty_registry_exports_an_empty_world(session: Session) -> None:
    document = export_world(session)
    assert document["format"] == "mandate-idp/registry" and document["version"] == 1
    assert all(document[section] == [] for section in document if section not in ("format", "version"))
    assert not import_world(session, document).changed


def test_passwords_leave_as_hashes_only(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    document = export_world(session)
    text = json.dumps(document)
    assert "sammy-secret" not in text
    users = {user["username"]: user for user in document["users"]}  # type: ignore[attr-defined]
    credentials = users["sammy"]["credentials"]
    assert {c["kind"] for c in credentials} == {"password", "totp"}
    assert all("password" not in c for c in credentials)
    assert next(c for c in credentials if c["kind"] == "password")["hash"].startswith("$argon2id$")


def test_a_credential_the_format_cannot_carry_stops_the_export(session: Session, world: dict[str, Any]) -> None:
    import_world(session, world, profile=TEST_PROFILE)
    user_id = session.scalars(select(User.id)).first()
    session.add(Credential(user_id=user_id, kind="webauthn", secret="..."))
    session.flush()
    with pytest.raises(ValueError, match="credential kind 'webauthn'"):
        export_world(session)
