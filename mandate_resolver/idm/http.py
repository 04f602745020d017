"""IDM employee options from a registry service (``GET /persons/{insz}/options/idm``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from mandate_resolver.http import HttpOptions, RegistryClient
from mandate_resolver.remote import RegistryHttpBackend
from mandate_resolver.types import Capacity

__all__ = ["IdmHttpBackend"]


class IdmHttpBackend(RegistryHttpBackend):
    """IDM employee options from a registry service, each checked against the rules this side can see."""

    def __init__(
        self, options: HttpOptions, *, clock: Callable[[], float] = time.monotonic, client: RegistryClient | None = None
    ) -> None:
        super().__init__(Capacity.EMPLOYEE, options, clock=clock, client=client)
