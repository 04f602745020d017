"""M17: in the portal a login acts for the one party chosen at entry. Acting for another party, even one the
person could also manage, needs a new login; a party the person may no longer manage is refused at once."""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from idp.portal.models import PortalEntry
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Party, RightKind, User, UserRight
from tests.idp.portal.pages import ACTION_POSTS, DASHBOARD, snapshot, token
from tests.login_helpers import current_totp, follow
from tests.portal_support import enter, form_fields, post, sign_in


def relogin(client: FlaskClient, demo: DemoWorld, username: str, login_url: str) -> None:
    """Log in again on the page the switch sent to (password, then the next period's one-time code)."""
    user = demo.user(username)
    page = client.get(login_url).get_data(as_text=True)
    assert 'name="password"' in page
    response = follow(
        client,
        client.post("/login/password", data={**form_fields(page), "username": username, "password": user.password}),
    )
    text = response.get_data(as_text=True)
    at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    follow(
        client, client.post("/login/totp", data={**form_fields(text), "code": current_totp(user.totp_secret, at=at)})
    )


def _id(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


def test_M17_in_own_name_the_enterprise_s_mandates_are_out_of_reach(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    """Pieter represents PARKWIND by law but entered in his own name: PARKWIND's mandates are refused."""
    sign_in(client, "pieter")
    enter(client, "own")
    mandate_id = _id(demo, "parkwind-deloitte-wse")  # PARKWIND proposed a transfer: Pieter could cancel it
    before = snapshot(session)
    assert client.get(f"/portal/mandates/{mandate_id}").status_code == 403
    for path, data in ACTION_POSTS:
        response = client.post(f"/portal/mandates/{mandate_id}/{path}", data={**data, "csrf_token": token(client)})
        assert response.status_code == 403, path
    assert "PARKWIND" not in client.get(DASHBOARD).get_data(as_text=True).split('id="list-')[1]
    # Choosing PARKWIND in the same login is refused too.
    parkwind = session.scalar(select(Party).where(Party.name == "PARKWIND"))
    assert parkwind is not None
    assert post(client, "/portal/enter", {"party": str(parkwind.id)}).status_code == 403
    assert snapshot(session) == before


def test_M17_after_a_new_login_the_other_party_is_reachable(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "pieter")
    enter(client, "own")
    # Switching: the portal sends to the login page; a new login is a new session without a chosen party.
    switch = post(client, "/portal/switch")
    assert switch.status_code == 303
    relogin(client, demo, "pieter", switch.headers["Location"])
    enter(client, "PARKWIND")
    mandate_id = _id(demo, "parkwind-deloitte-wse")
    assert client.get(f"/portal/mandates/{mandate_id}").status_code == 200
    assert len(list(session.scalars(select(PortalEntry)))) == 2


def test_M17_a_right_ended_mid_session_ends_the_access_at_once(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, "emmaus-barocy-wse")
    page = client.get(f"/portal/mandates/{mandate_id}/stop")
    assert page.status_code == 200
    sammy = session.scalar(select(User).where(User.username == "sammy"))
    assert sammy is not None
    # The local administrator withdraws Sammy's right: it ended yesterday.
    session.execute(
        update(UserRight)
        .where(UserRight.user_id == sammy.id, UserRight.right == RightKind.MANDATE_MANAGER)
        .values(valid_until=demo.today.replace(year=demo.today.year - 1))
    )
    session.commit()
    before = snapshot(session)
    assert client.get(DASHBOARD).status_code == 403
    fields = form_fields(page.get_data(as_text=True))
    response = client.post(
        f"/portal/mandates/{mandate_id}/stop", data={"csrf_token": fields["csrf_token"], "version": fields["version"]}
    )
    assert response.status_code == 403
    assert snapshot(session) == before
