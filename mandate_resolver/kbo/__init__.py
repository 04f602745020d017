"""KBO: "as legal representative of enterprise X", for applications with that feature on.

Configured as ``module: mandate_resolver.kbo`` with ``backend: sql`` (the embedded registry, the
default) or ``backend: http`` (a registry service; options in :class:`~mandate_resolver.http.HttpOptions`).

>>> KboResolver(KboSqlBackend(session_factory=lambda: None))
KboResolver(name='kbo', backend=KboSqlBackend)
"""

from __future__ import annotations

from mandate_resolver.chain import Resolver
from mandate_resolver.http import HttpOptions
from mandate_resolver.kbo.http import KboHttpBackend
from mandate_resolver.kbo.sql import KboSqlBackend
from mandate_resolver.plugins import Backend, NoOptions, PluginContext, ResolverPlugin
from mandate_resolver.sources import OptionsBackend, SourceResolver
from mandate_resolver.types import Capacity

__all__ = ["KboHttpBackend", "KboResolver", "KboSqlBackend", "resolver_plugin"]


class KboResolver(SourceResolver):
    """Options through ``backend``; keys ``<name>:<scheme>:<enterprise id>``."""

    def __init__(self, backend: OptionsBackend, name: str = "kbo") -> None:
        super().__init__(name, Capacity.LEGAL_REPRESENTATIVE, backend)


def _sql(name: str, options: NoOptions, context: PluginContext) -> Resolver:
    return KboResolver(KboSqlBackend(context.sessions()), name)


def _http(name: str, options: HttpOptions, context: PluginContext) -> Resolver:
    return KboResolver(KboHttpBackend(options, clock=context.clock), name)


resolver_plugin = ResolverPlugin(
    {"sql": Backend(NoOptions, _sql), "http": Backend(HttpOptions, _http)},
    description=KboResolver.__doc__ or "",
)
