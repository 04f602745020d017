"""The application factory: ``create_app(settings)`` builds one provider; nothing lives at module level."""

from __future__ import annotations

import json
import logging
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask, Response, g, render_template, request
from sqlalchemy import text
from werkzeug.exceptions import HTTPException

from mandate_resolver.plugins import PluginConfigError, build_chain

from . import admin, api, i18n, navigation, portal, registry_api, rights
from .database import Database, close_session, db_session
from .keys import KeyStore
from .login import init_app as init_login
from .oidc.views import register as register_oidc
from .saml.views import init_app as init_saml
from .settings import ROOT, ConfigError, Settings, load_settings, warn_weakened

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Flask:
    """Build the provider for ``settings`` (default: ``load_settings()``).

    >>> from idp.settings import Settings
    >>> app = create_app(Settings(database_url="sqlite://", keys_dir="/tmp/idp-doctest-keys"))
    >>> app.name
    'idp'
    """
    settings = settings or load_settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    warn_weakened(settings)
    app = Flask(
        "idp",
        template_folder=str(ROOT / "templates"),
        static_folder=str(Path(__file__).with_name("static")),
    )
    app.config.update(
        SECRET_KEY=settings.secret_key or _local_secret(settings),
        SESSION_COOKIE_NAME=settings.session.cookie_name,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        SESSION_COOKIE_SAMESITE="Lax",
        # Bound every request body: SAML messages and CSV uploads have their own, smaller limits.
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        JSON_SORT_KEYS=False,
    )
    app.extensions["idp.settings"] = settings
    app.extensions["idp.database"] = Database.from_settings(settings)
    # Keys are loaded once per process, never per request.
    app.extensions["idp.keys"] = KeyStore.load_or_create(
        settings.path(settings.keys_dir), retention=key_retention(settings)
    )

    app.teardown_appcontext(close_session)
    app.before_request(_before_request)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.jinja_env.globals.update(_=i18n.translate, languages=i18n.LANGUAGE_NAMES)
    app.jinja_env.autoescape = True

    app.add_url_rule("/", "index", _index)
    app.add_url_rule("/healthz", "healthz", _healthz)
    # The surfaces: the login journey, then the two protocols that hand logins to it.
    init_login(app)
    init_saml(app)
    register_oidc(app)
    # The resolver chain as configured; a bad entry stops the start with its path (resolvers[2].options.x).
    try:
        app.extensions["idp.chain"] = build_chain(
            settings.resolvers, session_factory=app.extensions["idp.database"].sessions
        )
    except PluginConfigError as exc:
        raise ConfigError(exc.path, exc.message) from exc
    app.register_blueprint(registry_api.blueprint)
    # Self-service: the mandate portal, user rights, administration and helpdesk, and the JSON API.
    navigation.init_app(app)
    portal.init_app(app)
    rights.init_app(app)
    admin.init_app(app)
    api.init_app(app)
    return app


def key_retention(settings: Settings) -> timedelta:
    """How long a retired signing key stays published: the longest lifetime of anything it signed."""
    longest = max(settings.tokens.id_token_ttl_s, settings.tokens.access_token_ttl_s, 3600)
    return timedelta(seconds=longest)


def settings_of(app: Flask) -> Settings:
    settings: Settings = app.extensions["idp.settings"]
    return settings


def keys_of(app: Flask) -> KeyStore:
    keys: KeyStore = app.extensions["idp.keys"]
    return keys


def _local_secret(settings: Settings) -> str:
    """A secret kept beside the keys, so every worker on this host shares it. Several hosts must set
    ``IDP_SECRET_KEY`` (one value for all of them)."""
    directory = settings.path(settings.keys_dir)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = directory / "session-secret"
    if not path.exists():
        candidate = secrets.token_urlsafe(48)
        try:
            with path.open("x", encoding="ascii") as handle:
                path.chmod(0o600)
                handle.write(candidate)
        except FileExistsError:
            pass  # another worker wrote it first: use theirs
    return path.read_text(encoding="ascii").strip()


def _before_request() -> None:
    g.language = i18n.negotiate_language()


def _security_headers(response: Response) -> Response:
    headers = response.headers
    # No inline script or style anywhere: pages load their CSS and JS from /static only.
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self' https: http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; "
        "base-uri 'none'; object-src 'none'",
    )
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if "lang" in request.args and request.args["lang"] in i18n.LANGUAGE_NAMES:
        response.set_cookie(i18n.LANGUAGE_COOKIE, request.args["lang"], max_age=365 * 86400, samesite="Lax")
    return response


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" or request.path.startswith("/api/")


def _problem(status: int, title: str) -> Response:
    # RFC 9457: problem details, as every other answer of the JSON API.
    body = json.dumps({"type": "about:blank", "title": title, "status": status})
    mimetype = "application/problem+json" if request.path.startswith("/api/") else "application/json"
    return Response(body, status, mimetype=mimetype)


def _http_error(error: HTTPException) -> tuple[str, int] | Response:
    status = error.code or 500
    if _wants_json():
        return _problem(status, error.name)
    key = f"error.{status}" if f"error.{status}" in i18n.MESSAGES else "error.400"
    return render_template("error.html", message=i18n.translate(key), status=status), status


def _unexpected_error(error: Exception) -> tuple[str, int] | Response:
    # Never a stack trace to the user; the log has it.
    log.exception("unexpected error on %s %s", request.method, request.path, exc_info=error)
    if _wants_json():
        return _problem(500, "Internal Server Error")
    return render_template("error.html", message=i18n.translate("error.500"), status=500), 500


def _index() -> str:
    return render_template("index.html")


def _healthz() -> tuple[dict[str, str], int]:
    try:
        db_session().execute(text("SELECT 1"))
    except Exception:
        log.exception("health check: database unreachable")
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
