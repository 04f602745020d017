"""The user rights pages: my profile, a local administrator's organisation, granting, changing and ending."""

from __future__ import annotations

import datetime as dt

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from idp.rights.messages import MESSAGES
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import AuditEntry, LocalAdministrator, Party, RightKind, User, UserRight
from mandate_resolver.registry.rights import RightsService
from tests.login_helpers import follow, hidden
from tests.portal_support import sign_in

BAROCY_PAGE = "/rights/kbo:0806154033"


def user_id(session: Session, username: str) -> int:
    found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None
    return found


def rights_of(session: Session, username: str) -> list[UserRight]:
    session.expire_all()
    return list(
        session.scalars(select(UserRight).where(UserRight.user_id == user_id(session, username)).order_by(UserRight.id))
    )


def grant_page(session: Session, username: str = "marc") -> str:
    return f"{BAROCY_PAGE}/users/{user_id(session, username)}/grant"


def test_every_rights_message_is_in_four_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"nl", "fr", "de", "en"}, key
        assert all(text.strip() for text in texts.values()), key


def test_the_pages_need_a_login(client: FlaskClient, demo: DemoWorld) -> None:
    for path in ("/profile", "/rights", BAROCY_PAGE, f"{BAROCY_PAGE}/users/1/grant", f"{BAROCY_PAGE}/rights/1/end"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["Location"].startswith("/login?next="), path


def test_lotte_goes_straight_to_barocy_and_sees_its_users(client: FlaskClient, demo: DemoWorld) -> None:
    sign_in(client, "lotte", next_url="/rights")
    response = client.get("/rights")
    assert response.status_code == 303 and response.headers["Location"] == BAROCY_PAGE
    page = client.get(BAROCY_PAGE, query_string={"lang": "nl"})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    for name in ("Bart Baert", "Ines Claes", "Lotte Janssens", "Marc Verhoeven", "SSM Mandaatbeheerder", "WSE Loket"):
        assert name in text
    assert "Recht toekennen aan Marc Verhoeven" in text
    searched = client.get(BAROCY_PAGE, query_string={"q": "verhoeven"}).get_data(as_text=True)
    assert "Marc Verhoeven" in searched and "Bart Baert" not in searched


def test_lotte_makes_marc_an_executor(client: FlaskClient, demo: DemoWorld, session: Session) -> None:
    """The seed story: BAROCY's local administrator makes an executor for a WSE Loket mandate."""
    sign_in(client, "lotte", next_url="/rights")
    form_page = client.get(grant_page(session), query_string={"lang": "nl"})
    assert form_page.status_code == 200
    html = form_page.get_data(as_text=True)
    for field in ('name="kind"', 'value="ssm_mandaatuitvoerder"', 'name="valid_from"', 'name="valid_until"'):
        assert field in html
    assert 'name="mandate_types" id="mandate_type-wse_loket" value="wse_loket"' in html
    assert '<textarea id="mandators" name="mandators"' in html
    today = RightsService(session).today()
    response = client.post(
        grant_page(session),
        data={
            "csrf_token": hidden(html, "csrf_token"),
            "kind": "ssm_mandaatuitvoerder",
            "valid_from": today.strftime("%d/%m/%Y"),
            "valid_until": "",
            "mandate_types": "wse_loket",
            "mandators": "",
        },
    )
    assert response.status_code == 303 and response.headers["Location"] == BAROCY_PAGE
    done = follow(client, response).get_data(as_text=True)
    assert "Marc Verhoeven heeft het gebruikersrecht gekregen." in done
    [manager, executor] = rights_of(session, "marc")
    assert manager.right == RightKind.MANDATE_MANAGER
    assert executor.right == RightKind.MANDATE_EXECUTOR and executor.valid_from == today
    assert executor.granted_by_user_id == user_id(session, "lotte")
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "rights.granted")) is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "ssm_mandaatuitvoerder", "valid_from": "today"}, "Kies minstens één mandaattype"),
        (
            {"kind": "ssm_mandaatuitvoerder", "valid_from": "31/02/2030", "mandate_types": "wse_loket"},
            "geen geldige datum",
        ),
        ({"kind": "ssm_mandaatuitvoerder", "valid_from": "", "mandate_types": "wse_loket"}, "Vul een datum in"),
        ({"valid_from": "today"}, "Kies een gebruikersrecht"),
        ({"kind": "ssm_mandaatbeheerder", "valid_from": "01/01/2000"}, "De begindatum ligt in het verleden"),
        (
            {
                "kind": "ssm_mandaatuitvoerder",
                "valid_from": "today",
                "mandate_types": "wse_loket",
                "mandators": "0411515076",
            },
            "0411515076",
        ),
        ({"kind": "ssm_mandaatuitvoerder", "valid_from": "today", "mandate_types": "<b>x</b>"}, "&lt;b&gt;x&lt;/b&gt;"),
    ],
)
def test_bad_input_reshows_the_form_with_a_clear_message(
    client: FlaskClient, demo: DemoWorld, session: Session, data: dict[str, str], message: str
) -> None:
    sign_in(client, "lotte", next_url="/rights")
    html = client.get(grant_page(session), query_string={"lang": "nl"}).get_data(as_text=True)
    if data.get("valid_from") == "today":
        data = {**data, "valid_from": RightsService(session).today().isoformat()}
    before = session.scalar(select(func.count(UserRight.id)))
    response = client.post(grant_page(session), data={**data, "csrf_token": hidden(html, "csrf_token")})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert 'role="alert"' in text and message in text
    assert "<b>x</b>" not in text
    assert session.scalar(select(func.count(UserRight.id))) == before


def test_lotte_changes_and_ends_barts_right(client: FlaskClient, demo: DemoWorld, session: Session) -> None:
    sign_in(client, "lotte", next_url="/rights")
    [right] = rights_of(session, "bart")
    today = RightsService(session).today()
    change_path = f"{BAROCY_PAGE}/rights/{right.id}/change"
    html = client.get(change_path).get_data(as_text=True)
    assert 'value="2022-09-01"' in html and "readonly" in html
    later = today + dt.timedelta(days=60)
    response = client.post(
        change_path,
        data={
            "csrf_token": hidden(html, "csrf_token"),
            "valid_from": "2022-09-01",
            "valid_until": later.isoformat(),
            "mandate_types": ["wse_loket", "subsidy_application"],
        },
    )
    assert response.status_code == 303
    assert rights_of(session, "bart")[0].valid_until == later
    end_path = f"{BAROCY_PAGE}/rights/{right.id}/end"
    confirm = client.get(end_path, query_string={"lang": "en"}).get_data(as_text=True)
    assert "ends at once" in confirm
    assert rights_of(session, "bart")[0].valid_until == later  # a GET changes nothing
    response = client.post(end_path, data={"csrf_token": hidden(confirm, "csrf_token")})
    assert response.status_code == 303
    assert rights_of(session, "bart")[0].valid_until == today - dt.timedelta(days=1)
    again = client.post(end_path, data={"csrf_token": hidden(confirm, "csrf_token")})
    assert again.status_code == 409
    actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("rights.%"))))
    assert actions == ["rights.changed", "rights.ended"]


def test_my_profile_shows_rights_dates_descriptions_and_local_administrators(
    client: FlaskClient, demo: DemoWorld
) -> None:
    sign_in(client, "ines", next_url="/profile")
    page = client.get("/profile", query_string={"lang": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "My user rights" in text and "My local administrators" in text
    assert "BAROCY" in text and "PricewaterhouseCoopers Tax Consultants" in text
    assert "SSM Mandate executor" in text and "an active mandate in SSM is needed" in text
    assert "Lotte Janssens" in text
    assert "01/01/2023" in text  # the BAROCY right's start, as the seeds write dates
    assert 'href="/login/totp/enrol"' in text and 'href="/login/passkey/enrol"' in text
    french = client.get("/profile", query_string={"lang": "fr"}).get_data(as_text=True)
    assert "Mes gestionnaires locaux" in french


def test_a_local_administrator_finds_their_organisation_on_the_profile(client: FlaskClient, demo: DemoWorld) -> None:
    sign_in(client, "lotte", next_url="/profile")
    text = client.get("/profile", query_string={"lang": "de"}).get_data(as_text=True)
    assert "Sie sind lokaler Verwalter von" in text and 'href="/rights/kbo:0806154033"' in text


def test_a_person_without_organisation_sees_an_empty_profile(client: FlaskClient, demo: DemoWorld) -> None:
    sign_in(client, "carla", next_url="/profile")
    text = client.get("/profile", query_string={"lang": "en"}).get_data(as_text=True)
    assert "You work for no organisation" in text


def test_a_local_administrator_of_several_organisations_chooses_one(
    client: FlaskClient, demo: DemoWorld, session: Session
) -> None:
    emmaus = session.scalar(select(Party).where(Party.identifier == "0411515075"))
    assert emmaus is not None
    session.add(
        LocalAdministrator(organisation_id=emmaus.id, user_id=user_id(session, "lotte"), valid_from=dt.date(2020, 1, 1))
    )
    session.commit()
    sign_in(client, "lotte", next_url="/rights")
    page = client.get("/rights", query_string={"lang": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'href="/rights/kbo:0411515075"' in text and 'href="/rights/kbo:0806154033"' in text
    assert "Sammy Roos" in client.get("/rights/kbo:0411515075").get_data(as_text=True)


def test_someone_who_is_no_local_administrator_gets_nothing_to_manage(client: FlaskClient, demo: DemoWorld) -> None:
    sign_in(client, "marc", next_url="/rights")
    page = client.get("/rights", query_string={"lang": "en"})
    assert page.status_code == 200
    assert "You are not local administrator of any organisation" in page.get_data(as_text=True)
    assert client.get(BAROCY_PAGE).status_code == 403


def test_the_helpdesk_reads_an_organisation_and_changes_nothing(
    client: FlaskClient, demo: DemoWorld, session: Session
) -> None:
    sign_in(client, "helpdesk", next_url="/rights")
    response = client.get("/rights", query_string={"organisation": "BE 0806.154.033"})
    assert response.status_code == 303 and response.headers["Location"] == BAROCY_PAGE
    assert client.get("/rights", query_string={"organisation": "0806154034"}).status_code == 400
    text = client.get(BAROCY_PAGE, query_string={"lang": "en"}).get_data(as_text=True)
    assert "only the local administrator can change them" in text
    assert "Bart Baert" in text and "/grant" not in text and "/end" not in text
    [right] = rights_of(session, "bart")
    for form in (f"{BAROCY_PAGE}/rights/{right.id}/end", f"{BAROCY_PAGE}/users/{user_id(session, 'marc')}/grant"):
        assert client.get(form).status_code == 403
    token = hidden(client.get("/login/totp/enrol").get_data(as_text=True), "csrf_token")
    response = client.post(f"{BAROCY_PAGE}/rights/{right.id}/end", data={"csrf_token": token})
    assert response.status_code == 403
    assert rights_of(session, "bart")[0].valid_until is None


def test_names_are_shown_escaped(client: FlaskClient, demo: DemoWorld, session: Session) -> None:
    """SECURITY.md M07 on the rights pages: a display name is text, never markup."""
    marc = session.get(User, user_id(session, "marc"))
    assert marc is not None
    marc.person.name = "<img src=x onerror=alert(1)>"
    session.commit()
    sign_in(client, "lotte", next_url="/rights")
    for path in (BAROCY_PAGE, grant_page(session)):
        text = client.get(path).get_data(as_text=True)
        assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text, path
