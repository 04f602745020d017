"""M05 portal IDOR: acting on a mandate of another party, or for another party, by editing the mandate id
or a form field. Every attempt gets 403 (404 for an id that does not exist) and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Mandate, Party
from tests.idp.portal.pages import ACTION_POSTS, DASHBOARD, create, create_form, snapshot, token
from tests.portal_support import enter, sign_in

# Demo mandates Emmaüs is no party to: between the Provincialaat and BAROCY, IMEC and PwC, and one where
# a transfer to BAROCY is pending (PARKWIND, Deloitte).
OTHERS = ("provincialaat-barocy-wse", "imec-pwc-wse", "parkwind-deloitte-wse", "provincialaat-barocy-subsidy")


def _id(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


@pytest.mark.parametrize("slug", OTHERS)
def test_M05_another_partys_mandate_cannot_be_read_or_changed(
    demo: DemoWorld, client: FlaskClient, session: Session, slug: str
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, slug)
    before = snapshot(session)
    assert client.get(f"/portal/mandates/{mandate_id}").status_code == 403
    for path, data in ACTION_POSTS:
        assert client.get(f"/portal/mandates/{mandate_id}/{path}").status_code == 403, path
        response = client.post(f"/portal/mandates/{mandate_id}/{path}", data={**data, "csrf_token": token(client)})
        assert response.status_code == 403, path
    assert snapshot(session) == before


@pytest.mark.parametrize("mandate_id", ["00000000-0000-4000-8000-000000000000", "1", "x" * 300, "../admin"])
def test_M05_unknown_ids_are_not_found(demo: DemoWorld, client: FlaskClient, session: Session, mandate_id: str) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    before = snapshot(session)
    assert client.get(f"/portal/mandates/{mandate_id}").status_code in (403, 404)
    response = client.post(f"/portal/mandates/{mandate_id}/stop", data={"csrf_token": token(client)})
    assert response.status_code in (403, 404)
    assert snapshot(session) == before


def test_M05_party_fields_in_the_form_are_ignored(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    """The acting party comes from the login's entry choice: a party id slipped into the form changes nothing."""
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    barocy = session.scalar(select(Party).where(Party.name == "BAROCY"))
    assert barocy is not None
    injected = {name: str(barocy.id) for name in ("acting_for", "party", "party_id", "mandator", "mandator_id")}
    # Emmaüs → PARKWIND, with every field name an attacker might try set to BAROCY.
    response = create(client, {**create_form(demo.today, "BE 0844.796.259"), **injected})
    assert response.status_code == 303
    session.expire_all()
    created = session.scalar(select(Mandate).order_by(Mandate.number.desc()).limit(1))
    assert created is not None
    assert (created.mandator.name, created.mandatee.name) == ("Emmaüs", "PARKWIND")
    assert barocy.id not in (created.mandator_id, created.mandatee_id)


def test_M05_a_mandate_between_two_other_parties_cannot_be_created(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    """Whatever the form says, the login's party is one side: naming itself as counterparty is refused."""
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    before = snapshot(session)
    response = client.post(
        "/portal/mandates/new/confirm",
        data={
            **create_form(demo.today + dt.timedelta(days=1), "BE 0411.515.075", role="mandatee"),
            "accept_contract": "yes",
            "csrf_token": token(client),
        },
    )
    assert response.status_code == 422
    assert snapshot(session) == before
    assert client.get(DASHBOARD).status_code == 200
