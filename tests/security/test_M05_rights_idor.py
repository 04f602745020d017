"""M05 for user rights: BAROCY's local administrator edits organisation, user or right ids in the URL or form to
grant or end a right elsewhere. Every such request is 403, nothing is written, and the refusal is audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import PWC, DemoWorld
from mandate_resolver.registry.models import AuditEntry, Party, User, UserRight
from mandate_resolver.registry.rights import RightsService
from tests.login_helpers import hidden
from tests.portal_support import sign_in

BAROCY = "kbo:0806154033"
EMMAUS = "kbo:0411515075"


def _user(session: Session, username: str) -> int:
    found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None
    return found


def _right(session: Session, username: str, organisation: str) -> int:
    party = session.scalar(select(Party.id).where(Party.identifier == organisation.split(":")[1]))
    found = session.scalar(
        select(UserRight.id).where(UserRight.user_id == _user(session, username), UserRight.organisation_id == party)
    )
    assert found is not None
    return found


# Each case: the path an edited URL or form leads to.
CASES: dict[str, Callable[[Session], str]] = {
    "grant at another organisation": lambda s: f"/rights/{EMMAUS}/users/{_user(s, 'sammy')}/grant",
    "grant to another organisation's user": lambda s: f"/rights/{BAROCY}/users/{_user(s, 'sammy')}/grant",
    "grant to a made-up user": lambda s: f"/rights/{BAROCY}/users/987654/grant",
    "grant at an unknown organisation": lambda s: f"/rights/kbo:0477777755/users/{_user(s, 'marc')}/grant",
    "grant with an injected organisation": lambda s: (
        f"/rights/kbo:0806154033' OR '1'='1/users/{_user(s, 'marc')}/grant"
    ),
    "end another organisation's right there": lambda s: f"/rights/{EMMAUS}/rights/{_right(s, 'sammy', EMMAUS)}/end",
    "end another organisation's right here": lambda s: f"/rights/{BAROCY}/rights/{_right(s, 'sammy', EMMAUS)}/end",
    "end ines' PwC right through BAROCY": lambda s: (
        f"/rights/{BAROCY}/rights/{_right(s, 'ines', f'kbo:{PWC.value}')}/end"
    ),
    "end a made-up right": lambda s: f"/rights/{BAROCY}/rights/987654/end",
    "change another organisation's right": lambda s: f"/rights/{BAROCY}/rights/{_right(s, 'sammy', EMMAUS)}/change",
}


def _snapshot(session: Session) -> list[tuple[int, int, int, str, object, object, int, int]]:
    session.expire_all()
    return [
        (
            r.id,
            r.user_id,
            r.organisation_id,
            r.right.value,
            r.valid_from,
            r.valid_until,
            len(r.mandate_types),
            len(r.mandators),
        )
        for r in session.scalars(select(UserRight).order_by(UserRight.id))
    ]


@pytest.mark.parametrize("case", list(CASES))
def test_M05_rights_of_another_organisation_are_refused(
    client: FlaskClient, demo: DemoWorld, session: Session, case: str
) -> None:
    sign_in(client, "lotte", next_url="/rights")
    own_form = client.get(f"/rights/{BAROCY}/users/{_user(session, 'marc')}/grant").get_data(as_text=True)
    token = hidden(own_form, "csrf_token")
    path = CASES[case](session)
    before = _snapshot(session)
    today = RightsService(session).today().isoformat()
    assert client.get(path).status_code == 403
    response = client.post(
        path,
        data={
            "csrf_token": token,
            "kind": "ssm_mandaatbeheerder",
            "valid_from": today,
            "valid_until": today,
        },
    )
    assert response.status_code == 403
    assert "Traceback" not in response.get_data(as_text=True)
    assert _snapshot(session) == before
    refused = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "rights.refused")))
    assert len(refused) == 2  # the GET and the POST
    assert all(entry.actor_user_id == _user(session, "lotte") for entry in refused)
    assert not list(
        session.scalars(select(AuditEntry).where(AuditEntry.action.in_(["rights.granted", "rights.ended"])))
    )


def test_M05_the_organisation_is_rechecked_on_every_request(
    client: FlaskClient, demo: DemoWorld, session: Session
) -> None:
    """A local administrator whose role ends mid-session loses the pages at once, form in hand."""
    from mandate_resolver.registry.models import LocalAdministrator

    sign_in(client, "lotte", next_url="/rights")
    path = f"/rights/{BAROCY}/users/{_user(session, 'marc')}/grant"
    form = client.get(path).get_data(as_text=True)
    for row in session.scalars(select(LocalAdministrator)):
        session.delete(row)
    session.commit()
    before = _snapshot(session)
    response = client.post(
        path,
        data={"csrf_token": hidden(form, "csrf_token"), "kind": "ssm_mandaatbeheerder", "valid_from": "2099-01-01"},
    )
    assert response.status_code == 403
    assert _snapshot(session) == before
