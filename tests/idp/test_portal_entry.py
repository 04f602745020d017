"""Entering the portal: own name or one managed enterprise, bound to the login (M17)."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.portal.models import PortalEntry
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import AuditEntry, Party
from tests.portal_support import enter, post, sign_in


def test_without_login_the_portal_sends_to_the_login_page(client: FlaskClient) -> None:
    response = client.get("/portal/mandates")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/login?next=")


def test_sammy_chooses_emmaus_and_the_choice_is_bound_to_the_login(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "sammy")
    page = client.get("/portal/enter").get_data(as_text=True)
    assert "Emmaüs" in page
    assert "BAROCY" not in page  # Sammy manages Emmaüs only
    response = enter(client, "Emmaüs")
    assert response.status_code == 200
    entries = list(session.scalars(select(PortalEntry)))
    assert len(entries) == 1
    emmaus = session.get(Party, entries[0].party_id)
    assert emmaus is not None and emmaus.name == "Emmaüs"
    assert entries[0].capacity == "manager"
    # M17: choosing another party in the same login is refused and audited, and nothing changes.
    own = session.scalar(select(Party).where(Party.name == "Sammy Roos"))
    assert own is not None
    refused = post(client, "/portal/enter", {"party": str(own.id)})
    assert refused.status_code == 403
    session.expire_all()
    assert [e.party_id for e in session.scalars(select(PortalEntry))] == [emmaus.id]
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "portal.entry_refused")) is not None


def test_a_party_the_person_does_not_manage_is_refused(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "sammy")
    barocy = session.scalar(select(Party).where(Party.name == "BAROCY"))
    assert barocy is not None
    response = post(client, "/portal/enter", {"party": str(barocy.id)})
    assert response.status_code == 403
    assert session.scalar(select(PortalEntry)) is None
    assert post(client, "/portal/enter", {"party": "not-a-number"}).status_code == 400


def test_switching_needs_a_new_login(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    response = post(client, "/portal/switch")
    assert response.status_code == 303
    login_page = client.get(response.headers["Location"])
    assert login_page.status_code == 200 and 'name="password"' in login_page.get_data(as_text=True)


def test_the_dashboard_speaks_the_chosen_language(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    expected = {
        "nl": "Mandaten die ik moet ondertekenen",
        "fr": "Mandats que je dois signer",
        "de": "Mandate, die ich unterzeichnen muss",
        "en": "Mandates I must sign",
    }
    for language, title in expected.items():
        page = client.get("/portal/mandates", query_string={"lang": language}).get_data(as_text=True)
        assert f'<html lang="{language}">' in page
        assert title in page


def test_a_legal_representative_enters_as_such(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "pieter")
    assert enter(client, "PARKWIND").status_code == 200
    entry = session.scalar(select(PortalEntry))
    assert entry is not None and entry.capacity == "legal_representative"
    assert "als wettelijk vertegenwoordiger" in client.get("/portal/mandates").get_data(as_text=True)
