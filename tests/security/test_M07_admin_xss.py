"""M07 on the administration and helpdesk pages: stored names, texts and audit details with markup are shown
escaped, never as markup."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.audit import record
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Application, MandateType, Party
from tests.idp.admin.admin_support import send, type_form
from tests.portal_support import sign_in

PAYLOADS = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "</textarea><svg/onload=alert(1)>"]


def _plant(session: Session, payload: str) -> tuple[int, int]:
    """Put ``payload`` in a party's name, an application's name and an audit entry; (party id, app id)."""
    barocy = session.scalar(select(Party).where(Party.name == "BAROCY"))
    application = session.scalar(select(Application).where(Application.client_id == "demo-rp"))
    assert barocy is not None and application is not None
    barocy.name = "BAROCY " + payload
    application.name = "Demo " + payload
    record(session, actor_user_id=None, action="admin.test", target=payload, detail={"note": payload})
    session.commit()
    return barocy.id, application.id


def _assert_escaped(page: str, payload: str) -> None:
    assert payload not in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<svg/onload" not in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_M07_admin_pages_escape_stored_markup(
    demo: DemoWorld, client: FlaskClient, session: Session, payload: str
) -> None:
    _, app_id = _plant(session, payload)
    sign_in(client, "admin")
    # The mandate type's name and contract text come from an administrator's form.
    form = type_form("xss_type", name_en=payload, creation_text_nl=payload, description_fr=payload)
    assert send(client, "/admin/mandate-types/new", form).status_code == 303
    stored = session.scalar(select(MandateType).where(MandateType.code == "xss_type"))
    assert stored is not None and stored.name_in("en") == payload.strip()
    for path in (
        "/admin/mandate-types?lang=en",
        "/admin/mandate-types/xss_type",
        "/admin/applications",
        f"/admin/applications/{app_id}",
        "/admin/applications/oidc/new",
        "/admin/audit",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_escaped(response.get_data(as_text=True), payload)
    # A form sent back with an error shows what was typed, escaped.
    invalid = send(client, "/admin/mandate-types/new", type_form("xss_type", name_nl=payload))
    assert invalid.status_code == 400
    _assert_escaped(invalid.get_data(as_text=True), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_M07_helpdesk_pages_escape_stored_markup(
    demo: DemoWorld, client: FlaskClient, session: Session, payload: str
) -> None:
    barocy_id, app_id = _plant(session, payload)
    bart = session.scalar(select(Party.id).where(Party.name == "Bart Baert"))
    mandate = next(m.id for m in demo.mandates if m.slug == "emmaus-barocy-wse")
    sign_in(client, "helpdesk")
    for path in (
        "/helpdesk?q=BAROCY",
        f"/helpdesk/parties/{barocy_id}",
        f"/helpdesk/parties/{bart}",
        "/helpdesk/mandates?q=barocy",
        f"/helpdesk/mandates/{mandate}",
        f"/helpdesk/explain?party={bart}&application={app_id}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        _assert_escaped(page, payload)
        assert "BAROCY" in page or "Demo" in page, path
    # What is typed in a search comes back escaped too.
    response = client.get("/helpdesk", query_string={"q": payload})
    _assert_escaped(response.get_data(as_text=True), payload)
