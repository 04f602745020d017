from __future__ import annotations

from pathlib import Path

import pytest

from idp.settings import ConfigError, Settings, load_settings, validate, warn_weakened


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "idp.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_configuration_is_valid() -> None:
    settings = load_settings(environ={})
    assert settings.source.endswith("config/default.yaml")
    assert [r.name for r in settings.resolvers] == ["citizen", "idm", "ssm", "kbo"]
    assert settings.tokens.pkce_required is True


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "issuer: https://idp.example.be\ntokens:\n  code_ttl_s: 45\n")
    settings = load_settings(
        path,
        environ={
            "IDP_DATABASE_URL": "postgresql+psycopg://idp@db/idp",
            "IDP_TOKENS__CODE_TTL_S": "30",
            "IDP_SESSION__COOKIE_SECURE": "true",
        },
    )
    assert settings.issuer == "https://idp.example.be"
    assert settings.database_url == "postgresql+psycopg://idp@db/idp"
    assert settings.tokens.code_ttl_s == 30
    assert settings.session.cookie_secure is True


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("tokens:\n  timout_s: 3\n", "tokens.timout_s"),
        ("tokens:\n  code_ttl_s: 9000\n", "tokens.code_ttl_s"),
        ("tokens:\n  code_ttl_s: soon\n", "tokens.code_ttl_s"),
        ("issuer: ftp://idp.example\n", "issuer"),
        ("issuer: http://idp.example.be\n", "issuer"),
        ("issuer: https://idp.example.be/?x=1\n", "issuer"),
        ("database_url: mysql://x\n", "database_url"),
        ("default_language: es\n", "default_language"),
        ("secret_key: short\n", "secret_key"),
        ("server:\n  port: 70000\n", "server.port"),
        ("tokens:\n  pkce_required: maybe\n", "tokens.pkce_required"),
        ("resolvers:\n  - name: ssm\n    module: mandate_resolver.ssm\n    timout_s: 2\n", "resolvers[0].timout_s"),
        ("resolvers:\n  - module: mandate_resolver.ssm\n", "resolvers[0].name"),
        ("resolvers:\n  - {name: a, module: m}\n  - {name: a, module: m}\n", "resolvers[1].name"),
        ("resolvers: []\n", "resolvers"),
        ("registry_api:\n  token: too-short\n", "registry_api.token"),
        ("colour: blue\n", "colour"),
    ],
)
def test_a_bad_value_names_its_path(tmp_path: Path, text: str, path: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, text), environ={})
    assert raised.value.path == path
    assert str(raised.value).startswith(path + ":")


def test_a_bad_environment_value_names_its_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, ""), environ={"IDP_SERVER__WORKERS": "many"})
    assert raised.value.path == "server.workers"


def test_missing_config_file_named_by_idp_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(environ={"IDP_CONFIG": str(tmp_path / "nope.yaml")})


def test_not_yaml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(write(tmp_path, "issuer: [unclosed\n"), environ={})


def test_weakened_defaults_are_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    settings = load_settings(environ={"IDP_TOKENS__PKCE_REQUIRED": "false", "IDP_SAML__CLOCK_SKEW_S": "600"})
    warnings = warn_weakened(settings)
    assert any("pkce_required" in w for w in warnings)
    assert any("clock_skew_s" in w for w in warnings)
    assert "weakened default" in caplog.text
    assert warn_weakened(Settings()) == []


def test_defaults_validate() -> None:
    validate(Settings())
