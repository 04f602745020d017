"""ID token keys: loaded once per process, reloaded after a rotation elsewhere (checked every few seconds)."""

from __future__ import annotations

import time
from pathlib import Path

import jwt

from idp.app import create_app, key_retention
from idp.database import database
from idp.keys import KeyStore
from idp.oidc.signing import current_keys, sign, verify_own
from idp.settings import Settings


def test_rotation_by_another_process_is_picked_up(settings: Settings, tmp_path: Path) -> None:
    own = settings.replace(keys_dir=str(tmp_path / "keys"))
    app = create_app(own)
    try:
        with app.app_context():
            before = current_keys().active_key("ES256").kid
            token = sign({"sub": "x"}, "ES256")
            assert jwt.get_unverified_header(token)["kid"] == before
            KeyStore.rotate(own.path(own.keys_dir), retention=key_retention(own))
            app.extensions["idp.oidc.keys_checked"] = time.monotonic()  # as if just checked
            assert current_keys().active_key("ES256").kid == before  # not re-read on every call
            app.extensions["idp.oidc.keys_checked"] = 0.0  # as if the recheck interval had passed
            after = current_keys().active_key("ES256").kid
            assert after != before
            assert verify_own(token) == {"sub": "x"}  # the retired key is still published
            assert verify_own(token[:-4] + "AAAA") is None
    finally:
        database(app).engine.dispose()
