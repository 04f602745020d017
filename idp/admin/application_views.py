"""Administration of applications (OIDC clients and SAML service providers) and their mandate policy.

- GET  /admin/applications                  both protocols, with their policy
- GET  /admin/applications/oidc/new, POST   a new OIDC client; the result page shows its secret once
- GET  /admin/applications/saml/new, POST   a new SAML SP from pasted metadata or an https URL
- GET  /admin/applications/<id>, POST       edit the policy
- POST /admin/applications/<id>/enabled     ``enabled`` 0 or 1
"""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.mandate_types import list_mandate_types
from mandate_resolver.registry.models import MandateType

from ..database import db_session
from ..i18n import translate
from ..oidc.clients import AUTH_METHODS, ClientRegistration, RegisteredClient
from ..oidc.scopes import PROFILE_SCOPES
from ..saml.attributes import PROFILES as SAML_PROFILES
from ..saml.registry import SpRegistration
from .applications import (
    ApplicationRow,
    PolicyChange,
    application_row,
    claim_profiles,
    create_oidc_client,
    fetch_metadata,
    list_applications,
    oidc_problems,
    register_saml,
    replace_oidc_secret,
    set_enabled,
    update_policy,
)
from .blueprints import actor, admin_bp, require_admin
from .forms import MAX_ID, Problems, checked, done_flag, lines, page, text


def _types() -> list[MandateType]:
    return list_mandate_types(db_session())


def _codes(form: MultiDict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code[:64] for code in form.getlist("mandate_types")))[:100]


@admin_bp.get("/applications")
@require_admin
def applications() -> Response:
    db = db_session()
    names = {t.id: t.code for t in _types()}
    return page(
        "admin/applications.html",
        rows=list_applications(db),
        type_codes=names,
        done=done_flag("created", "updated", "enabled", "disabled"),
    )


# --- OIDC ---------------------------------------------------------------------------------------------


def _oidc_form(form: MultiDict[str, str]) -> ClientRegistration:
    return ClientRegistration(
        name=text(form, "name", 300).strip(),
        client_id=text(form, "client_id", 300).strip(),
        redirect_uris=lines(form, "redirect_uris"),
        post_logout_redirect_uris=lines(form, "post_logout_redirect_uris"),
        auth_method=text(form, "auth_method", 40),
        jwks_uri=text(form, "jwks_uri", 2100).strip(),
        mandate_types=_codes(form),
        legal_representatives=checked(form, "legal_representatives"),
        profile=text(form, "claim_profile", 40),
    )


def _oidc_page(form: MultiDict[str, str], problems: Problems, status: int = 200) -> Response:
    return page(
        "admin/oidc_form.html",
        status,
        form=form,
        problems=problems,
        mandate_types=_types(),
        auth_methods=AUTH_METHODS,
        profiles=tuple(PROFILE_SCOPES),
    )


@admin_bp.get("/applications/oidc/new")
@require_admin
def new_oidc() -> Response:
    defaults = MultiDict(
        {"auth_method": "client_secret_basic", "claim_profile": "standard", "allow_citizen": "1", "allow_employee": "1"}
    )
    return _oidc_page(defaults, Problems())


@admin_bp.post("/applications/oidc/new")
@require_admin
def create_oidc() -> Response:
    db = db_session()
    registration = _oidc_form(request.form)
    problems = Problems()
    problems.add_errors(oidc_problems(db, registration))
    if problems:
        return _oidc_page(request.form, problems, 400)
    try:
        registered = create_oidc_client(
            db,
            registration,
            allow_citizen=checked(request.form, "allow_citizen"),
            allow_employee=checked(request.form, "allow_employee"),
            actor_user_id=actor().user_id,
        )
        db.commit()
    except RegistryError as error:
        db.rollback()
        problems.add_errors([error])
        return _oidc_page(request.form, problems, 400)
    # The only time the secret is shown: only its hash is stored (the role check adds no-store).
    return page("admin/oidc_created.html", registered=registered, registration=registration)


# --- SAML ---------------------------------------------------------------------------------------------


def _saml_page(form: MultiDict[str, str], problems: Problems, status: int = 200) -> Response:
    return page(
        "admin/saml_form.html", status, form=form, problems=problems, mandate_types=_types(), profiles=SAML_PROFILES
    )


@admin_bp.get("/applications/saml/new")
@require_admin
def new_saml() -> Response:
    return _saml_page(MultiDict({"claim_profile": "standard"}), Problems())


@admin_bp.post("/applications/saml/new")
@require_admin
def create_saml() -> Response:
    db = db_session()
    form = request.form
    problems = Problems()
    url = text(form, "metadata_url", 2100).strip()
    profile = text(form, "claim_profile", 40)
    if profile not in SAML_PROFILES:
        profile = "standard"
    options = SpRegistration(
        name=text(form, "name", 200).strip(),
        attribute_profile=profile,
        encrypt_assertions=checked(form, "encrypt_assertions"),
        require_signed_requests=checked(form, "require_signed_requests"),
        mandate_types=_codes(form),
        legal_representatives=checked(form, "legal_representatives"),
        metadata_url=url,
    )
    try:
        metadata = fetch_metadata(url) if url else form.get("metadata", "")
        register_saml(db, metadata, options, actor_user_id=actor().user_id)
        db.commit()
    except RegistryError as error:
        db.rollback()
        problems.add_errors([error])
        return _saml_page(form, problems, 400)
    return redirect(url_for("admin.applications", done="created"), code=303)


# --- policy -------------------------------------------------------------------------------------------


def _row(application_id: int) -> ApplicationRow:
    row = application_row(db_session(), application_id) if application_id <= MAX_ID else None
    if row is None:
        abort(404)
    return row


def _policy_page(row: ApplicationRow, problems: Problems, selected: set[str] | None, status: int = 200) -> Response:
    types = _types()
    if selected is None:
        selected = {t.code for t in types if t.id in row.mandate_type_ids}
    return page(
        "admin/application_form.html",
        status,
        row=row,
        app=row.application,
        problems=problems,
        mandate_types=types,
        selected=selected,
        profiles=claim_profiles(row.application.protocol),
    )


@admin_bp.get("/applications/<int:application_id>")
@require_admin
def edit_application(application_id: int) -> Response:
    return _policy_page(_row(application_id), Problems(), None)


@admin_bp.post("/applications/<int:application_id>")
@require_admin
def update_application(application_id: int) -> Response:
    db = db_session()
    row = _row(application_id)
    form = request.form
    change = PolicyChange(
        mandate_types=_codes(form),
        legal_representatives=checked(form, "legal_representatives"),
        allow_citizen=checked(form, "allow_citizen"),
        allow_employee=checked(form, "allow_employee"),
        claim_profile=text(form, "claim_profile", 40),
        enabled=checked(form, "enabled"),
    )
    try:
        update_policy(db, row, change, actor_user_id=actor().user_id)
        db.commit()
    except RegistryError as error:
        db.rollback()
        problems = Problems()
        problems.add_errors([error])
        return _policy_page(_row(application_id), problems, set(change.mandate_types), 400)
    return redirect(url_for("admin.applications", done="updated"), code=303)


@admin_bp.post("/applications/<int:application_id>/enabled")
@require_admin
def enable_application(application_id: int) -> Response:
    db = db_session()
    row = _row(application_id)
    enabled = request.form.get("enabled")
    if enabled not in ("0", "1"):
        abort(400)
    set_enabled(db, row.application, enabled == "1", actor_user_id=actor().user_id)
    db.commit()
    return redirect(url_for("admin.applications", done="enabled" if enabled == "1" else "disabled"), code=303)


@admin_bp.post("/applications/<int:application_id>/secret")
@require_admin
def replace_secret(application_id: int) -> Response:
    """A new client secret, shown once on the result page; the old one stops working at once."""
    db = db_session()
    row = _row(application_id)
    if request.form.get("confirm") != "yes":
        problems = Problems()
        problems.add("confirm", translate("admin.applications.secret_confirm_needed"))
        return _policy_page(row, problems, None, 400)
    try:
        secret = replace_oidc_secret(db, row.application, actor_user_id=actor().user_id)
        db.commit()
    except RegistryError as error:  # not an OIDC application (404), or one without a secret (409)
        db.rollback()
        abort(error.status if error.status in (404, 409) else 400)
    registered = RegisteredClient(client_id=row.application.client_id, client_secret=secret)
    return page("admin/oidc_created.html", registered=registered, registration=row.application, replaced=True)
