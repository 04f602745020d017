"""The resolver chain: ask every source at once, merge their answers into one page of tiles, and re-check
the option a person posts.

Each resolver answers for one kind of login option (citizen, IDM employee, KBO legal representative, SSM
mandate) or for a kind of its own (a plugin). They run concurrently, each within its own deadline, so the
chain takes as long as its slowest source, not the sum. A source that fails is reported by name and
contributes nothing; the others' options stay (they are complete on their own), and
``mandates_unavailable`` tells the selection screen to say so (fail closed, SECURITY.md M03).

>>> import datetime as dt
>>> from mandate_resolver.identifiers import Insz
>>> from mandate_resolver.testing import StaticResolver
>>> from mandate_resolver.types import AppPolicy, Subject
>>> chain = ResolverChain([StaticResolver.citizen()])
>>> result = chain.resolve_options(Subject(Insz.parse("85073003328"), "Sammy Roos"), AppPolicy(dt.date(2025, 3, 1)))
>>> [option.key for option in result.options]
['citizen:self']
>>> chain.close()
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from operator import itemgetter
from typing import Final, Protocol, TypeAlias, TypeVar, runtime_checkable

from mandate_resolver.types import (
    MAX_KEY_LENGTH,
    MAX_OPTIONS_PER_PRINCIPAL,
    AppPolicy,
    Capacity,
    CappedCount,
    LoginOption,
    PageRequest,
    Principal,
    Resolution,
    ResolverStatus,
    Search,
    Selection,
    SortKey,
    SourceFailure,
    SourceUnavailable,
    Subject,
)

__all__ = ["DEFAULT_DEADLINE_S", "ChainResult", "Resolver", "ResolverChain"]

log = logging.getLogger(__name__)

# DOMAIN.md, "Service level stated for SSM": connection to the service under 3 s.
DEFAULT_DEADLINE_S: Final = 3.0
_KEY: Final = re.compile(r"([a-z][a-z0-9_]{0,31}):[A-Za-z0-9_.:\-]{1,120}")

T = TypeVar("T")
Order: TypeAlias = tuple[int, str, str, str, str]


@runtime_checkable
class Resolver(Protocol):
    """One source of login options. Plugins implement this; the shipped ones are in ``citizen``, ``idm``,
    ``kbo`` and ``ssm``.

    ``name`` is the resolver's name in the configuration. Every option key it makes starts with
    ``name + ":"``: that is how the chain finds the resolver again when a choice is posted.
    ``capacities`` says which kinds of option it may return; one that returns ``Capacity.MANDATE`` is a
    mandate source, and its failure makes ``ChainResult.mandates_unavailable`` true.

    ``resolve`` returns one page: at most ``request.size`` principals (at least one when ``more``), sorted
    by ``Principal.sort_key``, all after ``request.after`` (see ``PageRequest.bound_for``) and matching
    ``request.search``, with ``more`` set when more follow, and ``count`` the number of matching
    principals (capped). A short page with ``more`` is fine: the chain continues after its last one. An empty
    ``Resolution()`` means "none": the source answered and there is nothing for this person.

    ``check`` finds the option with exactly this ``key`` if it is allowed today, else None. It must not
    trust the key beyond parsing it: every rule is checked again against the source.

    Both raise :class:`SourceUnavailable` when the source cannot answer ("unavailable"); they never
    return what they could gather before a failure.

    >>> class Nobody:
    ...     name = "nobody"
    ...     capacities = frozenset({Capacity.EMPLOYEE})
    ...     def resolve(self, subject, policy, request):
    ...         return Resolution()
    ...     def check(self, subject, policy, key):
    ...         return None
    >>> isinstance(Nobody(), Resolver)
    True
    """

    @property
    def name(self) -> str: ...

    @property
    def capacities(self) -> frozenset[Capacity]: ...

    def resolve(self, subject: Subject, policy: AppPolicy, request: PageRequest) -> Resolution: ...

    def check(self, subject: Subject, policy: AppPolicy, key: str) -> LoginOption | None: ...


@dataclass(frozen=True, slots=True)
class ChainResult:
    """One page of the selection screen.

    ``principals`` are the tiles in display order (ordinary choices first, then mandators by name),
    ``next_cursor`` the ``after`` of the next page (None on the last), ``count`` how many tiles match in
    all (capped), ``failures`` the sources that could not answer, and ``mandates_unavailable`` whether
    one of them was a mandate source: the screen then says "mandates are temporarily unavailable".
    """

    principals: tuple[Principal, ...]
    next_cursor: str | None
    count: CappedCount
    failures: tuple[SourceFailure, ...]
    statuses: tuple[ResolverStatus, ...]
    mandates_unavailable: bool

    @property
    def options(self) -> tuple[LoginOption, ...]:
        return tuple(option for principal in self.principals for option in principal.options)

    @property
    def is_empty(self) -> bool:
        """No tile at all on this page (the "no option" error page when it is the first)."""
        return not self.principals


class ResolverChain:
    """The ordered, concurrent, fail-closed chain of resolvers.

    ``deadline_s`` is how long each source may take (one number, or per resolver name); a source past it
    is reported as failed with reason "timeout" and whatever it returns later is dropped.
    """

    def __init__(
        self,
        resolvers: Sequence[Resolver],
        *,
        deadline_s: float | Mapping[str, float] = DEFAULT_DEADLINE_S,
        max_workers: int | None = None,
    ) -> None:
        names = [resolver.name for resolver in resolvers]
        if len(set(names)) != len(names):
            raise ValueError(f"resolver names must be unique: {names}")
        for name in names:
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", name):
                raise ValueError(f"resolver name {name!r}: lower-case letters, digits and _ only")
        self.resolvers: tuple[Resolver, ...] = tuple(resolvers)
        self._by_name = {resolver.name: resolver for resolver in self.resolvers}
        self._deadlines = {
            name: float(deadline_s[name] if isinstance(deadline_s, Mapping) else deadline_s) for name in names
        }
        # Enough threads for several logins at once; a source stuck past its deadline holds one until its
        # own timeout ends it.
        workers = max_workers or min(64, max(8, 4 * len(self.resolvers)))
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="resolver")
        self._closed = threading.Event()

    # --- the two calls the provider makes ----------------------------------------------------------

    def resolve_options(
        self,
        subject: Subject,
        policy: AppPolicy,
        *,
        page_size: int = 50,
        after: str | None = None,
        search: str | None = None,
    ) -> ChainResult:
        """One page of login options for ``subject`` in the application described by ``policy``.

        ``after`` is the ``next_cursor`` of the previous page (:class:`InvalidCursor` if it is not one
        we made), ``search`` what the person typed: a number (KBO, INSZ) or the start of a name.

        >>> import datetime as dt
        >>> from mandate_resolver.identifiers import Insz
        >>> from mandate_resolver.testing import StaticResolver
        >>> chain = ResolverChain([StaticResolver.citizen(), StaticResolver.failing("ssm", mandates=True)])
        >>> person = Subject(Insz.parse("85073003328"), "Sammy Roos")
        >>> result = chain.resolve_options(person, AppPolicy(dt.date(2025, 3, 1)))
        >>> [p.party.name for p in result.principals], result.mandates_unavailable
        (['Sammy Roos'], True)
        >>> [(f.source, f.reason) for f in result.failures]
        [('ssm', 'unavailable')]
        >>> chain.close()
        """
        cursor = SortKey.decode(after) if after else None
        request = PageRequest(page_size, cursor, Search.parse(search))
        answers, failures, statuses = self._ask_all(lambda r: r.resolve(subject, policy, request))
        merged: list[tuple[Order, Principal]] = []
        # The first place a source with more to say stopped: nothing past it is certain to be next.
        frontier: Order | None = None
        count = CappedCount()
        for name, resolution in answers.items():
            orders = [principal.order for principal in resolution.principals]
            problem = _contract_problem(self._by_name[name], resolution, request, orders)
            if problem:
                failures.append(self._failure(name, "invalid", problem))
                continue
            merged.extend(zip(orders, resolution.principals, strict=True))
            if resolution.more:
                frontier = orders[-1] if frontier is None else min(frontier, orders[-1])
            count = count + resolution.count
        merged.sort(key=itemgetter(0))
        certain = merged if frontier is None else [entry for entry in merged if entry[0] <= frontier]
        page = tuple(principal for _, principal in certain[:page_size])
        more = frontier is not None or len(certain) > page_size
        failures.sort(key=lambda failure: self.resolvers.index(self._by_name[failure.source]))
        return ChainResult(
            principals=page,
            next_cursor=page[-1].sort_key.encode() if more and page else None,
            count=count,
            failures=tuple(failures),
            statuses=tuple(sorted(statuses, key=lambda s: self.resolvers.index(self._by_name[s.source]))),
            mandates_unavailable=any(failure.provides_mandates for failure in failures),
        )

    def check_option(self, subject: Subject, policy: AppPolicy, key: str) -> Selection | None:
        """Re-check the option a person posted: the :class:`Selection` if it is allowed today, else None.

        The key is only parsed, never trusted: the resolver that made it checks every rule again against
        its source (SECURITY.md M01, M08). Raises :class:`SourceUnavailable` when that source cannot
        answer, so the caller can say "temporarily unavailable" instead of "not allowed"; it never
        returns a selection it could not confirm.

        >>> import datetime as dt
        >>> from mandate_resolver.identifiers import Insz
        >>> from mandate_resolver.testing import StaticResolver
        >>> chain = ResolverChain([StaticResolver.citizen()])
        >>> person = Subject(Insz.parse("85073003328"), "Sammy Roos")
        >>> chain.check_option(person, AppPolicy(dt.date(2025, 3, 1)), "citizen:self").capacity
        <Capacity.CITIZEN: 'citizen'>
        >>> chain.check_option(person, AppPolicy(dt.date(2025, 3, 1)), "ssm:' OR 1=1 --") is None
        True
        >>> chain.close()
        """
        match = _KEY.fullmatch(key) if isinstance(key, str) and len(key) <= MAX_KEY_LENGTH else None
        resolver = self._by_name.get(match.group(1)) if match else None
        if resolver is None:
            return None
        answers, failures, _ = self._ask_all(lambda r: r.check(subject, policy, key), only=resolver)
        if failures:
            raise SourceUnavailable(failures[0].reason, failures[0].message)
        option = answers.get(resolver.name)
        if option is None:
            return None
        # The resolver must confirm exactly what was posted, in a capacity it declared.
        if option.key != key or option.capacity not in resolver.capacities:
            log.error("resolver %s answered a check of %r with option %r", resolver.name, key, option.key)
            raise SourceUnavailable("invalid", f"{resolver.name} confirmed another option than was posted")
        return Selection.of(option, subject, policy.today)

    def close(self) -> None:
        """Stop the worker threads and close the resolvers' connections (those that have ``close``)."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for resolver in self.resolvers:
            close = getattr(resolver, "close", None)
            if callable(close):
                close()

    def resolver(self, name: str) -> Resolver:
        """The resolver called ``name`` (KeyError when there is none)."""
        return self._by_name[name]

    # --- running the sources ---------------------------------------------------------------------

    def _ask_all(
        self, call: Callable[[Resolver], T], only: Resolver | None = None
    ) -> tuple[dict[str, T], list[SourceFailure], list[ResolverStatus]]:
        started = time.monotonic()
        targets = (only,) if only is not None else self.resolvers
        futures: dict[str, Future[tuple[T, float]]] = {r.name: self._executor.submit(_timed, call, r) for r in targets}
        answers: dict[str, T] = {}
        failures: list[SourceFailure] = []
        statuses: list[ResolverStatus] = []
        for name, future in futures.items():
            remaining = self._deadlines[name] - (time.monotonic() - started)
            try:
                answer, elapsed = future.result(timeout=max(remaining, 0.0))
            except FutureTimeout:
                future.cancel()
                failures.append(self._failure(name, "timeout", f"no answer within {self._deadlines[name]} s"))
                statuses.append(ResolverStatus(name, ok=False, elapsed_ms=self._deadlines[name] * 1000))
                continue
            except SourceUnavailable as exc:
                failures.append(self._failure(name, "unavailable", str(exc)))
            except Exception as exc:  # a plugin bug must fail its source, not the login
                log.error("resolver %s raised", name, exc_info=exc)
                failures.append(self._failure(name, "error", f"{exc.__class__.__name__}: {exc}"[:300]))
            else:
                answers[name] = answer
                statuses.append(ResolverStatus(name, ok=True, elapsed_ms=elapsed * 1000))
                continue
            statuses.append(ResolverStatus(name, ok=False, elapsed_ms=(time.monotonic() - started) * 1000))
        return answers, failures, statuses

    def _failure(self, name: str, reason: str, message: str) -> SourceFailure:
        provides_mandates = Capacity.MANDATE in self._by_name[name].capacities
        log.warning("resolver %s failed (%s): %s", name, reason, message)
        return SourceFailure(name, reason, message, provides_mandates)


def _timed(call: Callable[[Resolver], T], resolver: Resolver) -> tuple[T, float]:
    started = time.monotonic()
    answer = call(resolver)
    return answer, time.monotonic() - started


def _contract_problem(resolver: Resolver, resolution: Resolution, request: PageRequest, orders: list[Order]) -> str:
    """What breaks the ``Resolver.resolve`` contract in ``resolution``, or "" when nothing does.

    A plugin that breaks it fails its source: options from a confused source are not offered.
    """
    if not isinstance(resolution, Resolution):
        return f"returned {type(resolution).__name__}, not a Resolution"
    principals = resolution.principals
    if len(principals) > request.size or (resolution.more and not principals):
        return "returned more principals than asked, or said more follow an empty page"
    previous: Order | None = None
    after = request.after.order if request.after is not None else None
    prefix = resolver.name + ":"
    for principal, key in zip(principals, orders, strict=True):
        if principal.source != resolver.name or principal.capacity not in resolver.capacities:
            return f"returned a {principal.capacity} principal from source {principal.source!r}"
        if (previous is not None and key <= previous) or (after is not None and key <= after):
            return "returned principals out of order or before the cursor"
        if request.search is not None and not request.search.matches(
            principal.id_type, principal.id, principal.name_key
        ):
            return "returned a principal that does not match the search"
        if not principal.options or len(principal.options) > MAX_OPTIONS_PER_PRINCIPAL:
            return "returned a principal with no options or too many"
        for option in principal.options:
            if not option.key.startswith(prefix) or not _KEY.fullmatch(option.key):
                return f"returned option key {option.key[:40]!r} outside its namespace {prefix!r}"
            if option.capacity != principal.capacity or option.principal != principal.party:
                return "returned an option under another principal"
        previous = key
    return ""
