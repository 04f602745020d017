"""Engines and sessions for the embedded registry, without any web framework.

``make_engine`` knows the two stores we support: a SQLite file (the default, for a laptop) and
PostgreSQL (``postgresql+psycopg://...``), optionally inside one schema so several instances or test
runs can share a database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, schema: str | None = None, echo: bool = False, pool_size: int = 5) -> Engine:
    """Create an engine for ``url``.

    >>> make_engine("sqlite:///:memory:").dialect.name
    'sqlite'
    """
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if parsed.get_backend_name() == "sqlite":
        # Web workers use threads: a connection may move between them, never be used by two at once.
        connect_args["check_same_thread"] = False
        connect_args["timeout"] = 30
    elif parsed.get_backend_name() == "postgresql":
        if schema:
            connect_args["options"] = f"-csearch_path={schema}"
        kwargs["pool_size"] = pool_size
        # No pre-ping: it costs a round trip on every checkout (a third of a mandate check). Connections are
        # recycled before servers or proxies drop idle ones, and a dead one fails that request only.
        kwargs["pool_recycle"] = 1800
    engine = create_engine(parsed, connect_args=connect_args, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets readers go on while one writer commits.
    cursor.execute("PRAGMA foreign_keys=ON")
    if not _is_memory(dbapi_connection):
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _is_memory(dbapi_connection: Any) -> bool:
    cursor = dbapi_connection.cursor()
    try:
        rows = cursor.execute("PRAGMA database_list").fetchall()
    finally:
        cursor.close()
    return any(row[1] == "main" and not row[2] for row in rows)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    >>> from mandate_resolver.registry.database import make_engine, make_session_factory
    >>> with transaction(make_session_factory(make_engine("sqlite://"))) as session:
    ...     _ = session.connection()
    """
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
