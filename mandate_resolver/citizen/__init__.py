"""Citizen: "as myself", for applications that allow it.

Configured as ``module: mandate_resolver.citizen`` with ``backend: sql`` (the embedded registry, the
default) or ``backend: http`` (a registry service; options in :class:`~mandate_resolver.http.HttpOptions`).

>>> CitizenResolver(CitizenSqlBackend(session_factory=lambda: None))
CitizenResolver(name='citizen', backend=CitizenSqlBackend)
"""

from __future__ import annotations

from mandate_resolver.chain import Resolver
from mandate_resolver.citizen.http import CitizenHttpBackend
from mandate_resolver.citizen.sql import CitizenSqlBackend
from mandate_resolver.http import HttpOptions
from mandate_resolver.plugins import Backend, NoOptions, PluginContext, ResolverPlugin
from mandate_resolver.sources import OptionsBackend, SourceResolver
from mandate_resolver.types import Capacity

__all__ = ["CitizenHttpBackend", "CitizenResolver", "CitizenSqlBackend", "resolver_plugin"]


class CitizenResolver(SourceResolver):
    """Options through ``backend``; keys ``<name>:self``."""

    def __init__(self, backend: OptionsBackend, name: str = "citizen") -> None:
        super().__init__(name, Capacity.CITIZEN, backend)


def _sql(name: str, options: NoOptions, context: PluginContext) -> Resolver:
    return CitizenResolver(CitizenSqlBackend(context.sessions()), name)


def _http(name: str, options: HttpOptions, context: PluginContext) -> Resolver:
    return CitizenResolver(CitizenHttpBackend(options, clock=context.clock), name)


resolver_plugin = ResolverPlugin(
    {"sql": Backend(NoOptions, _sql), "http": Backend(HttpOptions, _http)},
    description=CitizenResolver.__doc__ or "",
)
