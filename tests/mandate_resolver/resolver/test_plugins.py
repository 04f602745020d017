"""The chain as configured: every mistake stops the start with the path of the bad entry."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from idp.settings import ConfigError, ResolverEntry, load_settings
from mandate_resolver.http import HttpOptions
from mandate_resolver.plugins import (
    OptionError,
    PluginConfigError,
    ResolverEntryLike,
    build_chain,
    parse_options,
    validate_entries,
)
from mandate_resolver.ssm import SsmHttpBackend, SsmResolver, SsmSqlBackend
from mandate_resolver.testing import Entry
from tests.mandate_resolver.resolver.resolver_helpers import SQL_ENTRIES

REGISTRY = "https://registry.example/registry-api/v1"
ROOT = Path(__file__).resolve().parents[3]


def http(**options: object) -> dict[str, object]:
    return {"base_url": REGISTRY, **options}


@pytest.mark.parametrize(
    ("entries", "path"),
    [
        ([Entry("ssm", "mandate_resolver.ssm", "http", http(timout_s=2))], "resolvers[0].options.timout_s"),
        ([Entry("ssm", "mandate_resolver.ssm", "http", {})], "resolvers[0].options.base_url"),
        (
            [Entry("ssm", "mandate_resolver.ssm", "http", http(base_url="ftp://registry"))],
            "resolvers[0].options.base_url",
        ),
        (
            [Entry("ssm", "mandate_resolver.ssm", "http", http(base_url="registry.example"))],
            "resolvers[0].options.base_url",
        ),
        (
            [Entry("ssm", "mandate_resolver.ssm", "http", http(base_url="http://registry.example"))],
            "resolvers[0].options.base_url",
        ),
        (
            [Entry("ssm", "mandate_resolver.ssm", "http", http(base_url="https://u:p@registry"))],
            "resolvers[0].options.base_url",
        ),
        ([Entry("ssm", "mandate_resolver.ssm", "http", http(timeout_s="2"))], "resolvers[0].options.timeout_s"),
        ([Entry("ssm", "mandate_resolver.ssm", "http", http(timeout_s=0))], "resolvers[0].options.timeout_s"),
        ([Entry("ssm", "mandate_resolver.ssm", "http", http(retries=True))], "resolvers[0].options.retries"),
        ([Entry("ssm", "mandate_resolver.ssm", "http", http(retries=9))], "resolvers[0].options.retries"),
        (
            [Entry("ssm", "mandate_resolver.ssm", "http", http(token_env="NO_SUCH_VARIABLE_X"))],
            "resolvers[0].options.token_env",
        ),
        ([Entry("ssm", "mandate_resolver.ssm", "http", http(token_env="lower"))], "resolvers[0].options.token_env"),
        ([Entry("ssm", "mandate_resolver.ssm", "sql", {"base_url": REGISTRY})], "resolvers[0].options.base_url"),
        ([Entry("ssm", "mandate_resolver.ssm", "grpc")], "resolvers[0].backend"),
        ([Entry("ssm", "mandate_resolver.sm")], "resolvers[0].module"),
        ([Entry("ssm", "mandate_resolver.types")], "resolvers[0].module"),
        ([Entry("ssm", "mandate_resolver.ssm:nothing_here")], "resolvers[0].module"),
        ([Entry("ssm", "mandate_resolver.ssm", "sql", {"deadline_s": 0})], "resolvers[0].options.deadline_s"),
        ([Entry("ssm", "mandate_resolver.ssm", "sql", {"deadline_s": "3"})], "resolvers[0].options.deadline_s"),
        ([*SQL_ENTRIES, Entry("ssm", "mandate_resolver.ssm")], "resolvers[4].name"),
        ([Entry("Bad Name", "mandate_resolver.ssm")], "resolvers[0].name"),
        ([Entry("ssm", "mandate_resolver.ssm", enabled=False)], "resolvers"),
        (
            [*SQL_ENTRIES[:2], Entry("ssm", "mandate_resolver.ssm", "http", http(timout_s=2))],
            "resolvers[2].options.timout_s",
        ),
    ],
)
def test_a_bad_entry_stops_the_start_with_its_path(entries: list[Entry], path: str) -> None:
    with pytest.raises(PluginConfigError) as raised:
        validate_entries(entries)

    assert raised.value.path == path
    assert str(raised.value).startswith(path + ": ")


def test_a_disabled_entry_is_not_checked_nor_built(db) -> None:  # type: ignore[no-untyped-def]
    entries = [*SQL_ENTRIES, Entry("broken", "no.such.module", enabled=False)]

    validate_entries(entries)
    chain = build_chain(entries, session_factory=db.sessions)

    assert [r.name for r in chain.resolvers] == ["citizen", "idm", "ssm", "kbo"]
    chain.close()


def test_the_shipped_chain_builds_from_the_provider_settings(db) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(ROOT / "config" / "default.yaml", environ={})
    entries: tuple[ResolverEntryLike, ...] = settings.resolvers  # ResolverEntry satisfies the protocol

    chain = build_chain(entries, session_factory=db.sessions)

    assert [type(r).__name__ for r in chain.resolvers] == [
        "CitizenResolver",
        "IdmResolver",
        "SsmResolver",
        "KboResolver",
    ]
    assert isinstance(chain.resolver("ssm"), SsmResolver)
    assert isinstance(chain.resolver("ssm").backend, SsmSqlBackend)  # type: ignore[attr-defined]
    chain.close()


def test_an_http_backend_is_built_with_its_options_and_the_token_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGISTRY_TOKEN", "t" * 40)
    entry = ResolverEntry(
        "remote_ssm", "mandate_resolver.ssm", "http", http(token_env="REGISTRY_TOKEN", timeout_s=1.5, deadline_s=2)
    )

    chain = build_chain([entry], session_factory=None)

    backend = chain.resolver("remote_ssm").backend  # type: ignore[attr-defined]
    assert isinstance(backend, SsmHttpBackend)
    assert backend.client.options.timeout_s == 1.5
    assert backend.client._session.headers["Authorization"] == "Bearer " + "t" * 40
    chain.close()


def test_a_sql_backend_without_an_embedded_registry_stops_the_start() -> None:
    with pytest.raises(PluginConfigError) as raised:
        build_chain([Entry("citizen", "mandate_resolver.citizen")], session_factory=None)

    assert raised.value.path == "resolvers[0].backend"


def test_the_provider_settings_and_the_plugins_agree_on_the_path_of_a_bad_key(tmp_path: Path) -> None:
    config = tmp_path / "idp.yaml"
    config.write_text(
        "resolvers:\n"
        "  - {name: citizen, module: mandate_resolver.citizen}\n"
        "  - {name: idm, module: mandate_resolver.idm}\n"
        "  - name: ssm\n"
        "    module: mandate_resolver.ssm\n"
        "    backend: http\n"
        "    options: {base_url: 'https://registry.example', timout_s: 2}\n"
    )
    settings = load_settings(config, environ={})

    with pytest.raises(PluginConfigError) as raised:
        validate_entries(settings.resolvers)

    assert raised.value.path == "resolvers[2].options.timout_s"
    assert not issubclass(PluginConfigError, ConfigError)  # idp converts it; mandate_resolver never imports idp


def test_parse_options_is_strict_about_types() -> None:
    @dataclass(frozen=True)
    class Options:
        name: str
        size: int = 1
        ratio: float = 0.5
        on: bool = False
        tags: tuple[str, ...] = ()
        note: str | None = None

    parsed = parse_options(Options, {"name": "x", "size": 3, "ratio": 1, "on": True, "tags": ["a"], "note": None})

    assert parsed == Options("x", 3, 1.0, True, ("a",), None)
    for key, value in [("size", 1.5), ("ratio", float("nan")), ("on", "yes"), ("tags", "a"), ("name", 3)]:
        with pytest.raises(OptionError) as raised:
            parse_options(Options, {"name": "x", key: value})
        assert raised.value.key == key


def test_http_options_accept_localhost_over_plain_http_and_other_hosts_only_when_told() -> None:
    assert HttpOptions(base_url="http://127.0.0.1:8001/registry-api/v1").base_url
    assert HttpOptions(base_url="http://[::1]:8001").base_url
    assert HttpOptions(base_url="http://registry.internal", allow_insecure_http=True).base_url
    with pytest.raises(OptionError):
        HttpOptions(base_url="http://registry.internal")


def test_mandate_resolver_never_imports_flask_or_werkzeug() -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "import mandate_resolver\n"
        "for module in pkgutil.walk_packages(mandate_resolver.__path__, 'mandate_resolver.'):\n"
        "    importlib.import_module(module.name)\n"
        "leaks = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'werkzeug', 'idp'})\n"
        "print(len([m for m in sys.modules if m.startswith('mandate_resolver.')]), leaks)\n"
        "sys.exit(1 if leaks else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert int(done.stdout.split()[0]) > 20  # every module was imported, the shipped plugins included
