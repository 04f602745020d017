"""IDM: "as employee of organisation X", from the person's valid work relations.

Configured as ``module: mandate_resolver.idm`` with ``backend: sql`` (the embedded registry, the
default) or ``backend: http`` (a registry service; options in :class:`~mandate_resolver.http.HttpOptions`).

>>> IdmResolver(IdmSqlBackend(session_factory=lambda: None))
IdmResolver(name='idm', backend=IdmSqlBackend)
"""

from __future__ import annotations

from mandate_resolver.chain import Resolver
from mandate_resolver.http import HttpOptions
from mandate_resolver.idm.http import IdmHttpBackend
from mandate_resolver.idm.sql import IdmSqlBackend
from mandate_resolver.plugins import Backend, NoOptions, PluginContext, ResolverPlugin
from mandate_resolver.sources import OptionsBackend, SourceResolver
from mandate_resolver.types import Capacity

__all__ = ["IdmHttpBackend", "IdmResolver", "IdmSqlBackend", "resolver_plugin"]


class IdmResolver(SourceResolver):
    """Options through ``backend``; keys ``<name>:<scheme>:<organisation id>``."""

    def __init__(self, backend: OptionsBackend, name: str = "idm") -> None:
        super().__init__(name, Capacity.EMPLOYEE, backend)


def _sql(name: str, options: NoOptions, context: PluginContext) -> Resolver:
    return IdmResolver(IdmSqlBackend(context.sessions()), name)


def _http(name: str, options: HttpOptions, context: PluginContext) -> Resolver:
    return IdmResolver(IdmHttpBackend(options, clock=context.clock), name)


resolver_plugin = ResolverPlugin(
    {"sql": Backend(NoOptions, _sql), "http": Backend(HttpOptions, _http)},
    description=IdmResolver.__doc__ or "",
)
