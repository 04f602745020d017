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
