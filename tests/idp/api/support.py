"""What the API tests share: addresses of the demo world's parties, a bearer header, a mandate row."""

from __future__ import annotations

from collections.abc import Callable

from mandate_resolver.registry.demo import DemoWorld

EMMAUS = "kbo:0411515075"
BAROCY = "kbo:0806154033"
PWC = "kbo:0999000228"  # the demo's made-up number for PricewaterhouseCoopers Tax Consultants
LIST_EMMAUS = f"/api/v1/parties/{EMMAUS}/mandates"

# ``mint("sammy")`` or ``mint("sammy", scopes=("openid",), ttl_s=-1)``: a live (or dead) access token.
Mint = Callable[..., str]


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def mandate_id(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


def new_row(**extra: object) -> dict[str, object]:
    """Emmaüs gives PwC a WSE Loket mandate from today, unlimited (change what the test needs)."""
    row: dict[str, object] = {
        "role": "mandator",
        "counterparty": PWC,
        "mandate_type": "wse_loket",
        "accept_contract": True,
    }
    row.update(extra)
    return row
