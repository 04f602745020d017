"""Alembic environment: migrations run on the connection or URL that ``idp.database`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

import idp.models  # noqa: F401 - the provider's own tables share the metadata
from mandate_resolver.registry.database import make_engine
from mandate_resolver.registry.models import Base

config = context.config
target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "", schema=config.attributes.get("schema"))
    with engine.connect() as conn:
        run_on(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported; run `idp db upgrade` against a database.")
run_migrations_online()
