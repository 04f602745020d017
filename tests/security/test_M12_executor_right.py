"""M12: the mandate via an organisation is offered only through a valid executor right of that organisation
whose context holds the application's mandate type."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.registry.models import MandateType, UserRightMandateType
from tests.oidc_support import MANDATE_EMMAUS_BAROCY, Provider
from tests.security.mandate_rules import TODAY, change, offered, party, rights_of


def other_type_only(session) -> None:  # type: ignore[no-untyped-def]
    other = MandateType(code="subsidy", mandator_person=False, mandatee_person=False)
    session.add(other)
    session.flush()
    for right in rights_of(session, "bart"):
        right.mandate_types = [UserRightMandateType(mandate_type_id=other.id)]


def right_ended(session) -> None:  # type: ignore[no-untyped-def]
    for right in rights_of(session, "bart"):
        right.valid_until = TODAY - dt.timedelta(days=1)


def right_of_another_organisation(session) -> None:  # type: ignore[no-untyped-def]
    pwc = party(session, "0429501944")
    for right in rights_of(session, "bart"):
        right.organisation_id = pwc.id


@pytest.mark.parametrize("edit", [other_type_only, right_ended, right_of_another_organisation])
def test_M12_mandate_without_a_valid_executor_right_is_not_offered(provider: Provider, edit) -> None:  # type: ignore[no-untyped-def]
    client = provider.register()
    assert any(MANDATE_EMMAUS_BAROCY in value for value in offered(provider, client, "bart"))
    change(provider, edit)
    assert not any(MANDATE_EMMAUS_BAROCY in value for value in offered(provider, client, "bart"))
