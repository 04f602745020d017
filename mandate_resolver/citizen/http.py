"""The citizen option from a registry service (``GET /persons/{insz}/options/citizen``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from mandate_resolver.http import HttpOptions, RegistryClient
from mandate_resolver.paging import paginate
from mandate_resolver.remote import RegistryHttpBackend
from mandate_resolver.sources import SELF_REF
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

__all__ = ["CitizenHttpBackend"]


class CitizenHttpBackend(RegistryHttpBackend):
    """The person as a registry service knows them; as they logged in when it does not know them (a person
    may always act as themself). A registry that cannot answer still fails the source."""

    def __init__(
        self, options: HttpOptions, *, clock: Callable[[], float] = time.monotonic, client: RegistryClient | None = None
    ) -> None:
        super().__init__(Capacity.CITIZEN, options, clock=clock, client=client)

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        # Asked without search or cursor: the one tile is then searched and placed here, like any other.
        found = super().page(subject, policy, Window(size=1), namespace)
        option = self.find_in(found, subject, namespace)
        principal = Principal(option.person, Capacity.CITIZEN, namespace, sort_name(option.person.name), (option,))
        return paginate([principal], window)

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> CitizenOption | None:
        if ref != SELF_REF:
            return None
        return self.find_in(super().page(subject, policy, Window(size=1), namespace), subject, namespace)

    @staticmethod
    def find_in(found: Resolution, subject: Subject, namespace: str) -> CitizenOption:
        for principal in found.principals:
            for option in principal.options:
                if isinstance(option, CitizenOption):
                    return option
        return CitizenOption(option_key(namespace, SELF_REF), subject.party)
