"""The helpdesk: read any mandate, right and recent login decision, and answer "why was X not offered to Y?".

Read only: every page is a GET, the only forms are GET searches (SECURITY.md M16), and the helpdesk role
writes nothing anywhere else either (``authority.require_manage`` raises ``ReadOnly``).

- GET /helpdesk?q=...                       find a person or an enterprise (name, INSZ, KBO number, username)
- GET /helpdesk/parties/<id>                their mandates, rights, representations, login decisions
- GET /helpdesk/mandates?q=&status=         every mandate, searched
- GET /helpdesk/mandates/<mandate id>       one mandate and its history
- GET /helpdesk/explain?party=&application= the options the chain offers, and why each mandate is (not) offered
"""

from __future__ import annotations

import logging

from flask import abort, current_app, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.chain import ChainResult, ResolverChain
from mandate_resolver.identifiers import IdentifierError, Insz
from mandate_resolver.registry.errors import NotFound
from mandate_resolver.registry.explain import explain_mandates
from mandate_resolver.registry.lifecycle import MandateService, effective_status
from mandate_resolver.registry.models import Application, Party, PartyKind, User
from mandate_resolver.registry.queries import STATUSES, Listing, MandateQuery, search_mandates
from mandate_resolver.types import MandateOption, Subject

from ..database import db_session
from ..i18n import current_language
from ..selection.service import belgian_today, policy_of
from .blueprints import actor, helpdesk_bp, require_helpdesk
from .forms import MAX_ID, page
from .lookups import find_parties, party_file

log = logging.getLogger(__name__)

PAGE_SIZE = 25


def _after() -> int | None:
    raw = request.args.get("after", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


@helpdesk_bp.get("")
@helpdesk_bp.get("/")
@require_helpdesk
def index() -> Response:
    query = request.args.get("q", "")[:100]
    parties = find_parties(db_session(), query) if query.strip() else []
    return page("helpdesk/index.html", query=query, parties=parties, searched=bool(query.strip()))


@helpdesk_bp.get("/parties/<int:party_id>")
@require_helpdesk
def party(party_id: int) -> Response:
    db = db_session()
    found = db.get(Party, party_id) if party_id <= MAX_ID else None
    if found is None:
        abort(404)
    today = belgian_today()
    mandates = search_mandates(
        db, MandateQuery(party_id=found.id, listing=Listing.ALL, after=_after(), limit=PAGE_SIZE, today=today)
    )
    applications = list(db.scalars(select(Application).order_by(Application.name)))
    return page(
        "helpdesk/party.html",
        file=party_file(db, found),
        mandates=mandates,
        status_of=lambda m: effective_status(m, today),
        applications=applications,
        is_person=found.kind == PartyKind.PERSON,
    )


@helpdesk_bp.get("/mandates")
@require_helpdesk
def mandates() -> Response:
    db = db_session()
    today = belgian_today()
    text = request.args.get("q", "")[:100]
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    result = search_mandates(
        db, MandateQuery(party_id=None, text=text, status=status, after=_after(), limit=PAGE_SIZE, today=today)
    )
    return page(
        "helpdesk/mandates.html",
        query=text,
        status=status,
        statuses=STATUSES,
        mandates=result,
        status_of=lambda m: effective_status(m, today),
    )


@helpdesk_bp.get("/mandates/<mandate_id>")
@require_helpdesk
def mandate(mandate_id: str) -> Response:
    service = MandateService(db_session())
    try:
        found = service.get_mandate(actor(), mandate_id[:64])
    except NotFound:
        abort(404)
    return page(
        "helpdesk/mandate.html",
        mandate=found,
        status=effective_status(found, service.today()),
        history=service.history(found, language=current_language()),
    )


def _subject(person: Party, user: User | None) -> Subject | None:
    try:
        insz = Insz.parse(person.identifier)
    except IdentifierError:
        return None
    return Subject(insz, person.name, person_id=person.id, user_id=user.id if user else None)


def _chain_options(subject: Subject, application: Application) -> tuple[ChainResult | None, bool]:
    """The first page of options the chain offers, as the selection screen would show them."""
    chain: ResolverChain | None = current_app.extensions.get("idp.chain")
    if chain is None:
        return None, False
    policy = policy_of(db_session(), application, current_language(), belgian_today())
    try:
        return chain.resolve_options(subject, policy, page_size=50), True
    except Exception:
        log.exception("helpdesk: the chain could not answer for %s at %s", subject.person_id, application.client_id)
        return None, True


@helpdesk_bp.get("/explain")
@require_helpdesk
def explain() -> Response:
    db = db_session()
    party_id, application_id = _int_arg("party"), _int_arg("application")
    person = db.get(Party, party_id) if party_id is not None else None
    application = db.get(Application, application_id) if application_id is not None else None
    if person is None or person.kind != PartyKind.PERSON or application is None:
        abort(404)
    user = db.scalar(select(User).where(User.person_id == person.id))
    policy = policy_of(db, application, current_language(), belgian_today())
    explanation = explain_mandates(db, person_id=person.id, user_id=user.id if user else None, policy=policy)
    subject = _subject(person, user)
    result, configured = _chain_options(subject, application) if subject is not None else (None, False)
    chain_mandates = {o.mandate_id for o in result.options if isinstance(o, MandateOption)} if result else set()
    return page(
        "helpdesk/explain.html",
        person=person,
        user=user,
        application=application,
        policy=policy,
        explanation=explanation,
        result=result,
        chain_configured=configured,
        chain_mandates=chain_mandates,
    )
