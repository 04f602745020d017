"""M16: the helpdesk reads mandates in the helpdesk and acts for nobody in the portal: it cannot enter the
portal for any party, and no action URL changes anything for it."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.portal.models import PortalEntry
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Party
from tests.idp.portal.pages import ACTION_POSTS, create_form, snapshot
from tests.portal_support import csrf, post, sign_in


def test_M16_helpdesk_cannot_enter_the_portal(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "helpdesk")
    page = client.get("/portal/enter").get_data(as_text=True)
    assert "Als helpdeskmedewerker leest u mandaten in de helpdesk" in page
    assert 'name="party"' not in page
    for name in ("Emmaüs", "BAROCY", "Hilde Vermeulen"):
        party = session.scalar(select(Party).where(Party.name == name))
        assert party is not None
        assert post(client, "/portal/enter", {"party": str(party.id)}, token_from="/logout").status_code == 403
    assert session.scalar(select(PortalEntry)) is None


def test_M16_helpdesk_changes_nothing_through_any_action_url(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "helpdesk")
    # The helpdesk's portal pages have no form; the logout page gives this session's token.
    token = csrf(client, "/logout")
    before = snapshot(session)
    for mandate in demo.mandates:
        assert client.get(f"/portal/mandates/{mandate.id}").status_code in (303, 403)
        for path, data in ACTION_POSTS:
            response = client.post(f"/portal/mandates/{mandate.id}/{path}", data={**data, "csrf_token": token})
            # No party chosen (and none can be): to the entry page, which offers nothing; never a change.
            assert response.status_code in (303, 403), (mandate.slug, path)
            if response.status_code == 303:
                assert response.headers["Location"].endswith("/portal/enter")
    created = client.post(
        "/portal/mandates/new/confirm",
        data={**create_form(demo.today, "BE 0806.154.033"), "accept_contract": "yes", "csrf_token": token},
    )
    assert created.status_code in (303, 403)
    assert created.status_code == 403 or created.headers["Location"].endswith("/portal/enter")
    assert snapshot(session) == before
