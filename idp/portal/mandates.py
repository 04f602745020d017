"""The dashboard, creating a mandate, its detail page and its actions (filled in by the portal work)."""

from __future__ import annotations

from flask import render_template
from werkzeug.wrappers import Response

from .blueprint import bp
from .context import require_portal


@bp.get("/mandates")
@require_portal
def dashboard() -> Response:
    return render_template("portal/dashboard.html")  # type: ignore[return-value]
