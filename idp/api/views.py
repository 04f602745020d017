"""Reading and creating: mandate types, the caller's parties, a party's mandates in pages, one mandate with
its history, and creating one or many (all or none, with a dry run). Thin: parse, call the service, encode."""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.registry.authority import manageable_parties
from mandate_resolver.registry.errors import MandateNotFound
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import MandateType, Party, UserRight
from mandate_resolver.registry.queries import MandateQuery, search_mandates

from ..database import db_session
from ..i18n import current_language
from ..notifications import notifier_from_settings
from ..selection.service import belgian_today
from .auth import READ, WRITE, acting_party, caller, requires
from .blueprint import bp
from .encode import (
    encode_history,
    encode_mandate,
    encode_mandate_type,
    encode_party,
    encode_report,
    encode_right,
    mandate_url,
    party_reference,
)
from .idempotency import Outcome, answer_once
from .problems import rejected, row_errors
from .schemas import bulk_create, list_query, new_mandate, parse_partly, read_json


def mandate_service() -> MandateService:
    """The lifecycle service on this request's session, sending notifications as configured."""
    return MandateService(db_session(), notifier=notifier_from_settings(current_app.extensions["idp.settings"]))


@bp.get("/mandate-types")
@requires(READ)
def list_mandate_types() -> Response:
    types = db_session().scalars(select(MandateType).order_by(MandateType.code))
    return jsonify({"mandate_types": [encode_mandate_type(t, current_language()) for t in types]})


@bp.get("/me")
@requires(READ)
def me() -> Response:
    """Who the token stands for, the parties they may act for today (the helpdesk: none, it reads all), and
    their IDM rights ("Mijn profiel")."""
    actor, db, today = caller().actor, db_session(), belgian_today()
    parties = manageable_parties(db, actor, today)
    rights = list(db.scalars(select(UserRight).where(UserRight.user_id == actor.user_id).order_by(UserRight.id)))
    type_ids = {link.mandate_type_id for right in rights for link in right.mandate_types}
    type_codes: dict[int, str] = {
        type_id: code
        for type_id, code in db.execute(select(MandateType.id, MandateType.code).where(MandateType.id.in_(type_ids)))
    }
    organisations = {
        party.id: party for party in db.scalars(select(Party).where(Party.id.in_({r.organisation_id for r in rights})))
    }
    return jsonify(
        {
            "name": actor.name,
            "helpdesk": actor.is_helpdesk,
            "parties": [encode_party(p) for p in parties],
            "rights": [encode_right(r, organisations[r.organisation_id], type_codes, today) for r in rights],
        }
    )


@bp.get("/parties/<party>/mandates")
@requires(READ)
def list_mandates(party: str) -> Response:
    acting = acting_party(party, write=False)
    query = list_query(request.args.to_dict(flat=False))
    today = belgian_today()
    page = search_mandates(
        db_session(),
        MandateQuery(
            party_id=acting.id, listing=query.listing, text=query.text, mandate_type=query.mandate_type,
            status=query.status, valid_from=query.valid_from, valid_until=query.valid_until, after=query.after,
            limit=query.limit, today=today,
        ),
    )  # fmt: skip
    next_url = None
    if page.next_after is not None:
        arguments = {name: value for name, value in request.args.items() if name != "after"}
        next_url = url_for(
            "api.list_mandates", party=party_reference(acting), **arguments, after=page.next_after, _external=True
        )
    response = jsonify(
        {
            "mandates": [encode_mandate(m, acting, today, current_language()) for m in page.mandates],
            "total": page.total,
            "total_capped": page.total_capped,
            "next": next_url,
        }
    )
    if next_url is not None:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


@bp.get("/parties/<party>/mandates/<mandate_id>")
@requires(READ)
def get_mandate(party: str, mandate_id: str) -> Response:
    acting = acting_party(party, write=False)
    actor = caller().actor
    service = mandate_service()
    mandate = service.get_mandate(actor, mandate_id, acting_for=None if actor.is_helpdesk else acting.id)
    if acting.id not in (mandate.mandator_id, mandate.mandatee_id, mandate.pending_mandatee_id):
        raise MandateNotFound()  # the helpdesk reads it under one of its own parties only
    body = encode_mandate(mandate, acting, service.today(), current_language())
    body["history"] = encode_history(service.history(mandate, language=current_language()))
    return jsonify(body)


@bp.post("/parties/<party>/mandates")
@requires(WRITE)
def create_mandate(party: str) -> Response:
    acting = acting_party(party, write=True)
    service = mandate_service()
    today = service.today()
    document = read_json()

    def create() -> Outcome:
        row, errors = parse_partly(document, lambda fields: new_mandate(fields, today))
        # Through the bulk call: every problem of the one row at once, not only the first.
        report = service.create_mandates(caller().actor, acting.id, [row], dry_run=bool(errors))
        problem = rejected("request.invalid", errors, row_errors(report.problems, None))
        if problem is not None:
            raise problem
        mandate = report.mandates[0]
        body = encode_mandate(mandate, acting, today, current_language())
        return Outcome(201, body, mandate_url(acting, mandate.id))

    return answer_once(document, create, service.commit)


@bp.post("/parties/<party>/bulk/mandates")
@requires(WRITE)
def create_mandates(party: str) -> Response:
    """Create every row, or none: with any problem, a 422 listing all of them; ``dry_run`` only checks."""
    acting = acting_party(party, write=True)
    service = mandate_service()
    today = service.today()
    document = read_json()

    def create() -> Outcome:
        bulk, errors = parse_partly(document, lambda fields: bulk_create(fields, today))
        report = service.create_mandates(caller().actor, acting.id, bulk.rows, dry_run=bulk.dry_run or bool(errors))
        problem = rejected("bulk.rejected", errors, row_errors(report.problems, "rows"))
        if problem is not None:
            raise problem
        return Outcome(200 if bulk.dry_run else 201, encode_report(report, acting, today, current_language()))

    return answer_once(document, create, service.commit)
