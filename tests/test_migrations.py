from __future__ import annotations

from sqlalchemy import inspect

from idp import migrate
from mandate_resolver.registry.models import Base


def test_migrations_reach_head_and_match_the_models(database) -> None:  # type: ignore[no-untyped-def]
    assert migrate.current_revision(database.engine) == migrate.head_revision()
    tables = set(inspect(database.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
