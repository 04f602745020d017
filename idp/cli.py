"""The ``idp`` command: serve, migrate, load the demo, import and export the registry, rotate keys.

Every command reads the configuration the same way the server does (``IDP_CONFIG`` and ``IDP_*``), and
stops with a one-line message naming the bad setting instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .settings import ConfigError, Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> NoReturn:
    click.echo(f"idp: {message}", err=True)
    sys.exit(2)


def settings_from(ctx: click.Context) -> Settings:
    settings: Settings | None = ctx.obj.get("settings") if ctx.obj else None
    if settings is None:
        try:
            settings = load_settings(ctx.obj.get("config") if ctx.obj else None)
        except ConfigError as exc:
            fail(f"configuration error: {exc}")
        ctx.ensure_object(dict)["settings"] = settings
    return settings


@click.group(help="OpenID Connect provider and SAML IdP for logging in on behalf of someone else.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    envvar="IDP_CONFIG",
    help="Configuration file (default: config/default.yaml).",
)
@click.pass_context
def main(ctx: click.Context, config_file: str | None) -> None:
    ctx.ensure_object(dict)["config"] = config_file


# --- serve ---------------------------------------------------------------------------------------


@main.command(help="Run the provider under gunicorn (a production WSGI server).")
@click.option("--host", default=None, help="Address to listen on (default: server.host).")
@click.option("--port", type=int, default=None, help="Port (default: server.port).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: server.workers).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None) -> None:
    from gunicorn.app.base import BaseApplication

    from . import migrate
    from .app import create_app
    from .database import Database

    settings = settings_from(ctx)
    database = Database.from_settings(settings)
    if migrate.current_revision(database.engine) != migrate.head_revision():
        fail("the database schema is not up to date: run `idp db upgrade` first")
    database.engine.dispose()
    bind = f"{host or settings.server.host}:{port or settings.server.port}"
    options = {
        "bind": bind,
        "workers": workers or settings.server.workers,
        "threads": 4,
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 20,
        "accesslog": "-",
        "forwarded_allow_ips": "*" if settings.server.trusted_proxies else "127.0.0.1",
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            # Each worker builds its own app (engine, keys): nothing is shared through fork.
            return create_app(settings)

    interval = settings.server.housekeeping_interval_s
    if interval:
        # The master process purges expired state; it never serves requests, so it never slows one down.
        def when_ready(_server: object) -> None:
            from .housekeeping import Housekeeper

            Housekeeper(Database.from_settings(settings).sessions, interval).start()

        options["when_ready"] = when_ready

    click.echo(f"idp: serving {settings.issuer} on http://{bind} with {options['workers']} workers")
    Server().run()


@main.command("purge", help="Delete expired codes, tokens, sessions and replay entries (for cron).")
@click.pass_context
def purge(ctx: click.Context) -> None:
    from .database import Database
    from .housekeeping import purge_expired_state

    database = Database.from_settings(settings_from(ctx))
    with database.sessions() as session:
        click.echo(json.dumps({"removed": purge_expired_state(session)}))


# --- db --------------------------------------------------------------------------------------------


@main.group(help="Database schema (Alembic migrations).")
def db() -> None:
    pass


@db.command("upgrade", help="Create or upgrade the schema to the newest revision.")
@click.option("--revision", default="heads", show_default=True)
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    from . import migrate
    from .database import Database

    database = Database.from_settings(settings_from(ctx))
    before = migrate.current_revision(database.engine)
    migrate.upgrade(database.engine, revision)
    after = migrate.current_revision(database.engine)
    click.echo(f"idp: database {_describe_url(database.engine.url)} at revision {after} (was {before or 'empty'})")


@db.command("current", help="Show the schema revision of the database.")
@click.pass_context
def db_current(ctx: click.Context) -> None:
    from . import migrate
    from .database import Database

    database = Database.from_settings(settings_from(ctx))
    current = migrate.current_revision(database.engine)
    head = migrate.head_revision()
    click.echo(f"{current or 'empty'} (newest: {head})")


def _describe_url(url: object) -> str:
    render = getattr(url, "render_as_string", None)
    return str(render(hide_password=True)) if render else str(url)


def _session_scope(settings: Settings) -> Any:
    from mandate_resolver.registry.database import transaction

    from . import migrate
    from .database import Database

    database = Database.from_settings(settings)
    if migrate.current_revision(database.engine) != migrate.head_revision():
        fail("the database schema is not up to date: run `idp db upgrade` first")
    return transaction(database.sessions)


# --- demo ------------------------------------------------------------------------------------------


@main.group(help="The demo world of the seeds (Emmaüs, BAROCY, IMEC ...).")
def demo() -> None:
    pass


@demo.command("load", help="Create or refresh the demo world (idempotent) and print its users.")
@click.option("--json", "as_json", is_flag=True, help="Print the demo users and relying parties as JSON.")
@click.pass_context
def demo_load(ctx: click.Context, as_json: bool) -> None:
    from mandate_resolver.registry.demo import load_demo

    from .oidc.demo import register_demo_client

    settings = settings_from(ctx)
    with _session_scope(settings) as session:
        world = load_demo(session, dt.date.today())
        demo_client = register_demo_client(session)
    payload = world.as_dict()
    payload["demo_oidc_client"] = {
        "client_id": demo_client.client_id,
        "client_secret": demo_client.client_secret,
        "redirect_uri": demo_client.redirect_uri,
    }
    if as_json:
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"Demo world loaded. Log in at {settings.issuer} with:")
    for user in payload["users"]:  # type: ignore[attr-defined]
        click.echo(f"  {user['username']:<12} password {user['password']:<22} TOTP {user['totp_secret']}")
        click.echo(f"  {'':<12} {user['description']}")
    click.echo("Demo relying parties:")
    for rp in payload["relying_parties"]:  # type: ignore[attr-defined]
        click.echo(f"  {rp['client_id']:<40} {rp['protocol']:<5} {rp['name']}")
    click.echo(
        f"Demo application {demo_client.client_id} (secret {demo_client.client_secret}) runs with: {demo_client.run}"
    )


# --- registry ------------------------------------------------------------------------------------


@main.group(help="Import and export the whole registry in the documented JSON format.")
def registry() -> None:
    pass


@registry.command("import", help="Validate FILE and write it in one transaction (nothing on any error).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only validate and report.")
@click.option(
    "--mode",
    type=click.Choice(["upsert", "create"]),
    default="upsert",
    show_default=True,
    help="upsert updates records with the same natural key; create refuses them.",
)
@click.pass_context
def registry_import(ctx: click.Context, file: Path, dry_run: bool, mode: str) -> None:
    from mandate_resolver.registry.exchange import WorldInvalid, import_world

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"{file}: not valid JSON ({exc})")
    if not isinstance(document, dict):
        fail(f"{file}: the document must be a JSON object")
    settings = settings_from(ctx)
    try:
        with _session_scope(settings) as session:
            report = import_world(session, document, mode=mode)  # type: ignore[arg-type]
            if dry_run:
                session.rollback()
    except WorldInvalid as exc:
        click.echo(f"idp: {file} is not valid; nothing was written:", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem.path}: {problem.message}", err=True)
        sys.exit(1)
    click.echo(("Valid (dry run, nothing written): " if dry_run else "Imported: ") + report.summary())


@registry.command("export", help="Write the whole registry as JSON (to stdout or --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.pass_context
def registry_export(ctx: click.Context, output: Path | None) -> None:
    from mandate_resolver.registry.exchange import export_world

    settings = settings_from(ctx)
    with _session_scope(settings) as session:
        document = export_world(session)
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        output.chmod(0o600)  # it holds password hashes and TOTP secrets
        click.echo(f"idp: registry written to {output}")


# --- keys -------------------------------------------------------------------------------------------


@main.group(help="Signing keys in the keys directory.")
def keys() -> None:
    pass


@keys.command("rotate", help="New signing keys; the old ones stay published until their tokens expire.")
@click.option("--include-saml", is_flag=True, help="Also replace the SAML signing key and certificate.")
@click.pass_context
def keys_rotate(ctx: click.Context, include_saml: bool) -> None:
    from .app import key_retention
    from .keys import KeyStore, KeyStoreError

    settings = settings_from(ctx)
    try:
        store = KeyStore.rotate(
            settings.path(settings.keys_dir), retention=key_retention(settings), include_saml=include_saml
        )
    except KeyStoreError as exc:
        fail(str(exc))
    for alg in ("RS256", "ES256"):
        click.echo(f"idp: active {alg} key {store.active_key(alg).kid}")
    click.echo(f"idp: {len(store.jwks()['keys'])} keys published; restart or reload workers to sign with the new ones")


@keys.command("list", help="Show the keys and whether they are active, retired or published.")
@click.pass_context
def keys_list(ctx: click.Context) -> None:
    from .app import key_retention
    from .keys import KeyStore, KeyStoreError

    settings = settings_from(ctx)
    try:
        store = KeyStore.load(settings.path(settings.keys_dir), retention=key_retention(settings))
    except KeyStoreError as exc:
        fail(str(exc))
    for key in store.signing_keys:
        state = "active" if key.retired_at is None else f"retired {key.retired_at.isoformat()}"
        click.echo(f"{key.kid}  {key.alg}  created {key.created_at.isoformat()}  {state}")


# --- check-config -------------------------------------------------------------------------------


@main.command("check-config", help="Validate the configuration, the database and the keys; exit 0 if all is well.")
@click.pass_context
def check_config(ctx: click.Context) -> None:
    from . import migrate
    from .database import Database
    from .settings import warn_weakened

    settings = settings_from(ctx)
    click.echo(f"configuration: {settings.source} (ok)")
    click.echo(f"issuer: {settings.issuer}")
    problems = 0
    for warning in warn_weakened(settings):
        click.echo(f"warning: {warning}")
    try:
        database = Database.from_settings(settings)
        current = migrate.current_revision(database.engine)
    except Exception as exc:
        click.echo(f"database: cannot connect ({exc.__class__.__name__}: {str(exc).splitlines()[0]})")
        problems += 1
    else:
        head = migrate.head_revision()
        state = "up to date" if current == head else f"at {current or 'empty'}, newest is {head}: run `idp db upgrade`"
        problems += current != head
        click.echo(f"database: {_describe_url(database.engine.url)} ({state})")
    problems += _check_resolvers(settings)
    keys_dir = settings.path(settings.keys_dir)
    click.echo(f"keys: {keys_dir} ({'present' if (keys_dir / 'keyset.json').exists() else 'generated on first start'})")
    if problems:
        fail(f"{problems} problem(s) found")
    click.echo("all checks passed")


def _check_resolvers(settings: Settings) -> int:
    from mandate_resolver import plugins

    try:
        plugins.validate_entries(settings.resolvers)
    except plugins.PluginConfigError as exc:
        click.echo(f"resolvers: {exc}")
        return 1
    click.echo(f"resolvers: {', '.join(entry.name for entry in settings.resolvers if entry.enabled)} (ok)")
    return 0


from .oidc.cli import client as _oidc_client  # noqa: E402 - the OIDC client commands

main.add_command(_oidc_client)

from .saml.cli import sp as _saml_sp  # noqa: E402 - the SAML service provider commands

main.add_command(_saml_sp)


if __name__ == "__main__":  # pragma: no cover
    main()
