"""Creating a mandate, as SSM does it in three pages (seeds, "Stap 1: Aanmaken mandaat"):

- GET  /portal/mandates/new          the form: dates, type, role, counterparty, reference, language, e-mails;
- POST /portal/mandates/new          checked by the service (nothing written): the form again with every
                                     problem on its field (422), or a list of parties to pick from when the
                                     counterparty was given by name, or the confirmation page with the
                                     type's contract text to accept;
- POST /portal/mandates/new/confirm  creates it (the creator's side signs), sends the notification after the
                                     commit, and shows the new mandate.

The acting party is the one chosen at entry (``portal_context().party``), never a field of these forms.
"""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.identifiers import IdentifierError, guess_party_identifier
from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.models import Party

from ..database import db_session
from ..i18n import current_language
from .access import abort_for
from .blueprint import bp
from .context import mandate_service, portal_context, require_portal
from .forms import CreateForm
from .presenters import PartyMatch, find_type, lookup_parties, type_choice, usable_types


@bp.get("/mandates/new")
@require_portal
def create() -> Response:
    form = CreateForm(language=current_language(), valid_from_text=portal_context().today.isoformat())
    return _render_form(form, [], 200)


@bp.post("/mandates/new")
@require_portal
def create_check() -> Response:
    form = CreateForm.parse(request.form, default_language=current_language())
    if request.form.get("edit") == "1":
        # "Change" on the confirmation page: the form again, as filled in.
        form.errors.by_field.clear()
        return _render_form(form, [], 200)
    candidates = _counterparty_candidates(form)
    if form.errors:
        return _render_form(form, candidates, 422)
    ctx = portal_context()
    try:
        problems = mandate_service().check_new_mandate(ctx.actor, ctx.party.id, form.new_mandate(accept_contract=True))
    except RegistryError as error:
        abort_for(error)
    if problems:
        form.add_problems(problems)
        return _render_form(form, candidates, 422)
    return _render_confirmation(form, 200)


@bp.post("/mandates/new/confirm")
@require_portal
def create_confirm() -> Response:
    form = CreateForm.parse(request.form, default_language=current_language())
    if form.errors:
        return _render_form(form, [], 422)
    if not form.accept_contract:
        form.errors.add_key("accept_contract", "portal.error.mandate.contract_not_accepted")
        return _render_confirmation(form, 422)
    ctx = portal_context()
    service = mandate_service()
    row = form.new_mandate(accept_contract=True)
    try:
        mandate = service.create_mandate(
            ctx.actor,
            ctx.party.id,
            role="mandator" if row.role == "mandator" else "mandatee",
            counterparty=row.counterparty,
            mandate_type_code=row.mandate_type_code,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            reference=row.reference,
            language=row.language,
            accept_contract=True,
            notify_emails=[address for address in row.notify_emails if address],
        )
        service.commit()
    except RegistryError as error:
        db_session().rollback()
        if error.status in (403, 404) and error.field in (None, "acting_for", "mandate_id"):
            abort_for(error)
        form.add_problems([error])
        return _render_form(form, [], 422)
    flash("portal.done.created", "portal")
    return redirect(url_for("portal.detail", mandate_id=mandate.id), code=303)


def looks_like_number(text: str) -> bool:
    """Whether the counterparty was typed as a number (then the identifiers module judges it) rather than
    a name (then a search). ``BE 0806.154.033``, ``85.07.30-033.28``, ``OVO002949`` are numbers.

    >>> looks_like_number("BE 0806.154.033"), looks_like_number("barocy"), looks_like_number("0411515076")
    (True, False, True)
    """
    body = text.strip().upper()
    body = body.removeprefix("BE").removeprefix("OVO").strip()
    # Six digits or more is a number with a typo in it ("85.07.30-033.2x"), not an enterprise's name.
    return bool(body) and (all(char in "0123456789 .-/" for char in body) or sum(c.isdigit() for c in body) >= 6)


def _counterparty_candidates(form: CreateForm) -> list[PartyMatch]:
    """A counterparty given by name: the parties found, to pick one from (no JavaScript needed)."""
    if not form.counterparty or looks_like_number(form.counterparty):
        return []
    candidates = lookup_parties(db_session(), form.counterparty, exclude=portal_context().party.id)
    key = "portal.error.choose_party" if candidates else "portal.error.party.not_found_by_name"
    form.errors.add_key("counterparty", key)
    return candidates


def _render_form(form: CreateForm, candidates: list[PartyMatch], status: int) -> Response:
    ctx = portal_context()
    types = usable_types(db_session(), ctx.party, current_language())
    response = make_response(
        render_template(
            "portal/create.html", form=form, types=types, candidates=candidates, errors=form.errors, party=ctx.party
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _counterparty(text: str) -> Party | None:
    try:
        identifier = guess_party_identifier(text)
    except IdentifierError:
        return None
    return db_session().scalar(
        select(Party).where(Party.scheme == identifier.scheme, Party.identifier == identifier.value)
    )


def _render_confirmation(form: CreateForm, status: int) -> Response:
    ctx = portal_context()
    mandate_type = find_type(db_session(), form.mandate_type)
    counterparty = _counterparty(form.counterparty)
    if mandate_type is None or counterparty is None:
        # Checked by the service a moment ago; gone meanwhile (an administrator's change): the form again.
        form.errors.add_key("mandate_type" if mandate_type is None else "counterparty", "portal.error.changed")
        return _render_form(form, [], 422)
    mandator, mandatee = (ctx.party, counterparty) if form.role == "mandator" else (counterparty, ctx.party)
    response = make_response(
        render_template(
            "portal/create_confirm.html",
            form=form,
            errors=form.errors,
            mandate_type=type_choice(mandate_type, current_language()),
            mandator=mandator,
            mandatee=mandatee,
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
