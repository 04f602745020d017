"""The dashboard: the four lists, search by number, name, type, status and dates, and pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import make_kbo
from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Party, PartyKind, User
from tests.idp.portal.pages import DASHBOARD, section
from tests.portal_support import enter, sign_in


def _mandate_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r">Mand(?:aat|ate|at) (\d+)</a>", html)]


def _many_counterparties(session: Session, demo: DemoWorld, count: int) -> list[int]:
    """``count`` mandates Emmaüs proposes to new client enterprises, created through the service."""
    emmaus = session.scalar(select(Party).where(Party.name == "Emmaüs"))
    sammy = session.scalar(select(User).where(User.username == "sammy"))
    assert emmaus is not None and sammy is not None
    clients = [
        Party(
            kind=PartyKind.ORGANISATION,
            scheme="kbo",
            identifier=make_kbo(5_000_000 + i).value,
            name=f"Klant {i:02d} BV",
            target_group="EA",
        )
        for i in range(count)
    ]
    session.add_all(clients)
    session.flush()
    service = MandateService(session)
    numbers = [
        service.create_mandate(
            Actor.from_user(sammy),
            emmaus.id,
            role="mandator",
            counterparty=client.id,
            mandate_type_code="wse_loket",
            valid_from=demo.today,
            reference=f"REF-{i:02d}",
            accept_contract=True,
        ).number
        for i, client in enumerate(clients)
    ]
    service.commit()
    return numbers


def test_the_four_lists_of_the_demo(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    page = client.get(DASHBOARD).get_data(as_text=True)
    assert "Emmaüs lets" not in page  # descriptions are the demo's, not shown
    assert "EMM-WSE-001" in section(page, "active")  # the seeds' WSE Loket mandate to BAROCY
    assert "PARKWIND" in section(page, "to_sign")  # proposed by PARKWIND, Emmaüs signs
    assert "EMM-SUB-2026" in section(page, "awaiting_other")  # awaiting BAROCY
    assert "U hebt geen overdracht in afwachting." in section(page, "awaiting_transfer")
    # Stopped and expired mandates are in no list of the dashboard.
    assert "DELOITTE" not in page.split('id="list-active"')[1]


def test_barocy_sees_the_transfer_it_must_accept(demo: DemoWorld, client: FlaskClient) -> None:
    sign_in(client, "marc")
    enter(client, "BAROCY")
    page = client.get(DASHBOARD).get_data(as_text=True)
    assert "PARKWIND" in section(page, "awaiting_transfer")
    assert "Overdracht aan BAROCY in afwachting" in section(page, "awaiting_transfer")


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "EMM-WSE"}, ["EMM-WSE-001"], ["EMM-SUB-2026"]),
        ({"q": "barocy"}, ["EMM-WSE-001", "EMM-SUB-2026"], ["PARKWIND"]),
        ({"q": "0806.154.033"}, ["EMM-WSE-001", "EMM-SUB-2026"], ["PARKWIND"]),
        ({"type": "subsidy_application"}, ["EMM-SUB-2026", "PARKWIND"], ["EMM-WSE-001"]),
        ({"status": "stopped"}, ["PricewaterhouseCoopers"], ["EMM-WSE-001"]),
        ({"status": "expired"}, ["DELOITTE"], ["EMM-WSE-001"]),
        ({"list": "to_sign"}, ["PARKWIND"], ["EMM-WSE-001"]),
    ],
)
def test_search(
    demo: DemoWorld, client: FlaskClient, query: dict[str, str], expected: list[str], absent: list[str]
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    response = client.get(DASHBOARD, query_string=query)
    assert response.status_code == 200
    results = response.get_data(as_text=True).split('id="list-')[1]
    for text in expected:
        assert text in results
    for text in absent:
        assert text not in results


def test_search_by_mandate_number_and_dates(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    numbers = _many_counterparties(session, demo, 1)
    page = client.get(DASHBOARD, query_string={"q": str(numbers[0])}).get_data(as_text=True)
    assert _mandate_numbers(page.split('id="list-')[1]) == numbers
    # Valid in a window long past: only the expired mandate to Deloitte (and the stopped one) overlap it.
    past = (demo.today - dt.timedelta(days=390)).isoformat()
    page = client.get(DASHBOARD, query_string={"from": past, "until": past}).get_data(as_text=True)
    results = page.split('id="list-')[1]
    assert "DELOITTE" in results and "EMM-WSE-001" not in results


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"from": "32/13/2026"}, "from", "Dit is geen geldige datum"),
        ({"status": "<script>"}, "status", "Deze status bestaat niet."),
        ({"list": "everything"}, "list", "Deze lijst bestaat niet."),
        ({"from": "2026-05-01", "until": "2026-04-01"}, "until", "De einddatum ligt vóór de startdatum."),
    ],
)
def test_bad_search_input_is_a_clear_error(
    demo: DemoWorld, client: FlaskClient, query: dict[str, str], field: str, message: str
) -> None:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    response = client.get(DASHBOARD, query_string=query)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="{field}-error">{message}' in page
    assert "<script>" not in page


def test_every_list_pages(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    numbers = _many_counterparties(session, demo, 27)
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    # The dashboard shows ten per list, newest first, and links to the list's next page.
    page = client.get(DASHBOARD).get_data(as_text=True)
    awaiting = section(page, "awaiting_other")
    assert _mandate_numbers(awaiting) == sorted(numbers, reverse=True)[:10]
    assert "Aantal: 28" in awaiting  # 27 and the demo's subsidy mandate to BAROCY
    link = re.search(r'href="([^"]+)" rel="next"', awaiting)
    assert link is not None
    seen: list[int] = []
    url: str | None = link.group(1).replace("&amp;", "&")
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += _mandate_numbers(html.split('id="list-')[1])
        following = re.search(r'href="([^"]+)" rel="next"', html)
        url = following.group(1).replace("&amp;", "&") if following else None
    # The first ten, then pages of 25 from the link on: every mandate once, newest first.
    assert _mandate_numbers(awaiting) + seen == _all_awaiting(session, demo)
    assert set(numbers) <= set(seen) | set(_mandate_numbers(awaiting))


def _all_awaiting(session: Session, demo: DemoWorld) -> list[int]:
    from mandate_resolver.registry.queries import Listing, MandateQuery, search_mandates

    emmaus = session.scalar(select(Party).where(Party.name == "Emmaüs"))
    assert emmaus is not None
    query = MandateQuery(emmaus.id, listing=Listing.AWAITING_OTHER, limit=200, today=demo.today)
    return [m.number for m in search_mandates(session, query).mandates]


def test_search_results_page_with_the_search_kept(demo: DemoWorld, client: FlaskClient, session: Session) -> None:
    numbers = _many_counterparties(session, demo, 30)
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    first = client.get(DASHBOARD, query_string={"q": "Klant"}).get_data(as_text=True)
    assert "Aantal: 30" in first
    assert _mandate_numbers(first.split('id="list-')[1]) == sorted(numbers, reverse=True)[:25]
    link = re.search(r'href="([^"]+)" rel="next"', first)
    assert link is not None and "q=Klant" in link.group(1)
    second = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert _mandate_numbers(second.split('id="list-')[1]) == sorted(numbers, reverse=True)[25:]
    assert 'rel="next"' not in second and "Eerste pagina" in second


def test_rows_to_sign_and_active_rows_can_be_selected_for_grouped_actions(
    demo: DemoWorld, client: FlaskClient, app: Flask
) -> None:
    """The grouped actions' contract: a labelled ``mandate_id`` checkbox per row, in a form posting to them."""
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    page = client.get(DASHBOARD).get_data(as_text=True)
    to_sign = next(m.id for m in demo.mandates if m.slug == "emmaus-parkwind-subsidy")
    active = next(m.id for m in demo.mandates if m.slug == "emmaus-barocy-wse")
    for listing, mandate_id, endpoint in (
        ("to_sign", to_sign, "portal.bulk_sign"),
        ("active", active, "portal.bulk_stop"),
    ):
        html = section(page, listing)
        box = re.search(rf'<input type="checkbox" name="mandate_id" value="{mandate_id}" id="([^"]+)">', html)
        if endpoint in app.view_functions:
            assert box is not None, listing
            assert f'<label class="visually-hidden" for="{box.group(1)}">' in html
            with app.test_request_context():
                assert f'action="{url_for(endpoint)}"' in html
        else:
            assert box is None
    # The other lists have no selection.
    assert 'name="mandate_id"' not in section(page, "awaiting_other")
