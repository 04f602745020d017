"""Signing or stopping many mandates at once, ticked on the dashboard (SSM's grouped actions).

- POST /portal/bulk/sign, /portal/bulk/stop                  repeated ``mandate_id``: a dry run, then the
  confirmation page (the mandates, the contract or stop texts to accept, those that cannot be done and why);
- POST /portal/bulk/sign/confirm, /portal/bulk/stop/confirm  the same ids and ``accept=yes``: all in one
  transaction, or none.

The acting party is the one chosen at entry. A mandate id that is not this party's (or does not exist)
makes the whole request 403, audited, with nothing changed (SECURITY.md M05); the helpdesk's read-only
role is refused by the service (M16).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import abort, make_response, render_template, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.lifecycle import MAX_BULK_ROWS, MAX_MANDATE_ID_LENGTH, BulkReport, effective_status
from mandate_resolver.registry.models import AuditEntry, Mandate

from ..database import db_session
from ..i18n import current_language
from .blueprint import bp
from .bulk_problems import message, problem_text
from .context import mandate_service, portal_context, require_portal

ACTIONS = ("sign", "stop")
# Codes that say "not this party's mandate": the whole request is refused, not one line of it.
_FOREIGN = frozenset({"mandate.not_a_party", "mandate.not_found", "mandate.not_visible"})


@dataclass(frozen=True, slots=True)
class _Line:
    mandate: Mandate
    status: str
    counterparty: str
    type_name: str
    problem: str


def _ids() -> list[str]:
    """The ticked ids in order, each once (a checkbox list cannot name one twice on purpose)."""
    seen: dict[str, None] = {}
    for value in request.form.getlist("mandate_id"):
        seen.setdefault(value.strip()[: MAX_MANDATE_ID_LENGTH + 1], None)
    return list(seen)


def _run(action: str, ids: Sequence[str], *, dry_run: bool) -> BulkReport:
    ctx = portal_context()
    service = mandate_service()
    try:
        if action == "sign":
            report = service.sign_mandates(ctx.actor, ctx.party.id, ids, accept_contract=True, dry_run=dry_run)
        else:
            report = service.stop_mandates(ctx.actor, ctx.party.id, ids, dry_run=dry_run)
    except RegistryError as error:  # the whole request: read-only role, right ended, too many ids
        db_session().rollback()
        abort(403 if error.status == 403 else 400)
    if any(problem.code in _FOREIGN for problem in report.problems):
        db_session().rollback()
        _refuse(action, ids, report)
    return report


def _refuse(action: str, ids: Sequence[str], report: BulkReport) -> None:
    ctx = portal_context()
    db = db_session()
    db.add(
        AuditEntry(
            actor_user_id=ctx.actor.user_id,
            action="portal.bulk_refused",
            target=f"{ctx.party.scheme}:{ctx.party.identifier}",
            detail={
                "action": action,
                "mandates": len(ids),
                "foreign": [ids[p.row - 1][:MAX_MANDATE_ID_LENGTH] for p in report.problems if p.code in _FOREIGN][:20],
            },
        )
    )
    db.commit()
    abort(403)


def _render(action: str, ids: Sequence[str], report: BulkReport, *, error: str = "", status: int = 200) -> Response:
    ctx = portal_context()
    language = current_language()
    problems = {ids[p.row - 1]: problem_text(p.code, p.params) for p in report.problems}
    found = {m.id: m for m in db_session().scalars(select(Mandate).where(Mandate.id.in_(list(ids))))}
    lines = []
    for mandate_id in ids:
        mandate = found[mandate_id]
        other = mandate.mandatee if mandate.mandator_id == ctx.party.id else mandate.mandator
        lines.append(
            _Line(
                mandate,
                message(f"bulk.state.{effective_status(mandate, ctx.today)}"),
                other.name,
                mandate.mandate_type.name_in(language),
                problems.get(mandate_id, ""),
            )
        )
    ready = [line for line in lines if not line.problem]
    texts: dict[str, str] = {}
    for line in ready:
        text = line.mandate.mandate_type.text(language)
        if text is not None:
            texts.setdefault(line.type_name, text.creation_text if action == "sign" else text.stop_text)
    response = make_response(
        render_template(
            "portal/bulk_action.html",
            action=action,
            ready=ready,
            blocked=[line for line in lines if line.problem],
            texts=sorted(texts.items()),
            error=error,
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _review(action: str) -> Response:
    ids = _ids()
    if not ids:
        return _message_page(action, message("bulk.action.none_selected"), 400)
    if len(ids) > MAX_BULK_ROWS:
        return _message_page(action, message("bulk.problem.bulk.too_many_rows", max=str(MAX_BULK_ROWS)), 400)
    return _render(action, ids, _run(action, ids, dry_run=True))


def _confirm(action: str) -> Response:
    ids = _ids()
    if not ids:
        return _message_page(action, message("bulk.action.none_selected"), 400)
    if len(ids) > MAX_BULK_ROWS:
        return _message_page(action, message("bulk.problem.bulk.too_many_rows", max=str(MAX_BULK_ROWS)), 400)
    if request.form.get("accept") != "yes":
        report = _run(action, ids, dry_run=True)
        return _render(action, ids, report, error=message(f"bulk.{action}.accept_required"), status=400)
    report = _run(action, ids, dry_run=False)
    if not report.ok:
        # Something changed since the confirmation page (another signed or stopped one): nothing was done.
        db_session().rollback()
        return _render(action, ids, report, error=message("bulk.action.changed"), status=409)
    try:
        mandate_service().commit()
    except RegistryError:  # a race lost at commit: nothing was written
        return _message_page(action, message("bulk.problem.mandate.concurrent_change"), 409)
    response = make_response(
        render_template("portal/bulk_done.html", action=action, count=len(report.mandates), mandates=report.mandates)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _message_page(action: str, text: str, status: int) -> Response:
    response = make_response(render_template("portal/bulk_done.html", action=action, count=0, error=text), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/bulk/sign")
@require_portal
def bulk_sign() -> Response:
    return _review("sign")


@bp.post("/bulk/sign/confirm")
@require_portal
def bulk_sign_confirm() -> Response:
    return _confirm("sign")


@bp.post("/bulk/stop")
@require_portal
def bulk_stop() -> Response:
    return _review("stop")


@bp.post("/bulk/stop/confirm")
@require_portal
def bulk_stop_confirm() -> Response:
    return _confirm("stop")
