"""The registry API this provider serves (docs/registry-api.yaml), and one instance resolving through another.

The last tests start a second provider on a loopback port (a real HTTP server in a thread) and point a
chain of ``http`` backends at it: it must offer and accept exactly what the ``sql`` chain does.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from werkzeug.serving import make_server

from idp.app import create_app
from idp.database import database as app_database
from idp.settings import ROOT, RegistryApiSettings, Settings
from mandate_resolver.chain import ResolverChain
from mandate_resolver.plugins import build_chain
from mandate_resolver.testing import Entry, OrganisationRecord, PersonRecord, WorldBuilder
from mandate_resolver.types import AppPolicy, Capacity
from tests.mandate_resolver.resolver.resolver_helpers import SQL_ENTRIES, all_pages

TOKEN = "registry-token-" + "r" * 32
TODAY = dt.date(2025, 3, 1)
CONTRACT = yaml.safe_load((ROOT / "docs" / "registry-api.yaml").read_text(encoding="utf-8"))
SCHEMAS = Registry().with_resource("urn:contract", Resource.opaque(CONTRACT))


def conforms(document: object, schema: str) -> None:
    """``document`` validates against ``#/components/schemas/<schema>`` of the OpenAPI document."""
    validator = Draft202012Validator({"$ref": f"urn:contract#/components/schemas/{schema}"}, registry=SCHEMAS)
    validator.validate(document)


@pytest.fixture
def api_settings(settings: Settings) -> Settings:
    return settings.replace(registry_api=RegistryApiSettings(token=TOKEN))


@pytest.fixture
def api(api_settings: Settings) -> Iterator[Flask]:
    application = create_app(api_settings)
    yield application
    application.extensions["idp.chain"].close()
    app_database(application).engine.dispose()


@pytest.fixture
def api_client(api: Flask) -> FlaskClient:
    return api.test_client()


AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class World:
    eva: PersonRecord
    firm: OrganisationRecord
    mandate_ids: list[str]


@pytest.fixture
def world(session) -> World:  # type: ignore[no-untyped-def]
    builder = WorldBuilder(session)
    builder.mandate_type("wse_loket", "WSE Loket", number=104)
    builder.mandate_type("fisc")
    eva, firm = builder.person("Eva Executeur"), builder.organisation("Boekhouding Zuid")
    emmaus, parkwind = builder.organisation("Emmaüs"), builder.organisation("PARKWIND")
    builder.executor_right(eva, firm, ["wse_loket"])
    builder.work_relation(eva, firm)
    builder.legal_representative(eva, parkwind)
    ids = [builder.mandate(client, firm, "wse_loket") for client in (emmaus, parkwind)]
    ids += [builder.mandate(builder.organisation(f"Klant {i}"), firm, "wse_loket") for i in range(5)]
    ids.append(builder.mandate(emmaus, firm, "fisc"))
    ids.append(builder.mandate(emmaus, firm, "wse_loket", valid_until=TODAY - dt.timedelta(days=1)))
    builder.commit()
    return World(eva, firm, ids)


def page_url(person: PersonRecord | str, source: str = "ssm", **query: str) -> str:
    insz = person if isinstance(person, str) else person.identifier.value
    parameters = {"on": TODAY.isoformat(), **({"types": "wse_loket"} if source == "ssm" else {}), **query}
    return f"/registry-api/v1/persons/{insz}/options/{source}?" + "&".join(f"{k}={v}" for k, v in parameters.items())


# --- served: authentication and input validation ---------------------------------------------------------


def test_the_api_is_not_there_unless_a_token_is_configured(client: FlaskClient) -> None:
    response = client.get(page_url("85073003328"), headers=AUTH)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}],
    ids=["none", "wrong", "basic", "bare"],
)
def test_without_the_bearer_token_a_401_problem(api_client: FlaskClient, headers: dict[str, str]) -> None:
    response = api_client.get(page_url("85073003328"), headers=headers)

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    conforms(response.get_json(), "Problem")


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (page_url("85073003329"), "insz"),  # M04: bad check digits
        (page_url("85.07.30-033.28"), "insz"),  # formatted: the contract wants the 11 digits
        (page_url("8507300332８"), "insz"),  # M04: a full-width digit
        (page_url("85073003328' OR '1'='1"), "insz"),
        (page_url("85073003328", on="2025-02-30"), "on"),
        (page_url("85073003328", on="tomorrow"), "on"),
        (page_url("85073003328", limit="0"), "limit"),
        (page_url("85073003328", limit="9999"), "limit"),
        (page_url("85073003328", types=""), "types"),
        (page_url("85073003328", types="wse_loket,drop table"), "types"),
        (page_url("85073003328", legal_representatives="maybe"), "legal_representatives"),
        (page_url("85073003328", language="xx"), "language"),
        (page_url("85073003328", timout_s="2"), "timout_s"),
        (page_url("85073003328", after_name="x"), "after_name"),
        (
            page_url("85073003328", after_name="x", after_scheme="kbo", after_id="0411515076", after_inclusive="true"),
            "after_id",
        ),
        (page_url("85073003328", search="x" * 101), "search"),
        (page_url("85073003328") + "&on=2025-03-02", "on"),
        ("/registry-api/v1/persons/85073003328/options/ssm/not-a-ref?on=2025-03-01&types=a", "ref"),
        ("/registry-api/v1/persons/85073003328/options/idm/kbo:0411515076?on=2025-03-01", "ref"),
    ],
)
def test_M04_a_bad_parameter_is_a_400_problem_naming_it(api_client: FlaskClient, url: str, parameter: str) -> None:
    response = api_client.get(url, headers=AUTH)

    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    conforms(problem, "Problem")
    assert problem["invalid_params"][0]["name"] == parameter
    assert "Traceback" not in response.get_data(as_text=True) and "SELECT" not in response.get_data(as_text=True)


def test_an_unknown_source_is_a_404(api_client: FlaskClient) -> None:
    assert api_client.get(page_url("85073003328", source="vat"), headers=AUTH).status_code == 404


# --- served: the answers -----------------------------------------------------------------------------------


def test_a_page_and_a_check_follow_the_contract(api_client: FlaskClient, world: World) -> None:
    response = api_client.get(page_url(world.eva, limit="3"), headers=AUTH)

    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_json()
    conforms(page, "Page")
    assert [p["party"]["name"] for p in page["principals"]] == ["Emmaüs", "Klant 0", "Klant 1"]
    assert page["more"] is True and page["count"] == {"value": 7, "capped": False}
    option = page["principals"][0]["options"][0]
    ref = f"{option['mandate_id']}:kbo:{world.firm.identifier.value}"
    check_url = f"/registry-api/v1/persons/{world.eva.identifier.value}/options/ssm/{ref}"

    accepted = api_client.get(f"{check_url}?on={TODAY}&types=wse_loket", headers=AUTH)
    refused = api_client.get(f"{check_url}?on={TODAY}&types=fisc", headers=AUTH)

    conforms(accepted.get_json(), "Check")
    assert accepted.get_json()["option"] == option
    assert refused.status_code == 200 and refused.get_json() == {"option": None}


def test_an_unknown_person_gets_an_empty_page(api_client: FlaskClient, world: World) -> None:
    for source in ("citizen", "idm", "kbo", "ssm"):
        response = api_client.get(page_url("85073003328", source=source), headers=AUTH)
        assert response.status_code == 200
        assert response.get_json() == {"principals": [], "more": False, "count": {"value": 0, "capped": False}}


def test_the_contract_itself_is_served_and_valid(api_client: FlaskClient) -> None:
    from openapi_spec_validator import validate

    response = api_client.get("/registry-api/v1/openapi.yaml", headers=AUTH)

    assert response.status_code == 200
    validate(yaml.safe_load(response.get_data()))


# --- one instance as the registry of another: a real server on loopback ----------------------------------


@pytest.fixture
def registry_server(api: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, api, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="registry-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/registry-api/v1"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def http_chain(registry_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[ResolverChain]:
    monkeypatch.setenv("IDP_TEST_REGISTRY_TOKEN", TOKEN)
    options = {"base_url": registry_server, "token_env": "IDP_TEST_REGISTRY_TOKEN", "cache_ttl_s": 0}
    chain = build_chain([Entry(e.name, e.module, "http", options) for e in SQL_ENTRIES], session_factory=None)
    yield chain
    chain.close()


@pytest.fixture
def sql_chain(db) -> Iterator[ResolverChain]:  # type: ignore[no-untyped-def]
    chain = build_chain(SQL_ENTRIES, session_factory=db.sessions)
    yield chain
    chain.close()


@pytest.mark.parametrize("legal", [False, True])
def test_a_chain_over_http_offers_and_accepts_exactly_what_the_registry_does(
    http_chain: ResolverChain, sql_chain: ResolverChain, world: World, legal: bool
) -> None:
    policy = AppPolicy(TODAY, frozenset({"wse_loket"}), legal_representatives=legal)
    subject = world.eva.bare_subject

    remote = all_pages(http_chain, subject, policy, page_size=2)
    local = all_pages(sql_chain, subject, policy, page_size=2)

    assert remote == local
    assert {p.capacity for p in remote} == {Capacity.CITIZEN, Capacity.EMPLOYEE, Capacity.MANDATE} | (
        {Capacity.LEGAL_REPRESENTATIVE} if legal else set()
    )
    for principal in remote:
        for option in principal.options:
            assert http_chain.check_option(subject, policy, option.key) == sql_chain.check_option(
                subject, policy, option.key
            )
    for mandate_id in world.mandate_ids[-2:]:  # another type, an expired one
        key = f"ssm:{mandate_id}:kbo:{world.firm.identifier.value}"
        assert http_chain.check_option(subject, policy, key) is None
    searched = http_chain.resolve_options(subject, policy, search="klant")
    assert [p.party.name for p in searched.principals] == [f"Klant {i}" for i in range(5)]


def test_a_registry_that_is_down_makes_mandates_unavailable(
    registry_server: str, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IDP_TEST_REGISTRY_TOKEN", TOKEN)
    closed_port = "http://127.0.0.1:9/registry-api/v1"  # discard: nothing listens there
    options = {"base_url": closed_port, "retries": 0, "timeout_s": 0.5, "token_env": "IDP_TEST_REGISTRY_TOKEN"}
    chain = build_chain(
        [Entry("citizen", "mandate_resolver.citizen", "http", {**options, "base_url": registry_server}),
         Entry("ssm", "mandate_resolver.ssm", "http", options)],
        session_factory=None,
    )  # fmt: skip
    policy = AppPolicy(TODAY, frozenset({"wse_loket"}))

    result = chain.resolve_options(world.eva.bare_subject, policy)

    assert result.mandates_unavailable and [f.source for f in result.failures] == ["ssm"]
    assert [p.capacity for p in result.principals] == [Capacity.CITIZEN]
    chain.close()


def test_the_app_refuses_to_start_with_a_bad_resolver_entry(api_settings: Settings, tmp_path: Path) -> None:
    from idp.settings import ConfigError, ResolverEntry

    broken = api_settings.replace(resolvers=(ResolverEntry("ssm", "mandate_resolver.ssm", "http", {"timout_s": 2}),))

    with pytest.raises(ConfigError) as raised:
        create_app(broken)

    assert raised.value.path == "resolvers[0].options.timout_s"
    assert json.dumps(raised.value.path)  # a plain string the CLI prints
