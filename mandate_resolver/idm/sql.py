"""IDM employee options from the embedded registry: one per organisation the person works for today.

The registry holds no application-specific roles yet, so a valid work relation is what makes "as employee
of X" an option; the application decides whether it wants such options at all (``allow_employee``).
"""

from __future__ import annotations

from mandate_resolver.organisation_roles import OrganisationRoleBackend, RoleTable
from mandate_resolver.registry.models import WorkRelation
from mandate_resolver.sql import SessionFactory
from mandate_resolver.types import Capacity, EmployeeOption

__all__ = ["IdmSqlBackend"]

WORK_RELATIONS = RoleTable(
    role=WorkRelation.kind,
    valid_from=WorkRelation.valid_from,
    valid_until=WorkRelation.valid_until,
    organisation_id=WorkRelation.organisation_id,
    holder=WorkRelation.user_id,
    order=WorkRelation.id,
)


class IdmSqlBackend(OrganisationRoleBackend[EmployeeOption]):
    """Employee options read from the embedded registry: a work relation is held by a user (a person with
    a login), so a person without one has no employee option."""

    def __init__(self, session_factory: SessionFactory) -> None:
        super().__init__(
            session_factory,
            table=WORK_RELATIONS,
            holder=lambda person: person.user_id,
            capacity=Capacity.EMPLOYEE,
            option_type=EmployeeOption,
        )
