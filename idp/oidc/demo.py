"""The demo relying party's OIDC registration, so `make demo` gives a newcomer something to click through.

The demo world (``mandate_resolver.registry.demo``) creates the application ``demo-rp``; this adds its
OAuth side with a fixed, printed secret. A demo secret is no secret: never load the demo in production.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from .clients import GRANT_TYPES, secret_hash
from .models import OidcClient
from .scopes import PROFILE_SCOPES

DEMO_RP_CLIENT_ID = "demo-rp"
DEMO_RP_SECRET = "demo-rp-secret-2026"  # noqa: S105 - printed by `idp demo load`; demo only
DEMO_RP_BASE_URL = "http://127.0.0.1:5001"


@dataclass(frozen=True, slots=True)
class DemoClient:
    client_id: str
    client_secret: str
    redirect_uri: str
    run: str


def register_demo_client(db: Session) -> DemoClient:
    """Create or refresh the OIDC client of the demo application (idempotent)."""
    client = db.get(OidcClient, DEMO_RP_CLIENT_ID)
    if client is None:
        client = OidcClient(client_id=DEMO_RP_CLIENT_ID, pairwise_salt=secrets.token_hex(32))
        db.add(client)
    client.auth_method = "client_secret_basic"
    client.secret_hash = secret_hash(DEMO_RP_SECRET)
    client.redirect_uris = [f"{DEMO_RP_BASE_URL}/callback"]
    client.post_logout_redirect_uris = [f"{DEMO_RP_BASE_URL}/"]
    client.scopes = list(dict.fromkeys(["openid", *PROFILE_SCOPES["full"]]))
    client.grant_types = list(GRANT_TYPES)
    client.id_token_signed_response_alg = "RS256"  # noqa: S105 - an algorithm name
    client.subject_type = "public"
    db.flush()
    return DemoClient(
        client_id=DEMO_RP_CLIENT_ID,
        client_secret=DEMO_RP_SECRET,
        redirect_uri=f"{DEMO_RP_BASE_URL}/callback",
        run="make demo-rp  (then open http://127.0.0.1:5001)",
    )
