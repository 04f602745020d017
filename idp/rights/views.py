"""The reading pages of user rights (IDM), and what every rights page shares.

- GET /profile                   "Mijn profiel": my work relations, my rights with dates and descriptions, my
                                 local administrators; links to set up a one-time code app and a passkey;
- GET /rights                    the organisations where I am local administrator today (one: straight to it);
                                 the helpdesk opens an organisation by its number (``organisation``);
- GET /rights/<org>              its users and their rights, ``q`` searches names, ``after`` pages on.

``<org>`` is the organisation as ``kbo:0806154033``; whatever it says, the service re-checks it against
the local administrator table for today (SECURITY.md M05).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import NoReturn

from flask import abort, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.identifiers import IdentifierError, guess_party_identifier
from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.errors import Forbidden, RegistryError
from mandate_resolver.registry.models import AuditEntry
from mandate_resolver.registry.rights import RightsService, party_ref

from ..database import db_session
from ..portal.context import require_login
from ..sessions import current_session
from .blueprint import bp

log = logging.getLogger(__name__)


def current_actor() -> Actor:
    active = current_session()
    if active is None:  # require_login ran first
        abort(401)
    return Actor.from_user(active.user)


def rights_service() -> RightsService:
    return RightsService(db_session())


def page(template: str, status: int = 200, **context: object) -> Response:
    """A rights page; never cached, since it shows who may do what."""
    response = make_response(render_template(template, **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def refuse(error: RegistryError, organisation: str) -> NoReturn:
    """Answer a refused request with its status, after undoing anything of it and auditing a refusal (M05)."""
    db = db_session()
    db.rollback()
    if isinstance(error, Forbidden):
        active = current_session()
        db.add(
            AuditEntry(
                actor_user_id=active.user.id if active is not None else None,
                action="rights.refused",
                target=organisation[:200],
                detail={"code": error.code, "endpoint": request.endpoint or "", "params": dict(error.params)},
            )
        )
        db.commit()
        log.warning("rights: refused %s on %s: %s", request.endpoint, organisation[:80], error.code)
    abort(error.status if error.status in (403, 404, 409) else 400)


@bp.get("/profile")
@require_login
def profile() -> Response:
    active = current_session()
    assert active is not None
    service = rights_service()
    return page("rights/profile.html", profile=service.profile(active.user), today=service.today())


@bp.get("/rights")
@require_login
def organisations() -> Response:
    actor = current_actor()
    service = rights_service()
    if actor.is_helpdesk:
        typed = request.args.get("organisation", "").strip()[:40]
        if typed:
            try:
                identifier = guess_party_identifier(typed)
            except IdentifierError:
                return page("rights/organisations.html", 400, organisations=[], helpdesk=True, typed=typed, error=True)
            return redirect(url_for("rights.organisation", org=f"{identifier.scheme}:{identifier.value}"), code=303)
        return page("rights/organisations.html", organisations=[], helpdesk=True, typed="", error=False)
    administered = service.administered_organisations(actor)
    if len(administered) == 1:
        return redirect(url_for("rights.organisation", org=party_ref(administered[0])), code=303)
    return page("rights/organisations.html", organisations=administered, helpdesk=False, typed="", error=False)


@bp.get("/rights/<org>")
@require_login
def organisation(org: str) -> Response:
    actor = current_actor()
    service = rights_service()
    search = request.args.get("q", "")[:100]
    after_text = request.args.get("after", "")
    after = int(after_text) if after_text.isdigit() and len(after_text) < 12 else None
    try:
        users = service.list_users(actor, org, search=search, after=after)
    except RegistryError as error:
        refuse(error, org)
    return page("rights/organisation.html", users=users, org=org, search=search, today=service.today())


def display_date(day: dt.date | None) -> str:
    """Dates as the seeds show them: 24/10/2019."""
    return day.strftime("%d/%m/%Y") if day is not None else ""
