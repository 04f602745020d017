"""``idp sp``: register SAML service providers from their metadata (a file or a URL) and list them.

idp sp add metadata.xml --mandate-type wse_loket --name "WSE Loket"
idp sp add https://sp.example/metadata --encrypt --name-id-format persistent
idp sp list
"""

from __future__ import annotations

from pathlib import Path

import click
import requests

from .registry import MAX_METADATA_BYTES, MetadataInvalidError, SpRegistration, check_url, register_service_provider

NAME_ID_FORMATS = {
    "transient": "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    "persistent": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    "unspecified": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
}


@click.group(help="SAML service providers, registered from their metadata.")
def sp() -> None:
    """The ``idp sp`` command group (added to ``idp`` in ``idp/cli.py``)."""


def read_metadata(source: str) -> tuple[str, str]:
    """(metadata XML, URL or "") from a file path or an https URL (bounded size, 10 s)."""
    from ..cli import fail  # idp.cli adds this group at its end: import it lazily, not in a cycle

    if source.startswith(("https://", "http://")):
        try:
            check_url(source)
        except MetadataInvalidError:
            fail(f"{source}: metadata URLs must be https")
        try:
            with requests.get(source, timeout=10, stream=True) as response:
                response.raise_for_status()
                data = response.raw.read(MAX_METADATA_BYTES + 1, decode_content=True)
        except requests.RequestException as error:
            fail(f"{source}: cannot fetch the metadata ({error.__class__.__name__})")
        if len(data) > MAX_METADATA_BYTES:
            fail(f"{source}: the metadata is larger than 1 MB")
        return data.decode("utf-8", "replace"), source
    path = Path(source)
    if not path.is_file():
        fail(f"{source}: no such file")
    if path.stat().st_size > MAX_METADATA_BYTES:
        fail(f"{source}: the metadata is larger than 1 MB")
    return path.read_text(encoding="utf-8"), ""


@sp.command("add", help="Register (or update) the SP described by SOURCE, a metadata file or https URL.")
@click.argument("source")
@click.option("--name", default="", help="Display name of the application.")
@click.option("--mandate-type", "mandate_types", multiple=True, help="Accepted mandate type code (repeatable).")
@click.option("--legal-representatives", is_flag=True, help="Offer legal representatives (KBO).")
@click.option(
    "--name-id-format",
    "name_id_formats",
    type=click.Choice(sorted(NAME_ID_FORMATS)),
    multiple=True,
    help="NameID format the SP may ask for (repeatable; the first is the default). Default: transient.",
)
@click.option("--profile", type=click.Choice(["standard", "eidas"]), default="standard", show_default=True)
@click.option("--encrypt", is_flag=True, help="Encrypt assertions (AES-256-GCM, RSA-OAEP) to the SP's key.")
@click.option(
    "--sign-assertions",
    type=click.Choice(["metadata", "always"]),
    default="metadata",
    show_default=True,
    help="Sign the assertion besides the response: when the metadata says WantAssertionsSigned, or always.",
)
@click.option("--idp-initiated", is_flag=True, help="Allow IdP-initiated login to this SP.")
@click.option("--require-signed-requests", is_flag=True, help="Refuse unsigned AuthnRequests.")
@click.pass_context
def sp_add(  # noqa: PLR0917 - one parameter per option, as click passes them
    ctx: click.Context,
    source: str,
    name: str,
    mandate_types: tuple[str, ...],
    legal_representatives: bool,
    name_id_formats: tuple[str, ...],
    profile: str,
    encrypt: bool,
    sign_assertions: str,
    idp_initiated: bool,
    require_signed_requests: bool,
) -> None:
    from ..cli import _session_scope, fail, settings_from

    metadata, url = read_metadata(source)
    options = SpRegistration(
        name=name,
        name_id_formats=tuple(NAME_ID_FORMATS[f] for f in name_id_formats) or (NAME_ID_FORMATS["transient"],),
        attribute_profile=profile,
        encrypt_assertions=encrypt,
        sign_assertions=sign_assertions,
        allow_idp_initiated=idp_initiated,
        require_signed_requests=require_signed_requests,
        mandate_types=mandate_types,
        legal_representatives=legal_representatives,
        metadata_url=url,
    )
    try:
        with _session_scope(settings_from(ctx)) as session:
            registered = register_service_provider(session, metadata, options)
            entity_id = registered.entity_id
    except MetadataInvalidError as error:
        fail(f"{source}: {error}")
    click.echo(f"idp: service provider {entity_id} registered")


@sp.command("list", help="Show the registered service providers.")
@click.pass_context
def sp_list(ctx: click.Context) -> None:
    from sqlalchemy import select

    from ..cli import _session_scope, settings_from
    from .models import ServiceProvider

    with _session_scope(settings_from(ctx)) as session:
        for row in session.scalars(select(ServiceProvider).order_by(ServiceProvider.entity_id)):
            flags = ", ".join(
                flag
                for flag, on in (
                    ("encrypted", row.encrypt_assertions),
                    ("idp-initiated", row.allow_idp_initiated),
                    ("signed requests", row.require_signed_requests),
                )
                if on
            )
            signing = f"signed assertions={row.sign_assertions}"
            click.echo(f"{row.entity_id}  profile={row.attribute_profile}  {signing}  {flags}".rstrip())
