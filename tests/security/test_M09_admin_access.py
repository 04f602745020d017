"""M09: /admin/* unauthenticated or as a normal user (GET and POST): login page or 403, nothing written; admin
POSTs need the CSRF token; admin actions are audited."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Application, AuditEntry, MandateType, User
from tests.idp.admin.admin_support import send, session_token, type_form
from tests.portal_support import sign_in

GET_PATHS = [
    "/admin",
    "/admin/mandate-types",
    "/admin/mandate-types/new",
    "/admin/mandate-types/wse_loket",
    "/admin/applications",
    "/admin/applications/oidc/new",
    "/admin/applications/saml/new",
    "/admin/keys",
    "/admin/audit",
]

POSTS: list[tuple[str, dict[str, object]]] = [
    ("/admin/mandate-types/new", type_form("m09_type")),
    ("/admin/mandate-types/wse_loket", type_form("wse_loket")),
    ("/admin/mandate-types/wse_loket/active", {"active": "0"}),
    ("/admin/mandate-types/wse_loket/delete", {"confirm": "1"}),
    (
        "/admin/applications/oidc/new",
        {"name": "Evil", "client_id": "evil", "redirect_uris": "https://evil.example/cb", "claim_profile": "standard"},
    ),
    ("/admin/applications/saml/new", {"metadata_url": "https://evil.example/metadata"}),
    ("/admin/applications/{app}", {"mandate_types": [], "enabled": "1", "claim_profile": "standard"}),
    ("/admin/applications/{app}/enabled", {"enabled": "0"}),
    ("/admin/keys/rotate", {"confirm": "1"}),
]


def _state(session: Session) -> tuple[object, ...]:
    """Everything an admin POST could change, to compare before and after."""
    session.expire_all()
    types = sorted(
        (t.code, t.active, tuple(sorted((x.language, x.name) for x in t.texts)))
        for t in session.scalars(select(MandateType))
    )
    apps = sorted(
        (a.client_id, a.enabled, a.legal_representatives, len(a.mandate_types))
        for a in session.scalars(select(Application))
    )
    audited = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action.like("admin.%")))
    return (tuple(types), tuple(apps), audited)


def _path(session: Session, template: str) -> str:
    app_id = session.scalar(select(Application.id).where(Application.client_id == "demo-rp"))
    return template.format(app=app_id)


@pytest.mark.parametrize("path", GET_PATHS)
def test_M09_unauthenticated_get_goes_to_the_login_page(demo: DemoWorld, client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("username", ["sammy", "helpdesk"])
@pytest.mark.parametrize("path", GET_PATHS)
def test_M09_a_user_without_the_admin_role_gets_403(
    demo: DemoWorld, client: FlaskClient, username: str, path: str
) -> None:
    sign_in(client, username)
    response = client.get(path)
    assert response.status_code == 403
    assert 'href="/admin/keys"' not in response.get_data(as_text=True)  # no admin page content


@pytest.mark.parametrize(("template", "data"), POSTS)
def test_M09_unauthenticated_post_changes_nothing(
    demo: DemoWorld, client: FlaskClient, session: Session, template: str, data: dict[str, object]
) -> None:
    before = _state(session)
    path = _path(session, template)
    assert client.post(path, data=data).status_code == 403  # no CSRF token: refused before anything
    with_token = send(client, path, data)  # type: ignore[arg-type]
    assert with_token.status_code == 303 and with_token.headers["Location"].startswith("/login")
    assert _state(session) == before


@pytest.mark.parametrize("username", ["sammy", "helpdesk"])
@pytest.mark.parametrize(("template", "data"), POSTS)
def test_M09_a_user_without_the_admin_role_changes_nothing(
    demo: DemoWorld, client: FlaskClient, session: Session, username: str, template: str, data: dict[str, object]
) -> None:
    before = _state(session)
    sign_in(client, username)
    assert send(client, _path(session, template), data).status_code == 403  # type: ignore[arg-type]
    assert _state(session) == before


@pytest.mark.parametrize(("template", "data"), POSTS)
def test_M09_admin_posts_need_the_csrf_token(
    demo: DemoWorld, client: FlaskClient, session: Session, template: str, data: dict[str, object]
) -> None:
    sign_in(client, "admin")
    before = _state(session)
    path = _path(session, template)
    assert client.post(path, data=data).status_code == 403
    assert client.post(path, data={**data, "csrf_token": "x" * 43}).status_code == 403
    cross_site = client.post(
        path, data={**data, "csrf_token": session_token(client)}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross_site.status_code == 403
    foreign = client.post(
        path, data={**data, "csrf_token": session_token(client)}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    assert _state(session) == before


def test_M09_admin_actions_are_audited_with_their_actor(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    admin = session.scalar(select(User).where(User.username == "admin"))
    assert admin is not None
    app_path = _path(session, "/admin/applications/{app}/enabled")
    assert send(client, "/admin/mandate-types/new", type_form("m09_type")).status_code == 303
    assert send(client, "/admin/mandate-types/m09_type/active", {"active": "0"}).status_code == 303
    assert send(client, app_path, {"enabled": "0"}).status_code == 303
    session.expire_all()
    entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action.like("admin.%")).order_by(AuditEntry.id)))
    assert [(e.action, e.target) for e in entries] == [
        ("admin.mandate_type.created", "m09_type"),
        ("admin.mandate_type.deactivated", "m09_type"),
        ("admin.application.disabled", "demo-rp"),
    ]
    assert {e.actor_user_id for e in entries} == {admin.id}
