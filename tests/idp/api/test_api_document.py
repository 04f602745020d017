"""The OpenAPI document is valid, served with this provider's addresses, and says exactly what the
blueprint does: every route with its method and scope, and nothing else."""

from __future__ import annotations

import re

import yaml
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from idp.api.document import DOCUMENT

PREFIX = "/api/v1"


def operations(document: dict) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    """(method, path) -> operation, path items behind a $ref followed."""
    found = {}
    for path, given in document["paths"].items():
        item = given
        if "$ref" in given:
            item = document["components"]["pathItems"][given["$ref"].rsplit("/", 1)[1]]
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                found[(method.upper(), path)] = operation
    return found


def test_the_file_is_a_valid_openapi_3_1_document() -> None:
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_served_as_json_and_yaml_without_a_token_naming_this_provider(client: FlaskClient) -> None:
    as_json = client.get(f"{PREFIX}/openapi.json")
    assert as_json.status_code == 200 and as_json.mimetype == "application/json"
    document = as_json.get_json()
    validate(document)
    assert document["servers"][0]["url"] == "http://127.0.0.1:8000/api/v1"
    flow = document["components"]["securitySchemes"]["oauth"]["flows"]["authorizationCode"]
    assert flow["tokenUrl"] == "http://127.0.0.1:8000/token"
    as_yaml = client.get(f"{PREFIX}/openapi.yaml")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.get_data()) == document


def test_every_route_is_documented_with_its_scope_and_every_documented_operation_exists(app: Flask) -> None:
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    documented = operations(document)
    routed: dict[tuple[str, str], str | None] = {}
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule).removeprefix(PREFIX)
        view = app.view_functions[rule.endpoint]
        for method in rule.methods or ():
            if method not in ("HEAD", "OPTIONS"):
                routed[(method, path)] = getattr(view, "required_scope", None)
    assert set(routed) == set(documented)
    for key, scope in routed.items():
        security = documented[key].get("security", document["security"])
        scopes = {s for requirement in security for values in requirement.values() for s in values}
        assert scopes == ({scope} if scope else set()), key
