"""The HTTP backend the four shipped plugins share: one window or one check, asked of a registry service
(``docs/registry-api.yaml``) and checked again here before anything is offered.

A remote registry is trusted to know its data, not to be right: every option it sends must still pass
the rules a client can check by itself (valid today, of an accepted type, a path allowed by the
application, the person being the person), be in order, after the cursor and matching the search. One
option that does not makes the whole reply invalid, and the source fails (SECURITY.md M03).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from mandate_resolver.cache import TtlCache
from mandate_resolver.http import HttpOptions, RegistryClient
from mandate_resolver.sources import WIRE_SOURCES
from mandate_resolver.types import (
    AppPolicy,
    Capacity,
    CitizenOption,
    EmployeeOption,
    LegalRepresentativeOption,
    LoginOption,
    MandateOption,
    PathKind,
    Resolution,
    SourceUnavailable,
    Subject,
    Window,
    valid_on,
)
from mandate_resolver.wire import WireError, decode_check, decode_resolution, encode_query

__all__ = ["RegistryHttpBackend", "rule_problem"]

_INVALID: Final = "invalid_reply"


class RegistryHttpBackend:
    """Options of one capacity from a registry service.

    >>> backend = RegistryHttpBackend(Capacity.MANDATE, HttpOptions(base_url="https://registry.example/v1"))
    >>> backend.source
    'ssm'
    >>> backend.close()
    """

    def __init__(
        self,
        capacity: Capacity,
        options: HttpOptions,
        *,
        clock: Callable[[], float] = time.monotonic,
        client: RegistryClient | None = None,
    ) -> None:
        self.capacity = capacity
        self.source = WIRE_SOURCES[capacity]
        self.client = client or RegistryClient(options, clock=clock)
        # Pages only: the re-check of a posted choice always asks the registry (SECURITY.md M08, M11).
        self.cache: TtlCache[Resolution] = TtlCache(options.cache_ttl_s, options.cache_entries, clock)

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        params = encode_query(policy, self.capacity, window)
        cache_key = (namespace, subject.identifier.value, tuple(sorted(params.items())))
        cached = self.cache.get(cache_key)
        if cached is not None:
            return cached
        body = self.client.get(("persons", subject.identifier.value, "options", self.source), params)
        try:
            resolution = decode_resolution(body, self.capacity, namespace, window.size)
        except WireError as exc:
            raise SourceUnavailable(_INVALID, str(exc)[:300]) from None
        problem = _page_problem(resolution, subject, policy, window)
        if problem:
            raise SourceUnavailable(_INVALID, problem)
        self.cache.put(cache_key, resolution)
        return resolution

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> LoginOption | None:
        params = encode_query(policy, self.capacity)
        body = self.client.get(("persons", subject.identifier.value, "options", self.source, ref), params)
        try:
            option = decode_check(body, self.capacity, namespace)
        except WireError as exc:
            raise SourceUnavailable(_INVALID, str(exc)[:300]) from None
        if option is None:
            return None
        problem = rule_problem(option, subject, policy) or (
            "" if option.key == f"{namespace}:{ref}" else "confirmed another option than was asked"
        )
        if problem:
            raise SourceUnavailable(_INVALID, problem)
        return option

    def close(self) -> None:
        self.client.close()


def rule_problem(option: LoginOption, subject: Subject, policy: AppPolicy) -> str:
    """Which rule a client can check by itself ``option`` breaks, or "".

    >>> import datetime as dt
    >>> from mandate_resolver.testing import sample_mandate_option, sample_subject
    >>> option = sample_mandate_option(valid_until=dt.date(2024, 12, 31))
    >>> rule_problem(option, sample_subject(), AppPolicy(dt.date(2025, 1, 1), frozenset({"wse_loket"})))
    'mandate not valid on 2025-01-01'
    """
    today = policy.today
    if isinstance(option, CitizenOption):
        return "" if option.person.identifier == subject.identifier else "a citizen option for another person"
    if isinstance(option, EmployeeOption | LegalRepresentativeOption):
        if option.organisation.is_person:
            return "an organisation option for a person"
        return "" if valid_on(option.valid_from, option.valid_until, today) else f"not valid on {today}"
    return _mandate_problem(option, subject, policy)


def _mandate_problem(option: MandateOption, subject: Subject, policy: AppPolicy) -> str:
    today = policy.today
    if not valid_on(option.valid_from, option.valid_until, today):
        return f"mandate not valid on {today}"
    if not policy.accepts(option.mandate_type.code):
        return f"mandate type {option.mandate_type.code!r} is not accepted"
    path = option.path
    if path.valid_from is not None and not valid_on(path.valid_from, path.valid_until, today):
        return f"path not valid on {today}"
    if path.kind is PathKind.PERSON_MANDATEE:
        # A person mandatee reaches it directly, and only that person.
        return "" if option.mandatee.identifier == subject.identifier else "a person mandate of someone else"
    if option.mandatee.is_person:
        return "a person mandatee reached through an organisation path"
    if path.kind is PathKind.LEGAL_REPRESENTATIVE and not policy.legal_representatives:
        return "a legal representative path for an application without that feature"
    return ""


def _page_problem(resolution: Resolution, subject: Subject, policy: AppPolicy, window: Window) -> str:
    if resolution.more and not resolution.principals:
        return "said more follow on an empty page"
    if window.past and resolution.principals:
        return "sent principals when asked for the count only"
    previous: tuple[str, str, str] | None = None
    for principal in resolution.principals:
        key = (principal.name_key, principal.party.id_type, principal.party.id)
        if previous is not None and key <= previous:
            return "principals out of order"
        if window.bound is not None and not window.bound.admits(*key):
            return "a principal before the cursor"
        if window.search is not None and not window.search.matches(*key[1:], principal.name_key):
            return "a principal that does not match the search"
        for option in principal.options:
            problem = rule_problem(option, subject, policy)
            if problem:
                return problem
        previous = key
    return ""
