from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.saml_helpers import SamlKit, saml_kit


@pytest.fixture
def saml(app: Flask) -> Iterator[SamlKit]:
    yield from saml_kit(app)
