"""The API's blueprint at ``/api/v1`` and how every refusal below it is answered (problem+json)."""

from __future__ import annotations

import logging

from flask import Blueprint, Response
from werkzeug.exceptions import HTTPException

from mandate_resolver.registry.errors import RegistryError

from ..database import db_session
from .problems import ApiProblem, from_registry_error, render

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.errorhandler(ApiProblem)
def _problem(problem: ApiProblem) -> Response:
    db_session().rollback()  # nothing of a refused call is kept
    return render(problem)


@bp.errorhandler(RegistryError)
def _registry_error(error: RegistryError) -> Response:
    db_session().rollback()
    return render(from_registry_error(error))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    return render(ApiProblem(status, f"http.{status}"))


@bp.errorhandler(Exception)
def _unexpected(error: Exception) -> Response:
    # Never a stack trace to the caller; the log has it.
    log.exception("api: unexpected error", exc_info=error)
    db_session().rollback()
    return render(ApiProblem(500, "http.500"))


@bp.after_request
def _no_store(response: Response) -> Response:
    # Personal data: no cache along the way may keep it.
    response.headers.setdefault("Cache-Control", "no-store")
    return response
