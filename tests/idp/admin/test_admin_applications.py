"""Administration of applications: OIDC clients (secret shown once), SAML SPs from metadata, policy edits."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.oidc.clients import check_secret
from idp.oidc.models import OidcClient
from idp.saml.models import ServiceProvider
from idp.saml.testing import TestServiceProvider
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Application, AuditEntry, MandateType
from tests.idp.admin.admin_support import send
from tests.portal_support import sign_in

OIDC_FORM = {
    "name": "Subsidy portal",
    "client_id": "subsidy-portal",
    "redirect_uris": "https://subsidy.example/callback\nhttp://127.0.0.1:9000/cb",
    "post_logout_redirect_uris": "https://subsidy.example/bye",
    "auth_method": "client_secret_basic",
    "mandate_types": ["subsidy_application", "wse_loket"],
    "legal_representatives": "1",
    "allow_citizen": "1",
    "claim_profile": "acm",
}


def _application(session: Session, client_id: str) -> Application | None:
    session.expire_all()
    return session.scalar(select(Application).where(Application.client_id == client_id))


def _type_ids(session: Session, *codes: str) -> set[int]:
    return set(session.scalars(select(MandateType.id).where(MandateType.code.in_(codes))))


def test_the_list_shows_both_protocols(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "admin")
    text = client.get("/admin/applications?lang=en").get_data(as_text=True)
    assert "demo-rp" in text and "https://demo-sp.example/saml" in text
    assert "OIDC" in text and "SAML" in text


def test_a_new_oidc_client_and_its_secret_shown_once(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    response = send(client, "/admin/applications/oidc/new?lang=en", OIDC_FORM)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    secret = re.search(r'<code class="secret">([^<]+)</code>', text)
    assert secret is not None and "never shown again" in text
    session.expire_all()
    oidc = session.get(OidcClient, "subsidy-portal")
    assert oidc is not None and check_secret(oidc, secret.group(1))
    assert oidc.redirect_uris == ["https://subsidy.example/callback", "http://127.0.0.1:9000/cb"]
    application = _application(session, "subsidy-portal")
    assert application is not None and application.legal_representatives and application.allow_citizen
    assert not application.allow_employee and application.claim_profile == "acm"
    assert {t.mandate_type_id for t in application.mandate_types} == _type_ids(
        session, "subsidy_application", "wse_loket"
    )
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.application.created"))
    assert entry is not None and entry.target == "subsidy-portal"
    assert secret.group(1) not in str(entry.detail)  # the secret is never written anywhere
    # Never again: neither the list nor the policy page shows it.
    assert secret.group(1) not in client.get("/admin/applications").get_data(as_text=True)
    assert secret.group(1) not in client.get(f"/admin/applications/{application.id}").get_data(as_text=True)


def test_a_client_secret_is_replaced_once_confirmed_and_shown_once(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "admin")
    first = re.search(
        r'<code class="secret">([^<]+)</code>',
        send(client, "/admin/applications/oidc/new", OIDC_FORM).get_data(as_text=True),
    )
    assert first is not None
    application = _application(session, "subsidy-portal")
    assert application is not None
    path = f"/admin/applications/{application.id}/secret"
    refused = send(client, path + "?lang=en", {})
    assert refused.status_code == 400 and "Confirm that the current secret may stop working." in refused.get_data(
        as_text=True
    )
    session.expire_all()
    oidc = session.get(OidcClient, "subsidy-portal")
    assert oidc is not None and check_secret(oidc, first.group(1))
    replaced = send(client, path, {"confirm": "yes"})
    assert replaced.status_code == 200 and replaced.headers["Cache-Control"] == "no-store"
    second = re.search(r'<code class="secret">([^<]+)</code>', replaced.get_data(as_text=True))
    assert second is not None and second.group(1) != first.group(1)
    session.expire_all()
    oidc = session.get(OidcClient, "subsidy-portal")
    assert oidc is not None and check_secret(oidc, second.group(1)) and not check_secret(oidc, first.group(1))
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.application.secret_replaced"))
    assert entry is not None and entry.target == "subsidy-portal" and second.group(1) not in str(entry.detail)
    assert second.group(1) not in client.get(f"/admin/applications/{application.id}").get_data(as_text=True)
    # A SAML application has no client secret to replace.
    saml = session.scalar(select(Application).where(Application.protocol == "saml"))
    assert saml is not None
    assert send(client, f"/admin/applications/{saml.id}/secret", {"confirm": "yes"}).status_code == 404


def test_oidc_problems_are_explained_and_nothing_is_stored(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "admin")
    bad = {
        **OIDC_FORM,
        "client_id": "demo-rp",
        "redirect_uris": "http://evil.example/cb#frag",
        "auth_method": "private_key_jwt",
        "mandate_types": ["no_such_type"],
    }
    response = send(client, "/admin/applications/oidc/new?lang=fr", bad)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Cet ID client est déjà utilisé." in text
    assert "doit être une URL https complète sans fragment" in text
    assert "private_key_jwt exige une URI JWKS." in text
    assert "Le type de mandat no_such_type n&#39;existe pas." in text
    assert session.get(OidcClient, "demo-rp") is None
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.application.created")) is None


def test_a_saml_sp_from_pasted_metadata(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sp = TestServiceProvider.create("https://tax.example/saml", ["https://tax.example/acs"])
    sign_in(client, "admin")
    form = {"name": "Tax office", "metadata": sp.metadata(), "mandate_types": ["tax_return"], "claim_profile": "eidas"}
    response = send(client, "/admin/applications/saml/new", form)
    assert response.status_code == 303
    registered = session.scalar(select(ServiceProvider).where(ServiceProvider.entity_id == "https://tax.example/saml"))
    assert registered is not None and registered.attribute_profile == "eidas"
    application = _application(session, "https://tax.example/saml")
    assert application is not None and application.name == "Tax office" and application.protocol == "saml"
    # The same entity again is refused: its policy is edited, not silently overwritten.
    again = send(client, "/admin/applications/saml/new?lang=en", {**form, "name": "Other"})
    assert again.status_code == 400 and "is already registered" in again.get_data(as_text=True)
    kept = _application(session, "https://tax.example/saml")
    assert kept is not None and kept.name == "Tax office"


def test_saml_metadata_problems(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    for form, expected in (
        ({"metadata": ""}, "Give a metadata URL or paste the metadata."),
        ({"metadata": "<not-xml"}, "The metadata cannot be used"),
        ({"metadata": '<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'}, "The metadata cannot be used"),
        ({"metadata_url": "http://sp.example/metadata"}, "The metadata URL must be an https URL."),
        # Nothing listens there: a clear message, not a 500.
        ({"metadata_url": "https://127.0.0.1:9/metadata"}, "The metadata could not be fetched (ConnectionError)."),
    ):
        response = send(client, "/admin/applications/saml/new?lang=en", form)
        assert response.status_code == 400, form
        assert expected in response.get_data(as_text=True), form
    assert session.scalar(select(ServiceProvider)) is None


def test_editing_the_policy_and_disabling(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    application = _application(session, "https://demo-sp.example/saml")
    assert application is not None
    path = f"/admin/applications/{application.id}"
    assert client.get(path).status_code == 200
    change = {"mandate_types": ["tax_return"], "allow_employee": "1", "enabled": "1", "claim_profile": "standard"}
    assert send(client, path, change).status_code == 303
    edited = _application(session, "https://demo-sp.example/saml")
    assert edited is not None
    assert {t.mandate_type_id for t in edited.mandate_types} == _type_ids(session, "tax_return")
    assert not edited.allow_citizen and edited.allow_employee and not edited.legal_representatives
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.application.updated"))
    assert entry is not None and "mandate_types" in entry.detail["changed"]  # type: ignore[operator]
    unknown = send(client, path + "?lang=en", {**change, "claim_profile": "secret-profile"})
    assert unknown.status_code == 400 and "Choose a claim profile from the list." in unknown.get_data(as_text=True)
    assert send(client, path + "/enabled", {"enabled": "0"}).status_code == 303
    disabled = _application(session, "https://demo-sp.example/saml")
    assert disabled is not None and not disabled.enabled
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "admin.application.disabled")) is not None
    assert client.get("/admin/applications/999999").status_code == 404
    assert client.get("/admin/applications/99999999999999999999").status_code == 404  # beyond any integer column


def test_an_oidc_clients_claim_profile_is_fixed(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "admin")
    send(client, "/admin/applications/oidc/new", OIDC_FORM)
    application = _application(session, "subsidy-portal")
    assert application is not None
    change = {"mandate_types": ["wse_loket"], "enabled": "1", "claim_profile": "full"}
    response = send(client, f"/admin/applications/{application.id}?lang=en", change)
    assert response.status_code == 400
    assert "An OIDC client's claim profile cannot be changed." in response.get_data(as_text=True).replace("&#39;", "'")
    kept = _application(session, "subsidy-portal")
    assert kept is not None and kept.claim_profile == "acm" and len(kept.mandate_types) == 2


def test_a_saml_profile_change_reaches_the_saml_layer(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sp = TestServiceProvider.create("https://tax.example/saml", ["https://tax.example/acs"])
    sign_in(client, "admin")
    form = {
        "name": "Tax office",
        "metadata": sp.metadata(),
        "mandate_types": ["tax_return"],
        "require_signed_requests": "1",
    }
    assert send(client, "/admin/applications/saml/new", form).status_code == 303
    application = _application(session, "https://tax.example/saml")
    assert application is not None and application.claim_profile == "standard"
    change = {"mandate_types": [], "enabled": "1", "claim_profile": "eidas", "allow_citizen": "1"}
    assert send(client, f"/admin/applications/{application.id}", change).status_code == 303
    session.expire_all()
    registered = session.scalar(select(ServiceProvider).where(ServiceProvider.entity_id == "https://tax.example/saml"))
    assert registered is not None and registered.attribute_profile == "eidas" and registered.require_signed_requests
    edited = _application(session, "https://tax.example/saml")
    assert edited is not None and edited.claim_profile == "eidas" and edited.mandate_types == []
    assert edited.name == "Tax office" and not edited.allow_employee
