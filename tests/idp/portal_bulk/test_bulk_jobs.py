"""Upload jobs: progress is reported while the rows are checked, and a job whose worker died is called
interrupted instead of spinning forever."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.portal import jobs
from idp.portal.jobs_models import PortalJob
from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.models import User
from tests.idp.portal_bulk.bulk_support import clean_rows, csv_bytes, job_path, make_organisations, upload, wait_for_job
from tests.portal_support import enter, sign_in


@pytest.fixture
def sammy(demo: DemoWorld, client: FlaskClient) -> FlaskClient:
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    client.set_cookie("idp_lang", "en")
    return client


def test_progress_is_written_row_by_row(
    sammy: FlaskClient, session: Session, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = job_path(upload(sammy, csv_bytes(clean_rows(make_organisations(session, 30)))))
    wait_for_job(sammy, path)
    job_id = path.rsplit("/", 1)[1]
    seen: list[int] = []
    original = jobs._Progress.row

    def recording(progress: jobs._Progress, number: int) -> None:
        seen.append(number)
        original(progress, number)

    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL_S", 0.0)
    monkeypatch.setattr(jobs._Progress, "row", recording)
    sammy_user = session.scalar(select(User).where(User.username == "sammy"))
    assert sammy_user is not None
    # The dry run again, in this thread, to watch it.
    jobs.job_runner(app).run(job_id, Actor.from_user(sammy_user), dry_run=True, accept_contract=True)
    assert seen == list(range(1, 31))
    session.expire_all()
    job = session.get(PortalJob, job_id)
    assert job is not None and job.status == "checked" and job.done == 30 and job.problems == []


def test_a_job_without_progress_for_long_is_interrupted(sammy: FlaskClient, session: Session) -> None:
    path = job_path(upload(sammy, csv_bytes(clean_rows(make_organisations(session, 2)))))
    wait_for_job(sammy, path)
    job = session.get(PortalJob, path.rsplit("/", 1)[1])
    assert job is not None
    job.status = "writing"
    job.updated_at = dt.datetime.now(dt.UTC) - jobs.STALE_AFTER - dt.timedelta(seconds=1)
    session.commit()
    status = sammy.get(f"{path}/status").get_json()
    assert status["status"] == "interrupted" and status["running"] is False
    page = sammy.get(path).get_data(as_text=True)
    assert "The processing was interrupted; nothing was saved." in page
    # An interrupted job does not block the next upload.
    again = upload(sammy, csv_bytes(clean_rows(make_organisations(session, 1, first_body=12_400_000))))
    assert again.status_code == 303


def test_a_running_job_blocks_a_second_upload(sammy: FlaskClient, session: Session) -> None:
    path = job_path(upload(sammy, csv_bytes(clean_rows(make_organisations(session, 2)))))
    wait_for_job(sammy, path)
    job = session.get(PortalJob, path.rsplit("/", 1)[1])
    assert job is not None
    job.status = "checking"
    job.updated_at = dt.datetime.now(dt.UTC)
    session.commit()
    response = upload(sammy, csv_bytes(clean_rows(make_organisations(session, 1, first_body=12_400_000))))
    assert response.status_code == 409
    assert "An earlier file is still being processed." in response.get_data(as_text=True)
    page = sammy.get(path).get_data(as_text=True)
    assert '<progress id="bulk-progress-bar"' in page and 'aria-live="polite"' in page
    assert 'data-status-url="' in page and "Reload this page" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Het mandaattype „no_such_type” bestaat niet."),
        ("fr", "Le type de mandat « no_such_type » n'existe pas."),
        ("de", "Der Mandatstyp „no_such_type“ existiert nicht."),
    ],
)
def test_the_report_speaks_the_users_language(
    sammy: FlaskClient, session: Session, language: str, expected: str
) -> None:
    from markupsafe import escape

    parties = make_organisations(session, 1)
    rows = clean_rows(parties)
    rows[0][2] = "no_such_type"
    sammy.set_cookie("idp_lang", language)
    path = job_path(upload(sammy, csv_bytes(rows)))
    wait_for_job(sammy, path)
    assert str(escape(expected)) in sammy.get(path).get_data(as_text=True)


def test_an_unknown_code_stays_readable(app: Flask) -> None:
    from idp.portal.bulk_problems import problem_text

    with app.test_request_context("/?lang=en"):
        from idp import i18n

        i18n.g.language = "en"
        assert problem_text("mandate.some_future_rule", {"x": "{y}"}) == "Not possible (mandate.some_future_rule)."
        # A text whose placeholder the parameters lack never raises.
        assert problem_text("mandate.duplicate", {}).endswith("(no. ).")
