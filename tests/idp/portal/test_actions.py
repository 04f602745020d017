"""The detail page's history and actions: what is offered to whom, and each action's refusals."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DELOITTE, DemoUser, DemoWorld
from mandate_resolver.registry.models import MandateState
from tests.idp.portal.pages import DASHBOARD, act, create, create_form, done, mandate_id_of, section, snapshot, state
from tests.portal_support import enter, form_fields, sign_in


def _id(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


def test_history_shows_future_start_and_expiry(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "marc")
    enter(client, "BAROCY")
    page = client.get(f"/portal/mandates/{_id(demo, 'provincialaat-barocy-subsidy')}").get_data(as_text=True)
    assert "aangemaakt door Marc Verhoeven (BAROCY)" in page
    assert "ondertekend door Koen Verstraete (Provincialaat der Broeders van Liefde)" in page
    start = (demo.today + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    assert f"<td>{start}</td><td>Startdatum in de toekomst</td>" in page


def test_expired_mandate_offers_nothing(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, "emmaus-deloitte-wse")
    page = client.get(f"/portal/mandates/{mandate_id}").get_data(as_text=True)
    end = (demo.today - dt.timedelta(days=35)).strftime("%d/%m/%Y")
    assert f"<td>{end}</td><td>Vervallen</td>" in page
    assert "U kunt met dit mandaat nu niets doen." in page
    assert client.get(f"/portal/mandates/{mandate_id}/stop").status_code == 409


def test_the_creator_cannot_sign_again_and_nothing_is_written(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, "emmaus-barocy-subsidy")  # created by Sammy, awaiting BAROCY
    detail = client.get(f"/portal/mandates/{mandate_id}").get_data(as_text=True)
    assert f"/portal/mandates/{mandate_id}/sign" not in detail
    assert f"/portal/mandates/{mandate_id}/stop" in detail
    page = client.get(f"/portal/mandates/{mandate_id}/sign")
    assert page.status_code == 409
    assert "Dit is voor dit mandaat nu niet mogelijk." in page.get_data(as_text=True)
    before = snapshot(session)
    token = form_fields(detail)["csrf_token"]
    refused = client.post(f"/portal/mandates/{mandate_id}/sign", data={"csrf_token": token, "accept_contract": "yes"})
    assert refused.status_code == 403
    assert snapshot(session) == before


def test_refuse_a_proposal(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, "emmaus-parkwind-subsidy")  # proposed by PARKWIND
    page = done(client, act(client, mandate_id, "refuse"))
    assert "geweigerd door Sammy Roos (Emmaüs)" in page.get_data(as_text=True)
    assert state(session, mandate_id).state == MandateState.REFUSED


def test_extend_refusals(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "marc")
    enter(client, "BAROCY")
    mandate_id = _id(demo, "provincialaat-barocy-wse")  # ends in 275 days
    before = snapshot(session)
    for data, message in (
        ({}, "Vul dit veld in."),
        ({"valid_until": "30/02/2027"}, "Dit is geen geldige datum"),
        ({"valid_until": demo.today.isoformat()}, "De nieuwe einddatum moet later zijn dan de huidige."),
    ):
        response = act(client, mandate_id, "extend", data)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    assert snapshot(session) == before
    done(client, act(client, mandate_id, "extend", {"unlimited": "yes"}))
    assert state(session, mandate_id).valid_until is None


def test_transfer_by_name_without_javascript(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, "emmaus-barocy-wse")
    listed = act(client, mandate_id, "transfer", {"new_mandatee": "deloitte"})
    assert listed.status_code == 422
    page = listed.get_data(as_text=True)
    assert "Kies de partij uit de gevonden partijen hieronder." in page
    assert f'name="new_mandatee_choice" id="choice-1" value="{DELOITTE.value}"' in page
    done(
        client, act(client, mandate_id, "transfer", {"new_mandatee": "deloitte", "new_mandatee_choice": DELOITTE.value})
    )
    mandate = state(session, mandate_id)
    assert mandate.pending_mandatee is not None and mandate.pending_mandatee.identifier == DELOITTE.value
    # The mandator proposed it, so the mandator may withdraw it.
    detail = client.get(f"/portal/mandates/{mandate_id}").get_data(as_text=True)
    assert f"/portal/mandates/{mandate_id}/transfer/cancel" in detail
    done(client, act(client, mandate_id, "transfer/cancel"))
    assert state(session, mandate_id).pending_mandatee_id is None


def test_refuse_a_transfer(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "marc")
    enter(client, "BAROCY")
    mandate_id = _id(demo, "parkwind-deloitte-wse")  # PARKWIND proposes BAROCY as new mandatee
    detail = client.get(f"/portal/mandates/{mandate_id}").get_data(as_text=True)
    assert "/transfer/accept" in detail and "/transfer/refuse" in detail and "/stop" not in detail
    done(client, act(client, mandate_id, "transfer/refuse"))
    mandate = state(session, mandate_id)
    assert mandate.pending_mandatee_id is None and mandate.mandatee.identifier == DELOITTE.value


def test_a_change_made_meanwhile_is_reported_not_overwritten(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    mandate_id = _id(demo, "emmaus-barocy-wse")
    page = client.get(f"/portal/mandates/{mandate_id}/stop").get_data(as_text=True)
    fields = form_fields(page)
    # Meanwhile the other side extends... here: the version moves on.
    mandate = state(session, mandate_id)
    mandate.reference = "changed meanwhile"
    session.commit()
    before = snapshot(session)
    response = client.post(
        f"/portal/mandates/{mandate_id}/stop", data={"csrf_token": fields["csrf_token"], "version": fields["version"]}
    )
    assert response.status_code == 409
    assert "Iemand anders heeft het mandaat intussen gewijzigd." in response.get_data(as_text=True)
    assert snapshot(session) == before


def test_counterparty_lookup(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    by_name = client.get("/portal/parties", query_string={"q": "baro"}).get_json()
    assert [p["name"] for p in by_name["parties"]] == ["BAROCY"]
    assert by_name["parties"][0]["number"] == "BE 0806.154.033"
    by_number = client.get("/portal/parties", query_string={"q": "806154033"}).get_json()
    assert [p["name"] for p in by_number["parties"]] == ["BAROCY"]
    # A person is found by number, never by name; the acting party itself is never offered.
    jan: DemoUser = demo.user("jan")
    assert client.get("/portal/parties", query_string={"q": "Wouters"}).get_json() == {"parties": []}
    assert [p["name"] for p in client.get("/portal/parties", query_string={"q": jan.insz}).get_json()["parties"]] == [
        "Jan Wouters"
    ]
    assert client.get("/portal/parties", query_string={"q": "Emmaüs"}).get_json() == {"parties": []}


def test_every_page_needs_a_login_and_an_entry(demo: DemoWorld, client: FlaskClient) -> None:
    mandate_id = _id(demo, "emmaus-barocy-wse")
    paths = ["/portal/mandates", "/portal/mandates/new", f"/portal/mandates/{mandate_id}", "/portal/parties?q=baro"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"].startswith("/login"), path
    sign_in(client, "sammy")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"] == "/portal/enter", path


def test_create_as_mandatee_and_the_mandator_signs(demo: DemoWorld, app: Flask, client: FlaskClient) -> None:
    """SSM's mutual right of initiative: BAROCY proposes, PARKWIND (its legal representative) signs."""
    sign_in(client, "marc")
    enter(client, "BAROCY")
    data = create_form(demo.today, "PARKWIND", mandate_type="subsidy_application", role="mandatee")
    created = done(client, create(client, {**data, "counterparty_choice": "0844796259"}))
    mandate_id = mandate_id_of(created)
    assert "aangemaakt door Marc Verhoeven (BAROCY)" in created.get_data(as_text=True)
    pieter = app.test_client()
    sign_in(pieter, "pieter")
    enter(pieter, "PARKWIND")
    assert mandate_id in section(pieter.get(DASHBOARD).get_data(as_text=True), "to_sign")
    signed = done(pieter, act(pieter, mandate_id, "sign", {"accept_contract": "yes"}))
    assert "ondertekend door Pieter De Smet (PARKWIND)" in signed.get_data(as_text=True)
