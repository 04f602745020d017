"""Reading one mandate for the party this login acts for, and turning the service's refusals into HTTP.

A mandate id in the URL that is not the acting party's (mandator, mandatee or proposed new mandatee) gets a
403 and nothing is read further or written (SECURITY.md M05, M17); one that does not exist a 404.
"""

from __future__ import annotations

from typing import NoReturn

from flask import abort

from mandate_resolver.registry.errors import RegistryError
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Mandate

from .context import PortalContext


def visible_mandate(service: MandateService, ctx: PortalContext, mandate_id: str) -> Mandate:
    """The mandate, when the acting party is one of its parties; else 403 (or 404 when there is none)."""
    try:
        return service.get_mandate(ctx.actor, mandate_id, acting_for=ctx.party.id)
    except RegistryError as error:
        abort_for(error)


def abort_for(error: RegistryError) -> NoReturn:
    """403 for a refusal of authority, 404 for something that does not exist, else 400."""
    if error.status == 403:
        abort(403)
    if error.status == 404:
        abort(404)
    abort(400)
