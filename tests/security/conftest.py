"""Security tests of the OpenID Provider run against the app served over real HTTP (tests/oidc_support.py)."""

from __future__ import annotations

from tests.login_helpers import journey  # noqa: F401 - the login journey fixture (tests/login_helpers.py)
from tests.oidc_support import provider  # noqa: F401 - the fixture
