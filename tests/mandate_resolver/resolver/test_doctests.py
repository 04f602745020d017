"""The examples in the docstrings of the resolver chain are true (STYLE.md rule 11)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "mandate_resolver.types",
    "mandate_resolver.chain",
    "mandate_resolver.plugins",
    "mandate_resolver.paging",
    "mandate_resolver.sources",
    "mandate_resolver.cache",
    "mandate_resolver.sql",
    "mandate_resolver.http",
    "mandate_resolver.remote",
    "mandate_resolver.wire",
    "mandate_resolver.testing",
    "mandate_resolver.citizen",
    "mandate_resolver.idm",
    "mandate_resolver.kbo",
    "mandate_resolver.ssm",
    "mandate_resolver.ssm.sql",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)

    assert result.failed == 0
