"""M13: the legal-representative path to a mandate counts only for applications with the KBO feature on,
and only for the enterprise the person represents."""

from __future__ import annotations

import datetime as dt

from mandate_resolver.registry.models import LegalRepresentative
from tests.oidc_support import MANDATE_EMMAUS_BAROCY, MANDATE_IMEC_PWC, Provider
from tests.security.mandate_rules import TODAY, change, offered, party


def represent(enterprise: str):  # type: ignore[no-untyped-def]
    def edit(session) -> None:  # type: ignore[no-untyped-def]
        session.add(
            LegalRepresentative(
                person_id=party(session, "87030300309").id,  # Nora Body, user "nobody"
                organisation_id=party(session, enterprise).id,
                function="Zaakvoerder",
                valid_from=TODAY - dt.timedelta(days=30),
            )
        )

    return edit


def test_M13_legal_representative_of_the_mandatee_is_offered_only_with_the_feature(provider: Provider) -> None:
    change(provider, represent("0806154033"))  # BAROCY, the mandatee
    with_feature = provider.register(legal_representatives=True)
    without_feature = provider.register(legal_representatives=False, client_id="no-kbo")
    assert any(MANDATE_EMMAUS_BAROCY in value for value in offered(provider, with_feature, "nobody"))
    assert not any(MANDATE_EMMAUS_BAROCY in value for value in offered(provider, without_feature, "nobody"))


def test_M13_legal_representative_of_another_enterprise_reaches_only_that_enterprise(provider: Provider) -> None:
    change(provider, represent("0429501944"))  # PwC, not BAROCY
    client = provider.register(legal_representatives=True)
    values = offered(provider, client, "nobody")
    assert not any(MANDATE_EMMAUS_BAROCY in value for value in values)
    assert any(MANDATE_IMEC_PWC in value for value in values)  # PwC's own mandate is reachable
