"""The "as myself" option, with the person as the embedded registry knows them (else as they logged in)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.paging import paginate
from mandate_resolver.registry.models import Party
from mandate_resolver.sources import SELF_REF
from mandate_resolver.sql import INSZ, Registry, SessionFactory, party_value
from mandate_resolver.types import (
    AppPolicy,
    Capacity,
    CitizenOption,
    Principal,
    Resolution,
    Subject,
    Window,
    option_key,
    sort_name,
)
from mandate_resolver.types import Party as PartyValue

__all__ = ["CitizenSqlBackend"]


def _person_statement(_: str) -> SelectBase:
    return select(Party.name, Party.target_group).where(Party.scheme == INSZ, Party.identifier == bindparam("insz"))


class CitizenSqlBackend:
    """A person may always act as themself; the registry only supplies their registered name.

    ``registered_only`` answers nothing for a person the registry does not know (the registry API does:
    the side that asks knows the name the person logged in with, this one does not).
    """

    def __init__(self, session_factory: SessionFactory, *, registered_only: bool = False) -> None:
        self.registry = Registry(session_factory)
        self.registered_only = registered_only

    def _person(self, subject: Subject) -> PartyValue | None:
        if subject.person_id is not None:
            # The login built this subject from the registry's own person: nothing to look up.
            return subject.party
        with self.registry.connect() as connection:
            statement = self.registry.statement(connection.dialect, "person", _person_statement)
            row = statement.first(connection, {"insz": subject.identifier.value})
        if row is None:
            return None if self.registered_only else subject.party
        return party_value(INSZ, subject.identifier.value, row[0], row[1])

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        option = self.find(subject, policy, SELF_REF, namespace)
        if option is None:
            return Resolution()
        person = option.person
        return paginate([Principal(person, Capacity.CITIZEN, namespace, sort_name(person.name), (option,))], window)

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> CitizenOption | None:
        person = self._person(subject) if ref == SELF_REF else None
        return CitizenOption(option_key(namespace, SELF_REF), person) if person is not None else None
