"""Counterparty lookup for the create and transfer forms' script (``static/portal.js``):

    GET /portal/parties?q=barocy   ->  {"parties": [{"name": "BAROCY", "number": "BE 0806.154.033",
                                                     "value": "0806154033", "kind": "organisation", "city": ...}]}

By number (KBO or INSZ, any formatting) exactly that party; by name enterprises only, at most ten. The
forms work without it: a name typed in the counterparty field gives the same list as choices.
"""

from __future__ import annotations

from flask import jsonify, request
from werkzeug.wrappers import Response

from ..database import db_session
from .blueprint import bp
from .context import portal_context, require_portal
from .presenters import lookup_parties


@bp.get("/parties", endpoint="lookup_parties")
@require_portal
def lookup_parties_json() -> Response:
    text = request.args.get("q", "")[:100]
    matches = lookup_parties(db_session(), text, exclude=portal_context().party.id)
    response = jsonify({"parties": [match.as_json() for match in matches]})
    response.headers["Cache-Control"] = "no-store"
    return response
