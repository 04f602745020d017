"""Administration of mandate types through the pages: create, edit, (de)activate, delete; every change audited."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import AuditEntry, MandateType
from tests.idp.admin.admin_support import send, session_token, type_form
from tests.portal_support import sign_in


def _type(session: Session, code: str) -> MandateType | None:
    session.expire_all()
    return session.scalar(select(MandateType).where(MandateType.code == code))


def _actions(session: Session) -> list[str]:
    session.expire_all()
    return [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_the_list_shows_the_demo_types_with_their_use(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "admin")
    page = client.get("/admin/mandate-types?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "wse_loket" in text and "tax_return" in text and "subsidy_application" in text
    assert "WSE Loket" in text
    assert page.headers["Cache-Control"] == "no-store"


def test_create_a_type_in_four_languages(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    form = client.get("/admin/mandate-types/new").get_data(as_text=True)
    assert 'name="creation_text_de"' in form and 'name="mandatee_kinds"' in form
    response = send(client, "/admin/mandate-types/new", type_form(number="777"))
    assert response.status_code == 303
    created = _type(session, "subsidy_b")
    assert created is not None and created.active and created.number == 777
    assert {t.language: t.name for t in created.texts}["fr"] == "Subsidie B (fr)"
    assert (created.mandator_person, created.mandator_organisation) == (False, True)
    assert (created.mandatee_person, created.mandatee_organisation) == (True, True)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.mandate_type.created"))
    assert entry is not None and entry.target == "subsidy_b" and entry.actor_user_id is not None


def test_bad_input_gets_every_problem_in_the_users_language(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "admin")
    bad = type_form("wse_loket", number="12a", name_de="", stop_text_en="", mandator_kinds=[])
    response = client.post("/admin/mandate-types/new?lang=nl", data={**bad, "csrf_token": session_token(client)})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "De code wse_loket bestaat al." in text
    assert "Het nummer moet een positief geheel getal zijn." in text
    assert "Geef een naam in elke taal." in text
    assert "Geef de tekst bij het stopzetten in elke taal." in text
    assert "Kies minstens één soort mandaatgever." in text
    assert 'aria-invalid="true"' in text and 'href="#name_de"' in text
    assert _type(session, "subsidy_b") is None
    assert "admin.mandate_type.created" not in _actions(session)


def test_edit_keeps_the_code_and_audits_what_changed(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    page = client.get("/admin/mandate-types/tax_return").get_data(as_text=True)
    assert 'name="code"' not in page  # the code is shown, not editable
    form = type_form("something_else", mandator_kinds=["person"], mandatee_kinds=["organisation", "person"])
    response = send(client, "/admin/mandate-types/tax_return", form)
    assert response.status_code == 303
    edited = _type(session, "tax_return")
    assert edited is not None and {t.language: t.name for t in edited.texts}["en"] == "Subsidie B (en)"
    assert _type(session, "something_else") is None
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.mandate_type.updated"))
    assert entry is not None and entry.target == "tax_return"
    assert "texts.en" in entry.detail["changed"]  # type: ignore[operator]


def test_a_kind_in_use_cannot_be_removed(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    # Maria (a person) gave Jan a tax_return mandate: persons cannot be taken off the mandator side.
    response = send(client, "/admin/mandate-types/tax_return?lang=en", type_form(mandator_kinds=["organisation"]))
    assert response.status_code == 400
    assert "Mandates of this type have such a party on this side" in response.get_data(as_text=True)
    kept = _type(session, "tax_return")
    assert kept is not None and kept.mandator_person


def test_a_type_in_use_is_deactivated_not_deleted(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    refused = send(client, "/admin/mandate-types/wse_loket/delete?lang=en", {"confirm": "1"})
    assert refused.status_code == 409
    assert "deactivate it instead" in refused.get_data(as_text=True)
    assert _type(session, "wse_loket") is not None
    assert send(client, "/admin/mandate-types/wse_loket/active", {"active": "0"}).status_code == 303
    deactivated = _type(session, "wse_loket")
    assert deactivated is not None and not deactivated.active
    assert send(client, "/admin/mandate-types/wse_loket/active", {"active": "1"}).status_code == 303
    assert "admin.mandate_type.deactivated" in _actions(session)
    assert "admin.mandate_type.activated" in _actions(session)
    assert send(client, "/admin/mandate-types/wse_loket/active", {"active": "maybe"}).status_code == 400


def test_an_unused_type_is_deleted_after_confirmation(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    send(client, "/admin/mandate-types/new", type_form("unused_type"))
    unconfirmed = send(client, "/admin/mandate-types/unused_type/delete")
    assert unconfirmed.status_code == 400
    assert _type(session, "unused_type") is not None
    assert send(client, "/admin/mandate-types/unused_type/delete", {"confirm": "1"}).status_code == 303
    assert _type(session, "unused_type") is None
    assert _actions(session)[-1] == "admin.mandate_type.deleted"
    assert client.get("/admin/mandate-types/unused_type").status_code == 404
