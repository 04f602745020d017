"""Every refusal of the create form: a translated message on its field, 422, and nothing written."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import make_kbo
from mandate_resolver.registry.demo import DemoWorld
from tests.idp.portal.pages import check, confirm, create_form, snapshot
from tests.portal_support import enter, sign_in

TODAY = dt.date.today()
# Emmaüs gives PARKWIND nothing yet: a free pair for the WSE Loket.
PARKWIND = "BE 0844.796.259"


def _field_error(page: str, field: str) -> str:
    marker = f'id="{field}-error">'
    assert marker in page, page[:6000]
    start = page.index(marker) + len(marker)
    return page[start : page.index("</p>", start)]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"valid_from": "31/02/2026"}, "valid_from", "Dit is geen geldige datum"),
        ({"valid_from": ""}, "valid_from", "Vul dit veld in."),
        ({"valid_from": (TODAY - dt.timedelta(days=1)).isoformat()}, "valid_from", "in het verleden"),
        ({"valid_until": (TODAY - dt.timedelta(days=2)).isoformat()}, "valid_until", "vóór de startdatum"),
        ({"valid_until": "morgen"}, "valid_until", "Dit is geen geldige datum"),
        ({"counterparty": "0411515076"}, "counterparty", "de controlecijfers kloppen niet"),
        ({"counterparty": make_kbo(7_654_321).display}, "counterparty", "Er is geen partij met dit nummer gekend."),
        ({"counterparty": "Nergensmee BV"}, "counterparty", "Geen onderneming met deze naam gevonden"),
        ({"counterparty": "BE 0411.515.075"}, "counterparty", "verschillende partijen"),
        ({"mandate_type": "tax_return"}, "mandate_type", "laat deze soort partij (onderneming) niet toe"),
        ({"counterparty": "80.06.18-175.xx"}, "counterparty", "het bevat tekens die niet toegelaten zijn"),
        ({"mandate_type": "no_such_type"}, "mandate_type", "Dit mandaattype bestaat niet."),
        ({"mandate_type": ""}, "mandate_type", "Kies een mandaattype."),
        ({"role": "boss"}, "role", "Kies of u mandaatgever of mandaatnemer bent."),
        ({"counterparty_email": "not-an-address"}, "counterparty_email", "is geen e-mailadres"),
        ({"reference": "x" * 101}, "reference", "langer dan 100 tekens"),
        ({"language": "xx"}, "language", "Kies Nederlands, Frans, Duits of Engels."),
        ({"counterparty": "BE 0806.154.033"}, "counterparty", "Er bestaat al een mandaat van dit type"),
    ],
)
def test_a_refused_field_is_marked_and_nothing_is_written(
    demo: DemoWorld, client: FlaskClient, session: Session, changes: dict[str, str], field: str, message: str
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    before = snapshot(session)
    response = check(client, {**create_form(TODAY, PARKWIND), **changes})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in _field_error(page, field)
    assert 'aria-invalid="true"' in page and 'role="alert"' in page
    assert snapshot(session) == before


def test_the_counterparty_kind_rule_is_shown_on_the_counterparty(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    before = snapshot(session)
    # The WSE Loket is organisation to organisation: a person as mandatee is refused.
    response = check(client, create_form(TODAY, demo.user("jan").insz))
    assert response.status_code == 422
    message = _field_error(response.get_data(as_text=True), "counterparty")
    assert message == "Dit mandaattype laat deze soort partij (natuurlijke persoon) niet toe als mandaatnemer."
    assert snapshot(session) == before


def test_errors_follow_the_page_language(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    client.get("/portal/mandates?lang=fr")
    response = check(client, create_form(TODAY, "0411515076"))
    assert "les chiffres de contrôle ne correspondent pas" in _field_error(
        response.get_data(as_text=True), "counterparty"
    )


def test_the_contract_must_be_accepted_at_confirmation(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    page = check(client, create_form(TODAY, PARKWIND))
    assert page.status_code == 200
    before = snapshot(session)
    refused = confirm(client, page, accept=False)
    assert refused.status_code == 422
    assert "U moet de voorwaarden aanvaarden." in _field_error(refused.get_data(as_text=True), "accept_contract")
    assert snapshot(session) == before


def test_a_rule_broken_between_the_two_steps_is_caught_at_confirmation(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    """The confirmation page's hidden fields are input like any other: checked again by the service."""
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    page = check(client, create_form(TODAY, PARKWIND))
    tampered = re.sub(
        r'name="valid_from" value="[^"]*"', 'name="valid_from" value="2001-01-01"', page.get_data(as_text=True)
    )
    before = snapshot(session)
    response = confirm(client, tampered)
    assert response.status_code == 422
    assert "in het verleden" in _field_error(response.get_data(as_text=True), "valid_from")
    assert snapshot(session) == before


def test_only_types_for_this_kind_of_party_are_offered(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "jan")
    enter(client, "own")
    page = client.get("/portal/mandates/new").get_data(as_text=True)
    # Jan is a person: the tax return type allows persons; WSE Loket and subsidies are for organisations only.
    assert 'value="tax_return"' in page
    assert 'value="wse_loket"' not in page and 'value="subsidy_application"' not in page
