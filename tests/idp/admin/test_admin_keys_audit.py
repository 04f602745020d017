"""Key rotation from the administration pages (confirmed, audited) and the audit log page."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from idp.keys import KeyStore
from mandate_resolver.registry.audit import record
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import AuditEntry
from tests.idp.admin.admin_support import send
from tests.portal_support import sign_in


@pytest.fixture
def keys_dir(tmp_path: Path) -> Path:
    """Keys of this test only: a rotation must not touch the keys every other test shares."""
    return tmp_path / "keys"


def test_rotation_needs_confirmation_then_makes_new_keys(
    demo: DemoWorld, app: Flask, client: FlaskClient, session: Session
) -> None:
    store: KeyStore = app.extensions["idp.keys"]
    before = store.active_key("RS256").kid
    sign_in(client, "admin")
    page = client.get("/admin/keys?lang=en").get_data(as_text=True)
    assert before in page and "Rotate the keys" in page
    unconfirmed = send(client, "/admin/keys/rotate?lang=en", {})
    assert unconfirmed.status_code == 400
    assert "Tick the confirmation box" in unconfirmed.get_data(as_text=True)
    assert app.extensions["idp.keys"].active_key("RS256").kid == before
    done = send(client, "/admin/keys/rotate", {"confirm": "1"})
    assert done.status_code == 303
    rotated: KeyStore = app.extensions["idp.keys"]
    after = rotated.active_key("RS256").kid
    assert after != before
    # The old key stays published for the tokens it signed.
    assert {before, after} <= {key["kid"] for key in rotated.jwks()["keys"]}
    entry = session.query(AuditEntry).filter_by(action="admin.keys.rotated").one()
    assert entry.detail["active"]["RS256"] == after  # type: ignore[index]
    page = client.get(done.headers["Location"] + "&lang=en").get_data(as_text=True)
    assert "New keys are active." in page and "still published" in page


def test_the_audit_log_pages_newest_first_and_filters(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    for number in range(60):
        record(session, actor_user_id=None, action="admin.test.numbered", target=f"entry-{number:02d}")
    record(session, actor_user_id=None, action="login.selection_refused", target="demo-rp")
    session.commit()
    sign_in(client, "admin")
    first = client.get("/admin/audit?action=admin.test.*").get_data(as_text=True)
    assert "entry-59" in first and "entry-10" in first and "entry-09" not in first
    assert "demo-rp" not in first
    older = client.get("/admin/audit?action=admin.test.*&before=" + _before(first)).get_data(as_text=True)
    assert "entry-09" in older and "entry-00" in older and "entry-59" not in older
    exact = client.get("/admin/audit?action=login.selection_refused").get_data(as_text=True)
    assert "demo-rp" in exact and "entry-" not in exact
    # A filter that is not an action, and a "before" that is not a number: an empty page, no error.
    assert client.get("/admin/audit?action=%25&before=abc").status_code == 200
    assert client.get("/admin/audit?before=9999999999").status_code == 200  # beyond the id column


def _before(page: str) -> str:
    import re

    found = re.search(r"before=(\d+)", page)
    assert found is not None
    return found.group(1)
