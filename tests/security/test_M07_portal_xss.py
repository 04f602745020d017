"""M07 on the portal: a party name and a mandate reference holding markup are shown as text on the
dashboard, the detail and action pages, the history, the create flow and the lookup's choices."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Mandate, Party, User
from tests.idp.portal.pages import DASHBOARD, check, create_form
from tests.portal_support import enter, sign_in

PAYLOADS = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>']


def _id(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


def _poison(session: Session, demo: DemoWorld, payload: str) -> None:
    barocy = session.scalar(select(Party).where(Party.name == "BAROCY"))
    mandate = session.scalar(select(Mandate).where(Mandate.id == _id(demo, "emmaus-barocy-wse")))
    marc = session.scalar(select(User).where(User.username == "marc"))
    assert barocy is not None and mandate is not None and marc is not None
    barocy.name = payload + " BAROCY"
    mandate.reference = payload
    session.commit()
    # An event written under the poisoned name: the history shows "ondertekend door Marc Verhoeven (<name>)".
    service = MandateService(session)
    service.sign_mandate(Actor.from_user(marc), barocy.id, _id(demo, "emmaus-barocy-subsidy"), accept_contract=True)
    service.commit()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_M07_portal_pages_escape_names_and_references(
    demo: DemoWorld, client: FlaskClient, session: Session, payload: str
) -> None:
    _poison(session, demo, payload)
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    pages = {
        "dashboard": client.get(DASHBOARD),
        "search": client.get(DASHBOARD, query_string={"q": payload}),
        "detail": client.get(f"/portal/mandates/{_id(demo, 'emmaus-barocy-wse')}"),
        "history": client.get(f"/portal/mandates/{_id(demo, 'emmaus-barocy-subsidy')}"),
        "action": client.get(f"/portal/mandates/{_id(demo, 'emmaus-barocy-wse')}/stop"),
        "create by name": check(client, create_form(demo.today, "BAROCY")),
        "create typed": check(client, create_form(demo.today, payload)),
    }
    for name, response in pages.items():
        html = response.get_data(as_text=True)
        assert payload not in html, name
        assert "&lt;" in html, name
    # The lookup's JSON carries the name as data; the script puts it in the page with textContent.
    assert (
        client.get("/portal/parties", query_string={"q": "barocy"}).get_json()["parties"][0]["name"].startswith(payload)
    )
