"""``idp client add``: registers an application and its OIDC client; the secret is shown once, stored hashed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import idp.oidc.models  # noqa: F401 - the OIDC tables are wiped between tests too
from idp.cli import main
from idp.oidc.clients import secret_hash
from idp.oidc.models import OidcClient
from mandate_resolver.registry.models import Application, MandateType


@pytest.fixture
def env(db: Any, keys_dir: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "IDP_CONFIG": "",
        "IDP_DATABASE_URL": db.url,
        "IDP_DATABASE_SCHEMA": db.schema or "",
        "IDP_KEYS_DIR": str(keys_dir),
        "IDP_DATA_DIR": str(tmp_path),
    }


def test_client_add_prints_id_and_secret_and_stores_a_hash(db: Any, env: dict[str, str]) -> None:
    with db.sessions() as session:
        session.add(MandateType(code="wse_loket", number=104))
        session.commit()
    args = ["client", "add", "--name", "WSE Loket", "--redirect-uri", "https://loket.example/cb",
            "--redirect-uri", "https://loket.example/cb2", "--post-logout-redirect-uri", "https://loket.example/bye",
            "--mandate-type", "wse_loket", "--legal-representatives", "--profile", "acm",
            "--subject-type", "pairwise", "--backchannel-logout-uri", "https://loket.example/bc"]  # fmt: skip
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    with db.sessions() as session:
        client = session.get(OidcClient, printed["client_id"])
        assert client is not None
        assert client.secret_hash == secret_hash(printed["client_secret"]) != printed["client_secret"]
        assert client.redirect_uris == ["https://loket.example/cb", "https://loket.example/cb2"]
        assert client.subject_type == "pairwise" and "ssm_mandaat" in client.scopes
        application = session.scalar(select(Application).where(Application.client_id == printed["client_id"]))
        assert application is not None and application.legal_representatives and application.claim_profile == "acm"
        assert len(application.mandate_types) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--redirect-uri", "http://rp.example/cb"], "https"),
        (["--redirect-uri", "https://rp.example/cb#x"], "fragment"),
        (["--redirect-uri", "https://rp.example/cb", "--mandate-type", "nope"], "unknown mandate type"),
        (["--redirect-uri", "https://rp.example/cb", "--auth-method", "private_key_jwt"], "jwks"),
    ],
)
def test_client_add_refuses_bad_registrations(env: dict[str, str], extra: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["client", "add", "--name", "x", *extra], env=env)
    assert result.exit_code == 2
    assert message in result.output


def test_public_client_has_no_secret(env: dict[str, str]) -> None:
    args = ["client", "add", "--name", "SPA", "--redirect-uri", "http://127.0.0.1:5173/cb", "--public"]
    printed = json.loads(CliRunner().invoke(main, args, env=env, catch_exceptions=False).output)
    assert printed["client_secret"] is None


@pytest.mark.parametrize(("flag", "required"), [([], False), (["--require-consent"], True)])
def test_third_party_client_requires_consent(db: Any, env: dict[str, str], flag: list[str], required: bool) -> None:
    args = ["client", "add", "--name", "Third", "--redirect-uri", "https://third.example/cb", *flag]
    printed = json.loads(CliRunner().invoke(main, args, env=env, catch_exceptions=False).output)
    with db.sessions() as session:
        client = session.get(OidcClient, printed["client_id"])
        assert client is not None and client.require_consent is required


def test_purge_runs_on_an_empty_database(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["client", "purge"], env=env, catch_exceptions=False)
    assert result.exit_code == 0 and json.loads(result.output) == {"removed": 0}
