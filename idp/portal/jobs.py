"""Upload jobs: the dry run and the creation of an uploaded CSV file, run beside the request, with progress.

    job = start_upload(db, owner, filename="clients.csv", parsed=read_upload(data))   # status "checking"
    db.commit()
    job_runner(app).check(job.id, actor)     # a worker thread: the dry run, then status "checked"
    ...                                      # the page polls ``job.done`` of ``job.total``
    if confirm(db, job.id, owner):           # "checked" without problems -> "writing", once
        job_runner(app).create(job.id, actor, accept_contract=True)   # one transaction, then "done"

Each step runs ``MandateService.create_mandates`` in a session of its own (never the request's) and needs
no Flask context: the runner holds the session factory and the notifier. The creation and the job's
"done" are committed together, so a job never says "done" for mandates that were not written, nor the
other way round. A worker that dies leaves the job "checking" or "writing"; after :data:`STALE_AFTER`
without progress the page calls it interrupted (nothing was written: the transaction never committed).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final

from flask import Flask
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.lifecycle import MandateService, RowProblem
from mandate_resolver.registry.models import MandateType, as_utc, utcnow
from mandate_resolver.registry.notify import Notifier

from ..notifications import notifier_from_settings
from .csv_reading import LineProblem, ParsedUpload, UploadRow
from .jobs_models import PortalJob

__all__ = [
    "RUNNING",
    "STALE_AFTER",
    "JobOwner",
    "JobRunner",
    "confirm",
    "find_job",
    "is_stale",
    "job_runner",
    "mandate_types_of",
    "running_job",
    "start_upload",
]

log = logging.getLogger(__name__)

RUNNING: Final = ("checking", "writing")
STALE_AFTER: Final = dt.timedelta(minutes=5)
# Progress is written at most this often: a commit per row would cost more than the check itself.
PROGRESS_INTERVAL_S: Final = 0.25
# Two uploads at once per process: more would only queue for the database's single writer anyway.
WORKERS: Final = 2
_EXTENSION: Final = "idp.portal.jobs"
_LOCK = threading.Lock()
# Made on first use, never at import: a process that serves no upload starts no thread.
_EXECUTOR: ThreadPoolExecutor | None = None

# The service's argument names as the CSV columns name them.
_COLUMN_OF_FIELD: Final = {"mandate_type_code": "mandate_type", "notify_emails": "emails", "accept_contract": None}


@dataclass(frozen=True, slots=True)
class JobOwner:
    """Who a job belongs to: the login (session), the party chosen at entry and the user."""

    session_id: str
    party_id: int
    user_id: int


def start_upload(db: Session, owner: JobOwner, *, filename: str, parsed: ParsedUpload) -> PortalJob:
    """A new job for the parsed file (the reader's problems already in it); earlier jobs of this login go."""
    db.execute(delete(PortalJob).where(PortalJob.session_id == owner.session_id, PortalJob.status.not_in(RUNNING)))
    now = utcnow()
    job = PortalJob(
        id=secrets.token_urlsafe(32),
        session_id=owner.session_id,
        party_id=owner.party_id,
        user_id=owner.user_id,
        filename=filename[:200],
        status="checking",
        total=len(parsed.rows),
        done=0,
        created=0,
        rows=[row.as_json() for row in parsed.rows],
        problems=[problem.as_json() for problem in parsed.problems],
        created_at=now,
        updated_at=now,
    )
    db.add(job)
    return job


def find_job(db: Session, job_id: str, owner: JobOwner) -> PortalJob | None:
    """The job, only for the login and party that uploaded it (another login's job does not exist here)."""
    job = db.get(PortalJob, job_id[:43], populate_existing=True)
    if job is None or job.session_id != owner.session_id or job.party_id != owner.party_id:
        return None
    return job


def running_job(db: Session, owner: JobOwner) -> PortalJob | None:
    """A job of this login still running (one at a time per login)."""
    jobs = db.scalars(select(PortalJob).where(PortalJob.session_id == owner.session_id, PortalJob.status.in_(RUNNING)))
    return next((job for job in jobs if not is_stale(job)), None)


def is_stale(job: PortalJob) -> bool:
    return job.status in RUNNING and as_utc(job.updated_at) < utcnow() - STALE_AFTER


def confirm(db: Session, job_id: str, owner: JobOwner) -> bool:
    """Move a checked job without problems to "writing", once: a second click finds it moved already."""
    moved = db.execute(
        update(PortalJob)
        .where(
            PortalJob.id == job_id,
            PortalJob.session_id == owner.session_id,
            PortalJob.party_id == owner.party_id,
            PortalJob.status == "checked",
        )
        .values(status="writing", done=0, updated_at=utcnow())
    )
    return bool(getattr(moved, "rowcount", 0) == 1)


def mandate_types_of(db: Session, job: PortalJob) -> list[MandateType]:
    """The mandate types the file uses, for their contract texts on the confirmation page."""
    codes = sorted({str(row.get("mandate_type", "")) for row in job.rows})
    return list(db.scalars(select(MandateType).where(MandateType.code.in_(codes)).order_by(MandateType.code)))


class JobRunner:
    """Runs jobs on a small pool of worker threads, each step in a database session of its own."""

    def __init__(self, sessions: sessionmaker[Session], notifier: Notifier, executor: Executor) -> None:
        self.sessions = sessions
        self.notifier = notifier
        self.executor = executor

    def check(self, job_id: str, actor: Actor) -> None:
        self.executor.submit(self.run, job_id, actor, dry_run=True, accept_contract=True)

    def create(self, job_id: str, actor: Actor, *, accept_contract: bool) -> None:
        self.executor.submit(self.run, job_id, actor, dry_run=False, accept_contract=accept_contract)

    def run(self, job_id: str, actor: Actor, *, dry_run: bool, accept_contract: bool) -> None:
        """One step: the dry run ("checking" -> "checked") or the creation ("writing" -> "done"/"checked")."""
        db = self.sessions()
        try:
            self._run(db, job_id, actor, dry_run=dry_run, accept_contract=accept_contract)
        except Exception:
            log.exception("portal upload job %s failed", job_id)
            db.rollback()
            self._finish_failed(job_id)
        finally:
            db.close()

    def _run(self, db: Session, job_id: str, actor: Actor, *, dry_run: bool, accept_contract: bool) -> None:
        job = db.get(PortalJob, job_id)
        if job is None:
            return
        rows = [UploadRow.from_json(data) for data in job.rows]
        # At the creation, a checked job has no problem left; at the dry run, the reader's are kept.
        found = [LineProblem.from_json(data) for data in job.problems] if dry_run else []
        progress = _Progress(self.sessions, job_id, len(rows))
        service = MandateService(db, notifier=self.notifier)
        today = service.today()
        new = [row.to_new_mandate(today=today, accept_contract=accept_contract) for row in rows]
        try:
            report = service.create_mandates(actor, job.party_id, new, dry_run=dry_run, on_row=progress.row)
            problems = _merge(found, report.problems, rows)
            created = 0 if dry_run or problems else len(report.mandates)
        except RegistryError as error:  # the whole upload: the right to manage ended, too many rows
            problems, created = [LineProblem(0, None, error.code, dict(error.params))], 0
        if not created:
            # Nothing of the service's work may stay; only the report is kept.
            db.rollback()
        job = db.get(PortalJob, job_id, populate_existing=True)
        if job is None:
            db.rollback()
            return
        job.problems = [problem.as_json() for problem in problems]
        job.done = len(rows)
        job.created = created
        job.status = "done" if created else "checked"
        job.updated_at = utcnow()
        # With the mandates, in their transaction: "done" exactly when they are written.
        db.commit()

    def _finish_failed(self, job_id: str) -> None:
        with self.sessions() as db:
            db.execute(update(PortalJob).where(PortalJob.id == job_id).values(status="failed", updated_at=utcnow()))
            db.commit()


def job_runner(app: Flask) -> JobRunner:
    """The app's runner, made on first use; every app of the process shares one small pool of threads."""
    global _EXECUTOR
    with _LOCK:
        if _EXECUTOR is None:
            _EXECUTOR = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="portal-jobs")
        runner = app.extensions.get(_EXTENSION)
        if not isinstance(runner, JobRunner):
            runner = JobRunner(
                app.extensions["idp.database"].sessions,
                notifier_from_settings(app.extensions["idp.settings"]),
                _EXECUTOR,
            )
            app.extensions[_EXTENSION] = runner
        return runner


def _merge(found: list[LineProblem], problems: Sequence[RowProblem], rows: Sequence[UploadRow]) -> list[LineProblem]:
    """The reader's problems and the service's, by line; where the reader already said what is wrong with a
    cell (a missing value, an unreadable date), the service's view of the stand-in value is left out."""
    covered = {(p.line, p.field) for p in found}
    unreadable_dates = {p.line for p in found if p.field in ("valid_from", "valid_until")}
    merged = list(found)
    for problem in problems:
        row = rows[problem.row - 1] if 0 < problem.row <= len(rows) else None
        line = row.line if row is not None else 0
        column = _COLUMN_OF_FIELD.get(problem.field or "", problem.field)
        if (line, column) in covered:
            continue
        if problem.code == "mandate.duplicate" and line in unreadable_dates:
            continue
        params = dict(problem.params)
        earlier = params.pop("row", None)
        if earlier is not None and earlier.isdigit() and 0 < int(earlier) <= len(rows):
            params["line"] = str(rows[int(earlier) - 1].line)
        merged.append(LineProblem(line, column, problem.code, params))
    return sorted(merged, key=lambda p: p.line)


class _Progress:
    """Writes how many rows were checked, from a session of its own, at most every PROGRESS_INTERVAL_S."""

    def __init__(self, sessions: sessionmaker[Session], job_id: str, total: int) -> None:
        self.sessions = sessions
        self.job_id = job_id
        self.total = total
        self.written_at = time.monotonic()

    def row(self, number: int) -> None:
        now = time.monotonic()
        # The last row is written always: the service writes right after it, and must not wait for us.
        if number < self.total and now - self.written_at < PROGRESS_INTERVAL_S:
            return
        self.written_at = now
        try:
            with self.sessions() as db:
                db.execute(
                    update(PortalJob).where(PortalJob.id == self.job_id).values(done=number, updated_at=utcnow())
                )
                db.commit()
        except Exception:  # progress is a courtesy: never the reason an upload fails
            log.warning("could not record the progress of upload job %s", self.job_id, exc_info=True)
