"""KBO legal representative options from the embedded registry: one per enterprise the person represents
by law today. They count only for applications with that feature on (SECURITY.md M13); the resolver asks
nothing of the backend otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import bindparam, select
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.paging import paginate
from mandate_resolver.registry.models import LegalRepresentative, Party, PartyKind
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
    LegalRepresentativeOption,
    Principal,
    Resolution,
    Subject,
    Window,
    option_key,
)

__all__ = ["KboSqlBackend"]

# A person represents a handful of enterprises; the bound only keeps a broken registry from costing memory.
MAX_ROWS: Final = 5000


def _representations(dialect: str, one: bool) -> SelectBase:
    statement = (
        select(
            LegalRepresentative.function,
            LegalRepresentative.valid_from,
            LegalRepresentative.valid_until,
            Party.scheme,
            Party.identifier,
            Party.name,
            Party.target_group,
            name_key(dialect, Party.name),
        )
        .join(Party, Party.id == LegalRepresentative.organisation_id)
        .where(
            LegalRepresentative.person_id == bindparam("person_id"),
            # A representation counts only within its own dates, and only the person's own (M13).
            valid_on(LegalRepresentative.valid_from, LegalRepresentative.valid_until, bindparam("today")),
            Party.kind == PartyKind.ORGANISATION,
        )
        # Of several functions in one enterprise, the oldest is shown, in a page and in a check alike.
        .order_by(LegalRepresentative.id)
    )
    if one:
        return statement.where(Party.scheme == bindparam("scheme"), Party.identifier == bindparam("identifier")).limit(
            fixed_limit(1)
        )
    return statement.limit(fixed_limit(MAX_ROWS))


class KboSqlBackend:
    """Legal representative options read from the embedded registry."""

    def __init__(self, session_factory: SessionFactory) -> None:
        self.registry = Registry(session_factory)

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        principals: dict[tuple[str, str], Principal] = {}
        with self.registry.connect() as connection:
            person = registered_person(self.registry, connection, subject)
            if person is None:
                return Resolution()
            statement = self.registry.statement(connection.dialect, "all", lambda d: _representations(d, one=False))
            for row in statement.run(connection, {"person_id": person.person_id, "today": policy.today}):
                option = _option(row, namespace)
                place = (option.organisation.id_type, option.organisation.id)
                if place not in principals:
                    principals[place] = Principal(
                        option.organisation, Capacity.LEGAL_REPRESENTATIVE, namespace, row[7], (option,)
                    )
        return paginate(principals.values(), window)

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> LegalRepresentativeOption | None:
        organisation = parse_party_ref(ref)
        if organisation is None:
            return None
        with self.registry.connect() as connection:
            person = registered_person(self.registry, connection, subject)
            if person is None:
                return None
            statement = self.registry.statement(connection.dialect, "one", lambda d: _representations(d, one=True))
            parameters = {
                "person_id": person.person_id,
                "today": policy.today,
                "scheme": organisation.scheme,
                "identifier": organisation.value,
            }
            row = statement.first(connection, parameters)
        return _option(row, namespace) if row is not None else None


def _option(row: Sequence[Any], namespace: str) -> LegalRepresentativeOption:
    role, valid_from, valid_until, scheme, identifier, name, target_group, _ = row
    organisation = party_value(scheme, identifier, name, target_group)
    key = option_key(namespace, organisation.id_type, organisation.id)
    return LegalRepresentativeOption(key, organisation, role, valid_from, valid_until)
