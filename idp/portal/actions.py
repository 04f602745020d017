"""The actions on one mandate, each a page of its own: GET shows what will happen and asks to confirm (the
contract text to accept for signing and for accepting a transfer, the stop text for stopping), POST does
it. A GET never changes anything (SECURITY.md M06); every POST carries the CSRF token and the version of
the mandate the person reviewed, so a change made meanwhile by the other side is reported, not overwritten.

    /portal/mandates/<id>/sign              portal.sign             accept_contract=yes
    /portal/mandates/<id>/refuse            portal.refuse
    /portal/mandates/<id>/stop              portal.stop
    /portal/mandates/<id>/extend            portal.extend           valid_until=2027-12-31 | unlimited=yes
    /portal/mandates/<id>/transfer          portal.transfer         new_mandatee=BE 0999.000.297 (or a name)
    /portal/mandates/<id>/transfer/accept   portal.accept_transfer  accept_contract=yes
    /portal/mandates/<id>/transfer/refuse   portal.refuse_transfer
    /portal/mandates/<id>/transfer/cancel   portal.cancel_transfer

Every form also sends ``version``. The acting party is the one chosen at entry, never a form field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from flask import flash, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Mandate

from ..database import db_session
from ..i18n import current_language
from .access import abort_for, visible_mandate
from .blueprint import bp
from .context import PortalContext, mandate_service, portal_context, require_portal
from .create import looks_like_number
from .forms import FieldErrors, parse_date, parse_version
from .presenters import PartyMatch, allowed_actions, lookup_parties, mandate_row, transfer_requested_by, type_choice

# What one action call gets: the service, who acts, the mandate id, the parsed fields, the version seen.
Perform = Callable[[MandateService, PortalContext, str, Mapping[str, object], int | None], Mandate]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    path: str
    # Which of the type's texts the confirmation shows: "creation" (the contract), "stop", or none.
    text: str
    perform: Perform
    fields: tuple[str, ...] = ()


def _sign(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.sign_mandate(c.actor, c.party.id, i, accept_contract=f["accept_contract"] is True, expected_version=v)


def _refuse(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.refuse_mandate(c.actor, c.party.id, i, expected_version=v)


def _stop(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.stop_mandate(c.actor, c.party.id, i, expected_version=v)


def _extend(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    until = f["valid_until"]
    valid_until = until if isinstance(until, dt.date) else None  # "unlimited": no end date
    return s.extend_mandate(c.actor, c.party.id, i, valid_until=valid_until, expected_version=v)


def _transfer(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.request_transfer(c.actor, c.party.id, i, new_mandatee=str(f["new_mandatee"]), expected_version=v)


def _accept(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.accept_transfer(c.actor, c.party.id, i, accept_contract=f["accept_contract"] is True, expected_version=v)


def _refuse_transfer(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.refuse_transfer(c.actor, c.party.id, i, expected_version=v)


def _cancel(s: MandateService, c: PortalContext, i: str, f: Mapping[str, object], v: int | None) -> Mandate:
    return s.cancel_transfer(c.actor, c.party.id, i, expected_version=v)


SPECS: Final = (
    ActionSpec("sign", "sign", "creation", _sign, ("accept_contract",)),
    ActionSpec("refuse", "refuse", "", _refuse),
    ActionSpec("stop", "stop", "stop", _stop),
    ActionSpec("extend", "extend", "", _extend, ("valid_until",)),
    ActionSpec("transfer", "transfer", "", _transfer, ("new_mandatee",)),
    ActionSpec("accept_transfer", "transfer/accept", "creation", _accept, ("accept_contract",)),
    ActionSpec("refuse_transfer", "transfer/refuse", "", _refuse_transfer),
    ActionSpec("cancel_transfer", "transfer/cancel", "", _cancel),
)


def _parse(
    spec: ActionSpec, form: Mapping[str, str], errors: FieldErrors
) -> tuple[dict[str, object], list[PartyMatch]]:
    """The action's own fields; problems the service cannot see (a date that does not parse) as errors."""
    values: dict[str, object] = {"accept_contract": form.get("accept_contract") == "yes"}
    candidates: list[PartyMatch] = []
    if "valid_until" in spec.fields:
        raw = str(form.get("valid_until", ""))[:20].strip()
        if form.get("unlimited") == "yes":
            values["valid_until"] = "unlimited"
        elif not raw:
            errors.add_key("valid_until", "portal.error.required")
        elif (day := parse_date(raw)) is None:
            errors.add_key("valid_until", "portal.error.date_invalid")
        else:
            values["valid_until"] = day
    if "new_mandatee" in spec.fields:
        text = str(form.get("new_mandatee_choice") or form.get("new_mandatee", ""))[:100].strip()
        values["new_mandatee"] = text
        if not text:
            errors.add_key("new_mandatee", "portal.error.required")
        elif not looks_like_number(text):
            candidates = lookup_parties(db_session(), text, exclude=portal_context().party.id)
            key = "portal.error.choose_party" if candidates else "portal.error.party.not_found_by_name"
            errors.add_key("new_mandatee", key)
    return values, candidates


def _make_view(spec: ActionSpec) -> Callable[[str], Response]:
    def view(mandate_id: str) -> Response:
        ctx = portal_context()
        service = mandate_service()
        visible_mandate(service, ctx, mandate_id)
        if request.method == "GET":
            return _render(spec, mandate_id, FieldErrors(), [], {})
        errors = FieldErrors()
        values, candidates = _parse(spec, request.form, errors)
        if errors:
            return _render(spec, mandate_id, errors, candidates, request.form, status=422)
        try:
            spec.perform(service, ctx, mandate_id, values, parse_version(request.form.get("version")))
            service.commit()
        except RegistryError as error:
            db_session().rollback()
            if error.status in (403, 404) and error.field in (None, "acting_for", "mandate_id"):
                abort_for(error)
            errors.add_registry([error], spec.fields)
            return _render(spec, mandate_id, errors, [], request.form, status=409 if error.status == 409 else 422)
        flash(f"portal.done.{spec.name}", "portal")
        return redirect(url_for("portal.detail", mandate_id=mandate_id), code=303)

    view.__name__ = spec.name
    return require_portal(view)


def _render(
    spec: ActionSpec,
    mandate_id: str,
    errors: FieldErrors,
    candidates: list[PartyMatch],
    form: Mapping[str, str],
    *,
    status: int = 200,
) -> Response:
    ctx = portal_context()
    service = mandate_service()
    mandate = visible_mandate(service, ctx, mandate_id)
    language = current_language()
    history = service.history(mandate, language=language)
    allowed = spec.name in allowed_actions(mandate, ctx.party.id, ctx.today, transfer_requested_by(history))
    if not allowed and status == 200:
        # Not possible now (already signed, expired, ...): say so instead of offering a button that fails.
        status = 409
    response = make_response(
        render_template(
            "portal/action.html",
            action=spec.name,
            text_kind=spec.text,
            fields=spec.fields,
            allowed=allowed,
            mandate=mandate,
            row=mandate_row(mandate, ctx.party.id, ctx.today, language),
            mandate_type=type_choice(mandate.mandate_type, language),
            errors=errors,
            candidates=candidates,
            form=form,
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


for _spec in SPECS:
    bp.add_url_rule(
        f"/mandates/<mandate_id>/{_spec.path}",
        endpoint=_spec.name,
        view_func=_make_view(_spec),
        methods=["GET", "POST"],
    )
