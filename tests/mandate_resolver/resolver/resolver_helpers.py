"""Helpers shared by the resolver tests (``tests.mandate_resolver.resolver.resolver_helpers``)."""

from __future__ import annotations

import datetime as dt

from mandate_resolver.chain import ChainResult, ResolverChain
from mandate_resolver.testing import Entry, OrganisationRecord, PersonRecord
from mandate_resolver.types import AppPolicy, Capacity, LoginOption, MandateOption, Principal, Subject

TODAY = dt.date(2025, 3, 1)
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)

SQL_ENTRIES = (
    Entry("citizen", "mandate_resolver.citizen"),
    Entry("idm", "mandate_resolver.idm"),
    Entry("ssm", "mandate_resolver.ssm"),
    Entry("kbo", "mandate_resolver.kbo"),
)


def policy(*types: str, **changes: object) -> AppPolicy:
    """The policy of an application accepting ``types`` on TODAY (legal representatives off)."""
    return AppPolicy(today=changes.pop("today", TODAY), accepted_mandate_types=frozenset(types), **changes)  # type: ignore[arg-type]


def all_pages(
    chain: ResolverChain, subject: Subject, policy: AppPolicy, *, page_size: int = 50, search: str | None = None
) -> list[Principal]:
    """Every principal over every page, checking that pages follow each other without overlap."""
    principals: list[Principal] = []
    after: str | None = None
    for _ in range(1000):
        result: ChainResult = chain.resolve_options(subject, policy, page_size=page_size, after=after, search=search)
        assert not result.failures, result.failures
        assert len(result.principals) <= page_size
        principals.extend(result.principals)
        after = result.next_cursor
        if after is None:
            break
    keys = [p.sort_key for p in principals]
    assert keys == sorted(keys) and len(set(keys)) == len(keys), "pages overlap or are out of order"
    return principals


def options(chain: ResolverChain, subject: Subject, policy: AppPolicy, **kwargs: object) -> dict[str, LoginOption]:
    return {o.key: o for p in all_pages(chain, subject, policy, **kwargs) for o in p.options}  # type: ignore[arg-type]


def mandate_options(chain: ResolverChain, subject: Subject, policy: AppPolicy) -> dict[str, MandateOption]:
    found = options(chain, subject, policy)
    return {key: option for key, option in found.items() if isinstance(option, MandateOption)}


def mandate_key(mandate_id: str, mandatee: OrganisationRecord | PersonRecord, namespace: str = "ssm") -> str:
    scheme = "insz" if isinstance(mandatee, PersonRecord) else "kbo"
    return f"{namespace}:{mandate_id}:{scheme}:{mandatee.identifier.value}"


def tiles(chain: ResolverChain, subject: Subject, policy: AppPolicy, capacity: Capacity) -> list[Principal]:
    return [p for p in all_pages(chain, subject, policy) if p.capacity is capacity]
