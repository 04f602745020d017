"""Configuration: one YAML file in ``config/`` (chosen by ``IDP_CONFIG``), overridden by environment variables.

Every value is validated when the provider starts: an unknown key (``timout_s``), a wrong type or a bad
value stops the start with the path of the bad entry, e.g. ``tokens.code_ttl_s: must be between 10 and
600``. Secure defaults live here, in code (STYLE.md rule 12); a setting that weakens one logs a warning.

Environment overrides: the short names below (``IDP_DATABASE_URL``, ``IDP_ISSUER``, ``IDP_SECRET_KEY`` ...)
and, for any nested key, ``IDP_<SECTION>__<KEY>`` (``IDP_TOKENS__CODE_TTL_S=30``).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import yaml

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "fr", "de", "en")


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message names its path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


@dataclass(frozen=True, slots=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    # How many reverse proxies in front of us add X-Forwarded-For; 0 trusts none (a spoofed header never
    # changes the client address used for throttling).
    trusted_proxies: int = 0
    # How often ``idp serve`` deletes expired codes, tokens, sessions and replay entries (0: never; then
    # run ``idp purge`` from cron).
    housekeeping_interval_s: int = 3600


@dataclass(frozen=True, slots=True)
class SessionSettings:
    idle_timeout_s: int = 30 * 60
    absolute_lifetime_s: int = 8 * 3600
    cookie_name: str = "idp_session"
    # Secure cookies need https; the issuer's scheme decides unless set explicitly.
    cookie_secure: bool | None = None


@dataclass(frozen=True, slots=True)
class TokenSettings:
    code_ttl_s: int = 60
    access_token_ttl_s: int = 300
    id_token_ttl_s: int = 300
    refresh_token_ttl_s: int = 8 * 3600
    pkce_required: bool = True


@dataclass(frozen=True, slots=True)
class SamlSettings:
    clock_skew_s: int = 120
    assertion_lifetime_s: int = 300
    max_message_bytes: int = 200_000


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    username: str = ""
    password: str = ""
    starttls: bool = True
    sender: str = "noreply@localhost"


@dataclass(frozen=True, slots=True)
class RegistryApiSettings:
    """Serve the registry's HTTP contract (``docs/registry-api.yaml``) so other instances can resolve here.

    Off unless a bearer token is set; callers send ``Authorization: Bearer <token>``.
    """

    token: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.token)


@dataclass(frozen=True, slots=True)
class ResolverEntry:
    """One resolver of the chain: which plugin module, which backend, and that backend's options.

    The options are checked by the plugin itself (``mandate_resolver.plugins``) at start-up.
    """

    name: str
    module: str
    backend: str = "sql"
    options: Mapping[str, object] = field(default_factory=dict)
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class UpstreamProvider:
    """An upstream OpenID Provider people may log in with (federation), shown as a button on the login page.

    ``match_claim`` names the claim holding the person's national register number (``rrn``), by which the
    upstream identity is linked to a local user; ``acr`` is the level this provider's logins count as here.
    """

    name: str
    issuer: str
    client_id: str
    client_secret: str = ""
    scopes: str = "openid profile rrn"
    match_claim: str = "rrn"
    acr: str = "http://eidas.europa.eu/LoA/low"
    label: str = ""
    timeout_s: float = 5.0


DEFAULT_RESOLVERS: tuple[ResolverEntry, ...] = (
    ResolverEntry("citizen", "mandate_resolver.citizen"),
    ResolverEntry("idm", "mandate_resolver.idm"),
    ResolverEntry("ssm", "mandate_resolver.ssm"),
    ResolverEntry("kbo", "mandate_resolver.kbo"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    issuer: str = "http://127.0.0.1:8000"
    database_url: str = "sqlite:///var/idp.sqlite3"
    # PostgreSQL only: keep our tables in this schema (several instances can share one database).
    database_schema: str = ""
    secret_key: str = ""
    keys_dir: str = "keys"
    data_dir: str = "var"
    outbox_dir: str = "var/outbox"
    redis_url: str = ""
    log_level: str = "INFO"
    default_language: str = "nl"
    server: ServerSettings = field(default_factory=ServerSettings)
    session: SessionSettings = field(default_factory=SessionSettings)
    tokens: TokenSettings = field(default_factory=TokenSettings)
    saml: SamlSettings = field(default_factory=SamlSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    registry_api: RegistryApiSettings = field(default_factory=RegistryApiSettings)
    resolvers: tuple[ResolverEntry, ...] = DEFAULT_RESOLVERS
    # Federation: upstream OpenID Providers on the login page (none by default).
    upstreams: tuple[UpstreamProvider, ...] = ()
    # Where this file came from, for messages; not a setting.
    source: str = "defaults"

    def path(self, value: str) -> Path:
        """A configured path, relative ones taken from the project root."""
        candidate = Path(value)
        return candidate if candidate.is_absolute() else ROOT / candidate

    @property
    def is_local(self) -> bool:
        host = urlsplit(self.issuer).hostname or ""
        return host in {"127.0.0.1", "localhost", "::1"}

    @property
    def cookie_secure(self) -> bool:
        if self.session.cookie_secure is not None:
            return self.session.cookie_secure
        return urlsplit(self.issuer).scheme == "https"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


SHORT_ENVIRONMENT = {
    "IDP_ISSUER": "issuer",
    "IDP_DATABASE_URL": "database_url",
    "IDP_DATABASE_SCHEMA": "database_schema",
    "IDP_SECRET_KEY": "secret_key",
    "IDP_KEYS_DIR": "keys_dir",
    "IDP_DATA_DIR": "data_dir",
    "IDP_OUTBOX_DIR": "outbox_dir",
    "IDP_REDIS_URL": "redis_url",
    "IDP_LOG_LEVEL": "log_level",
    "IDP_DEFAULT_LANGUAGE": "default_language",
}
SHORT_NESTED_ENVIRONMENT = {"IDP_REGISTRY_API_TOKEN": ("registry_api", "token")}

T = TypeVar("T")


def load_settings(
    config_file: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read the configuration file (``IDP_CONFIG``, else ``config/default.yaml``), apply the environment,
    validate everything, and return the settings or raise ``ConfigError`` naming the bad entry."""
    env = os.environ if environ is None else environ
    chosen = config_file or env.get("IDP_CONFIG") or ROOT / "config" / "default.yaml"
    path = Path(chosen)
    if not path.is_absolute() and not path.exists():
        path = ROOT / path
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ConfigError(str(path), f"not valid YAML: {exc}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(str(path), "the file must hold a mapping of settings")
        raw = dict(loaded or {})
    elif config_file or env.get("IDP_CONFIG"):
        raise ConfigError("IDP_CONFIG", f"configuration file {path} does not exist")
    _apply_environment(raw, env)
    settings = _build(Settings, raw, "")
    settings = settings.replace(source=str(path) if path.exists() else "defaults")
    validate(settings)
    return settings


def _apply_environment(raw: dict[str, Any], env: Mapping[str, str]) -> None:
    for variable, key in SHORT_ENVIRONMENT.items():
        if variable in env:
            raw[key] = env[variable]
    for variable, (section_name, key_name) in SHORT_NESTED_ENVIRONMENT.items():
        if variable in env:
            raw.setdefault(section_name, {})[key_name] = env[variable]
    for variable, value in env.items():
        if not variable.startswith("IDP_") or "__" not in variable:
            continue
        section, _, key = variable[4:].lower().partition("__")
        target = raw.setdefault(section, {})
        if not isinstance(target, dict):
            raise ConfigError(variable, f"{section} is not a section")
        target[key] = value


def _build(cls: type[T], raw: object, path: str) -> T:
    if not isinstance(raw, Mapping):
        raise ConfigError(path, "must be a mapping")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)} - {"source"}  # type: ignore[arg-type]
    unknown = sorted(set(raw) - known)
    if unknown:
        where = f"{path}.{unknown[0]}" if path else str(unknown[0])
        raise ConfigError(where, f"unknown setting (known: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    for name in known:
        if name in raw:
            values[name] = _convert(hints[name], raw[name], f"{path}.{name}" if path else name)
    return cls(**values)


def _convert(hint: Any, value: object, path: str) -> object:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None or value == "":
            return None
        return _convert(options[0], value, path)
    if hint is ResolverEntry or hint == tuple[ResolverEntry, ...]:
        return _resolvers(value, path)
    if hint == tuple[UpstreamProvider, ...]:
        return _upstreams(value, path)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, path)  # type: ignore[arg-type]
    if hint is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return value.lower() in {"1", "true", "yes", "on"}
        raise ConfigError(path, f"must be true or false, not {value!r}")
    if hint is int:
        if isinstance(value, bool):
            raise ConfigError(path, f"must be a whole number, not {value!r}")
        try:
            return int(str(value))
        except ValueError:
            raise ConfigError(path, f"must be a whole number, not {value!r}") from None
    if hint is str:
        if isinstance(value, (dict, list)):
            raise ConfigError(path, "must be a text value")
        return "" if value is None else str(value)
    raise ConfigError(path, "unsupported setting type")


RESOLVER_KEYS = {"name", "module", "backend", "options", "enabled"}


def _resolvers(value: object, path: str) -> tuple[ResolverEntry, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError(path, "must be a non-empty list of resolvers")
    entries = []
    names: set[str] = set()
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            raise ConfigError(where, "must be a mapping with name, module, backend and options")
        unknown = sorted(set(item) - RESOLVER_KEYS)
        if unknown:
            raise ConfigError(f"{where}.{unknown[0]}", f"unknown key (known: {', '.join(sorted(RESOLVER_KEYS))})")
        for required in ("name", "module"):
            if not isinstance(item.get(required), str) or not item[required]:
                raise ConfigError(f"{where}.{required}", "is required")
        if item["name"] in names:
            raise ConfigError(f"{where}.name", f"duplicate resolver name {item['name']!r}")
        names.add(item["name"])
        options = item.get("options") or {}
        if not isinstance(options, Mapping):
            raise ConfigError(f"{where}.options", "must be a mapping")
        entries.append(
            ResolverEntry(
                name=item["name"],
                module=item["module"],
                backend=str(item.get("backend", "sql")),
                options=dict(options),
                enabled=bool(_convert(bool, item.get("enabled", True), f"{where}.enabled")),
            )
        )
    return tuple(entries)


UPSTREAM_KEYS = {f.name for f in dataclasses.fields(UpstreamProvider)}


def _upstreams(value: object, path: str) -> tuple[UpstreamProvider, ...]:
    if not isinstance(value, list):
        raise ConfigError(path, "must be a list of upstream providers")
    entries = []
    names: set[str] = set()
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            raise ConfigError(where, "must be a mapping with name, issuer and client_id")
        unknown = sorted(set(item) - UPSTREAM_KEYS)
        if unknown:
            raise ConfigError(f"{where}.{unknown[0]}", f"unknown key (known: {', '.join(sorted(UPSTREAM_KEYS))})")
        for required in ("name", "issuer", "client_id"):
            if not isinstance(item.get(required), str) or not item[required]:
                raise ConfigError(f"{where}.{required}", "is required")
        name = item["name"]
        if name in names or not name.replace("_", "").replace("-", "").isalnum() or len(name) > 32:
            raise ConfigError(f"{where}.name", f"must be a unique short name of letters, digits, - and _: {name!r}")
        names.add(name)
        upstream_issuer = urlsplit(item["issuer"])
        if upstream_issuer.scheme != "https" and upstream_issuer.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ConfigError(f"{where}.issuer", "must be an https URL")
        try:
            timeout = float(item.get("timeout_s", 5.0))
        except (TypeError, ValueError):
            raise ConfigError(f"{where}.timeout_s", "must be a number of seconds") from None
        if not 0.1 <= timeout <= 30:
            raise ConfigError(f"{where}.timeout_s", "must be between 0.1 and 30")
        strings = {k: str(v) for k, v in item.items() if k != "timeout_s"}
        entries.append(UpstreamProvider(**{**strings, "timeout_s": timeout}))  # type: ignore[arg-type]
    return tuple(entries)


def _check_range(path: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ConfigError(path, f"must be between {low} and {high}, not {value}")


def validate(settings: Settings) -> None:
    """Check values that each look right alone but are wrong (ranges, URLs, languages)."""
    issuer = urlsplit(settings.issuer)
    if issuer.scheme not in {"https", "http"} or not issuer.hostname:
        raise ConfigError("issuer", "must be an absolute https URL")
    if issuer.query or issuer.fragment:
        # OpenID Connect Discovery §3: the issuer has no query or fragment.
        raise ConfigError("issuer", "must not have a query or fragment")
    if issuer.scheme == "http" and not settings.is_local:
        raise ConfigError("issuer", "must use https (http is only allowed for 127.0.0.1 and localhost)")
    if settings.issuer.endswith("/"):
        raise ConfigError("issuer", "must not end with a slash")
    if not settings.database_url.startswith(("sqlite:", "postgresql")):
        raise ConfigError("database_url", "must be a sqlite:/// or postgresql+psycopg:// URL")
    if settings.database_schema and not settings.database_schema.replace("_", "").isalnum():
        raise ConfigError("database_schema", "may hold letters, digits and underscores only")
    if settings.default_language not in LANGUAGES:
        raise ConfigError("default_language", f"must be one of {', '.join(LANGUAGES)}")
    if settings.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ConfigError("log_level", "must be DEBUG, INFO, WARNING or ERROR")
    if settings.secret_key and len(settings.secret_key) < 32:
        raise ConfigError("secret_key", "must be at least 32 characters")
    if settings.redis_url and not settings.redis_url.startswith(("redis://", "rediss://")):
        raise ConfigError("redis_url", "must be a redis:// or rediss:// URL")
    _check_range("server.port", settings.server.port, 1, 65535)
    _check_range("server.workers", settings.server.workers, 1, 64)
    _check_range("server.trusted_proxies", settings.server.trusted_proxies, 0, 5)
    _check_range("server.housekeeping_interval_s", settings.server.housekeeping_interval_s, 0, 7 * 86400)
    _check_range("session.idle_timeout_s", settings.session.idle_timeout_s, 60, 24 * 3600)
    _check_range("session.absolute_lifetime_s", settings.session.absolute_lifetime_s, 300, 7 * 24 * 3600)
    _check_range("tokens.code_ttl_s", settings.tokens.code_ttl_s, 10, 600)
    _check_range("tokens.access_token_ttl_s", settings.tokens.access_token_ttl_s, 60, 24 * 3600)
    _check_range("tokens.id_token_ttl_s", settings.tokens.id_token_ttl_s, 60, 24 * 3600)
    _check_range("tokens.refresh_token_ttl_s", settings.tokens.refresh_token_ttl_s, 300, 90 * 24 * 3600)
    _check_range("saml.clock_skew_s", settings.saml.clock_skew_s, 0, 600)
    _check_range("saml.assertion_lifetime_s", settings.saml.assertion_lifetime_s, 60, 3600)
    _check_range("saml.max_message_bytes", settings.saml.max_message_bytes, 10_000, 5_000_000)
    if settings.registry_api.token and len(settings.registry_api.token) < 32:
        raise ConfigError("registry_api.token", "must be at least 32 characters")
    if settings.smtp.host:
        _check_range("smtp.port", settings.smtp.port, 1, 65535)


def warn_weakened(settings: Settings) -> list[str]:
    """Log (and return) a warning for every setting that weakens a secure default."""
    warnings = []
    if not settings.tokens.pkce_required:
        warnings.append("tokens.pkce_required is off: public clients can be attacked by code interception")
    if settings.saml.clock_skew_s > 300:
        warnings.append(f"saml.clock_skew_s={settings.saml.clock_skew_s}: replayed messages live longer")
    if not settings.cookie_secure and not settings.is_local:
        warnings.append("session.cookie_secure is off on a non-local issuer")
    if settings.tokens.code_ttl_s > 120:
        warnings.append(f"tokens.code_ttl_s={settings.tokens.code_ttl_s}: codes should live a minute at most")
    for message in warnings:
        log.warning("weakened default: %s", message)
    if settings.redis_url:
        log.warning("redis_url is set but not used yet: sessions, codes and replay caches stay in the database")
    return warnings
