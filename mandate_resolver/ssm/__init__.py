"""SSM: "on behalf of mandator M via mandatee N", from signed mandates of the types the application
accepts (DOMAIN.md, login step 3).

Configured as ``module: mandate_resolver.ssm`` with ``backend: sql`` (the embedded registry, the default)
or ``backend: http`` (a registry service, options in :class:`~mandate_resolver.http.HttpOptions`). In code:

>>> from mandate_resolver.http import HttpOptions
>>> SsmResolver(SsmHttpBackend(HttpOptions(base_url="https://registry.example/registry-api/v1")))
SsmResolver(name='ssm', backend=SsmHttpBackend)
"""

from __future__ import annotations

from mandate_resolver.chain import Resolver
from mandate_resolver.http import HttpOptions
from mandate_resolver.plugins import Backend, NoOptions, PluginContext, ResolverPlugin
from mandate_resolver.sources import OptionsBackend, SourceResolver
from mandate_resolver.ssm.http import SsmHttpBackend
from mandate_resolver.ssm.sql import SsmSqlBackend
from mandate_resolver.types import Capacity

__all__ = ["SsmHttpBackend", "SsmResolver", "SsmSqlBackend", "resolver_plugin"]


class SsmResolver(SourceResolver):
    """Mandate options through ``backend``; keys ``<name>:<mandate id>:<mandatee scheme>:<mandatee id>``."""

    def __init__(self, backend: OptionsBackend, name: str = "ssm") -> None:
        super().__init__(name, Capacity.MANDATE, backend)


def _sql(name: str, options: NoOptions, context: PluginContext) -> Resolver:
    return SsmResolver(SsmSqlBackend(context.sessions()), name)


def _http(name: str, options: HttpOptions, context: PluginContext) -> Resolver:
    return SsmResolver(SsmHttpBackend(options, clock=context.clock), name)


resolver_plugin = ResolverPlugin(
    {"sql": Backend(NoOptions, _sql), "http": Backend(HttpOptions, _http)},
    description="SSM mandates: on behalf of a mandator, via a mandatee",
)
