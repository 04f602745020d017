"""How the SQL backends run their statements: on the driver's cursor, a driver error making the source
unavailable (fail closed); and on PostgreSQL, an SSM page asks for generic plans on its own connection for
the length of the call, and never hands a pooled connection back in that mode (the provider's other
queries keep PostgreSQL's own choice), whether the call ends well or not."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Date, literal, literal_column, select
from sqlalchemy.engine import Connection

from mandate_resolver.chain import ResolverChain
from mandate_resolver.registry.models import Party
from mandate_resolver.sql import Registry, fixed_limit
from mandate_resolver.testing import sample_subject
from mandate_resolver.types import SourceUnavailable
from tests.mandate_resolver.resolver.resolver_helpers import policy


def plan_cache_mode(raw: Any) -> str:
    cursor = raw.cursor()
    try:
        cursor.execute("SHOW plan_cache_mode")
        return str(cursor.fetchone()[0])
    finally:
        cursor.close()
        if not raw.autocommit:  # a connection back in the pool: leave it as the pool expects
            raw.rollback()


def driver_connection(connection: Connection) -> Any:
    return connection.connection.dbapi_connection


def test_a_statement_the_database_refuses_makes_the_source_unavailable_and_the_connection_stays_usable(
    db,  # type: ignore[no-untyped-def]
) -> None:
    registry = Registry(db.sessions)
    broken = registry.statement(db.engine.dialect, "broken", lambda _: select(literal_column("no_such_column")))
    answer = registry.statement(db.engine.dialect, "answer", lambda _: select(literal(42)))
    with pytest.raises(SourceUnavailable), registry.connect() as connection:
        broken.run(connection, {})
    for _ in range(3):
        with registry.connect() as connection:
            assert answer.run(connection, {}) == [(42,)]


def test_columns_come_back_typed_as_the_statement_says(db) -> None:  # type: ignore[no-untyped-def]
    registry = Registry(db.sessions)
    day = dt.date(2025, 3, 1)
    dates = registry.statement(db.engine.dialect, "dates", lambda _: select(literal(day), literal(None, Date)))
    with registry.connect() as connection:
        assert dates.run(connection, {}) == [(day, None)]


@pytest.fixture
def registry(db) -> Registry:  # type: ignore[no-untyped-def]
    if db.dialect != "postgresql":
        pytest.skip("plan_cache_mode is a PostgreSQL setting")
    return Registry(db.sessions)


def test_generic_plans_last_as_long_as_the_call(registry: Registry) -> None:
    with registry.connect(generic_plans=True) as connection:
        raw = driver_connection(connection)
        assert plan_cache_mode(raw) == "force_generic_plan"
    assert plan_cache_mode(raw) == "auto"
    with registry.connect() as connection:
        assert plan_cache_mode(driver_connection(connection)) == "auto"


def test_a_call_that_fails_does_not_leave_generic_plans_on_the_connection(registry: Registry) -> None:
    with pytest.raises(RuntimeError), registry.connect(generic_plans=True) as connection:
        raw = driver_connection(connection)
        raise RuntimeError("a bug in the middle of a page")
    assert plan_cache_mode(raw) == "auto"

    with pytest.raises(SourceUnavailable), registry.connect(generic_plans=True) as connection:
        raw = driver_connection(connection)
        connection.exec_driver_sql("SELECT no_such_column FROM parties")
    assert plan_cache_mode(raw) == "auto"


def test_an_ssm_page_leaves_every_pooled_connection_as_it_found_it(registry: Registry, chain: ResolverChain) -> None:
    for _ in range(8):  # more runs than psycopg needs before it prepares a statement
        chain.resolve_options(sample_subject(), policy("wse_loket"))
    engine = registry.engine()
    connections = [engine.connect() for _ in range(3)]
    try:
        assert {plan_cache_mode(driver_connection(c)) for c in connections} == {"auto"}
    finally:
        for connection in connections:
            connection.close()


def test_limits_are_part_of_the_statement_text() -> None:
    statement = select(Party.id).limit(fixed_limit(51))
    assert str(statement).endswith("LIMIT 51")


def test_a_connection_lost_mid_call_is_dropped_from_the_pool(registry: Registry) -> None:
    answer = registry.statement(registry.engine().dialect, "answer", lambda _: select(literal(42)))
    with pytest.raises(SourceUnavailable), registry.connect() as connection:
        backend = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with registry.engine().connect() as other:
            other.exec_driver_sql(f"SELECT pg_terminate_backend({int(backend)})")  # type: ignore[arg-type]
        answer.run(connection, {})
    for _ in range(6):  # every pooled connection answers: the lost one was not handed out again
        with registry.connect() as connection:
            assert answer.run(connection, {}) == [(42,)]


def test_an_ssm_page_plans_generically_except_for_a_search_by_name(registry: Registry, chain: ResolverChain) -> None:
    backend = chain.resolver("ssm").backend  # type: ignore[attr-defined]
    modes: list[bool] = []
    connect = backend.registry.connect

    def spy(*, generic_plans: bool = False) -> Any:
        modes.append(generic_plans)
        return connect(generic_plans=generic_plans)

    backend.registry.connect = spy
    subject, accepted = sample_subject(), policy("wse_loket")
    for search in (None, "0411.515.075", "bar"):
        chain.resolve_options(subject, accepted, search=search)
    assert modes == [True, True, False]
