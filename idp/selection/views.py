"""The "namens wie" step: the selection screen, its second dialog, and switching (ACM login steps 4 and 6).

Form contract:
- GET  /select?pending=<id>[&q=<search>][&after=<cursor>]  one form POST /select: radio ``option`` (an
  option key), hidden ``pending`` and ``csrf_token``; a mandator reachable through several mandatees is
  one tile linking to GET /select/via?pending=<id>&principal=<principal key>, a form of the same kind;
- POST /select  the posted key is re-checked by the chain (never trusted, M01), then ``finish(pending)``;
- GET/POST /switch?client_id=<id>  choose again for an application without logging in again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.chain import ChainResult
from mandate_resolver.identifiers import IdentifierError
from mandate_resolver.registry.models import Application
from mandate_resolver.types import (
    MAX_PAGE_SIZE,
    AppPolicy,
    Capacity,
    InvalidCursor,
    Principal,
    Selection,
    SortKey,
    SourceUnavailable,
    Subject,
)

from .. import csrf
from ..database import db_session
from ..i18n import current_language, translate
from ..login import journey
from ..login.pending import PendingLoginError, finish, load_pending
from ..models import PendingLogin
from ..sessions import ActiveSession, current_session
from . import service

log = logging.getLogger(__name__)

bp = csrf.protect(Blueprint("selection", __name__))

PAGE_SIZE: Final = 50


@dataclass(frozen=True, slots=True)
class Context:
    """Who chooses, for which application, under which policy; ``pending`` is None when switching."""

    pending: PendingLogin | None
    active: ActiveSession
    application: Application
    policy: AppPolicy
    subject: Subject


def _page(message: str, status: int, *, title: str = "error.title", detail: str = "") -> Response:
    response = make_response(
        render_template("error.html", title=translate(title), message=message, detail=detail, status=status), status
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _context_for(pending: PendingLogin | None, active: ActiveSession, client_id: str) -> Context | Response:
    db = db_session()
    application = service.application(db, client_id)
    if application is None:
        if pending is not None and pending.passive:
            return finish(pending, error="access_denied", description="the application is not enabled")
        return _page(translate("select.unknown_application"), 400)
    policy = service.policy_of(db, application, current_language(), service.belgian_today())
    try:
        subject = service.subject_of(active.user)
    except (IdentifierError, ValueError):
        log.error("user %s has no valid national register number", active.user.id)
        return _page(translate("error.500"), 500)
    return Context(pending, active, application, policy, subject)


def _begin(pending_id: str) -> Context | Response:
    """The context of a pending login, or where the browser must go instead (login, error)."""
    try:
        pending = load_pending(pending_id)
    except PendingLoginError:
        return _page(translate("login.expired"), 400)
    journey.apply_ui_locales(pending)
    active = current_session()
    if active is None or not journey.session_satisfies(active, pending):
        if pending.passive:
            return finish(pending, error="login_required", description="no usable session")
        return redirect(url_for("login.start", pending=pending.id), code=303)
    return _context_for(pending, active, pending.client_id)


def _complete(context: Context, selection: Selection) -> Response:
    db = db_session()
    if context.pending is None:
        service.remember_switch(db, context.active, context.application, selection)
        return _page(translate("switch.done", name=context.application.name), 200, title="switch.title", detail="")
    service.store_choice(db, context.pending, context.active, selection)
    return finish(context.pending)


def _visible(result: ChainResult) -> tuple[Principal, ...]:
    # Fail closed (M03): when a mandate source failed, no mandate tile is offered at all.
    if result.mandates_unavailable:
        return tuple(p for p in result.principals if p.capacity is not Capacity.MANDATE)
    return result.principals


def _render(
    context: Context,
    result: ChainResult,
    *,
    error: str = "",
    notice: str = "",
    chosen: str = "",
    status: int = 200,
) -> Response:
    pending = context.pending
    response = make_response(
        render_template(
            "selection/select.html",
            context=context,
            principals=_visible(result),
            result=result,
            hidden=_hidden(context),
            form_action=url_for("selection.choose") if pending else url_for("selection.switch"),
            error=error,
            notice=notice,
            chosen=chosen,
            search=request.args.get("q", "")[:100],
            Capacity=Capacity,
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _hidden(context: Context) -> dict[str, str]:
    if context.pending is not None:
        return {"pending": context.pending.id}
    return {"client_id": context.application.client_id}


def _resolve(context: Context, *, after: str | None = None, search: str | None = None) -> ChainResult:
    return service.chain().resolve_options(
        context.subject, context.policy, page_size=PAGE_SIZE, after=after or None, search=search or None
    )


def _automatic(context: Context, pending: PendingLogin) -> Response | tuple[str, str]:
    """Choose without a screen when the request or the situation decides; else (notice, pre-selection)."""
    hint = service.parse_hint(pending.login_hint)
    if hint is not None:
        matches = service.hinted_options(context.subject, context.policy, hint)
        if len(matches) == 1:
            selection = service.recheck(context.subject, context.policy, matches[0].key)
            if selection is not None:
                return _complete(context, selection)
        if pending.passive:
            return finish(pending, error="interaction_required", description="login_hint names no single option")
        return ("" if matches else "select.hint_refused", "")
    if not pending.select_account:
        key = service.remembered_key(db_session(), context.active, pending.client_id, context.policy)
        selection = service.recheck_quietly(context.subject, context.policy, key) if key else None
        if selection is not None:
            return _complete(context, selection)
    return ("", "")


def _first_page(context: Context, pending: PendingLogin, notice: str) -> Response:
    result = _resolve(context)
    options = [option for principal in _visible(result) for option in principal.options]
    if result.mandates_unavailable:
        notice = "select.unavailable"
        failed = sorted({failure.source for failure in result.failures})
        service.audit_decision(
            db_session(),
            context.active.user,
            context.application.client_id,
            "login.mandates_unavailable",
            {"sources": failed},
        )
        if pending.passive:
            return finish(pending, error="temporarily_unavailable", description="mandates are unavailable")
    elif len(options) == 1 and result.next_cursor is None and not pending.select_account:
        selection = service.recheck(context.subject, context.policy, options[0].key)
        if selection is not None:
            return _complete(context, selection)
    if not options:
        if not result.mandates_unavailable:
            service.audit_decision(
                db_session(), context.active.user, context.application.client_id, "login.no_options", {}
            )
        if pending.passive:
            return finish(pending, error="access_denied", description="no option for this application")
        if result.mandates_unavailable:
            return _page(translate("select.unavailable"), 503)
        return _page(
            translate("select.none", name=context.application.name),
            403,
            title="select.none_title",
            detail=translate("select.none_help"),
        )
    if pending.passive:
        # OIDC Core §3.1.2.6: never pick a mandate silently (SECURITY.md O17).
        return finish(pending, error="interaction_required", description="a choice is needed")
    return _render(context, result, notice=notice)


@bp.get("/select")
def show() -> Response:
    context = _begin(request.args.get("pending", ""))
    if isinstance(context, Response):
        return context
    assert context.pending is not None
    after, search = request.args.get("after", ""), request.args.get("q", "")
    try:
        if after or search:
            return _render(context, _resolve(context, after=after, search=search))
        decided = _automatic(context, context.pending)
        if isinstance(decided, Response):
            return decided
        return _first_page(context, context.pending, decided[0])
    except (InvalidCursor, ValueError):
        abort(400)
    except (SourceUnavailable, service.SelectionUnavailableError):
        return _page(translate("select.unavailable"), 503)


def _post(context: Context) -> Response:
    key = request.form.get("option", "")[:200]
    try:
        if not key:
            return _render(context, _resolve(context), error="select.missing", status=400)
        selection = service.recheck(context.subject, context.policy, key)
        if selection is None:
            service.audit_refused(db_session(), context.active.user, context.application.client_id, key, "refused")
            return _render(context, _resolve(context), error="select.refused", status=403)
    except (SourceUnavailable, service.SelectionUnavailableError):
        return _page(translate("select.unavailable"), 503)
    return _complete(context, selection)


@bp.post("/select")
def choose() -> Response:
    context = _begin(request.form.get("pending", ""))
    if isinstance(context, Response):
        return context
    return _post(context)


@bp.get("/select/via")
def via() -> Response:
    """The second dialog: through which mandatee to act for a mandator reachable through several."""
    pending_id = request.args.get("pending", "")
    context = _begin(pending_id) if pending_id else _switch_context(request.args.get("client_id", ""))
    if isinstance(context, Response):
        return context
    try:
        wanted = SortKey.decode(request.args.get("principal", ""))
        result = service.chain().resolve_options(
            context.subject, context.policy, page_size=MAX_PAGE_SIZE, search=wanted.identifier
        )
    except InvalidCursor:
        abort(400)
    except (SourceUnavailable, service.SelectionUnavailableError):
        return _page(translate("select.unavailable"), 503)
    principal = next((p for p in _visible(result) if p.sort_key == wanted), None)
    if principal is None:
        back = url_for("selection.show", pending=pending_id) if pending_id else url_for("selection.switch")
        return redirect(back, code=303)
    response = make_response(
        render_template(
            "selection/via.html",
            context=context,
            principal=principal,
            hidden=_hidden(context),
            form_action=url_for("selection.choose") if context.pending else url_for("selection.switch"),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _switch_context(client_id: str) -> Context | Response:
    active = current_session()
    if active is None:
        return redirect(url_for("login.start", next=url_for("selection.switch", client_id=client_id)), code=303)
    if not client_id or len(client_id) > 255:
        return _page(translate("select.unknown_application"), 400)
    return _context_for(None, active, client_id)


@bp.route("/switch", methods=["GET", "POST"])
def switch() -> Response:
    """Choose again for an application, without logging in again (ACM step 6)."""
    context = _switch_context(request.values.get("client_id", ""))
    if isinstance(context, Response):
        return context
    if request.method == "POST":
        return _post(context)
    try:
        return _render(context, _resolve(context, after=request.args.get("after"), search=request.args.get("q")))
    except (InvalidCursor, ValueError):
        abort(400)
    except (SourceUnavailable, service.SelectionUnavailableError):
        return _page(translate("select.unavailable"), 503)
