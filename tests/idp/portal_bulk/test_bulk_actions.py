"""Signing and stopping many mandates at once: a confirmation page with the texts to accept, then all in one
transaction; a mandate of another party refuses the whole request (M05), and so does a missing CSRF token."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import AuditEntry, Mandate, MandateState, Party, User
from tests.portal_support import DEMO_TODAY, enter, post, sign_in


def _party(session: Session, name: str) -> Party:
    party = session.scalar(select(Party).where(Party.name == name))
    assert party is not None
    return party


def _actor(session: Session, username: str) -> Actor:
    user = session.scalar(select(User).where(User.username == username))
    assert user is not None
    return Actor.from_user(user)


def _proposed_by_barocy(session: Session, count: int) -> list[str]:
    """Mandates BAROCY (Marc) proposes to Emmaüs as mandatee: they wait for Emmaüs's signature."""
    service = MandateService(session)
    barocy, emmaus = _party(session, "BAROCY"), _party(session, "Emmaüs")
    ids = []
    for n in range(count):
        start = DEMO_TODAY + dt.timedelta(days=400 + 10 * n)
        mandate = service.create_mandate(
            _actor(session, "marc"),
            barocy.id,
            role="mandatee",
            counterparty=emmaus.id,
            mandate_type_code="subsidy_application",
            valid_from=start,
            valid_until=start + dt.timedelta(days=5),
            reference=f"BULK-{n}",
            accept_contract=True,
        )
        ids.append(mandate.id)
    service.commit()
    return ids


def _foreign(session: Session) -> str:
    """A mandate Emmaüs is no party to."""
    imec = _party(session, "Interuniversitair Micro-Electronica Centrum (IMEC)")
    mandate = session.scalar(select(Mandate).where(Mandate.mandator_id == imec.id).limit(1))
    assert mandate is not None
    return mandate.id


def _states(session: Session, ids: list[str]) -> list[MandateState]:
    session.expire_all()
    return [m.state for m in session.scalars(select(Mandate).where(Mandate.id.in_(ids)).order_by(Mandate.number))]


@pytest.fixture
def sammy(demo: DemoWorld, client: FlaskClient) -> FlaskClient:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    client.set_cookie("idp_lang", "en")
    return client


def _form(ids: list[str], **extra: str) -> dict[str, object]:
    return {"mandate_id": ids, **extra}


def test_sign_many_after_the_confirmation_page(sammy: FlaskClient, session: Session) -> None:
    ids = _proposed_by_barocy(session, 3)
    review = post(sammy, "/portal/bulk/sign", _form(ids))  # type: ignore[arg-type]
    assert review.status_code == 200
    page = review.get_data(as_text=True)
    assert "You sign these 3 mandates." in page
    assert "I authorise the mandatee to apply for subsidies in my name" in page  # the contract text
    assert sorted(re.findall(r'name="mandate_id" value="([^"]+)"', page)) == sorted(ids)
    assert _states(session, ids) == [MandateState.AWAITING_SIGNATURE] * 3  # the review wrote nothing

    refused = post(sammy, "/portal/bulk/sign/confirm", _form(ids))  # type: ignore[arg-type]
    assert refused.status_code == 400 and "Accept the contract text to sign." in refused.get_data(as_text=True)
    assert _states(session, ids) == [MandateState.AWAITING_SIGNATURE] * 3

    done = post(sammy, "/portal/bulk/sign/confirm", _form(ids, accept="yes"))  # type: ignore[arg-type]
    assert done.status_code == 200 and "3 mandates signed." in done.get_data(as_text=True)
    assert _states(session, ids) == [MandateState.SIGNED] * 3


def test_a_mandate_that_cannot_be_signed_is_shown_and_left_out(sammy: FlaskClient, session: Session) -> None:
    ids = _proposed_by_barocy(session, 2)
    emmaus_signed = session.scalar(select(Mandate).where(Mandate.reference == "EMM-WSE-001"))
    assert emmaus_signed is not None
    page = post(sammy, "/portal/bulk/sign", _form([*ids, emmaus_signed.id])).get_data(as_text=True)  # type: ignore[arg-type]
    assert "1 of the chosen mandates cannot be included" in page
    assert "Not possible: the mandate is active." in page
    assert sorted(re.findall(r'name="mandate_id" value="([^"]+)"', page)) == sorted(ids)
    # Confirming all three anyway changes nothing at all: one transaction.
    response = post(sammy, "/portal/bulk/sign/confirm", _form([*ids, emmaus_signed.id], accept="yes"))  # type: ignore[arg-type]
    assert response.status_code == 409
    assert _states(session, ids) == [MandateState.AWAITING_SIGNATURE] * 2


@pytest.mark.parametrize(
    "step", ["/portal/bulk/sign", "/portal/bulk/sign/confirm", "/portal/bulk/stop", "/portal/bulk/stop/confirm"]
)
def test_M05_a_mandate_of_another_party_refuses_the_whole_request(
    sammy: FlaskClient, session: Session, step: str
) -> None:
    ids = _proposed_by_barocy(session, 2)
    foreign = _foreign(session)
    before = _states(session, [*ids, foreign])
    response = post(sammy, step, _form([*ids, foreign], accept="yes"))  # type: ignore[arg-type]
    assert response.status_code == 403
    assert _states(session, [*ids, foreign]) == before
    made_up = post(sammy, step, _form([ids[0], "00000000-0000-0000-0000-000000000000"], accept="yes"))  # type: ignore[arg-type]
    assert made_up.status_code == 403
    assert _states(session, [*ids, foreign]) == before
    audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "portal.bulk_refused"))
    assert audit is not None and foreign in str(audit.detail)


@pytest.mark.parametrize("step", ["/portal/bulk/sign/confirm", "/portal/bulk/stop/confirm"])
def test_M06_without_the_csrf_token_nothing_changes(sammy: FlaskClient, session: Session, step: str) -> None:
    ids = _proposed_by_barocy(session, 2)
    response = sammy.post(step, data={"mandate_id": ids, "accept": "yes"})
    assert response.status_code == 403
    assert _states(session, ids) == [MandateState.AWAITING_SIGNATURE] * 2
    assert sammy.get(step).status_code == 405


def test_stop_many_with_the_stop_text(sammy: FlaskClient, session: Session) -> None:
    ids = _proposed_by_barocy(session, 2)
    active = session.scalar(select(Mandate).where(Mandate.reference == "EMM-WSE-001"))
    assert active is not None
    chosen = [*ids, active.id]
    page = post(sammy, "/portal/bulk/stop", _form(chosen)).get_data(as_text=True)  # type: ignore[arg-type]
    assert "You stop these 3 mandates, with immediate effect." in page
    assert "I end this mandate with immediate effect" in page  # the stop texts to accept
    refused = post(sammy, "/portal/bulk/stop/confirm", _form(chosen))  # type: ignore[arg-type]
    assert refused.status_code == 400
    assert _states(session, chosen) != [MandateState.STOPPED] * 3
    done = post(sammy, "/portal/bulk/stop/confirm", _form(chosen, accept="yes"))  # type: ignore[arg-type]
    assert done.status_code == 200 and "3 mandates stopped." in done.get_data(as_text=True)
    assert _states(session, chosen) == [MandateState.STOPPED] * 3


def test_nothing_selected_gets_a_message(sammy: FlaskClient) -> None:
    response = post(sammy, "/portal/bulk/sign", {})
    assert response.status_code == 400 and "Select at least one mandate." in response.get_data(as_text=True)


def test_the_dashboard_checkboxes_post_to_the_grouped_sign(sammy: FlaskClient, session: Session) -> None:
    ids = _proposed_by_barocy(session, 2)
    dashboard = sammy.get("/portal/mandates").get_data(as_text=True)
    form = re.search(r'<form method="post" action="(/portal/bulk/sign)"[^>]*>(.*?)</form>', dashboard, re.S)
    assert form is not None, dashboard[:3000]
    offered = re.findall(r'type="checkbox" name="mandate_id" value="([^"]+)"', form.group(2))
    assert set(ids) <= set(offered)
    page = post(sammy, form.group(1), _form(ids))  # type: ignore[arg-type]
    assert page.status_code == 200 and "You sign these 2 mandates." in page.get_data(as_text=True)
