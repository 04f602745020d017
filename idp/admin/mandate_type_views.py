"""Administration of mandate types: list, create, edit texts and party kinds, (de)activate, delete unused.

- GET  /admin/mandate-types                   the list, active types first
- GET  /admin/mandate-types/new, POST         a new type (code, number, texts in four languages, kinds)
- GET  /admin/mandate-types/<code>, POST      edit (the code is shown, never changed)
- POST /admin/mandate-types/<code>/active     ``active`` 0 or 1
- POST /admin/mandate-types/<code>/delete     only when nothing uses it, after a confirmation box
"""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from mandate_resolver.registry.errors import NotFound, RegistryError
from mandate_resolver.registry.mandate_types import (
    LANGUAGES,
    MandateTypeDraft,
    TypeTexts,
    check_draft,
    create_mandate_type,
    delete_mandate_type,
    draft_of,
    get_mandate_type,
    list_mandate_types,
    set_active,
    update_mandate_type,
    usage_of,
)
from mandate_resolver.registry.models import MandateType, PartyKind

from ..database import db_session
from .blueprints import actor, admin_bp, require_admin
from .forms import Problems, checked, done_flag, page, text, translated

KINDS = (PartyKind.PERSON, PartyKind.ORGANISATION)


def draft_from_form(form: MultiDict[str, str], *, code: str | None = None) -> tuple[MandateTypeDraft, Problems]:
    """The draft a form describes, and the problems of reading it (a number that is not a number)."""
    problems = Problems()
    raw_number = text(form, "number", 12).strip()
    number: int | None = None
    if raw_number:
        if raw_number.isascii() and raw_number.isdigit() and len(raw_number) <= 10:
            number = int(raw_number)
        else:
            problems.add("number", translated("mandate_type.number_invalid"))
    texts = {
        language: TypeTexts(
            name=text(form, f"name_{language}", 300),
            description=text(form, f"description_{language}"),
            creation_text=text(form, f"creation_text_{language}"),
            stop_text=text(form, f"stop_text_{language}"),
        )
        for language in LANGUAGES
    }
    allowed = {kind.value: kind for kind in KINDS}
    mandator = frozenset(allowed[v] for v in form.getlist("mandator_kinds") if v in allowed)
    mandatee = frozenset(allowed[v] for v in form.getlist("mandatee_kinds") if v in allowed)
    draft = MandateTypeDraft(
        code if code is not None else text(form, "code", 80).strip(), texts, mandator, mandatee, number
    )
    return draft, problems


def _find(code: str) -> MandateType:
    try:
        return get_mandate_type(db_session(), code)
    except NotFound:
        abort(404)


def _form_page(
    draft: MandateTypeDraft, problems: Problems, existing: MandateType | None, status: int = 200
) -> Response:
    usage = usage_of(db_session(), existing) if existing is not None else None
    return page(
        "admin/mandate_type_form.html",
        status,
        draft=draft,
        problems=problems,
        existing=existing,
        usage=usage,
        text_languages=LANGUAGES,
        kinds=KINDS,
    )


@admin_bp.get("/mandate-types")
@require_admin
def mandate_types() -> Response:
    db = db_session()
    rows = [(t, usage_of(db, t)) for t in list_mandate_types(db)]
    return page(
        "admin/mandate_types.html",
        rows=rows,
        done=done_flag("created", "updated", "activated", "deactivated", "deleted"),
    )


@admin_bp.get("/mandate-types/new")
@require_admin
def new_mandate_type() -> Response:
    empty = MandateTypeDraft("", {}, frozenset(KINDS), frozenset(KINDS))
    return _form_page(empty, Problems(), None)


@admin_bp.post("/mandate-types/new")
@require_admin
def create_type() -> Response:
    db = db_session()
    draft, problems = draft_from_form(request.form)
    problems.add_errors(check_draft(db, draft))
    if problems:
        return _form_page(draft, problems, None, 400)
    try:
        create_mandate_type(db, draft, actor_user_id=actor().user_id)
        db.commit()
    except RegistryError as error:  # a race with another administrator: the same rules, checked again
        db.rollback()
        problems.add_errors([error])
        return _form_page(draft, problems, None, 409)
    return redirect(url_for("admin.mandate_types", done="created"), code=303)


@admin_bp.get("/mandate-types/<code>")
@require_admin
def edit_mandate_type(code: str) -> Response:
    mandate_type = _find(code)
    return _form_page(draft_of(mandate_type), Problems(), mandate_type)


@admin_bp.post("/mandate-types/<code>")
@require_admin
def update_type(code: str) -> Response:
    db = db_session()
    mandate_type = _find(code)
    # The code comes from the URL, never from the form: it cannot be changed.
    draft, problems = draft_from_form(request.form, code=mandate_type.code)
    problems.add_errors(check_draft(db, draft, existing=mandate_type))
    if problems:
        return _form_page(draft, problems, mandate_type, 400)
    try:
        update_mandate_type(db, mandate_type, draft, actor_user_id=actor().user_id)
        db.commit()
    except RegistryError as error:
        db.rollback()
        problems.add_errors([error])
        return _form_page(draft, problems, _find(code), 409)
    return redirect(url_for("admin.mandate_types", done="updated"), code=303)


@admin_bp.post("/mandate-types/<code>/active")
@require_admin
def activate_type(code: str) -> Response:
    db = db_session()
    mandate_type = _find(code)
    active = request.form.get("active")
    if active not in ("0", "1"):
        abort(400)
    set_active(db, mandate_type, active == "1", actor_user_id=actor().user_id)
    db.commit()
    return redirect(url_for("admin.mandate_types", done="activated" if active == "1" else "deactivated"), code=303)


@admin_bp.post("/mandate-types/<code>/delete")
@require_admin
def delete_type(code: str) -> Response:
    db = db_session()
    mandate_type = _find(code)
    problems = Problems()
    if not checked(request.form, "confirm"):
        problems.add("confirm", translated("admin.confirm_required"))
        return _form_page(draft_of(mandate_type), problems, mandate_type, 400)
    try:
        delete_mandate_type(db, mandate_type, actor_user_id=actor().user_id)
        db.commit()
    except RegistryError as error:
        db.rollback()
        problems.add_errors([error])
        mandate_type = _find(code)
        return _form_page(draft_of(mandate_type), problems, mandate_type, error.status)
    return redirect(url_for("admin.mandate_types", done="deleted"), code=303)
