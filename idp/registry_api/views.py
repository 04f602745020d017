"""Views of the registry API: parse, ask the SQL backend, encode. Each fits on a screen."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast

from flask import Blueprint, Flask, Response, current_app, request
from flask.sansio.app import App
from flask.sansio.blueprints import BlueprintSetupState
from werkzeug.exceptions import HTTPException, NotFound, Unauthorized

from mandate_resolver.citizen import CitizenSqlBackend
from mandate_resolver.identifiers import IdentifierError, Insz
from mandate_resolver.idm import IdmSqlBackend
from mandate_resolver.kbo import KboSqlBackend
from mandate_resolver.sources import WIRE_SOURCES, OptionsBackend, valid_ref
from mandate_resolver.ssm import SsmSqlBackend
from mandate_resolver.types import Capacity, SourceUnavailable, Subject
from mandate_resolver.wire import WireError, decode_query, encode_check, encode_resolution

from ..database import database
from ..settings import ROOT, Settings

log = logging.getLogger(__name__)

blueprint = Blueprint("registry_api", __name__, url_prefix="/registry-api/v1")

EXTENSION: Final = "idp.registry_api"
PROBLEM: Final = "application/problem+json"
OPENAPI: Final = ROOT / "docs" / "registry-api.yaml"
CAPACITIES: Final = {source: capacity for capacity, source in WIRE_SOURCES.items()}


@dataclass(frozen=True, slots=True)
class Backends:
    """One SQL backend per source, over this provider's registry."""

    by_capacity: Mapping[Capacity, OptionsBackend]

    @classmethod
    def for_app(cls, app: App) -> Backends:
        sessions = database(cast(Flask, app)).sessions
        return cls(
            {
                # A person the registry does not know is not answered for: the asking side has their name.
                Capacity.CITIZEN: CitizenSqlBackend(sessions, registered_only=True),
                Capacity.EMPLOYEE: IdmSqlBackend(sessions),
                Capacity.LEGAL_REPRESENTATIVE: KboSqlBackend(sessions),
                Capacity.MANDATE: SsmSqlBackend(sessions),
            }
        )


class BadRequest(HTTPException):
    code = 400
    description = "The request is not valid."

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


@blueprint.record_once
def _set_up(state: BlueprintSetupState) -> None:
    state.app.extensions[EXTENSION] = Backends.for_app(state.app)


@blueprint.before_request
def _authenticate() -> None:
    settings: Settings = current_app.extensions["idp.settings"]
    if not settings.registry_api.enabled:
        raise NotFound()
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = settings.registry_api.token.encode()
    # Constant time: how much of a guessed token was right must not show in the response time.
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        raise Unauthorized()


@blueprint.errorhandler(HTTPException)
def _problem(error: HTTPException) -> Response:
    status = error.code or 500
    document: dict[str, object] = {"type": "about:blank", "title": error.name, "status": status}
    if isinstance(error, BadRequest):
        document["detail"] = error.description
        document["invalid_params"] = [{"name": error.parameter, "reason": error.reason}]
    response = _problem_response(document)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="registry-api"'
    return response


@blueprint.errorhandler(SourceUnavailable)
def _unavailable(error: SourceUnavailable) -> Response:
    log.warning("registry api: the registry cannot answer: %s", error)
    return _problem_response({"type": "about:blank", "title": "Service Unavailable", "status": 503})


def _problem_response(document: dict[str, object]) -> Response:
    status = document["status"]
    assert isinstance(status, int)
    return Response(json.dumps(document), status=status, mimetype=PROBLEM)


def _single(parameters: Mapping[str, list[str]]) -> dict[str, str]:
    for name, values in parameters.items():
        if len(values) != 1:
            raise BadRequest(name[:40], "must be given once")
    return {name: values[0] for name, values in parameters.items()}


def _subject(insz: str) -> Subject:
    try:
        identifier = Insz.parse(insz)
    except IdentifierError as exc:
        raise BadRequest("insz", str(exc)) from None
    if identifier.value != insz:
        raise BadRequest("insz", "must be the 11 digits of the number, without separators")
    # The backends read the person from the registry; the name is the asking side's business.
    return Subject(identifier, identifier.formatted)


def _capacity(source: str) -> Capacity:
    capacity = CAPACITIES.get(source)
    if capacity is None:
        raise NotFound()
    return capacity


def _json(body: bytes) -> Response:
    response = Response(body, mimetype="application/json")
    # Personal data: no cache along the way may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


def _backend(capacity: Capacity) -> OptionsBackend:
    backends: Backends = current_app.extensions[EXTENSION]
    return backends.by_capacity[capacity]


@blueprint.get("/persons/<insz>/options/<source>")
def page(insz: str, source: str) -> Response:
    """One page of the person's options from one source (``GET /persons/{insz}/options/{source}``)."""
    capacity, subject = _capacity(source), _subject(insz)
    try:
        policy, window = decode_query(_single(request.args.to_dict(flat=False)), capacity, page=True)
    except WireError as exc:
        raise BadRequest(exc.path, str(exc).partition(": ")[2]) from None
    assert window is not None
    return _json(encode_resolution(_backend(capacity).page(subject, policy, window, source)))


@blueprint.get("/persons/<insz>/options/<source>/<ref>")
def check(insz: str, source: str, ref: str) -> Response:
    """The one option ``ref`` if the rules allow it today, else ``{"option": null}``."""
    capacity, subject = _capacity(source), _subject(insz)
    if not valid_ref(capacity, ref):
        raise BadRequest("ref", f"not an option reference of {source}")
    try:
        policy, _ = decode_query(_single(request.args.to_dict(flat=False)), capacity, page=False)
    except WireError as exc:
        raise BadRequest(exc.path, str(exc).partition(": ")[2]) from None
    return _json(encode_check(_backend(capacity).find(subject, policy, ref, source)))


@blueprint.get("/openapi.yaml")
def openapi() -> Response:
    """This contract, as the OpenAPI document in the repository."""
    return Response(Path(OPENAPI).read_bytes(), mimetype="application/yaml")
