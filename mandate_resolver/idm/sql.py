"""IDM employee options from the embedded registry: one per organisation the person works for today.

The registry holds no application-specific roles yet, so a valid work relation is what makes "as employee
of X" an option; the application decides whether it wants such options at all (``allow_employee``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import bindparam, select
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.paging import paginate
from mandate_resolver.registry.models import Party, PartyKind, WorkRelation
from mandate_resolver.sources import parse_party_ref
from mandate_resolver.sql import (
    Registry,
    SessionFactory,
    fixed_limit,
    name_key,
    party_value,
    registered_person,
    valid_on,
)
from mandate_resolver.types import (
    AppPolicy,
    Capacity,
    EmployeeOption,
    Principal,
    Resolution,
    Subject,
    Window,
    option_key,
)

__all__ = ["IdmSqlBackend"]

# A person works for a handful of organisations; the bound only keeps a broken registry from costing memory.
MAX_ROWS: Final = 5000


def _relations(dialect: str, one: bool) -> SelectBase:
    statement = (
        select(
            WorkRelation.kind,
            WorkRelation.valid_from,
            WorkRelation.valid_until,
            Party.scheme,
            Party.identifier,
            Party.name,
            Party.target_group,
            name_key(dialect, Party.name),
        )
        .join(Party, Party.id == WorkRelation.organisation_id)
        .where(
            WorkRelation.user_id == bindparam("user_id"),
            # A work relation counts only within its own dates.
            valid_on(WorkRelation.valid_from, WorkRelation.valid_until, bindparam("today")),
            Party.kind == PartyKind.ORGANISATION,
        )
        # Of several relations with one organisation, the oldest is shown, in a page and in a check alike.
        .order_by(WorkRelation.id)
    )
    if one:
        return statement.where(Party.scheme == bindparam("scheme"), Party.identifier == bindparam("identifier")).limit(
            fixed_limit(1)
        )
    return statement.limit(fixed_limit(MAX_ROWS))


class IdmSqlBackend:
    """Employee options read from the embedded registry."""

    def __init__(self, session_factory: SessionFactory) -> None:
        self.registry = Registry(session_factory)

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        principals: dict[tuple[str, str], Principal] = {}
        with self.registry.connect() as connection:
            person = registered_person(self.registry, connection, subject)
            if person is None or person.user_id is None:
                return Resolution()
            statement = self.registry.statement(connection.dialect, "all", lambda d: _relations(d, one=False))
            for row in statement.run(connection, {"user_id": person.user_id, "today": policy.today}):
                option = _option(row, namespace)
                place = (option.organisation.id_type, option.organisation.id)
                if place not in principals:
                    principals[place] = Principal(option.organisation, Capacity.EMPLOYEE, namespace, row[7], (option,))
        return paginate(principals.values(), window)

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> EmployeeOption | None:
        organisation = parse_party_ref(ref)
        if organisation is None:
            return None
        with self.registry.connect() as connection:
            person = registered_person(self.registry, connection, subject)
            if person is None or person.user_id is None:
                return None
            statement = self.registry.statement(connection.dialect, "one", lambda d: _relations(d, one=True))
            parameters = {
                "user_id": person.user_id,
                "today": policy.today,
                "scheme": organisation.scheme,
                "identifier": organisation.value,
            }
            row = statement.first(connection, parameters)
        return _option(row, namespace) if row is not None else None


def _option(row: Sequence[Any], namespace: str) -> EmployeeOption:
    role, valid_from, valid_until, scheme, identifier, name, target_group, _ = row
    organisation = party_value(scheme, identifier, name, target_group)
    key = option_key(namespace, organisation.id_type, organisation.id)
    return EmployeeOption(key, organisation, role, valid_from, valid_until)
