"""Scopes, the claims each one releases, and the claim profiles an application can be registered with.

A client receives only the scopes it was registered for (``oidc_clients.scopes``); a scope asked for
but not registered is dropped from the grant, never an error (OpenID Connect Core §5.4), except when
nothing but unknown scopes remain.
"""

from __future__ import annotations

from collections.abc import Mapping

# The JSON API's scopes are registered by name only, never through a profile: a "full" client must not
# manage anybody's mandates unasked.
API_SCOPES: tuple[str, ...] = ("mandates:read", "mandates:write")

SCOPE_CLAIMS: Mapping[str, tuple[str, ...]] = {
    "openid": ("sub",),
    "profile": ("name", "given_name", "family_name", "locale"),
    "email": ("email",),
    # Flemish ACM compatible claims.
    "rrn": ("rrn",),
    "vo": ("vo_doelgroepcode", "vo_orgcode", "vo_orgnaam", "wv_orgcode"),
    "ssm_mandaat": ("ssm_mandaatgever",),
    # The chosen option, structured, and the NL GOV style chain.
    "mandate": ("mandate", "represents"),
    # The JSON API's (idp/api): they release no claim.
    **dict.fromkeys(API_SCOPES, ()),
}

PROFILE_SCOPES: Mapping[str, tuple[str, ...]] = {
    "standard": ("openid", "profile", "email", "mandate"),
    "acm": ("openid", "profile", "rrn", "vo", "ssm_mandaat"),
    "full": tuple(scope for scope in SCOPE_CLAIMS if scope not in API_SCOPES),
}

ALL_CLAIMS: tuple[str, ...] = tuple(dict.fromkeys(c for claims in SCOPE_CLAIMS.values() for c in claims))


def claims_of_scopes(scopes: set[str] | frozenset[str]) -> set[str]:
    return {claim for scope in scopes for claim in SCOPE_CLAIMS.get(scope, ())}
