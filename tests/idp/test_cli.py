"""The ``idp`` command, run as a newcomer and an operator would (click's runner, real database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from idp import migrate
from idp.cli import main
from mandate_resolver.registry.database import make_engine
from mandate_resolver.registry.models import Mandate, MandateState, Party, User


def run(args: list[str], env: dict[str, str]) -> Result:
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False)


@pytest.fixture
def env(db: Any, keys_dir: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "IDP_CONFIG": "",
        "IDP_DATABASE_URL": db.url,
        "IDP_DATABASE_SCHEMA": db.schema or "",
        "IDP_KEYS_DIR": str(keys_dir),
        "IDP_DATA_DIR": str(tmp_path),
        "IDP_OUTBOX_DIR": str(tmp_path / "outbox"),
    }


def test_db_upgrade_creates_a_fresh_sqlite_database(tmp_path: Path, keys_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    result = run(["db", "upgrade"], {"IDP_DATABASE_URL": url, "IDP_KEYS_DIR": str(keys_dir)})
    assert result.exit_code == 0, result.output
    assert "(was empty)" in result.output
    engine = make_engine(url)
    assert migrate.current_revision(engine) == migrate.head_revision()
    again = run(["db", "upgrade"], {"IDP_DATABASE_URL": url, "IDP_KEYS_DIR": str(keys_dir)})
    assert again.exit_code == 0 and "(was empty)" not in again.output
    current = run(["db", "current"], {"IDP_DATABASE_URL": url})
    assert current.output.startswith(migrate.head_revision() or "?")


def test_a_bad_setting_stops_every_command_with_its_path(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["check-config"], env={**env, "IDP_TOKENS__CODE_TTL_S": "9000"})
    assert result.exit_code == 2
    assert "tokens.code_ttl_s: must be between 10 and 600" in result.output
    assert "Traceback" not in result.output


def test_check_config_passes_on_a_migrated_database(env: dict[str, str]) -> None:
    result = run(["check-config"], env)
    assert result.exit_code == 0, result.output
    assert "database:" in result.output and "up to date" in result.output
    assert "all checks passed" in result.output


def test_check_config_reports_an_outdated_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = CliRunner().invoke(main, ["check-config"], env={"IDP_DATABASE_URL": url, "IDP_KEYS_DIR": str(tmp_path)})
    assert result.exit_code == 2
    assert "run `idp db upgrade`" in result.output


def test_commands_refuse_an_unmigrated_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = CliRunner().invoke(main, ["demo", "load"], env={"IDP_DATABASE_URL": url})
    assert result.exit_code == 2
    assert "run `idp db upgrade` first" in result.output


def test_keys_rotate_keeps_the_old_key_published(tmp_path: Path) -> None:
    env = {"IDP_KEYS_DIR": str(tmp_path / "keys")}
    first = run(["keys", "rotate"], env)
    assert first.exit_code == 0, first.output
    old_kid = first.output.split("active RS256 key ")[1].split()[0]
    second = run(["keys", "rotate"], env)
    new_kid = second.output.split("active RS256 key ")[1].split()[0]
    assert new_kid != old_kid
    listing = run(["keys", "list"], env).output
    assert old_kid in listing and "retired" in listing
    assert new_kid in listing


def test_demo_load_is_idempotent_and_prints_users(env: dict[str, str], db: Any) -> None:
    first = run(["demo", "load"], env)
    assert first.exit_code == 0, first.output
    assert "sammy" in first.output.lower()
    with db.sessions() as session:
        counts = (
            session.scalar(select(func.count()).select_from(Party)),
            session.scalar(select(func.count()).select_from(User)),
            session.scalar(select(func.count()).select_from(Mandate)),
        )
        states = set(session.scalars(select(Mandate.state)))
    second = run(["demo", "load", "--json"], env)
    assert second.exit_code == 0, second.output
    payload = json.loads(second.output)
    assert {"users", "relying_parties"} <= set(payload)
    assert all(user["password"] for user in payload["users"])
    assert payload["demo_oidc_client"]["client_id"] == "demo-rp"
    assert payload["demo_oidc_client"]["redirect_uri"] == "http://127.0.0.1:5001/callback"
    with db.sessions() as session:
        assert counts == (
            session.scalar(select(func.count()).select_from(Party)),
            session.scalar(select(func.count()).select_from(User)),
            session.scalar(select(func.count()).select_from(Mandate)),
        )
    assert states >= {MandateState.SIGNED, MandateState.AWAITING_SIGNATURE, MandateState.STOPPED}


def test_registry_export_then_import_into_an_empty_database(env: dict[str, str], db: Any, tmp_path: Path) -> None:
    assert run(["demo", "load"], env).exit_code == 0
    exported = tmp_path / "world.json"
    result = run(["registry", "export", "-o", str(exported)], env)
    assert result.exit_code == 0, result.output
    assert exported.stat().st_mode & 0o077 == 0  # holds password hashes: owner only
    document = json.loads(exported.read_text(encoding="utf-8"))
    db.wipe()
    dry = run(["registry", "import", str(exported), "--dry-run"], env)
    assert dry.exit_code == 0, dry.output
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Party)) == 0
    result = run(["registry", "import", str(exported)], env)
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.json"
    run(["registry", "export", "-o", str(again)], env)
    assert json.loads(again.read_text(encoding="utf-8")) == document


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_registry_import_rejects_what_is_not_a_document(
    env: dict[str, str], tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["registry", "import", str(path)], env=env)
    assert result.exit_code == 2
    assert message in result.output


def test_registry_import_of_an_invalid_world_writes_nothing(env: dict[str, str], db: Any, tmp_path: Path) -> None:
    document = {
        "format": "mandate-idp/registry",
        "version": 1,
        "parties": [
            {"kind": "organisation", "scheme": "kbo", "identifier": "0411515075", "name": "Emmaüs"},
            {"kind": "organisation", "scheme": "kbo", "identifier": "0411515076", "name": "Bad checksum"},
        ],
    }
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(main, ["registry", "import", str(path)], env=env)
    assert result.exit_code == 1
    assert "parties[1].identifier" in result.output
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Party)) == 0
