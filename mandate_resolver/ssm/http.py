"""SSM mandate options from a registry service (``GET /persons/{insz}/options/ssm``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from mandate_resolver.http import HttpOptions, RegistryClient
from mandate_resolver.remote import RegistryHttpBackend
from mandate_resolver.types import Capacity

__all__ = ["SsmHttpBackend"]


class SsmHttpBackend(RegistryHttpBackend):
    """The registry service decides which mandates reach the person (it holds the executor rights and
    representations too); this side checks every option it sends against the rules it can see."""

    def __init__(
        self, options: HttpOptions, *, clock: Callable[[], float] = time.monotonic, client: RegistryClient | None = None
    ) -> None:
        super().__init__(Capacity.MANDATE, options, clock=clock, client=client)
