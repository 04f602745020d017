"""The administration home, signing keys and the audit log.

- GET  /admin                  what an administrator can do here
- GET  /admin/keys             the signing keys: active, retired, still published
- POST /admin/keys/rotate      new JWT signing keys (``confirm`` box required); audited
- GET  /admin/audit            the audit log, newest first, filtered by action, keyset pages (``before``)
"""

from __future__ import annotations

from flask import current_app, redirect, request, url_for
from werkzeug.wrappers import Response

from mandate_resolver.registry.audit import AuditQuery, read_audit, record, users_by_id

from ..database import db_session
from ..keys import KeyStore, KeyStoreError
from .blueprints import actor, admin_bp, require_admin
from .forms import MAX_ID, Problems, checked, done_flag, page, translated

AUDIT_PAGE_SIZE = 50


@admin_bp.get("")
@admin_bp.get("/")
@require_admin
def index() -> Response:
    return page("admin/index.html")


def _keys_page(problems: Problems, status: int = 200, done: str = "") -> Response:
    store: KeyStore = current_app.extensions["idp.keys"]
    published = {key["kid"] for key in store.jwks()["keys"]}
    return page(
        "admin/keys.html",
        status,
        keys=store.signing_keys,
        saml_key=store.saml_key(),
        published=published,
        problems=problems,
        done=done,
    )


@admin_bp.get("/keys")
@require_admin
def keys() -> Response:
    return _keys_page(Problems(), done=done_flag("rotated"))


@admin_bp.post("/keys/rotate")
@require_admin
def rotate_keys() -> Response:
    problems = Problems()
    if not checked(request.form, "confirm"):
        problems.add("confirm", translated("admin.confirm_required"))
        return _keys_page(problems, 400)
    store: KeyStore = current_app.extensions["idp.keys"]
    try:
        # The SAML key stays: its certificate is in every SP's copy of our metadata (``idp keys rotate
        # --include-saml`` and a restart replace it, announced to the SPs first).
        rotated = KeyStore.rotate(store.directory, retention=store.retention)
    except KeyStoreError:
        current_app.logger.exception("key rotation failed")
        problems.add("", translated("admin.keys.rotation_failed"))
        return _keys_page(problems, 500)
    # Other workers notice the new manifest within seconds (``oidc.signing.current_keys``).
    current_app.extensions["idp.keys"] = rotated
    db = db_session()
    record(
        db,
        actor_user_id=actor().user_id,
        action="admin.keys.rotated",
        target="jwt",
        detail={"active": {alg: rotated.active_key(alg).kid for alg in ("RS256", "ES256")}},
    )
    db.commit()
    return redirect(url_for("admin.keys", done="rotated"), code=303)


@admin_bp.get("/audit")
@require_admin
def audit() -> Response:
    action = request.args.get("action", "")[:64].strip()
    before_raw = request.args.get("before", "")
    before = int(before_raw) if before_raw.isascii() and before_raw.isdigit() and len(before_raw) <= 10 else None
    if before is not None and before > MAX_ID:
        before = None
    db = db_session()
    result = read_audit(db, AuditQuery(action=action, before=before, limit=AUDIT_PAGE_SIZE))
    return page(
        "admin/audit.html",
        entries=result.entries,
        users=users_by_id(db, result.entries),
        next_before=result.next_before,
        action=action,
        first_page=before is None,
    )
