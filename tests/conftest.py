"""Shared fixtures: one migrated database per test run, emptied between tests.

SQLite by default; PostgreSQL when ``IDP_TEST_DATABASE_URL`` is set (``.ci/run`` sets it), inside a schema
of its own per test process so parallel runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

import idp.models  # noqa: F401 - registers the provider's tables in the metadata
from idp import migrate
from idp.app import create_app
from idp.database import database as app_database
from idp.settings import Settings
from mandate_resolver.registry.database import make_engine, make_session_factory
from mandate_resolver.registry.models import Base
from mandate_resolver.registry.passwords import TEST_PROFILE

# The demo world fixture (``demo``) for the self-service tests.
pytest_plugins = ["tests.portal_support"]


class TestDatabase:
    """A migrated database for tests: its URL and schema (to build apps on), engine and sessions."""

    def __init__(self, url: str, schema: str | None, engine: Engine) -> None:
        self.url = url
        self.schema = schema
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_session_factory(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def wipe(self) -> None:
        """Empty every table, children first. Plain DELETEs: on PostgreSQL a TRUNCATE of every table per test
        costs ten times as much, and tests never rely on identity values starting again at 1."""
        tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
        with self.engine.begin() as conn:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))  # table names come from our own metadata


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    url = os.environ.get("IDP_TEST_DATABASE_URL")
    schema: str | None = None
    if url:
        schema = "t_" + uuid.uuid4().hex[:12]
        admin = make_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
    else:
        path: Path = tmp_path_factory.mktemp("db") / "registry.sqlite3"
        url = f"sqlite:///{path}"
    engine = make_engine(url, schema=schema)
    migrate.upgrade(engine)
    try:
        yield TestDatabase(url, schema, engine)
    finally:
        engine.dispose()
        if schema:
            admin = make_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


@pytest.fixture
def db(database: TestDatabase) -> Iterator[TestDatabase]:
    """The test database, empty at the start of each test."""
    database.wipe()
    yield database


@pytest.fixture
def session(db: TestDatabase) -> Iterator[Session]:
    with db.sessions() as s:
        yield s


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Signing keys made once per test run (RSA generation is slow), shared by every app."""
    return tmp_path_factory.mktemp("keys")


@pytest.fixture
def settings(db: TestDatabase, keys_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        issuer="http://127.0.0.1:8000",
        database_url=db.url,
        database_schema=db.schema or "",
        secret_key="test-secret-" + "x" * 40,
        keys_dir=str(keys_dir),
        data_dir=str(tmp_path),
        outbox_dir=str(tmp_path / "outbox"),
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    application = create_app(settings)
    # Test users are hashed with the fast profile; the app must not upgrade them to the production one
    # at every login (idp/login/authn.py rehashes weaker hashes).
    application.extensions["idp.password_profile"] = TEST_PROFILE
    yield application
    app_database(application).engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
