"""Fixtures of the exchange tests: a fresh copy of the small world for each test."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.mandate_resolver.exchange.exchange_world import row_counts, small_world


@pytest.fixture
def world() -> dict[str, Any]:
    """A fresh deep copy of :func:`exchange_world.small_world`, free to mutate."""
    return copy.deepcopy(small_world())


@pytest.fixture(scope="module")
def empty_database(database: Any) -> Any:
    """The test database, emptied once for a module whose tests write nothing (a wipe costs more than
    the test on PostgreSQL)."""
    database.wipe()
    return database


@pytest.fixture
def clean_session(empty_database: Any) -> Iterator[Session]:
    """A session on an empty registry, for a test that must write nothing: checked afterwards."""
    with empty_database.sessions() as session:
        yield session
        session.rollback()
    with empty_database.sessions() as check:
        assert set(row_counts(check).values()) == {0}, "a test using clean_session wrote to the registry"
