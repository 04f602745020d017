"""Driving the portal's mandate pages like a browser without JavaScript: the create flow, the actions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html import unescape

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from mandate_resolver.registry.models import Mandate, MandateEvent
from tests.login_helpers import follow
from tests.portal_support import csrf, form_fields

DASHBOARD = "/portal/mandates"


def token(client: FlaskClient) -> str:
    return csrf(client, DASHBOARD)


def create_form(valid_from: dt.date, counterparty: str, **extra: str) -> dict[str, str]:
    return {
        "valid_from": valid_from.isoformat(),
        "valid_until": "",
        "mandate_type": "wse_loket",
        "role": "mandator",
        "counterparty": counterparty,
        "reference": "",
        "language": "nl",
        "own_email": "",
        "counterparty_email": "",
        **extra,
    }


def check(client: FlaskClient, data: Mapping[str, str]) -> TestResponse:
    """The first step: the form checked, the confirmation page (or the form with its errors)."""
    return client.post("/portal/mandates/new", data={**data, "csrf_token": token(client)})


def confirm(client: FlaskClient, page: TestResponse | str, *, accept: bool = True) -> TestResponse:
    """The second step, with the confirmation page's hidden fields."""
    html = page if isinstance(page, str) else page.get_data(as_text=True)
    confirm_form = html[html.index('action="/portal/mandates/new/confirm"') :]
    fields = {k: unescape(v) for k, v in form_fields(confirm_form).items() if k != "edit"}
    if accept:
        fields["accept_contract"] = "yes"
    return client.post("/portal/mandates/new/confirm", data=fields)


def create(client: FlaskClient, data: Mapping[str, str]) -> TestResponse:
    page = check(client, data)
    assert page.status_code == 200, page.get_data(as_text=True)[:4000]
    assert 'action="/portal/mandates/new/confirm"' in page.get_data(as_text=True)
    return confirm(client, page)


def act(client: FlaskClient, mandate_id: str, action: str, data: Mapping[str, str] | None = None) -> TestResponse:
    """Open an action's confirmation page, then submit it with ``data`` (its version and token from the page)."""
    path = f"/portal/mandates/{mandate_id}/{action}"
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)[:4000]
    fields = form_fields(page.get_data(as_text=True))
    return client.post(path, data={"csrf_token": fields["csrf_token"], "version": fields["version"], **(data or {})})


def done(client: FlaskClient, response: TestResponse) -> TestResponse:
    assert response.status_code == 303, response.get_data(as_text=True)[:4000]
    return follow(client, response)


def mandate_id_of(response: TestResponse) -> str:
    match = re.search(r"/portal/mandates/([0-9a-f-]{36})", response.request.path)
    assert match is not None, response.request.path
    return match.group(1)


def state(session: Session, mandate_id: str) -> Mandate:
    session.expire_all()
    mandate = session.scalar(select(Mandate).where(Mandate.id == mandate_id))
    assert mandate is not None
    return mandate


def snapshot(session: Session) -> tuple[object, ...]:
    """Everything a portal action could write: mandates (with versions) and their events."""
    session.expire_all()
    mandates = tuple(
        (m.id, m.state, m.version, m.mandatee_id, m.pending_mandatee_id, m.valid_until)
        for m in session.scalars(select(Mandate).order_by(Mandate.number))
    )
    events = tuple(session.scalars(select(MandateEvent.id).order_by(MandateEvent.id)))
    return mandates, events


def section(page: str, listing: str) -> str:
    """The HTML of one dashboard list (``active``, ``to_sign``, ``awaiting_other``, ``awaiting_transfer``)."""
    start = page.index(f'id="list-{listing}"')
    end = page.find("</section>", start)
    return page[start:end]


# Every action's path and a POST that would do it (SECURITY.md M05, M06, M16 try each one).
ACTION_POSTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("sign", {"accept_contract": "yes"}),
    ("refuse", {}),
    ("stop", {}),
    ("extend", {"unlimited": "yes"}),
    ("transfer", {"new_mandatee": "BE 0806.154.033"}),
    ("transfer/accept", {"accept_contract": "yes"}),
    ("transfer/refuse", {}),
    ("transfer/cancel", {}),
)
