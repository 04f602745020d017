"""Creating mandates from a CSV file: the dry run reports every line's problem and writes nothing; the
confirmed creation writes all rows in one transaction, or none."""

from __future__ import annotations

import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from idp.portal.jobs_models import PortalJob
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import Mandate, MandateEvent, MandateState, Party
from tests.idp.portal_bulk.bulk_support import (
    START,
    clean_rows,
    count_mandates,
    csv_bytes,
    job_path,
    make_organisations,
    upload,
    wait_for_job,
)
from tests.portal_support import DEMO_TODAY, enter, post, sign_in


@pytest.fixture
def sammy(demo: DemoWorld, client: FlaskClient) -> FlaskClient:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    client.set_cookie("idp_lang", "en")
    return client


def test_500_rows_are_checked_then_created_in_one_go(sammy: FlaskClient, session: Session) -> None:
    parties = make_organisations(session, 500)
    before = count_mandates(session)
    started = time.monotonic()
    path = job_path(upload(sammy, csv_bytes(clean_rows(parties))))
    status = wait_for_job(sammy, path)
    checked = time.monotonic()
    assert status["status"] == "checked" and status["done"] == status["total"] == 500
    page = sammy.get(path).get_data(as_text=True)
    assert "All 500 lines are fine." in page
    assert 'name="accept_contract"' in page and "I authorise the mandatee" in page  # the contract text to accept
    assert count_mandates(session) == before  # the dry run wrote nothing

    response = post(sammy, f"{path}/confirm", {"accept_contract": "yes"}, token_from=path)
    assert response.status_code == 303
    status = wait_for_job(sammy, path)
    finished = time.monotonic()
    assert status["status"] == "done"
    assert "500 mandates created." in sammy.get(path).get_data(as_text=True)
    assert count_mandates(session) == before + 500
    emmaus = session.scalar(select(Party).where(Party.name == "Emmaüs"))
    assert emmaus is not None
    created = list(session.scalars(select(Mandate).where(Mandate.reference.like("REF-%"))))
    assert len(created) == 500
    assert {m.mandator_id for m in created} == {emmaus.id}
    assert {m.state for m in created} == {MandateState.AWAITING_SIGNATURE}
    assert {m.valid_from for m in created} == {START}
    events = session.scalar(
        select(func.count()).select_from(MandateEvent).where(MandateEvent.mandate_id.in_([m.id for m in created]))
    )
    assert events == 500
    # A figure to read (bench/bulk.py measures it properly), not a pass mark.
    print(f"\n500-row upload: dry run {checked - started:.2f} s, creation {finished - checked:.2f} s")

    # Uploading the same file again creates nothing twice: every line is a duplicate now.
    again = job_path(upload(sammy, csv_bytes(clean_rows(parties))))
    wait_for_job(sammy, again)
    page = sammy.get(again).get_data(as_text=True)
    assert "500 problems on 500 lines" in page
    assert "already exists" in page


def test_the_dry_run_reports_every_bad_line_and_writes_nothing(sammy: FlaskClient, session: Session) -> None:
    parties = make_organisations(session, 3)
    good = clean_rows(parties)
    rows = [
        good[0],  # line 2: fine
        ["mandator", "0411515076", "wse_loket", START.isoformat(), "", "", "nl", ""],  # 3: bad check digits
        ["mandator", parties[1].identifier, "no_such_type", START.isoformat(), "", "", "nl", ""],  # 4
        ["mandator", parties[1].identifier, "wse_loket", "31/02/2027", "", "", "nl", ""],  # 5: no such day
        good[2],  # 6: fine
        good[2],  # 7: the same mandate as line 6
        ["mandator", parties[1].identifier, "tax_return", START.isoformat(), "", "", "nl", ""],  # 8: a person type
        ["boss", parties[1].identifier, "subsidy_application", START.isoformat(), "", "", "xx", "not-an-address"],
        ["mandator", parties[1].identifier, "subsidy_application", DEMO_TODAY.replace(year=2020).isoformat()],
        ["mandator", "<img src=x onerror=alert(1)>", "wse_loket", START.isoformat()],  # 11: M07, shown escaped
    ]
    before = count_mandates(session)
    path = job_path(upload(sammy, csv_bytes(rows)))
    assert wait_for_job(sammy, path)["status"] == "checked"
    page = sammy.get(path).get_data(as_text=True)
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    cells = [
        (line, column, text)
        for line, column, text in __import__("re").findall(
            r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table
        )
    ]
    by_line: dict[int, list[str]] = {}
    for line, column, text in cells:
        by_line.setdefault(int(line), []).append(f"{column}: {text}")
    assert 2 not in by_line and 6 not in by_line
    assert any("check digits do not match" in p and p.startswith("Counterparty") for p in by_line[3])
    assert any("&#34;no_such_type&#34; does not exist" in p or '"no_such_type" does not exist' in p for p in by_line[4])
    assert any(p.startswith("Start date") and "is not a date" in p for p in by_line[5])
    assert any("Line 6 already creates the same mandate" in p for p in by_line[7])
    assert any("does not allow a organisation as mandator" in p for p in by_line[8])
    line_9 = " ".join(by_line[9])
    assert "must be mandator or mandatee" in line_9 and "must be nl, fr, de or en" in line_9
    assert "is not an e-mail address" in line_9
    assert any("is in the past" in p for p in by_line[10])
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page and 11 in by_line
    assert count_mandates(session) == before
    # No confirmation is offered, and a forged one does nothing.
    assert 'name="accept_contract"' not in page
    assert post(sammy, f"{path}/confirm", {"accept_contract": "yes"}, token_from=path).status_code == 303
    assert wait_for_job(sammy, path)["status"] == "checked"
    assert count_mandates(session) == before


def test_one_bad_line_among_many_means_nothing_is_written(sammy: FlaskClient, session: Session) -> None:
    parties = make_organisations(session, 40)
    rows = clean_rows(parties)
    rows[37][1] = "0806154034"  # one wrong check digit in line 39
    before = count_mandates(session)
    path = job_path(upload(sammy, csv_bytes(rows)))
    wait_for_job(sammy, path)
    page = sammy.get(path).get_data(as_text=True)
    assert "1 problems on 1 lines" in page and "<tr><td>39</td>" in page
    assert count_mandates(session) == before


def test_a_change_between_the_dry_run_and_the_confirmation_writes_nothing(sammy: FlaskClient, session: Session) -> None:
    parties = make_organisations(session, 5)
    path = job_path(upload(sammy, csv_bytes(clean_rows(parties))))
    assert wait_for_job(sammy, path)["status"] == "checked"
    # Meanwhile the last line's mandate gets created another way: the whole creation must stop.
    second = job_path(upload(sammy, csv_bytes(clean_rows(parties[4:]))))
    wait_for_job(sammy, second)
    post(sammy, f"{second}/confirm", {"accept_contract": "yes"}, token_from=second)
    assert wait_for_job(sammy, second)["status"] == "done"
    before = count_mandates(session)
    # The first job was replaced by the second upload (one report per login at a time).
    assert sammy.get(path).status_code == 404
    third = job_path(upload(sammy, csv_bytes(clean_rows(parties))))
    assert wait_for_job(sammy, third)["status"] == "checked"
    assert "1 problems on 1 lines" in sammy.get(third).get_data(as_text=True)
    assert count_mandates(session) == before


@pytest.mark.parametrize(("separator", "bom"), [(";", False), (",", False), (";", True), (",", True)])
def test_semicolons_commas_and_a_byte_order_mark_are_read(
    sammy: FlaskClient, session: Session, separator: str, bom: bool
) -> None:
    parties = make_organisations(session, 3)
    rows = clean_rows(parties)
    if separator == ",":
        for row in rows:
            row[1] = f'"{row[1]}"'  # "BE 0123.456.789" has no comma, quoting is allowed anyway
    path = job_path(upload(sammy, csv_bytes(rows, separator=separator, bom=bom)))
    assert wait_for_job(sammy, path)["status"] == "checked"
    assert "All 3 lines are fine." in sammy.get(path).get_data(as_text=True)


def test_ssm_headerless_file_with_the_type_chosen_on_the_form(sammy: FlaskClient, session: Session) -> None:
    parties = make_organisations(session, 2)
    lines = [
        f"{p.identifier};info@client.example;mandaatnemer;nl;SSM-{n};{START.strftime('%Y%m%d')};"
        for n, p in enumerate(parties)
    ]
    path = job_path(upload(sammy, ("\r\n".join(lines) + "\r\n").encode(), ssm_mandate_type="wse_loket"))
    assert wait_for_job(sammy, path)["status"] == "checked"
    page = sammy.get(path).get_data(as_text=True)
    assert "All 2 lines are fine." in page
    post(sammy, f"{path}/confirm", {"accept_contract": "yes"}, token_from=path)
    assert wait_for_job(sammy, path)["status"] == "done"
    created = list(session.scalars(select(Mandate).where(Mandate.reference.like("SSM-%"))))
    # The counterparty is the mandatee, so Emmaüs is the mandator.
    assert len(created) == 2 and all(m.mandatee_id in {p.id for p in parties} for m in created)


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        (b"x" * (2 * 1024 * 1024 + 1), 413, "The file is larger than 2 MB."),
        (b"", 400, "The file is empty."),
        (b"mandator;0806154033;wse_loket;2030-01-01\r\n", 400, "The first line must name the columns"),
        (b"role;counterparty;mandate_type;valid_form\r\n", 400, "The column &#34;valid_form&#34; is unknown."),
        (b"role;counterparty;mandate_type\r\nmandator;1;2\r\n", 400, "The column &#34;valid_from&#34; is missing."),
        (b"role;counterparty;mandate_type;valid_from\r\n", 400, "The file has no line after the header row."),
        (
            b"role;counterparty;mandate_type;valid_from\r\n" + b"mandator;1;x;2030-01-01\r\n" * 5001,
            400,
            "At most 5000 lines per file.",
        ),
        (
            b'role;counterparty;mandate_type;valid_from\r\nmandator;"0806154033"x;wse_loket;2030-01-01\r\n',
            400,
            "The file is not valid CSV (line 2",
        ),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(
    sammy: FlaskClient, session: Session, data: bytes, status: int, text: str
) -> None:
    response = upload(sammy, data)
    assert response.status_code == status
    assert text in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(PortalJob)) == 0


def test_windows_1252_from_excel_is_read(sammy: FlaskClient, session: Session) -> None:
    parties = make_organisations(session, 1)
    data = csv_bytes([["mandator", parties[0].identifier, "wse_loket", START.isoformat(), "", "Référence", "fr", ""]])
    path = job_path(upload(sammy, data.decode().encode("cp1252")))
    wait_for_job(sammy, path)
    assert "Référence" in sammy.get(path).get_data(as_text=True)


def test_upload_and_confirmation_need_the_csrf_token_and_the_accepted_contract(
    sammy: FlaskClient, session: Session
) -> None:
    from io import BytesIO

    parties = make_organisations(session, 2)
    data = csv_bytes(clean_rows(parties))
    forged = sammy.post(
        "/portal/bulk/upload", data={"file": (BytesIO(data), "m.csv")}, content_type="multipart/form-data"
    )
    assert forged.status_code == 403
    assert session.scalar(select(func.count()).select_from(PortalJob)) == 0
    path = job_path(upload(sammy, data))
    wait_for_job(sammy, path)
    before = count_mandates(session)
    assert sammy.post(f"{path}/confirm", data={"accept_contract": "yes"}).status_code == 403
    refused = post(sammy, f"{path}/confirm", {}, token_from=path)
    assert refused.status_code == 400 and "Accept the contract text to continue." in refused.get_data(as_text=True)
    assert wait_for_job(sammy, path)["status"] == "checked"
    assert count_mandates(session) == before


def test_a_job_belongs_to_its_login(sammy: FlaskClient, session: Session, app: object) -> None:
    parties = make_organisations(session, 1)
    path = job_path(upload(sammy, csv_bytes(clean_rows(parties))))
    wait_for_job(sammy, path)
    other = app.test_client()  # type: ignore[attr-defined]
    sign_in(other, "sammy", totp_step=1)
    enter(other, "Emmaüs")
    assert other.get(path).status_code == 404
    assert other.get(f"{path}/status").status_code == 404
    assert post(other, f"{path}/confirm", {"accept_contract": "yes"}, token_from="/portal/bulk").status_code == 404


def test_the_pages_work_without_login_only_through_the_login(client: FlaskClient, demo: DemoWorld) -> None:
    for path in ("/portal/bulk", "/portal/bulk/template.csv", "/portal/bulk/export.csv"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"].startswith("/login")


def test_the_bulk_page_offers_upload_template_and_export(sammy: FlaskClient) -> None:
    page = sammy.get("/portal/bulk").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    assert 'href="/portal/bulk/template.csv"' in page and 'href="/portal/bulk/export.csv"' in page
    assert '<label for="file">' in page


def test_the_template_is_the_header_row(sammy: FlaskClient) -> None:
    response = sammy.get("/portal/bulk/template.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert (
        response.data
        == "\ufeffrole;counterparty;mandate_type;valid_from;valid_until;reference;language;emails\r\n".encode()
    )
