"""The API's OpenAPI 3.1 document (``docs/api.yaml``), served as JSON and as YAML without a token: a
client's software reads it before it has one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Final

import yaml
from flask import Response, current_app

from ..settings import ROOT, Settings
from .blueprint import bp

DOCUMENT: Final = ROOT / "docs" / "api.yaml"
_CACHE: Final = "idp.api.document"


def openapi_document(path: Path = DOCUMENT) -> dict[str, object]:
    """The document as data (read once per process)."""
    cached: dict[str, object] | None = current_app.extensions.get(_CACHE)
    if cached is None:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{path} is not an OpenAPI document")
        cached = current_app.extensions[_CACHE] = loaded
    return cached


def served_document(issuer: str) -> dict[str, object]:
    """The document naming this provider's own addresses (the file has ``https://idp.example``)."""
    served = copy.deepcopy(openapi_document())
    served["servers"] = [{"url": issuer + "/api/v1", "description": "This provider."}]
    components = served.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    oauth = schemes.get("oauth") if isinstance(schemes, dict) else None
    flows = oauth.get("flows") if isinstance(oauth, dict) else None
    flow = flows.get("authorizationCode") if isinstance(flows, dict) else None
    if isinstance(flow, dict):
        flow.update(authorizationUrl=issuer + "/authorize", tokenUrl=issuer + "/token", refreshUrl=issuer + "/token")
    return served


@bp.get("/openapi.json")
def openapi_json() -> Response:
    settings: Settings = current_app.extensions["idp.settings"]
    body = json.dumps(served_document(settings.issuer.rstrip("/")), ensure_ascii=False)
    return Response(body, mimetype="application/json")


@bp.get("/openapi.yaml")
def openapi_yaml() -> Response:
    settings: Settings = current_app.extensions["idp.settings"]
    body = yaml.safe_dump(served_document(settings.issuer.rstrip("/")), allow_unicode=True, sort_keys=False)
    return Response(body, mimetype="application/yaml")
