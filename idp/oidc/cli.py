"""``idp client``: register OpenID Connect clients (relying parties) in the database.

    idp client add --name "WSE Loket" --redirect-uri https://loket.example/cb --mandate-type wse_loket
    {"client_id": "...", "client_secret": "..."}

The secret is printed once and stored only as a hash.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .clients import AUTH_METHODS, ClientRegistration, ClientRegistrationError, register_client
from .scopes import PROFILE_SCOPES, SCOPE_CLAIMS


@click.group(help="OpenID Connect clients (relying parties).")
def client() -> None:
    pass


@client.command("add", help="Register a client; prints its client_id and client_secret as JSON.")
@click.option("--name", required=True, help="The application's name, shown to people.")
@click.option("--client-id", default="", help="A chosen client_id (default: a random one).")
@click.option("--redirect-uri", "redirect_uris", multiple=True, required=True, help="Exact redirect URI (repeat).")
@click.option("--post-logout-redirect-uri", "post_logout_redirect_uris", multiple=True, help="After logout (repeat).")
@click.option("--auth-method", type=click.Choice(AUTH_METHODS), default="client_secret_basic", show_default=True)
@click.option("--mandate-type", "mandate_types", multiple=True, help="Accepted mandate type code (repeat).")
@click.option("--legal-representatives/--no-legal-representatives", default=False, help="KBO legal representatives.")
@click.option("--profile", type=click.Choice(list(PROFILE_SCOPES)), default="standard", show_default=True)
@click.option(
    "--scope", "scopes", multiple=True, type=click.Choice(list(SCOPE_CLAIMS)), help="Instead of the profile's."
)
@click.option("--public", is_flag=True, help="A public client (no secret; PKCE only). Same as --auth-method none.")
@click.option("--backchannel-logout-uri", default="", help="Where logout tokens are posted.")
@click.option("--frontchannel-logout-uri", default="", help="Loaded in a frame at logout.")
@click.option("--jwks-uri", default="", help="The client's keys, for private_key_jwt.")
@click.option("--jwks", "jwks_file", type=click.Path(exists=True, dir_okay=False), help="A JWK Set file instead.")
@click.option("--subject-type", type=click.Choice(["public", "pairwise"]), default="public", show_default=True)
@click.option("--id-token-alg", type=click.Choice(["RS256", "ES256"]), default="RS256", show_default=True)
@click.option(
    "--require-consent/--no-require-consent",
    default=False,
    help="A third-party application: people consent to what it receives (first-party ones skip the question).",
)
@click.pass_context
def client_add(ctx: click.Context, /, **options: object) -> None:
    from ..cli import _session_scope, fail, settings_from

    jwks_file = options.pop("jwks_file")
    jwks = json.loads(Path(str(jwks_file)).read_text(encoding="utf-8")) if jwks_file else None
    public = bool(options.pop("public"))
    registration = ClientRegistration(
        name=str(options["name"]),
        client_id=str(options["client_id"]),
        redirect_uris=_strings(options["redirect_uris"]),
        post_logout_redirect_uris=_strings(options["post_logout_redirect_uris"]),
        auth_method="none" if public else str(options["auth_method"]),
        mandate_types=_strings(options["mandate_types"]),
        legal_representatives=bool(options["legal_representatives"]),
        profile=str(options["profile"]),
        scopes=_strings(options["scopes"]),
        backchannel_logout_uri=str(options["backchannel_logout_uri"]),
        frontchannel_logout_uri=str(options["frontchannel_logout_uri"]),
        jwks_uri=str(options["jwks_uri"]),
        jwks=jwks,
        subject_type=str(options["subject_type"]),
        id_token_signed_response_alg=str(options["id_token_alg"]),
        require_consent=bool(options["require_consent"]),
    )
    settings = settings_from(ctx)
    try:
        with _session_scope(settings) as session:
            registered = register_client(session, registration)
    except ClientRegistrationError as exc:
        fail(str(exc))
    click.echo(json.dumps({"client_id": registered.client_id, "client_secret": registered.client_secret}))


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, (tuple, list)) else ()


@client.command("purge", help="Delete expired codes, tokens and assertion ids (run it daily).")
@click.pass_context
def client_purge(ctx: click.Context) -> None:
    from mandate_resolver.registry.models import utcnow

    from ..cli import _session_scope, settings_from
    from .tokens import purge_expired

    with _session_scope(settings_from(ctx)) as session:
        click.echo(json.dumps({"removed": purge_expired(session, utcnow())}))
