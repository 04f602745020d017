"""The API's operations on the demo world: the portal's operations through the same services, one at a time
and in bulk, with problems per field and per row in the caller's language."""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Mandate, MandateState
from tests.idp.api.support import BAROCY, EMMAUS, LIST_EMMAUS, PWC, Mint, bearer, mandate_id, new_row

TODAY = dt.date.today()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Mandate)) or 0)


def test_mandate_types_are_named_in_the_caller_s_language(client: FlaskClient, mint: Mint) -> None:
    token = mint("sammy")
    french = client.get("/api/v1/mandate-types", headers=bearer(token, **{"Accept-Language": "fr"})).get_json()
    wse = next(t for t in french["mandate_types"] if t["code"] == "wse_loket")
    assert wse["name"] == "Guichet WSE"
    assert wse["number"] == 104 and wse["mandator_kinds"] == ["organisation"] and wse["active"] is True
    tax = next(t for t in french["mandate_types"] if t["code"] == "tax_return")
    assert tax["mandator_kinds"] == ["person"]
    dutch = client.get("/api/v1/mandate-types", headers=bearer(token, **{"Accept-Language": "nl-BE"})).get_json()
    assert next(t for t in dutch["mandate_types"] if t["code"] == "wse_loket")["name"] == "WSE Loket"


def test_me_lists_the_parties_the_user_may_act_for(client: FlaskClient, mint: Mint) -> None:
    me = client.get("/api/v1/me", headers=bearer(mint("sammy"))).get_json()
    assert me["name"] == "Sammy Roos" and me["helpdesk"] is False
    assert EMMAUS in [party["id"] for party in me["parties"]]
    assert BAROCY not in [party["id"] for party in me["parties"]]
    assert [(r["organisation"]["id"], r["right"], r["valid_today"]) for r in me["rights"]] == [
        (EMMAUS, "ssm_mandaatbeheerder", True)
    ]


def test_me_shows_an_executor_right_with_its_mandate_types(client: FlaskClient, mint: Mint) -> None:
    rights = client.get("/api/v1/me", headers=bearer(mint("bart"))).get_json()["rights"]
    executor = [r for r in rights if r["right"] == "ssm_mandaatuitvoerder"]
    assert executor and executor[0]["organisation"]["id"] == BAROCY and "wse_loket" in executor[0]["mandate_types"]


def test_list_pages_follow_next_until_the_end_without_repeats(client: FlaskClient, mint: Mint) -> None:
    token = mint("marc")
    url: str | None = f"/api/v1/parties/{BAROCY}/mandates?limit=2"
    seen: list[str] = []
    pages = 0
    while url is not None:
        response = client.get(url, headers=bearer(token))
        assert response.status_code == 200
        page = response.get_json()
        seen += [m["id"] for m in page["mandates"]]
        assert len(page["mandates"]) <= 2
        if page["next"] is not None:
            assert response.headers["Link"] == f'<{page["next"]}>; rel="next"'
        url = page["next"]
        pages += 1
    assert len(seen) == len(set(seen)) == page["total"] >= 5
    assert pages == (len(seen) + 1) // 2


def test_list_filters_by_listing_status_and_text(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    token = mint("marc")
    to_sign = client.get(f"/api/v1/parties/{BAROCY}/mandates?listing=to_sign", headers=bearer(token)).get_json()
    assert [m["id"] for m in to_sign["mandates"]] == [mandate_id(demo, "emmaus-barocy-subsidy")]
    assert to_sign["mandates"][0]["awaiting_signature_of"] == "mandatee"
    refused = client.get(f"/api/v1/parties/{BAROCY}/mandates?status=refused", headers=bearer(token)).get_json()
    assert {m["status"] for m in refused["mandates"]} == {"refused"}
    found = client.get(f"/api/v1/parties/{BAROCY}/mandates?q=EMM-WSE", headers=bearer(token)).get_json()
    assert [m["reference"] for m in found["mandates"]] == ["EMM-WSE-001"]


def test_one_mandate_with_its_history(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    wse = mandate_id(demo, "emmaus-barocy-wse")
    response = client.get(f"{LIST_EMMAUS}/{wse}", headers=bearer(mint("sammy"), **{"Accept-Language": "en"}))
    body = response.get_json()
    assert body["status"] == "active" and body["mandator"]["id"] == EMMAUS and body["mandatee"]["id"] == BAROCY
    assert [entry["action"] for entry in body["history"]][:2] == ["created", "signed"]
    assert "Sammy Roos" in body["history"][0]["description"]
    assert body["links"]["self"].endswith(f"/api/v1/parties/{EMMAUS}/mandates/{wse}")


def test_unknown_mandate_is_404(client: FlaskClient, mint: Mint) -> None:
    response = client.get(f"{LIST_EMMAUS}/00000000-0000-0000-0000-000000000000", headers=bearer(mint("sammy")))
    assert response.status_code == 404
    assert response.get_json()["code"] == "mandate.not_found"


def test_create_one_mandate(client: FlaskClient, mint: Mint, session: Session) -> None:
    response = client.post(
        LIST_EMMAUS,
        json=new_row(valid_from=day(1), valid_until=day(60), reference="API-1"),
        headers=bearer(mint("sammy")),
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"] == body["links"]["self"]
    assert body["status"] == "awaiting_signature" and body["awaiting_signature_of"] == "mandatee"
    assert body["mandatee"]["id"] == PWC and body["valid_until"] == day(60)
    stored = session.scalar(select(Mandate).where(Mandate.id == body["id"]))
    assert stored is not None and stored.reference == "API-1"


def test_create_lists_every_problem_with_its_field_in_the_caller_s_language(
    client: FlaskClient, mint: Mint, session: Session
) -> None:
    before = count(session)
    response = client.post(
        LIST_EMMAUS,
        json=new_row(valid_from=day(-3), counterparty="kbo:0411515076", accept_contract=False, language="es"),
        headers=bearer(mint("sammy"), **{"Accept-Language": "fr"}),
    )
    assert response.status_code == 422
    assert response.headers["Content-Language"] == "fr"
    problem = response.get_json()
    assert problem["code"] == "request.invalid" and problem["status"] == 422
    fields = {error["field"]: error for error in problem["errors"]}
    assert set(fields) >= {"valid_from", "counterparty", "accept_contract", "language"}
    assert fields["valid_from"]["message"] == "La date de début est dans le passé."
    assert fields["counterparty"]["code"] == "identifier.checksum"
    assert count(session) == before


def test_bulk_create_dry_run_then_for_real(client: FlaskClient, mint: Mint, session: Session) -> None:
    token = mint("sammy")
    rows = [new_row(valid_from=day(10 * i + 1), valid_until=day(10 * i + 5)) for i in range(5)]
    before = count(session)
    dry = client.post(
        f"/api/v1/parties/{EMMAUS}/bulk/mandates", json={"dry_run": True, "rows": rows}, headers=bearer(token)
    )
    assert dry.status_code == 200 and dry.get_json() == {"dry_run": True, "rows": 5, "mandates": []}
    assert count(session) == before
    done = client.post(f"/api/v1/parties/{EMMAUS}/bulk/mandates", json={"rows": rows}, headers=bearer(token))
    assert done.status_code == 201
    assert len(done.get_json()["mandates"]) == 5
    assert count(session) == before + 5
    again = client.post(f"/api/v1/parties/{EMMAUS}/bulk/mandates", json={"rows": rows}, headers=bearer(token))
    assert again.status_code == 422  # a retried upload creates nothing twice
    assert {e["code"] for e in again.get_json()["errors"]} == {"mandate.duplicate"}
    assert count(session) == before + 5


def test_bulk_create_is_all_or_nothing_with_row_paths(client: FlaskClient, mint: Mint, session: Session) -> None:
    rows = [
        new_row(valid_from=day(1), valid_until=day(5)),
        new_row(valid_from=day(-1)),
        new_row(valid_from=day(20), mandate_type="no_such_type"),
        new_row(valid_from=day(2), valid_until=day(3)),  # overlaps row 0
        new_row(valid_from=day(30), notify_emails=["ok@example.be", "not an address"]),
    ]
    before = count(session)
    response = client.post(
        f"/api/v1/parties/{EMMAUS}/bulk/mandates", json={"rows": rows}, headers=bearer(mint("sammy"))
    )
    assert response.status_code == 422
    errors = {(e["field"], e["code"]) for e in response.get_json()["errors"]}
    assert ("rows[1].valid_from", "mandate.start_in_past") in errors
    assert ("rows[2].mandate_type", "mandate_type.unknown") in errors
    assert ("rows[3].counterparty", "mandate.duplicate") in errors
    assert ("rows[4].notify_emails[1]", "mandate.email_invalid") in errors
    assert not any(field.startswith("rows[0]") for field, _ in errors)
    assert count(session) == before


def test_sign_as_the_counterparty(client: FlaskClient, mint: Mint, session: Session, demo: DemoWorld) -> None:
    subsidy = mandate_id(demo, "emmaus-barocy-subsidy")
    path = f"/api/v1/parties/{BAROCY}/mandates/{subsidy}/sign"
    token = mint("marc")
    refused = client.post(path, json={"accept_contract": False}, headers=bearer(token))
    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["field"] == "accept_contract"
    signed = client.post(path, json={"accept_contract": True}, headers=bearer(token))
    assert signed.status_code == 200
    assert signed.get_json()["status"] == "future"
    again = client.post(path, json={"accept_contract": True}, headers=bearer(token))
    assert again.status_code == 409
    assert again.get_json()["code"] == "mandate.invalid_transition"


def test_the_creator_cannot_sign_for_the_other_side(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    subsidy = mandate_id(demo, "emmaus-barocy-subsidy")
    response = client.post(
        f"{LIST_EMMAUS}/{subsidy}/sign", json={"accept_contract": True}, headers=bearer(mint("sammy"))
    )
    assert response.status_code == 403
    assert response.get_json()["code"] == "mandate.not_counterparty"


def test_refuse_stop_and_a_stale_version(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    token = mint("sammy")
    waiting = mandate_id(demo, "emmaus-parkwind-subsidy")
    refused = client.post(f"{LIST_EMMAUS}/{waiting}/refuse", headers=bearer(token))
    assert refused.status_code == 200 and refused.get_json()["status"] == "refused"
    wse = mandate_id(demo, "emmaus-barocy-wse")
    current = client.get(f"{LIST_EMMAUS}/{wse}", headers=bearer(token)).get_json()["version"]
    stale = client.post(f"{LIST_EMMAUS}/{wse}/stop", json={"expected_version": current + 1}, headers=bearer(token))
    assert stale.status_code == 409 and stale.get_json()["code"] == "mandate.concurrent_change"
    stopped = client.post(f"{LIST_EMMAUS}/{wse}/stop", json={"expected_version": current}, headers=bearer(token))
    assert stopped.status_code == 200 and stopped.get_json()["status"] == "stopped"


def test_extend(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    token = mint("marc")
    path = f"/api/v1/parties/{BAROCY}/mandates/{mandate_id(demo, 'provincialaat-barocy-wse')}/extend"
    missing = client.post(path, json={}, headers=bearer(token))
    assert missing.status_code == 422 and missing.get_json()["errors"][0]["field"] == "valid_until"
    earlier = client.post(path, json={"valid_until": day(10)}, headers=bearer(token))
    assert earlier.status_code == 422
    assert earlier.get_json()["errors"][0]["code"] == "mandate.extension_not_later"
    later = client.post(path, json={"valid_until": day(500)}, headers=bearer(token))
    assert later.status_code == 200 and later.get_json()["valid_until"] == day(500)


def test_transfer_request_cancel_and_answers(client: FlaskClient, mint: Mint, demo: DemoWorld) -> None:
    sammy = mint("sammy")
    wse = mandate_id(demo, "emmaus-barocy-wse")
    proposed = client.post(f"{LIST_EMMAUS}/{wse}/transfer", json={"new_mandatee": PWC}, headers=bearer(sammy))
    assert proposed.status_code == 200 and proposed.get_json()["pending_mandatee"]["id"] == PWC
    cancelled = client.post(f"{LIST_EMMAUS}/{wse}/transfer/cancel", headers=bearer(sammy))
    assert cancelled.status_code == 200 and cancelled.get_json()["pending_mandatee"] is None
    marc = mint("marc")
    pending = mandate_id(demo, "parkwind-deloitte-wse")
    accepted = client.post(
        f"/api/v1/parties/{BAROCY}/mandates/{pending}/transfer/accept",
        json={"accept_contract": True},
        headers=bearer(marc),
    )
    assert accepted.status_code == 200
    assert accepted.get_json()["mandatee"]["id"] == BAROCY and accepted.get_json()["pending_mandatee"] is None
    nothing_pending = client.post(f"/api/v1/parties/{BAROCY}/mandates/{pending}/transfer/refuse", headers=bearer(marc))
    assert nothing_pending.status_code in (403, 409)


def test_bulk_sign_and_stop_are_all_or_nothing(
    client: FlaskClient, mint: Mint, session: Session, demo: DemoWorld
) -> None:
    sammy = mint("sammy")
    rows = [new_row(role="mandatee", counterparty=BAROCY, mandate_type="subsidy_application",
                    valid_from=day(400 + 10 * i), valid_until=day(405 + 10 * i)) for i in range(3)]  # fmt: skip
    created = client.post(f"/api/v1/parties/{EMMAUS}/bulk/mandates", json={"rows": rows}, headers=bearer(sammy))
    assert created.status_code == 201, created.get_json()
    ids = [m["id"] for m in created.get_json()["mandates"]]
    marc = mint("marc")
    sign = f"/api/v1/parties/{BAROCY}/bulk/sign"
    unknown = "00000000-0000-0000-0000-000000000000"
    mixed = client.post(sign, json={"mandate_ids": [*ids, unknown], "accept_contract": True}, headers=bearer(marc))
    assert mixed.status_code == 422
    assert [(e["field"], e["code"]) for e in mixed.get_json()["errors"]] == [("mandate_ids[3]", "mandate.not_found")]
    assert (
        session.scalars(select(Mandate.state).where(Mandate.id.in_(ids))).all() == [MandateState.AWAITING_SIGNATURE] * 3
    )
    dry = client.post(sign, json={"mandate_ids": ids, "accept_contract": True, "dry_run": True}, headers=bearer(marc))
    assert dry.status_code == 200 and dry.get_json()["mandates"] == []
    signed = client.post(sign, json={"mandate_ids": ids, "accept_contract": True}, headers=bearer(marc))
    assert signed.status_code == 200
    assert {m["status"] for m in signed.get_json()["mandates"]} == {"future"}
    stopped = client.post(f"/api/v1/parties/{EMMAUS}/bulk/stop", json={"mandate_ids": ids[:2]}, headers=bearer(sammy))
    assert stopped.status_code == 200
    session.expire_all()
    states = {
        key: state for key, state in session.execute(select(Mandate.id, Mandate.state).where(Mandate.id.in_(ids)))
    }
    assert [states[i] for i in ids] == [MandateState.STOPPED, MandateState.STOPPED, MandateState.SIGNED]
