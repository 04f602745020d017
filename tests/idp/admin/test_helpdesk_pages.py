"""The helpdesk pages: search, a party's mandates, rights and login decisions, a mandate's history, and
"why was X not offered to Y?" next to what the resolver chain really offers."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.audit import record
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Application, Party, User
from tests.portal_support import sign_in


def _party(session: Session, name: str) -> Party:
    party = session.scalar(select(Party).where(Party.name == name))
    assert party is not None
    return party


def _application(session: Session, client_id: str) -> Application:
    application = session.scalar(select(Application).where(Application.client_id == client_id))
    assert application is not None
    return application


def test_search_by_name_number_and_username(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "helpdesk")
    by_name = client.get("/helpdesk?q=baro&lang=en").get_data(as_text=True)
    assert "BAROCY" in by_name
    by_number = client.get("/helpdesk?q=BE+0411.515.075").get_data(as_text=True)
    assert "Emmaüs" in by_number and "BAROCY" not in by_number
    insz = demo.user("ines").insz
    by_insz = client.get(f"/helpdesk?q={insz[:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:]}").get_data(
        as_text=True
    )
    assert "Ines Claes" in by_insz and "Bart Baert" not in by_insz
    by_username = client.get("/helpdesk?q=bart").get_data(as_text=True)
    assert "Bart Baert" in by_username
    nothing = client.get("/helpdesk?q=%25%25zz&lang=en").get_data(as_text=True)
    assert "Nothing found." in nothing


def test_a_person_with_mandates_rights_and_login_decisions(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    bart = session.scalar(select(User).where(User.username == "bart"))
    assert bart is not None
    record(
        session,
        actor_user_id=bart.id,
        subject_user_id=bart.id,
        action="login.selection_refused",
        target="demo-rp",
        detail={"reason": "not confirmed"},
    )
    session.commit()
    sign_in(client, "helpdesk")
    page = client.get(f"/helpdesk/parties/{bart.person_id}?lang=en").get_data(as_text=True)
    assert "SSM mandate executor" in page and "BAROCY" in page and "subsidy_application" in page
    assert "login.selection_refused" in page and "not confirmed" in page
    # The only form is a GET form.
    assert 'method="post"' not in page.replace('action="/login/logout"', "")
    barocy = _party(session, "BAROCY")
    organisation = client.get(f"/helpdesk/parties/{barocy.id}?lang=en").get_data(as_text=True)
    assert "Emmaüs" in organisation and "Interuniversitair" in organisation  # its mandates
    assert "Lotte Janssens" in organisation  # its local administrator
    assert client.get("/helpdesk/parties/999999").status_code == 404
    assert client.get("/helpdesk/parties/99999999999999999999").status_code == 404
    assert client.get("/helpdesk/mandates?after=99999999999999999999&status=nonsense").status_code == 200


def test_a_mandate_with_its_history(demo: DemoWorld, client: FlaskClient) -> None:
    stopped = next(m for m in demo.mandates if m.slug == "emmaus-pwc-wse")
    sign_in(client, "helpdesk")
    page = client.get(f"/helpdesk/mandates/{stopped.id}?lang=en").get_data(as_text=True)
    assert "Stopped" in page and "Sammy Roos" in page
    assert client.get("/helpdesk/mandates/not-a-mandate").status_code == 404
    listing = client.get("/helpdesk/mandates?q=EMM-WSE-001&lang=en").get_data(as_text=True)
    assert "Emmaüs" in listing and "BAROCY" in listing


def test_why_was_a_mandate_not_offered(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    bart = _party(session, "Bart Baert")
    saml_app = _application(session, "https://demo-sp.example/saml")
    sign_in(client, "helpdesk")
    page = client.get(f"/helpdesk/explain?party={bart.id}&application={saml_app.id}&lang=en").get_data(as_text=True)
    rows = dict(re.findall(r"<td><code>([a-z_]+)</code></td>\s*<td>([^<]+)</td>", page))
    assert rows  # the explained mandates of BAROCY
    # The demo SAML service does not accept the WSE Loket: every wse_loket mandate says so.
    assert "The application does not accept this mandate type." in page
    # Emmaüs' subsidy mandate to BAROCY awaits BAROCY's signature.
    assert "Not yet signed by both parties." in page
    # The Provincialaat's subsidy mandate starts in a month.
    assert "The start date is in the future." in page
    oidc_app = _application(session, "demo-rp")
    offered = client.get(f"/helpdesk/explain?party={bart.id}&application={oidc_app.id}&lang=en").get_data(as_text=True)
    assert "through the SSM mandate executor right" in offered
    # What the chain offers is shown too: the three mandators reached through BAROCY.
    assert offered.count("via BAROCY") == 3 and "As a citizen" in offered
    assert "But the chain does not show it" not in offered  # the chain agrees with the explanation
    assert client.get(f"/helpdesk/explain?party={bart.id}&application=999999").status_code == 404
    barocy = _party(session, "BAROCY")
    assert client.get(f"/helpdesk/explain?party={barocy.id}&application={oidc_app.id}").status_code == 404


def test_the_legal_representative_feature_is_explained(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    pieter = _party(session, "Pieter De Smet")
    oidc_app = _application(session, "demo-rp")
    oidc_app.legal_representatives = False
    session.commit()
    sign_in(client, "helpdesk")
    page = client.get(f"/helpdesk/explain?party={pieter.id}&application={oidc_app.id}&lang=en").get_data(as_text=True)
    assert "the application does not accept legal representatives" in page
