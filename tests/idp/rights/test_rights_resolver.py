"""A right granted on the local administrator's page counts for the next login at once, and an ended one no longer:
the resolver chain reads the same registry (``mandate_resolver.ssm``), with nothing cached in between."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.selection.service import application, policy_of, subject_of
from mandate_resolver.chain import ResolverChain
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import RightKind, User, UserRight
from mandate_resolver.registry.rights import RightsService
from mandate_resolver.types import MandateOption
from tests.login_helpers import follow, hidden
from tests.portal_support import sign_in

BAROCY = "kbo:0806154033"


def via_barocy(app: Flask, session: Session, username: str) -> set[str]:
    """The mandators marc may log in for at the demo WSE Loket application, through BAROCY."""
    session.expire_all()
    user = session.scalar(select(User).where(User.username == username))
    rp = application(session, "demo-rp")
    assert user is not None and rp is not None
    chain: ResolverChain = app.extensions["idp.chain"]
    result = chain.resolve_options(subject_of(user), policy_of(session, rp, "nl", RightsService(session).today()))
    assert not result.failures, result.failures
    return {
        option.mandator.name
        for option in result.options
        if isinstance(option, MandateOption) and option.mandatee.id == "0806154033"
    }


def test_a_granted_executor_right_is_offered_at_once_and_an_ended_one_no_longer(
    app: Flask, client: FlaskClient, demo: DemoWorld, session: Session
) -> None:
    assert via_barocy(app, session, "marc") == set()  # a mandate manager, not an executor
    sign_in(client, "lotte", next_url="/rights")
    marc = session.scalar(select(User.id).where(User.username == "marc"))
    grant_path = f"/rights/{BAROCY}/users/{marc}/grant"
    form = client.get(grant_path).get_data(as_text=True)
    response = client.post(
        grant_path,
        data={
            "csrf_token": hidden(form, "csrf_token"),
            "kind": "ssm_mandaatuitvoerder",
            "valid_from": RightsService(session).today().isoformat(),
            "mandate_types": "wse_loket",
        },
    )
    assert follow(client, response).status_code == 200
    offered = via_barocy(app, session, "marc")
    assert "Emmaüs" in offered and "Interuniversitair Micro-Electronica Centrum (IMEC)" in offered

    right = session.scalar(
        select(UserRight.id).where(UserRight.user_id == marc, UserRight.right == RightKind.MANDATE_EXECUTOR)
    )
    end_path = f"/rights/{BAROCY}/rights/{right}/end"
    confirm = client.get(end_path).get_data(as_text=True)
    assert client.post(end_path, data={"csrf_token": hidden(confirm, "csrf_token")}).status_code == 303
    assert via_barocy(app, session, "marc") == set()


def test_an_executor_right_limited_to_one_mandator_offers_that_mandator_only(
    app: Flask, client: FlaskClient, demo: DemoWorld, session: Session
) -> None:
    sign_in(client, "lotte", next_url="/rights")
    marc = session.scalar(select(User.id).where(User.username == "marc"))
    grant_path = f"/rights/{BAROCY}/users/{marc}/grant"
    form = client.get(grant_path).get_data(as_text=True)
    response = client.post(
        grant_path,
        data={
            "csrf_token": hidden(form, "csrf_token"),
            "kind": "ssm_mandaatuitvoerder",
            "valid_from": RightsService(session).today().isoformat(),
            "mandate_types": "wse_loket",
            "mandators": "BE 0411.515.075",
        },
    )
    assert response.status_code == 303
    assert via_barocy(app, session, "marc") == {"Emmaüs"}
