"""Flow tests: whole logins run against the app served over real HTTP (tests/oidc_support.py)."""

from __future__ import annotations

from tests.oidc_support import provider  # noqa: F401 - the fixture
