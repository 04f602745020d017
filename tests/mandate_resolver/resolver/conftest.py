"""Fixtures of the resolver tests: a world builder on the test database and chains over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from mandate_resolver.chain import ResolverChain
from mandate_resolver.plugins import build_chain
from mandate_resolver.testing import WorldBuilder
from tests.mandate_resolver.resolver.resolver_helpers import SQL_ENTRIES


@pytest.fixture
def world(session: Session) -> WorldBuilder:
    return WorldBuilder(session)


@pytest.fixture
def chain(db) -> Iterator[ResolverChain]:  # type: ignore[no-untyped-def]
    built = build_chain(SQL_ENTRIES, session_factory=db.sessions)
    yield built
    built.close()
