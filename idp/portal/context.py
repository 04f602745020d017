"""Who is acting in the portal, for which party: established once per request by ``require_portal``.

    @bp.get("/mandates")
    @require_portal
    def dashboard() -> Response:
        ctx = portal_context()       # ctx.actor, ctx.party (the party chosen at entry), ctx.today
        ...

Every request re-checks that the actor may still manage the chosen party today (a right ended by a local
administrator ends the access at once, not at the next login). Views take the acting party from here,
never from the form or the URL (SECURITY.md M05, M17).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec

from flask import abort, current_app, g, redirect, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.authority import Actor, may_manage_mandates
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Party

from ..database import db_session
from ..notifications import notifier_from_settings
from ..selection.service import belgian_today
from ..sessions import ActiveSession, current_session
from .models import PortalEntry

P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class PortalContext:
    active: ActiveSession
    actor: Actor
    # The party chosen at entry: the person themself, or an organisation they manage or represent.
    party: Party
    capacity: str
    today: dt.date

    @property
    def in_own_name(self) -> bool:
        return self.party.id == self.actor.person_id


def portal_context() -> PortalContext:
    """The context ``require_portal`` established for this request."""
    context: PortalContext = g.portal_context
    return context


def login_redirect() -> Response:
    """To the login page, coming back here afterwards (a GET; after a POST, to the dashboard)."""
    back = request.full_path if request.method == "GET" else url_for("portal.dashboard")
    return redirect(url_for("login.start", next=back.rstrip("?")), code=303)


def require_login(view: Callable[P, Response]) -> Callable[P, Response]:
    """The page needs a live single sign-on session (any party): otherwise to the login page."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> Response:
        if current_session() is None:
            return login_redirect()
        return view(*args, **kwargs)

    return wrapped


def require_portal(view: Callable[P, Response]) -> Callable[P, Response]:
    """The page needs a login and a party chosen at entry, which the actor may still manage today."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> Response:
        active = current_session()
        if active is None:
            return login_redirect()
        actor = Actor.from_user(active.user)
        if actor.is_helpdesk:
            # SECURITY.md M16: the helpdesk reads (in /helpdesk) and never acts, whatever the URL.
            abort(403)
        db = db_session()
        entry = db.get(PortalEntry, active.session.id)
        if entry is None:
            return redirect(url_for("portal.enter"), code=303)
        today = belgian_today()
        if not may_manage_mandates(db, actor, entry.party_id, today):
            abort(403)
        party = db.get(Party, entry.party_id)
        if party is None:
            abort(403)
        g.portal_context = PortalContext(active, actor, party, entry.capacity, today)
        return view(*args, **kwargs)

    return wrapped


def mandate_service() -> MandateService:
    """The lifecycle service on this request's session, sending notifications as configured."""
    return MandateService(db_session(), notifier=notifier_from_settings(current_app.extensions["idp.settings"]))
