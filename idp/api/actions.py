"""The lifecycle's steps on one mandate (sign, refuse, stop, extend, transfer and its answers) and on many
(sign, stop: all or none, with a dry run). Each: the acting party re-checked, the body parsed, the
service called, committed, the mandate as it now is returned.

Every body may carry ``expected_version`` (the ``version`` read before): a mandate changed meanwhile is
then a 409 ``mandate.concurrent_change`` instead of a step taken on a state nobody looked at.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import jsonify
from werkzeug.wrappers import Response

from mandate_resolver.registry.lifecycle import BulkReport, MandateService
from mandate_resolver.registry.models import Mandate

from ..i18n import current_language
from .auth import WRITE, acting_party, caller, requires
from .blueprint import bp
from .encode import encode_mandate, encode_report
from .problems import rejected, row_errors
from .schemas import Change, Fields, bulk_change, change, parse, read_json
from .views import mandate_service

Step = Callable[[MandateService, int, Change], Mandate]


def _step(party: str, parser: Callable[[Fields], Change], step: Step) -> Response:
    acting = acting_party(party, write=True)
    service = mandate_service()
    body = parse(read_json(optional=True), parser)
    mandate = step(service, acting.id, body)
    service.commit()
    return jsonify(encode_mandate(mandate, acting, service.today(), current_language()))


@bp.post("/parties/<party>/mandates/<mandate_id>/sign")
@requires(WRITE)
def sign_mandate(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(accept=True),
        lambda s, acting, body: s.sign_mandate(
            caller().actor, acting, mandate_id, accept_contract=body.accept_contract,
            expected_version=body.expected_version,
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/refuse")
@requires(WRITE)
def refuse_mandate(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(),
        lambda s, acting, body: s.refuse_mandate(
            caller().actor, acting, mandate_id, expected_version=body.expected_version
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/stop")
@requires(WRITE)
def stop_mandate(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(),
        lambda s, acting, body: s.stop_mandate(
            caller().actor, acting, mandate_id, expected_version=body.expected_version
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/extend")
@requires(WRITE)
def extend_mandate(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(extend=True),
        lambda s, acting, body: s.extend_mandate(
            caller().actor, acting, mandate_id, valid_until=body.valid_until, expected_version=body.expected_version
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/transfer")
@requires(WRITE)
def request_transfer(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(transfer=True),
        lambda s, acting, body: s.request_transfer(
            caller().actor, acting, mandate_id, new_mandatee=body.new_mandatee,
            expected_version=body.expected_version,
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/transfer/accept")
@requires(WRITE)
def accept_transfer(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(accept=True),
        lambda s, acting, body: s.accept_transfer(
            caller().actor, acting, mandate_id, accept_contract=body.accept_contract,
            expected_version=body.expected_version,
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/transfer/refuse")
@requires(WRITE)
def refuse_transfer(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(),
        lambda s, acting, body: s.refuse_transfer(
            caller().actor, acting, mandate_id, expected_version=body.expected_version
        ),
    )  # fmt: skip


@bp.post("/parties/<party>/mandates/<mandate_id>/transfer/cancel")
@requires(WRITE)
def cancel_transfer(party: str, mandate_id: str) -> Response:
    return _step(
        party, change(),
        lambda s, acting, body: s.cancel_transfer(
            caller().actor, acting, mandate_id, expected_version=body.expected_version
        ),
    )  # fmt: skip


# --- many at once -------------------------------------------------------------------------------------


BulkStep = Callable[[MandateService, int, bool, bool, tuple[str, ...]], BulkReport]


def _bulk(party: str, accept: bool, run: BulkStep) -> Response:
    acting = acting_party(party, write=True)
    service = mandate_service()
    body = parse(read_json(), bulk_change(accept=accept))
    report = run(service, acting.id, body.dry_run, body.accept_contract, body.mandate_ids)
    problem = rejected("bulk.rejected", [], row_errors(report.problems, "mandate_ids"))
    if problem is not None:
        raise problem
    if not body.dry_run:
        service.commit()
    return jsonify(encode_report(report, acting, service.today(), current_language()))


@bp.post("/parties/<party>/bulk/sign")
@requires(WRITE)
def sign_mandates(party: str) -> Response:
    """Sign every listed mandate, accepting each contract (``accept_contract``), or none."""
    return _bulk(
        party,
        True,
        lambda s, acting, dry_run, accept, ids: s.sign_mandates(
            caller().actor, acting, ids, accept_contract=accept, dry_run=dry_run
        ),
    )


@bp.post("/parties/<party>/bulk/stop")
@requires(WRITE)
def stop_mandates(party: str) -> Response:
    """Stop every listed mandate, or none."""
    return _bulk(
        party, False, lambda s, acting, dry_run, _, ids: s.stop_mandates(caller().actor, acting, ids, dry_run=dry_run)
    )
