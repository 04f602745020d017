"""What IDM employees and KBO legal representatives share in the embedded registry: a dated row tying a
person to an organisation ("works for", "represents by law"), one option per organisation valid today.

:class:`OrganisationRoleBackend` reads such a table; ``idm.sql`` and ``kbo.sql`` each give it their table,
whose column holds the person (a user id or a person id), and which option and capacity they make.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.paging import paginate
from mandate_resolver.registry.models import Party, PartyKind
from mandate_resolver.sources import parse_party_ref
from mandate_resolver.sql import (
    RegisteredPerson,
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
    LegalRepresentativeOption,
    Principal,
    Resolution,
    Subject,
    Window,
    option_key,
)

__all__ = ["OrganisationRoleBackend", "RoleTable"]

# A person holds a handful of such roles; the bound only keeps a broken registry from costing memory.
MAX_ROWS: Final = 5000

OptionT = TypeVar("OptionT", EmployeeOption, LegalRepresentativeOption)


@dataclass(frozen=True, slots=True)
class RoleTable:
    """The table's columns: the role's name (kind, function), its dates, the organisation, the person holding
    it, and the order of several roles in one organisation (the oldest is shown, in a page and a check alike)."""

    role: InstrumentedAttribute[str]
    valid_from: InstrumentedAttribute[Any]
    valid_until: InstrumentedAttribute[Any]
    organisation_id: InstrumentedAttribute[int]
    holder: InstrumentedAttribute[int]
    order: InstrumentedAttribute[int]


def _statement(table: RoleTable, dialect: str, one: bool) -> SelectBase:
    statement = (
        select(
            table.role,
            table.valid_from,
            table.valid_until,
            Party.scheme,
            Party.identifier,
            Party.name,
            Party.target_group,
            name_key(dialect, Party.name),
        )
        .join(Party, Party.id == table.organisation_id)
        .where(
            table.holder == bindparam("holder"),
            # A role counts only within its own dates, and only the person's own (M13).
            valid_on(table.valid_from, table.valid_until, bindparam("today")),
            Party.kind == PartyKind.ORGANISATION,
        )
        .order_by(table.order)
    )
    if one:
        return statement.where(Party.scheme == bindparam("scheme"), Party.identifier == bindparam("identifier")).limit(
            fixed_limit(1)
        )
    return statement.limit(fixed_limit(MAX_ROWS))


class OrganisationRoleBackend(Generic[OptionT]):
    """Options read from one role table of the embedded registry: one per organisation, valid today."""

    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        table: RoleTable,
        holder: Callable[[RegisteredPerson], int | None],
        capacity: Capacity,
        option_type: type[OptionT],
    ) -> None:
        self.registry = Registry(session_factory)
        self.table = table
        self.holder = holder
        self.capacity = capacity
        self.option_type: type[OptionT] = option_type

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        principals: dict[tuple[str, str], Principal] = {}
        with self.registry.connect() as connection:
            holder = self._holder(connection, subject)
            if holder is None:
                return Resolution()
            statement = self.registry.statement(connection.dialect, "all", lambda d: _statement(self.table, d, False))
            for row in statement.run(connection, {"holder": holder, "today": policy.today}):
                option = self._option(row, namespace)
                place = (option.organisation.id_type, option.organisation.id)
                if place not in principals:
                    principals[place] = Principal(option.organisation, self.capacity, namespace, row[7], (option,))
        return paginate(principals.values(), window)

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> OptionT | None:
        organisation = parse_party_ref(ref)
        if organisation is None:
            return None
        with self.registry.connect() as connection:
            holder = self._holder(connection, subject)
            if holder is None:
                return None
            statement = self.registry.statement(connection.dialect, "one", lambda d: _statement(self.table, d, True))
            parameters = {
                "holder": holder,
                "today": policy.today,
                "scheme": organisation.scheme,
                "identifier": organisation.value,
            }
            row = statement.first(connection, parameters)
        return self._option(row, namespace) if row is not None else None

    def _holder(self, connection: Any, subject: Subject) -> int | None:
        person = registered_person(self.registry, connection, subject)
        return self.holder(person) if person is not None else None

    def _option(self, row: Sequence[Any], namespace: str) -> OptionT:
        role, valid_from, valid_until, scheme, identifier, name, target_group, _ = row
        organisation = party_value(scheme, identifier, name, target_group)
        key = option_key(namespace, organisation.id_type, organisation.id)
        option: OptionT = self.option_type(key, organisation, role, valid_from, valid_until)
        return option
