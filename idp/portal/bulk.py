"""Grouped actions by file: upload a CSV of new mandates, see every line's problem (a dry run), confirm to
create them all in one transaction; the upload template and the export of the party's mandates.

- GET  /portal/bulk                        the page: upload form, template and export links;
- GET  /portal/bulk/template.csv           the header row to fill in (``docs/portal-csv.md``);
- GET  /portal/bulk/export.csv             the acting party's mandates, formula cells neutralised;
- POST /portal/bulk/upload                 ``file`` (and ``ssm_mandate_type`` for SSM's headerless file):
                                           read, then the dry run starts beside the request;
- GET  /portal/bulk/jobs/<id>              its progress, its report, its confirmation, its outcome;
- GET  /portal/bulk/jobs/<id>/status       the same as JSON, polled by ``bulk.js``;
- POST /portal/bulk/jobs/<id>/confirm      ``accept_contract=yes``: the creation starts, once.

A job belongs to the login and the party that uploaded it; any other gets 404. Grouped sign and stop of
mandates ticked on the dashboard are in ``bulk_actions``.
"""

from __future__ import annotations

from flask import abort, current_app, jsonify, make_response, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import MandateType
from mandate_resolver.registry.queries import MAX_PAGE_SIZE, Listing, MandateQuery, search_mandates

from ..database import db_session
from ..i18n import current_language, translate
from . import bulk_actions  # noqa: F401 - grouped sign and stop join the blueprint too
from .blueprint import bp
from .bulk_problems import message, shown
from .context import portal_context, require_portal
from .csv_format import export_lines, template_text
from .csv_reading import COLUMNS, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, LineProblem, UploadError, UploadRow, read_upload
from .jobs import JobOwner, confirm, find_job, is_stale, job_runner, mandate_types_of, running_job, start_upload
from .jobs_models import PortalJob

# The report lists this many problems (and the confirmation this many rows); the rest are counted.
SHOWN_PROBLEMS = 1000
PREVIEW_ROWS = 50


def _owner() -> JobOwner:
    ctx = portal_context()
    return JobOwner(ctx.active.session.id, ctx.party.id, ctx.actor.user_id)


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(error: str = "", status: int = 200) -> Response:
    db = db_session()
    types = db.scalars(select(MandateType).where(MandateType.active.is_(True)).order_by(MandateType.code))
    language = current_language()
    response = make_response(
        render_template(
            "portal/bulk.html",
            error=error,
            columns=COLUMNS,
            mandate_types=[(t.code, t.name_in(language)) for t in types],
            running=running_job(db, _owner()),
            max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
            max_rows=MAX_UPLOAD_ROWS,
        ),
        status,
    )
    return _no_store(response)


@bp.get("/bulk")
@require_portal
def bulk() -> Response:
    return _page()


@bp.get("/bulk/template.csv")
@require_portal
def bulk_template() -> Response:
    response = make_response(template_text())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="mandates-template.csv"'
    return response


@bp.get("/bulk/export.csv")
@require_portal
def bulk_export() -> Response:
    ctx = portal_context()
    db = db_session()
    mandates = []
    after: int | None = None
    while True:
        page = search_mandates(
            db,
            MandateQuery(
                ctx.party.id, listing=Listing.ALL, after=after, limit=MAX_PAGE_SIZE, count=False, today=ctx.today
            ),
        )
        mandates.extend(page.mandates)
        if page.next_after is None:
            break
        after = page.next_after
    body = "".join(export_lines(mandates, ctx.party, language=current_language(), today=ctx.today))
    response = make_response(body)
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="mandates-{ctx.today.isoformat()}.csv"'
    return _no_store(response)


@bp.post("/bulk/upload")
@require_portal
def bulk_upload() -> Response:
    ctx = portal_context()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(translate("bulk.upload.no_file"), 400)
    data = upload.stream.read(MAX_UPLOAD_BYTES + 1)
    try:
        parsed = read_upload(data, ssm_mandate_type=request.form.get("ssm_mandate_type", "")[:64])
    except UploadError as error:
        return _page(message(f"bulk.file.{error.code}", **error.params), 413 if error.code == "csv.too_large" else 400)
    db = db_session()
    owner = _owner()
    if running_job(db, owner) is not None:
        return _page(translate("bulk.upload.busy"), 409)
    job = start_upload(db, owner, filename=upload.filename, parsed=parsed)
    db.commit()
    job_runner(current_app._get_current_object()).check(job.id, ctx.actor)  # type: ignore[attr-defined]
    return redirect(url_for("portal.bulk_job", job_id=job.id), code=303)


def _job_or_404(job_id: str) -> PortalJob:
    job = find_job(db_session(), job_id, _owner())
    if job is None:
        abort(404)
    return job


def _state(job: PortalJob) -> str:
    return "interrupted" if is_stale(job) else job.status


@bp.get("/bulk/jobs/<job_id>")
@require_portal
def bulk_job(job_id: str) -> Response:
    return _render_job(_job_or_404(job_id))


def _render_job(job: PortalJob, *, error: str = "", status: int = 200) -> Response:
    problems = [LineProblem.from_json(data) for data in job.problems]
    rows = [UploadRow.from_json(data) for data in job.rows[:PREVIEW_ROWS]]
    language = current_language()
    texts = [(t.name_in(language), t.text(language)) for t in mandate_types_of(db_session(), job)]
    response = make_response(
        render_template(
            "portal/bulk_job.html",
            job=job,
            state=_state(job),
            problems=shown(problems[:SHOWN_PROBLEMS]),
            problem_count=len(problems),
            problem_lines=len({p.line for p in problems}),
            hidden_problems=max(0, len(problems) - SHOWN_PROBLEMS),
            rows=rows,
            hidden_rows=max(0, job.total - PREVIEW_ROWS),
            contract_texts=[(name, text.creation_text if text else "") for name, text in texts],
            error=error,
        ),
        status,
    )
    return _no_store(response)


@bp.get("/bulk/jobs/<job_id>/status")
@require_portal
def bulk_job_status(job_id: str) -> Response:
    job = _job_or_404(job_id)
    state = _state(job)
    done = min(job.done, job.total)
    response = jsonify(
        status=state,
        done=done,
        total=job.total,
        running=state in ("checking", "writing"),
        text=message(f"bulk.progress.{state}", done=str(done), total=str(job.total)),
    )
    return _no_store(response)


@bp.post("/bulk/jobs/<job_id>/confirm")
@require_portal
def bulk_confirm(job_id: str) -> Response:
    ctx = portal_context()
    job = _job_or_404(job_id)
    if request.form.get("accept_contract") != "yes":
        return _render_job(job, error=translate("bulk.confirm.accept_required"), status=400)
    db = db_session()
    if job.problems or not confirm(db, job.id, _owner()):
        # Problems, or a second click: the page shows where the job is.
        db.rollback()
        return redirect(url_for("portal.bulk_job", job_id=job.id), code=303)
    db.commit()
    job_runner(current_app._get_current_object()).create(  # type: ignore[attr-defined]
        job.id, ctx.actor, accept_contract=True
    )
    return redirect(url_for("portal.bulk_job", job_id=job.id), code=303)
