"""Entering the portal: in my own name, or for one enterprise I manage or represent (SSM "instap").

- GET  /portal          the dashboard once a party is chosen, else the entry page;
- GET  /portal/enter    the parties this person may act for (own name first);
- POST /portal/enter    ``party`` (a party id from that list, re-checked on the server): bound to this login;
- POST /portal/switch   acting for another party needs a new login: to the login page, then back here.
"""

from __future__ import annotations

from flask import abort, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.authority import Actor, capacity_of, manageable_parties
from mandate_resolver.registry.models import AuditEntry, Party

from ..database import db_session
from ..selection.service import belgian_today
from ..sessions import current_session
from .blueprint import bp
from .context import login_redirect, require_login
from .models import PortalEntry


@bp.get("")
@bp.get("/")
@require_login
def home() -> Response:
    active = current_session()
    assert active is not None
    if db_session().get(PortalEntry, active.session.id) is None:
        return redirect(url_for("portal.enter"), code=303)
    return redirect(url_for("portal.dashboard"), code=303)


@bp.get("/enter")
@require_login
def enter() -> Response:
    active = current_session()
    assert active is not None
    db = db_session()
    actor = Actor.from_user(active.user)
    entry = db.get(PortalEntry, active.session.id)
    chosen = db.get(Party, entry.party_id) if entry is not None else None
    parties = [] if chosen is not None else manageable_parties(db, actor, belgian_today())
    response = make_response(
        render_template("portal/enter.html", parties=parties, chosen=chosen, actor=actor, helpdesk=actor.is_helpdesk)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/enter")
@require_login
def choose() -> Response:
    active = current_session()
    assert active is not None
    db = db_session()
    actor = Actor.from_user(active.user)
    today = belgian_today()
    try:
        party_id = int(request.form.get("party", ""))
    except ValueError:
        abort(400)
    allowed = {party.id: party for party in manageable_parties(db, actor, today)}
    party = allowed.get(party_id)
    existing = db.get(PortalEntry, active.session.id)
    if party is None or (existing is not None and existing.party_id != party_id):
        # M05/M17: a party this person does not manage, or another party in the same login.
        db.add(
            AuditEntry(
                actor_user_id=actor.user_id,
                action="portal.entry_refused",
                target=str(party_id)[:200],
                detail={"reason": "switch" if existing is not None else "not_manageable"},
            )
        )
        db.commit()
        abort(403)
    if existing is None:
        db.add(
            PortalEntry(
                session_id=active.session.id, party_id=party.id, capacity=capacity_of(db, actor, party.id, today)
            )
        )
        db.add(
            AuditEntry(
                actor_user_id=actor.user_id,
                action="portal.entered",
                target=f"{party.scheme}:{party.identifier}",
                detail={"party_name": party.name},
            )
        )
        db.commit()
    return redirect(url_for("portal.dashboard"), code=303)


@bp.post("/switch")
def switch() -> Response:
    """Acting for another party: log in again (a new login is a new session, without a chosen party)."""
    if current_session() is None:
        return login_redirect()
    return redirect(url_for("login.start", next=url_for("portal.enter"), reauth="1"), code=303)
