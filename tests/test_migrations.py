from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from idp import migrate
from mandate_resolver.registry.models import Base


def test_migrations_reach_head_and_match_the_models(database) -> None:  # type: ignore[no-untyped-def]
    assert migrate.current_revision(database.engine) == migrate.head_revision()
    tables = set(inspect(database.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection:sqlalchemy.exc.SAWarning")
def test_models_and_migrations_do_not_drift(database) -> None:  # type: ignore[no-untyped-def]
    """Every model change has its migration: autogenerate finds nothing left to do."""
    import idp.login.models
    import idp.oidc.models
    import idp.saml.models  # noqa: F401 - every table of the provider

    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_sps_registered_before_sign_assertions_keep_both_signatures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0041: rows that existed got a signed assertion in every response, and keep it ("always")."""
    from sqlalchemy import text

    from mandate_resolver.registry.database import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate.upgrade(engine, "0040")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO saml_service_providers (entity_id, metadata_xml, metadata_url, name_id_formats, "
                "attribute_profile, encrypt_assertions, allow_idp_initiated, require_signed_requests, "
                "name_id_secret, created_at, updated_at) VALUES ('https://old.example', '<x/>', '', '[]', "
                "'standard', 0, 0, 0, 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT sign_assertions FROM saml_service_providers")).scalar() == "always"
    engine.dispose()
