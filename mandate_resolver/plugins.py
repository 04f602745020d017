"""Resolver plugins: the chain as declared in ``config/``, checked at start-up and built into a
:class:`~mandate_resolver.chain.ResolverChain`.

Each entry names a plugin module (``mandate_resolver.ssm``, or an integrator's ``acme.guardians``), a
backend of that plugin (``sql``, ``http``, ...) and that backend's options. The module exposes
``resolver_plugin``, a :class:`ResolverPlugin` (or name another attribute: ``acme.guardians:plugin``).
A typo anywhere stops the start with the path of the bad entry::

    resolvers[2].options.timout_s: unknown option (known: base_url, cache_ttl_s, ...)

Writing a plugin (a complete one is in ``docs/resolver.md``)::

    @dataclass(frozen=True, slots=True)
    class DirectoryOptions:
        path: str                      # required: no default
        deadline_hint_s: float = 1.0

        def __post_init__(self) -> None:
            if not self.path.endswith(".csv"):
                raise OptionError("path", "must name a .csv file")

    def create(name: str, options: DirectoryOptions, context: PluginContext) -> Resolver:
        return DirectoryResolver(name, Path(options.path))

    resolver_plugin = ResolverPlugin({"csv": Backend(DirectoryOptions, create)})

Every entry may also set ``deadline_s`` (default 3 s): how long the chain waits for that source.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import time
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Generic, Protocol, TypeVar

from mandate_resolver.chain import DEFAULT_DEADLINE_S, Resolver, ResolverChain

__all__ = [
    "Backend",
    "BackendFactory",
    "NoOptions",
    "OptionError",
    "PluginConfigError",
    "PluginContext",
    "ResolverEntryLike",
    "ResolverPlugin",
    "build_chain",
    "parse_options",
    "validate_entries",
]

DEFAULT_ATTRIBUTE: Final = "resolver_plugin"
DEADLINE_OPTION: Final = "deadline_s"
_DEADLINE_RANGE: Final = (0.05, 30.0)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

OptionsT = TypeVar("OptionsT")


class ResolverEntryLike(Protocol):
    """One entry of the configured chain; ``idp.settings.ResolverEntry`` is one."""

    @property
    def name(self) -> str: ...

    @property
    def module(self) -> str: ...

    @property
    def backend(self) -> str: ...

    @property
    def options(self) -> Mapping[str, object]: ...

    @property
    def enabled(self) -> bool: ...


class PluginConfigError(Exception):
    """A resolver entry is wrong; ``path`` says where (``resolvers[2].options.timout_s``).

    >>> str(PluginConfigError("resolvers[0].module", "no module named 'mandate_resolver.sm'"))
    "resolvers[0].module: no module named 'mandate_resolver.sm'"
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class OptionError(ValueError):
    """Raised by a plugin about one of its options; ``key`` is the option's name ("" for the whole)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.message = message


@dataclass(frozen=True, slots=True)
class PluginContext:
    """What a backend may need from the host: registry sessions (SQL backends) and a monotonic clock
    (caches). ``session_factory`` is None when the host has no embedded registry."""

    session_factory: Callable[[], Session] | None = None
    clock: Callable[[], float] = time.monotonic

    def sessions(self) -> Callable[[], Session]:
        """The session factory, for a backend that reads the embedded registry."""
        if self.session_factory is None:
            raise OptionError("", "this backend reads the embedded registry, and this host has none")
        return self.session_factory


class BackendFactory(Protocol):
    """Checks one backend's options and builds its resolver; :class:`Backend` is the usual one."""

    def validate(self, options: Mapping[str, object]) -> None: ...

    def create(self, name: str, options: Mapping[str, object], context: PluginContext) -> Resolver: ...


@dataclass(frozen=True, slots=True)
class Backend(Generic[OptionsT]):
    """A backend whose options are the frozen dataclass ``options``, parsed by :func:`parse_options`.

    >>> @dataclass(frozen=True)
    ... class Options:
    ...     timeout_s: float = 2.0
    >>> Backend(Options, lambda name, options, context: None).validate({"timout_s": 1})
    Traceback (most recent call last):
      ...
    mandate_resolver.plugins.OptionError: timout_s: unknown option (known: timeout_s)
    """

    options: type[OptionsT]
    factory: Callable[[str, OptionsT, PluginContext], Resolver]

    def validate(self, options: Mapping[str, object]) -> None:
        parse_options(self.options, options)

    def create(self, name: str, options: Mapping[str, object], context: PluginContext) -> Resolver:
        return self.factory(name, parse_options(self.options, options), context)


@dataclass(frozen=True, slots=True)
class NoOptions:
    """For backends that take no options."""


@dataclass(frozen=True, slots=True)
class ResolverPlugin:
    """What a plugin module exposes: its backends by name (``sql``, ``http`` ...)."""

    backends: Mapping[str, BackendFactory]
    description: str = ""


def parse_options(cls: type[OptionsT], options: Mapping[str, object]) -> OptionsT:
    """Build the options dataclass ``cls`` from a configuration mapping, strictly: unknown keys, missing
    required ones and wrong types raise :class:`OptionError` naming the key.

    Field types may be ``str``, ``int``, ``float``, ``bool``, ``tuple[str, ...]`` or ``X | None``.

    >>> @dataclass(frozen=True)
    ... class Options:
    ...     base_url: str
    ...     retries: int = 1
    >>> parse_options(Options, {"base_url": "https://registry.example", "retries": 2})
    Options(base_url='https://registry.example', retries=2)
    >>> parse_options(Options, {"retries": "2"})
    Traceback (most recent call last):
      ...
    mandate_resolver.plugins.OptionError: base_url: is required
    """
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise OptionError(str(unknown[0]), f"unknown option (known: {', '.join(sorted(fields)) or 'none'})")
    hints = typing.get_type_hints(cls)
    values: dict[str, object] = {}
    for name, spec in fields.items():
        if name in options:
            values[name] = _convert(hints[name], options[name], name)
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise OptionError(name, "is required")
    try:
        return cls(**values)
    except OptionError:
        raise
    except (TypeError, ValueError) as exc:
        raise OptionError("", str(exc)) from None


def _convert(hint: object, value: object, key: str) -> object:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return None if value is None else _convert(args[0], value, key)
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise OptionError(key, f"must be true or false, not {value!r}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise OptionError(key, f"must be a whole number, not {value!r}")
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        raise OptionError(key, f"must be a number, not {value!r}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise OptionError(key, f"must be text, not {value!r}")
    if origin is tuple and typing.get_args(hint)[:1] == (str,):
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return tuple(value)
        raise OptionError(key, "must be a list of text values")
    raise OptionError(key, f"has an unsupported type {hint!r}")


def load_plugin(module_path: str, path: str) -> ResolverPlugin:
    """Import ``module_path`` (``package.module`` or ``package.module:attribute``) and return its plugin."""
    module_name, _, attribute = module_path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise PluginConfigError(f"{path}.module", f"cannot import {module_name!r} ({exc})") from None
    plugin = getattr(module, attribute or DEFAULT_ATTRIBUTE, None)
    if not isinstance(plugin, ResolverPlugin):
        raise PluginConfigError(
            f"{path}.module", f"{module_name!r} has no ResolverPlugin named {attribute or DEFAULT_ATTRIBUTE!r}"
        )
    return plugin


@dataclass(frozen=True, slots=True)
class _Checked:
    name: str
    backend: BackendFactory
    options: Mapping[str, object]
    deadline_s: float


def _check_entry(entry: ResolverEntryLike, path: str) -> _Checked:
    plugin = load_plugin(entry.module, path)
    backend = plugin.backends.get(entry.backend)
    if backend is None:
        known = ", ".join(sorted(plugin.backends))
        raise PluginConfigError(f"{path}.backend", f"unknown backend {entry.backend!r} (known: {known})")
    options = dict(entry.options)
    deadline = options.pop(DEADLINE_OPTION, DEFAULT_DEADLINE_S)
    low, high = _DEADLINE_RANGE
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or not low <= deadline <= high:
        raise PluginConfigError(f"{path}.options.{DEADLINE_OPTION}", f"must be a number from {low} to {high}")
    try:
        backend.validate(options)
    except OptionError as exc:
        where = f"{path}.options.{exc.key}" if exc.key else f"{path}.options"
        raise PluginConfigError(where, exc.message) from None
    return _Checked(entry.name, backend, options, float(deadline))


def _check_all(entries: Sequence[ResolverEntryLike]) -> list[_Checked]:
    checked: list[_Checked] = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        path = f"resolvers[{index}]"
        if not isinstance(entry.name, str) or not _valid_name(entry.name):
            raise PluginConfigError(f"{path}.name", "lower-case letters, digits and _ only, at most 32")
        if entry.name in names:
            raise PluginConfigError(f"{path}.name", f"duplicate resolver name {entry.name!r}")
        names.add(entry.name)
        if entry.enabled:
            checked.append(_check_entry(entry, path))
    if not checked:
        raise PluginConfigError("resolvers", "at least one resolver must be enabled")
    return checked


def _index_of(entries: Sequence[ResolverEntryLike], name: str, fallback: int) -> int:
    return next((index for index, entry in enumerate(entries) if entry.name == name), fallback)


def _valid_name(name: str) -> bool:
    return (
        0 < len(name) <= 32
        and name[0].isascii()
        and name[0].islower()
        and all(c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in name)
    )


def validate_entries(entries: Sequence[ResolverEntryLike]) -> None:
    """Check every enabled entry without connecting to anything: the module imports, the backend exists,
    the options parse. Raises :class:`PluginConfigError` with the path of the first bad entry.

    >>> from mandate_resolver.testing import Entry
    >>> validate_entries([Entry("ssm", "mandate_resolver.ssm", "http", {"base_url": "ftp://x"})])
    Traceback (most recent call last):
      ...
    mandate_resolver.plugins.PluginConfigError: resolvers[0].options.base_url: must be an http or https URL
    """
    _check_all(entries)


def build_chain(
    entries: Sequence[ResolverEntryLike],
    *,
    session_factory: Callable[[], Session] | None,
    clock: Callable[[], float] | None = None,
) -> ResolverChain:
    """Validate ``entries`` and build the chain they declare, in order.

    >>> from mandate_resolver.testing import Entry
    >>> entry = Entry("kbo", "mandate_resolver.kbo", "http", {"base_url": "https://registry.example"})
    >>> chain = build_chain([entry], session_factory=None)
    >>> [resolver.name for resolver in chain.resolvers]
    ['kbo']
    >>> chain.close()
    """
    context = PluginContext(session_factory, clock or time.monotonic)
    checked = _check_all(entries)
    resolvers: list[Resolver] = []
    for index, item in enumerate(checked):
        try:
            resolvers.append(item.backend.create(item.name, item.options, context))
        except OptionError as exc:
            path = f"resolvers[{_index_of(entries, item.name, index)}]"
            where = f"{path}.options.{exc.key}" if exc.key else f"{path}.backend"
            raise PluginConfigError(where, exc.message) from None
    return ResolverChain(resolvers, deadline_s={item.name: item.deadline_s for item in checked})
