"""A demo relying party: a separate Flask app that logs in at the provider with Authlib's OpenID Connect
client (authorization code flow with PKCE S256, discovery, ID token validation) and shows the claims.

Run the provider (``make demo``), register the client once, then start this app::

    idp client add --name "Demo RP" --client-id demo-rp --redirect-uri http://127.0.0.1:5001/callback \\
        --post-logout-redirect-uri http://127.0.0.1:5001/ --mandate-type wse_loket   # prints the secret
    DEMO_RP_CLIENT_SECRET=<secret> python -m examples.demo_rp.app

Configuration (environment): ``DEMO_RP_ISSUER`` (default ``http://127.0.0.1:8000``), ``DEMO_RP_CLIENT_ID``
(``demo-rp``), ``DEMO_RP_CLIENT_SECRET``, ``DEMO_RP_BASE_URL`` (``http://127.0.0.1:5001``),
``DEMO_RP_SCOPES`` (``openid profile mandate ssm_mandaat``), ``DEMO_RP_SECRET_KEY``.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.flask_client import OAuth
from flask import Flask, Response, abort, redirect, render_template, request, session, url_for


@dataclass(frozen=True, slots=True)
class DemoSettings:
    issuer: str = "http://127.0.0.1:8000"
    client_id: str = "demo-rp"
    client_secret: str = ""
    base_url: str = "http://127.0.0.1:5001"
    scopes: str = "openid profile mandate ssm_mandaat"
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> DemoSettings:
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            issuer=env.get("DEMO_RP_ISSUER", defaults.issuer).rstrip("/"),
            client_id=env.get("DEMO_RP_CLIENT_ID", defaults.client_id),
            client_secret=env.get("DEMO_RP_CLIENT_SECRET", ""),
            base_url=env.get("DEMO_RP_BASE_URL", defaults.base_url).rstrip("/"),
            scopes=env.get("DEMO_RP_SCOPES", defaults.scopes),
            secret_key=env.get("DEMO_RP_SECRET_KEY") or defaults.secret_key,
        )


def create_demo_app(settings: DemoSettings | None = None) -> Flask:
    settings = settings or DemoSettings.from_environment()
    app = Flask("demo_rp", template_folder=str(Path(__file__).with_name("templates")))
    app.config.update(SECRET_KEY=settings.secret_key, SESSION_COOKIE_NAME="demo_rp", SESSION_COOKIE_SAMESITE="Lax")
    oauth = OAuth(app)
    oauth.register(
        "idp",
        client_id=settings.client_id,
        client_secret=settings.client_secret or None,
        server_metadata_url=settings.issuer + "/.well-known/openid-configuration",
        client_kwargs={"scope": settings.scopes, "code_challenge_method": "S256"},
    )
    callback = settings.base_url + "/callback"

    @app.get("/")
    def home() -> str:
        return render_template("home.html", user=session.get("user"), settings=settings)

    @app.get("/login")
    def login() -> Response:
        extra: dict[str, str] = {}
        if request.args.get("prompt") in {"login", "select_account", "none"}:
            extra["prompt"] = request.args["prompt"]
        code = request.args.get("kbo", "").strip()
        if code:
            # ACM targeted login ("gericht aanmelden"): base64 JSON of cap_hint and code_hint.
            hint = json.dumps({"cap_hint": "EA", "code_hint": code}).encode()
            extra["login_hint"] = base64.b64encode(hint).decode()
        response: Response = oauth.idp.authorize_redirect(callback, **extra)
        return response

    @app.get("/callback")
    def callback_view() -> Response | tuple[str, int]:
        if "error" in request.args:
            return render_template("home.html", user=None, settings=settings, error=request.args), 400
        token: dict[str, Any] = oauth.idp.authorize_access_token()
        claims = dict(token.get("userinfo") or {})
        info = oauth.idp.userinfo(token=token)
        session["user"] = {"id_token": claims, "userinfo": dict(info), "id_token_raw": token.get("id_token", "")}
        return redirect(url_for("home"), code=303)

    @app.post("/logout")
    def logout() -> Response:
        user = session.pop("user", None)
        metadata = oauth.idp.load_server_metadata()
        end_session = metadata.get("end_session_endpoint")
        if not user or not end_session:
            return redirect(url_for("home"), code=303)
        query = urlencode({"id_token_hint": user["id_token_raw"], "post_logout_redirect_uri": settings.base_url + "/"})
        return redirect(f"{end_session}?{query}", code=303)

    @app.get("/claims.json")
    def claims_json() -> dict[str, Any]:
        user = session.get("user")
        if not user:
            abort(404)
        return {"id_token": user["id_token"], "userinfo": user["userinfo"]}

    return app


def main() -> None:  # pragma: no cover - a manual entry point
    settings = DemoSettings.from_environment()
    host, _, port = settings.base_url.removeprefix("http://").partition(":")
    create_demo_app(settings).run(host=host, port=int(port or 80))


if __name__ == "__main__":  # pragma: no cover
    main()
