"""M10: a mandate signed only by its creator (awaiting the counterparty) is never offered nor asserted."""

from __future__ import annotations

from mandate_resolver.registry.models import MandateState
from tests.oidc_support import MANDATE_EMMAUS_BAROCY, MANDATE_IMEC_BAROCY, Provider
from tests.security.mandate_rules import change, mandate, offered


def test_M10_mandate_awaiting_the_counterparty_is_not_offered(provider: Provider) -> None:
    client = provider.register()
    assert any(MANDATE_EMMAUS_BAROCY in value for value in offered(provider, client, "bart"))

    def unsign(session) -> None:  # type: ignore[no-untyped-def]
        row = mandate(session, MANDATE_EMMAUS_BAROCY)
        row.state = MandateState.AWAITING_SIGNATURE
        row.mandatee_signed_at = None

    change(provider, unsign)
    values = offered(provider, client, "bart")
    assert not any(MANDATE_EMMAUS_BAROCY in value for value in values)
    assert any(MANDATE_IMEC_BAROCY in value for value in values)  # the signed one still is
