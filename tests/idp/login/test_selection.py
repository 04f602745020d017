from __future__ import annotations

import base64
import json
import re
from typing import Any

from sqlalchemy import select

from idp.selection.codec import selection_from_json
from mandate_resolver.registry.models import AuditEntry
from mandate_resolver.types import Capacity
from tests.login_helpers import (
    BAROCY,
    EMMAUS,
    IMEC,
    PWC,
    SAMMY,
    TOTP_SECRET,
    Journey,
    choose,
    citizen,
    employee,
    follow,
    log_in,
    make_application,
    mandate,
    radio_values,
    start,
)

M_EMMAUS = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")
M_IMEC_BAROCY = mandate(IMEC, BAROCY, "8d1f3b5f-5a1c-4c8f-8e9f-1d2a3b4c5d6e")
M_IMEC_PWC = mandate(IMEC, PWC, "9e2a4c6a-6b2d-4d9a-9fa0-2e3b4c5d6e7f")


def _result(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    data: dict[str, Any] = json.loads(response.get_data(as_text=True))
    return data


def _everything(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen(), employee(BAROCY), M_EMMAUS, M_IMEC_BAROCY, M_IMEC_PWC)


def _screen(journey: Journey, **params: str) -> Any:
    page = log_in(journey.client, start(journey.client, **params), totp_secret=TOTP_SECRET)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    return page


def test_screen_lists_one_tile_per_principal_and_a_second_dialog(journey: Journey) -> None:
    _everything(journey)
    page = _screen(journey)
    text = page.get_data(as_text=True)
    assert 'action="/select"' in text
    assert radio_values(text) == [citizen().key, employee(BAROCY).key, M_EMMAUS.key]
    assert "Mandaat via BAROCY" in text
    assert "Meerdere mandaten mogelijk" in text
    link = re.search(r'href="(/select/via\?[^"]+)"', text)
    assert link is not None
    via = journey.client.get(link.group(1).replace("&amp;", "&"))
    via_text = via.get_data(as_text=True)
    assert via.status_code == 200
    assert sorted(radio_values(via_text)) == sorted([M_IMEC_BAROCY.key, M_IMEC_PWC.key])
    result = _result(choose(journey.client, via, M_IMEC_PWC.key))
    selection = selection_from_json(result["selection"])
    assert selection.capacity is Capacity.MANDATE
    assert selection.mandator == IMEC and selection.mandatee == PWC
    assert selection.executor.id == SAMMY.value


def test_choosing_an_employee_option(journey: Journey) -> None:
    _everything(journey)
    page = _screen(journey)
    result = _result(choose(journey.client, page, employee(BAROCY).key))
    assert result["selection_key"] == employee(BAROCY).key
    assert selection_from_json(result["selection"]).principal == BAROCY
    [(action, _client, detail)] = _decisions(journey)
    assert action == "login.selected"
    assert detail == {"key": employee(BAROCY).key, "capacity": "employee", "principal": "kbo:" + BAROCY.id}


def _decisions(journey: Journey) -> list[tuple[str, str, dict[str, object]]]:
    journey.session.expire_all()
    entries = journey.session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("login.%")).order_by(AuditEntry.id)
    )
    return [(e.action, e.target, dict(e.detail)) for e in entries]


def test_no_option_shows_why_and_what_to_do(journey: Journey) -> None:
    make_application(journey.session, "mandates-only", name="Alleen mandaten", allow_citizen=False)
    journey.scenario.give(SAMMY, citizen())
    page = log_in(journey.client, start(journey.client, client_id="mandates-only"), totp_secret=TOTP_SECRET)
    text = page.get_data(as_text=True)
    assert page.status_code == 403
    assert "geen toegang" in text and "SSM Mandaatuitvoerder" in text
    # The helpdesk can read back why nothing was offered.
    assert _decisions(journey) == [("login.no_options", "mandates-only", {})]


def test_unavailable_mandates_are_said_and_not_offered(journey: Journey) -> None:
    _everything(journey)
    journey.scenario.ssm.failing = True
    page = _screen(journey)
    text = page.get_data(as_text=True)
    assert "tijdelijk niet beschikbaar" in text
    assert radio_values(text) == [citizen().key, employee(BAROCY).key]
    assert "Meerdere mandaten" not in text
    assert [(action, detail) for action, _client, detail in _decisions(journey)] == [
        ("login.mandates_unavailable", {"sources": ["ssm"]})
    ]


def test_an_unsent_choice_is_asked_again(journey: Journey) -> None:
    _everything(journey)
    page = _screen(journey)
    from tests.login_helpers import post_form

    response = post_form(journey.client, "/select", page.get_data(as_text=True), {})
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden" in response.get_data(as_text=True)


def _hint(data: dict[str, str]) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


def test_acm_login_hint_chooses_the_option_the_person_holds(journey: Journey) -> None:
    _everything(journey)
    response = log_in(
        journey.client,
        start(journey.client, login_hint=_hint({"cap_hint": "EA", "code_hint": "0411515075"})),
        totp_secret=TOTP_SECRET,
    )
    assert _result(response)["selection_key"] == M_EMMAUS.key


def test_mandate_hint_chooses_that_mandate(journey: Journey) -> None:
    _everything(journey)
    hint = _hint({"mandate_hint": M_IMEC_PWC.mandate_id})
    response = log_in(journey.client, start(journey.client, login_hint=hint), totp_secret=TOTP_SECRET)
    assert _result(response)["selection_key"] == M_IMEC_PWC.key


def test_a_hint_for_something_not_held_shows_the_screen(journey: Journey) -> None:
    _everything(journey)
    hint = _hint({"cap_hint": "EA", "code_hint": "0844796259"})
    page = _screen(journey, login_hint=hint)
    assert "niet beschikbaar" in page.get_data(as_text=True)
    assert len(radio_values(page.get_data(as_text=True))) == 3


def test_passive_ambiguous_hint_is_interaction_required(journey: Journey) -> None:
    _everything(journey)
    _result(choose(journey.client, _screen(journey), citizen().key))
    # IMEC is reachable through two mandatees: the hint names no single option.
    hint = _hint({"cap_hint": "EA", "code_hint": IMEC.id})
    result = _result(start(journey.client, prompt="none", login_hint=hint, client_id="app-c"))
    assert result["error"] == "interaction_required"


def test_sso_second_application_with_the_same_types_skips_everything(journey: Journey) -> None:
    _everything(journey)
    first = _result(choose(journey.client, _screen(journey), M_EMMAUS.key))
    second = _result(start(journey.client, client_id="app-b"))
    assert second["selection_key"] == M_EMMAUS.key
    assert second["session_id"] == first["session_id"]


def test_sso_application_with_other_types_shows_the_screen_again(journey: Journey) -> None:
    _everything(journey)
    _result(choose(journey.client, _screen(journey), M_EMMAUS.key))
    page = start(journey.client, client_id="app-c")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'action="/select"' in text and 'name="password"' not in text


def test_select_account_shows_the_screen_even_for_one_option(journey: Journey) -> None:
    journey.scenario.give(SAMMY, citizen())
    page = _screen(journey, prompt="select_account")
    assert radio_values(page.get_data(as_text=True)) == [citizen().key]


def test_passive_without_session_is_login_required(journey: Journey) -> None:
    assert _result(start(journey.client, prompt="none"))["error"] == "login_required"


def test_passive_with_session_and_several_options_is_interaction_required(journey: Journey) -> None:
    _everything(journey)
    _result(choose(journey.client, _screen(journey), M_EMMAUS.key))
    result = _result(start(journey.client, prompt="none", client_id="app-c"))
    assert result["error"] == "interaction_required"


def test_passive_reuses_the_choice_made_for_this_application(journey: Journey) -> None:
    _everything(journey)
    _result(choose(journey.client, _screen(journey), M_EMMAUS.key))
    assert _result(start(journey.client, prompt="none"))["selection_key"] == M_EMMAUS.key


def test_switching_changes_the_choice_for_the_next_login(journey: Journey) -> None:
    _everything(journey)
    _result(choose(journey.client, _screen(journey), M_EMMAUS.key))
    page = journey.client.get("/switch?client_id=app-a")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'action="/switch"' in text
    from tests.login_helpers import post_form

    done = post_form(journey.client, "/switch", text, {"option": employee(BAROCY).key, "client_id": "app-a"})
    assert done.status_code == 200
    assert _result(start(journey.client, prompt="none"))["selection_key"] == employee(BAROCY).key


def test_switch_without_session_goes_to_login(journey: Journey) -> None:
    response = journey.client.get("/switch?client_id=app-a")
    assert response.status_code == 303 and response.headers["Location"].startswith("/login?next=")


def test_refused_choice_is_audited(journey: Journey) -> None:
    _everything(journey)
    page = _screen(journey)
    journey.scenario.ssm.revoked.add(M_EMMAUS.key)
    response = choose(journey.client, page, M_EMMAUS.key)
    assert response.status_code == 403
    assert journey.session.scalars(select(AuditEntry).where(AuditEntry.action == "login.selection_refused")).all()


def test_follow_keeps_303(journey: Journey) -> None:
    response = journey.client.get("/stub/start")
    assert response.status_code == 303
    follow(journey.client, response)
