"""Granting, changing and ending user rights, by a local administrator of the organisation.

- GET  /rights/<org>/users/<user_id>/grant    the grant form for one user of the organisation;
- POST /rights/<org>/users/<user_id>/grant    ``kind`` (ssm_mandaatbeheerder | ssm_mandaatuitvoerder),
       ``valid_from``, ``valid_until`` (optional; yyyy-mm-dd or dd/mm/yyyy), ``mandate_types`` (codes, one per
       checkbox; executor only), ``mandators`` (optional, one enterprise number per line; executor only);
- GET  /rights/<org>/rights/<right_id>/change the change form; POST the same fields but ``kind``;
- GET  /rights/<org>/rights/<right_id>/end    the confirmation; POST ends the right at once.

Every POST carries ``csrf_token``. Refusals (another organisation, a user or right of another one) are 403
and audited; problems with the input re-show the form with every message (400).
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.errors import Forbidden, NotFound, RegistryError
from mandate_resolver.registry.models import RightKind
from mandate_resolver.registry.rights import NewRight

from ..database import db_session
from ..i18n import translate
from ..portal.context import require_login
from .blueprint import bp
from .forms import RightForm, describe
from .views import current_actor, display_date, page, refuse, rights_service


def _done(org: str, key: str, **params: str) -> Response:
    db_session().commit()
    flash(translate(key, **params), "rights")
    return redirect(url_for("rights.organisation", org=org), code=303)


@bp.route("/rights/<org>/users/<int:user_id>/grant", methods=["GET", "POST"])
@require_login
def grant(org: str, user_id: int) -> Response:
    actor = current_actor()
    service = rights_service()
    try:
        member = service.member(actor, org, user_id)
        form = RightForm(kind=request.args.get("kind", "")[:40], valid_from_text=service.today().isoformat())
        if request.method == "POST":
            form = RightForm.parse(request.form, with_kind=True)
            if form.valid_from is not None and not form.errors:
                grant = NewRight(
                    user_id, form.kind, form.valid_from, form.valid_until, form.mandate_types, form.mandators
                )
                form.add_errors(service.check_grant(actor, org, grant))
                if not form.errors:
                    service.grant_right(actor, org, grant)
                    return _done(org, "rights.done.granted", name=member.user.person.name)
    except (Forbidden, NotFound) as error:
        refuse(error, org)
    except RegistryError as error:  # a conflict found at the last moment (another administrator was quicker)
        db_session().rollback()
        form.add_errors([error])
    return page(
        "rights/grant.html",
        400 if form.errors else 200,
        org=org,
        member=member,
        form=form,
        kinds=list(RightKind),
        mandate_types=service.grantable_mandate_types(),
    )


@bp.route("/rights/<org>/rights/<int:right_id>/change", methods=["GET", "POST"])
@require_login
def change(org: str, right_id: int) -> Response:
    actor = current_actor()
    service = rights_service()
    try:
        entry = service.right_of(actor, org, right_id)
        form = RightForm(
            valid_from_text=entry.right.valid_from.isoformat(),
            valid_until_text=entry.right.valid_until.isoformat() if entry.right.valid_until else "",
            mandate_types=tuple(t.code for t in entry.mandate_types),
            mandators_text="\n".join(p.identifier for p in entry.mandators),
        )
        if request.method == "POST":
            form = RightForm.parse(request.form, with_kind=False)
            if form.valid_from is not None and not form.errors:
                executor = entry.kind == RightKind.MANDATE_EXECUTOR
                service.change_right(
                    actor,
                    org,
                    right_id,
                    valid_from=form.valid_from,
                    valid_until=form.valid_until,
                    mandate_type_codes=form.mandate_types if executor else None,
                    mandators=form.mandators if executor else None,
                )
                return _done(org, "rights.done.changed", name=entry.holder_name)
    except (Forbidden, NotFound) as error:
        refuse(error, org)
    except RegistryError as error:
        db_session().rollback()
        form.add_errors([error])
    return page(
        "rights/change.html",
        400 if form.errors else 200,
        org=org,
        entry=entry,
        form=form,
        mandate_types=service.grantable_mandate_types(),
    )


@bp.route("/rights/<org>/rights/<int:right_id>/end", methods=["GET", "POST"])
@require_login
def end(org: str, right_id: int) -> Response:
    actor = current_actor()
    service = rights_service()
    error_text = ""
    try:
        entry = service.right_of(actor, org, right_id)
        if request.method == "POST":
            name = entry.holder_name
            ended = service.end_right(actor, org, right_id)
            if ended is None:
                return _done(org, "rights.done.withdrawn", name=name)
            return _done(org, "rights.done.ended", name=name, day=display_date(ended.valid_until))
    except (Forbidden, NotFound) as error:
        refuse(error, org)
    except RegistryError as error:
        db_session().rollback()
        error_text = describe(error)
    return page("rights/end.html", 409 if error_text else 200, org=org, entry=entry, error=error_text)
