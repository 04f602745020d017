"""Who calls: a bearer access token our own OpenID Provider issued, with the scope each operation needs
(RFC 6750), and the party the call names, re-checked on every call (SECURITY.md M05, M16, M17).

    @bp.post("/parties/<party>/mandates")
    @requires("mandates:write")
    def create(party: str) -> Response:
        acting = acting_party(party, write=True)   # 403 unless the user may manage it today

Cookies are never read here: a browser's session gives no access to the API, so no cross-site form
can act through it (no CSRF to defend against), and a token is the only credential.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, ParamSpec, TypeVar

from flask import g, request
from sqlalchemy import select

from mandate_resolver.identifiers import IdentifierError, parse_party_identifier
from mandate_resolver.registry.authority import Actor, require_manage
from mandate_resolver.registry.errors import Forbidden, RegistryError
from mandate_resolver.registry.models import Party, User, utcnow

from ..database import db_session
from ..oidc.clients import find_client
from ..oidc.tokens import find_active_token
from ..selection.service import belgian_today
from .problems import ApiProblem, FieldError, from_registry_error, translate_code

READ: Final = "mandates:read"
WRITE: Final = "mandates:write"
REALM: Final = "api"

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Caller:
    """The user a live access token stands for, the client that holds it, and the scopes it carries."""

    actor: Actor
    client_id: str
    scopes: frozenset[str]


def _bearer_problem(status: int, code: str, error: str | None, scope: str) -> ApiProblem:
    # RFC 6750 §3: a request without any credential gets the challenge without an error code.
    challenge = f'Bearer realm="{REALM}", scope="{scope}"'
    if error is not None:
        challenge += f', error="{error}"'
    return ApiProblem(status, code, headers={"WWW-Authenticate": challenge})


def authenticate(scope: str) -> Caller:
    """The caller of this request, holding ``scope``: 401 without a live access token, 403 without the scope."""
    if "access_token" in request.args:
        # RFC 6750 §2.3 discourages tokens in URLs (they end up in logs); the header only.
        raise _bearer_problem(400, "token.in_query", "invalid_request", scope)
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise _bearer_problem(401, "token.missing", None, scope)
    db = db_session()
    found = find_active_token(db, value.strip(), utcnow(), kind="access")
    user = db.get(User, found.grant.user_id) if found is not None else None
    # A client disabled since, or a user disabled since, ends what their tokens could do.
    if found is None or user is None or user.disabled or find_client(db, found.token.client_id) is None:
        raise _bearer_problem(401, "token.invalid", "invalid_token", scope)
    scopes = frozenset(found.token.scope.split())
    if scope not in scopes:
        raise _bearer_problem(403, "token.insufficient_scope", "insufficient_scope", scope)
    return Caller(Actor.from_user(user), found.token.client_id, scopes)


def requires(scope: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """The view needs a live access token with ``scope``; ``caller()`` then gives who it stands for."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            g.api_caller = authenticate(scope)
            return view(*args, **kwargs)

        wrapped.required_scope = scope  # type: ignore[attr-defined]  # read by the OpenAPI check
        return wrapped

    return decorate


def caller() -> Caller:
    found: Caller = g.api_caller
    return found


def acting_party(reference: str, *, write: bool) -> Party:
    """The party named in the path (``kbo:0411515075``, ``insz:85073003328``), which the caller may act for.

    Writing, or reading for anyone but the helpdesk, needs the user to be that person, its mandate
    manager or its legal representative today (``require_manage``); the helpdesk reads every party and
    writes for none (M16). A party that does not exist is refused like one not represented, so the
    answer does not tell which identifiers are registered.
    """
    scheme, colon, raw = reference.partition(":")
    try:
        if not colon:
            raise IdentifierError("party", reference[:64], "scheme")
        identifier = parse_party_identifier(scheme, raw)
    except IdentifierError as error:
        field_error = FieldError("party", error.message_key, translate_code(error.message_key, {"value": error.value}))
        raise ApiProblem(400, "party.invalid", errors=[field_error]) from None
    db = db_session()
    party = db.scalar(select(Party).where(Party.scheme == identifier.scheme, Party.identifier == identifier.value))
    actor = caller().actor
    if party is None:
        if actor.is_helpdesk and not write:
            raise ApiProblem(404, "party.not_found")
        raise from_registry_error(Forbidden(code="authority.not_allowed", field="acting_for"))
    if actor.is_helpdesk and not write:
        return party
    try:
        require_manage(db, actor, party.id, belgian_today())
    except RegistryError as error:
        raise from_registry_error(error) from None
    return party
