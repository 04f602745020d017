"""KBO legal representative options from the embedded registry: one per enterprise the person represents
by law today. They count only for applications with that feature on (SECURITY.md M13); the resolver asks
nothing of the backend otherwise.
"""

from __future__ import annotations

from mandate_resolver.organisation_roles import OrganisationRoleBackend, RoleTable
from mandate_resolver.registry.models import LegalRepresentative
from mandate_resolver.sql import SessionFactory
from mandate_resolver.types import Capacity, LegalRepresentativeOption

__all__ = ["KboSqlBackend"]

REPRESENTATIONS = RoleTable(
    role=LegalRepresentative.function,
    valid_from=LegalRepresentative.valid_from,
    valid_until=LegalRepresentative.valid_until,
    organisation_id=LegalRepresentative.organisation_id,
    holder=LegalRepresentative.person_id,
    order=LegalRepresentative.id,
)


class KboSqlBackend(OrganisationRoleBackend[LegalRepresentativeOption]):
    """Legal representative options read from the embedded registry: KBO lists persons, login or not."""

    def __init__(self, session_factory: SessionFactory) -> None:
        super().__init__(
            session_factory,
            table=REPRESENTATIONS,
            holder=lambda person: person.person_id,
            capacity=Capacity.LEGAL_REPRESENTATIVE,
            option_type=LegalRepresentativeOption,
        )
