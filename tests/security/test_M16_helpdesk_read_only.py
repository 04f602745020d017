"""M16: a helpdesk (read-only) user tries to sign, stop, extend or transfer a mandate: 403, nothing written.

Three borders: the service layer (``MandateService`` with a helpdesk actor raises ``ReadOnly`` before
touching anything), the helpdesk pages (no form that could change anything), and the web (POSTs with a
helpdesk session to the portal and to /admin are refused)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.exceptions import MethodNotAllowed, NotFound

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import BAROCY, EMMAUS, DemoWorld
from mandate_resolver.registry.errors import ReadOnly
from mandate_resolver.registry.lifecycle import MandateService, NewMandate
from mandate_resolver.registry.models import (
    Application,
    AuditEntry,
    Mandate,
    MandateEvent,
    MandateType,
    Party,
    User,
)
from tests.idp.admin.admin_support import send, type_form
from tests.portal_support import sign_in


def _party(session: Session, identifier: str) -> int:
    found = session.scalar(select(Party.id).where(Party.identifier == identifier))
    assert found is not None
    return found


def _helpdesk(session: Session) -> Actor:
    user = session.scalar(select(User).where(User.username == "helpdesk"))
    assert user is not None
    return Actor.from_user(user)


def _mandate(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


def _written(session: Session) -> tuple[object, ...]:
    """Every row a mandate action writes, to compare before and after."""
    session.expire_all()
    mandates = sorted(
        (m.id, m.state, m.version, m.valid_until, m.pending_mandatee_id) for m in session.scalars(select(Mandate))
    )
    events = session.scalar(select(func.count()).select_from(MandateEvent))
    return (tuple(mandates), events)


ACTIONS: dict[str, Callable[[MandateService, Actor, DemoWorld, Session], object]] = {
    "sign": lambda s, a, d, db: s.sign_mandate(
        a, _party(db, BAROCY.value), _mandate(d, "emmaus-barocy-subsidy"), accept_contract=True
    ),
    "refuse": lambda s, a, d, db: s.refuse_mandate(a, _party(db, BAROCY.value), _mandate(d, "emmaus-barocy-subsidy")),
    "stop": lambda s, a, d, db: s.stop_mandate(a, _party(db, EMMAUS.value), _mandate(d, "emmaus-barocy-wse")),
    "extend": lambda s, a, d, db: s.extend_mandate(
        a, _party(db, EMMAUS.value), _mandate(d, "emmaus-barocy-wse"), valid_until=dt.date(2099, 12, 31)
    ),
    "transfer": lambda s, a, d, db: s.request_transfer(
        a, _party(db, EMMAUS.value), _mandate(d, "emmaus-barocy-wse"), new_mandatee=BAROCY.value
    ),
    "accept transfer": lambda s, a, d, db: s.accept_transfer(
        a, _party(db, BAROCY.value), _mandate(d, "parkwind-deloitte-wse"), accept_contract=True
    ),
    "create": lambda s, a, d, db: s.create_mandate(
        a,
        _party(db, EMMAUS.value),
        role="mandator",
        counterparty=BAROCY.value,
        mandate_type_code="subsidy_application",
        valid_from=dt.date.today() + dt.timedelta(days=400),
        accept_contract=True,
    ),
    "bulk create": lambda s, a, d, db: s.create_mandates(
        a,
        _party(db, EMMAUS.value),
        [
            NewMandate(
                role="mandator",
                counterparty=BAROCY.value,
                mandate_type_code="subsidy_application",
                valid_from=dt.date.today() + dt.timedelta(days=400),
                accept_contract=True,
            )
        ],
        dry_run=False,
    ),
    "bulk stop": lambda s, a, d, db: s.stop_mandates(
        a, _party(db, EMMAUS.value), [_mandate(d, "emmaus-barocy-wse")], dry_run=False
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_M16_the_service_refuses_every_write_of_the_helpdesk(demo: DemoWorld, session: Session, action: str) -> None:
    before = _written(session)
    service = MandateService(session)
    with pytest.raises(ReadOnly):
        ACTIONS[action](service, _helpdesk(session), demo, session)
    session.rollback()
    assert _written(session) == before


def test_M16_the_helpdesk_reads_every_mandate(demo: DemoWorld, session: Session) -> None:
    service = MandateService(session)
    for mandate in demo.mandates:
        assert service.get_mandate(_helpdesk(session), mandate.id).id == mandate.id


def _helpdesk_pages(demo: DemoWorld, session: Session) -> list[str]:
    bart = session.scalar(select(Party.id).where(Party.name == "Bart Baert"))
    app_id = session.scalar(select(Application.id).where(Application.client_id == "demo-rp"))
    return [
        "/helpdesk",
        "/helpdesk?q=barocy",
        f"/helpdesk/parties/{bart}",
        f"/helpdesk/parties/{_party(session, BAROCY.value)}",
        "/helpdesk/mandates",
        f"/helpdesk/mandates/{_mandate(demo, 'emmaus-barocy-wse')}",
        f"/helpdesk/explain?party={bart}&application={app_id}",
    ]


def test_M16_helpdesk_pages_have_no_form_that_changes_anything(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "helpdesk")
    for path in _helpdesk_pages(demo, session):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        forms = re.findall(r"<form\b[^>]*>", page)
        assert all('method="get"' in form for form in forms), (path, forms)
        assert "csrf_token" not in page, path


def _state(session: Session) -> tuple[object, ...]:
    session.expire_all()
    types = sorted((t.code, t.active) for t in session.scalars(select(MandateType)))
    apps = sorted((a.client_id, a.enabled) for a in session.scalars(select(Application)))
    audited = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action.like("admin.%")))
    return (*_written(session), tuple(types), tuple(apps), audited)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/admin/mandate-types/new", type_form("helpdesk_type")),
        ("/admin/mandate-types/wse_loket/active", {"active": "0"}),
        ("/admin/keys/rotate", {"confirm": "1"}),
        ("/helpdesk", {}),
        ("/helpdesk/mandates", {}),
    ],
)
def test_M16_helpdesk_posts_to_admin_and_helpdesk_are_refused(
    demo: DemoWorld, client: FlaskClient, session: Session, path: str, data: dict[str, object]
) -> None:
    sign_in(client, "helpdesk")
    before = _state(session)
    assert send(client, path, data).status_code in (403, 405)  # type: ignore[arg-type]
    assert _state(session) == before


def test_M16_the_helpdesk_cannot_enter_the_portal_for_a_party(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "helpdesk")
    before = _state(session)
    for party in (EMMAUS, BAROCY):
        assert send(client, "/portal/enter", {"party": str(_party(session, party.value))}).status_code == 403
    assert _state(session) == before


PORTAL_ACTIONS = {
    "sign": ("emmaus-barocy-subsidy", {"accept_contract": "1"}),
    "refuse": ("emmaus-barocy-subsidy", {}),
    "stop": ("emmaus-barocy-wse", {"confirm": "1"}),
    "extend": ("emmaus-barocy-wse", {"valid_until": "2099-12-31"}),
    "transfer": ("emmaus-barocy-wse", {"new_mandatee": BAROCY.value}),
}


@pytest.mark.parametrize("action", list(PORTAL_ACTIONS))
def test_M16_portal_actions_with_a_helpdesk_session(
    demo: DemoWorld, app: Flask, client: FlaskClient, session: Session, action: str
) -> None:
    slug, data = PORTAL_ACTIONS[action]
    path = f"/portal/mandates/{_mandate(demo, slug)}/{action}"
    try:
        app.url_map.bind("localhost").match(path, method="POST")
    except (NotFound, MethodNotAllowed):
        pytest.skip(f"the portal has no POST {path.rsplit('/', 1)[-1]} action (yet)")
    sign_in(client, "helpdesk")
    before = _state(session)
    response = send(client, path, data)
    # The helpdesk has no portal entry: refused outright, or sent to the entry page where it can choose nothing.
    assert response.status_code == 403
    assert _state(session) == before
