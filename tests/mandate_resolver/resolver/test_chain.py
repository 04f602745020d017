"""The chain itself, with test doubles: concurrency, deadlines, fail-closed, merging pages, re-checks."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from mandate_resolver.chain import ResolverChain
from mandate_resolver.identifiers import KboNumber, make_kbo
from mandate_resolver.testing import StaticResolver, sample_mandate_option, sample_subject
from mandate_resolver.types import (
    AppPolicy,
    Capacity,
    EmployeeOption,
    InvalidCursor,
    LegalRepresentativeOption,
    LoginOption,
    Party,
    SourceUnavailable,
    option_key,
)
from tests.mandate_resolver.resolver.resolver_helpers import TODAY, all_pages

POLICY = AppPolicy(TODAY, frozenset({"wse_loket"}), legal_representatives=True)
SUBJECT = sample_subject()


def organisation(index: int, name: str | None = None) -> Party:
    return Party(make_kbo(2_000_000 + index), name or f"Organisation {index:03d}", "EA")


def employers(namespace: str, count: int, *, names: list[str] | None = None) -> list[LoginOption]:
    parties = [organisation(i, names[i] if names else None) for i in range(count)]
    return [
        EmployeeOption(option_key(namespace, p.id_type, p.id), p, "Vaste Medewerker", dt.date(2020, 1, 1), None)
        for p in parties
    ]


def test_resolvers_run_concurrently_so_the_chain_takes_as_long_as_the_slowest() -> None:
    slow = [StaticResolver(f"slow{i}", Capacity.EMPLOYEE, employers(f"slow{i}", 1), delay_s=0.3) for i in range(4)]
    chain = ResolverChain(slow)
    started = time.monotonic()

    result = chain.resolve_options(SUBJECT, POLICY)

    assert time.monotonic() - started < 0.9  # four sources of 0.3 s each: sequentially 1.2 s
    assert len(result.principals) == 4 and not result.failures
    chain.close()


def test_a_source_past_its_deadline_is_reported_and_the_chain_does_not_wait_for_it() -> None:
    mandates = StaticResolver("ssm", Capacity.MANDATE, [sample_mandate_option()], delay_s=2.0)
    chain = ResolverChain([StaticResolver.citizen(), mandates], deadline_s={"citizen": 1.0, "ssm": 0.2})
    started = time.monotonic()

    result = chain.resolve_options(SUBJECT, POLICY)

    assert time.monotonic() - started < 1.0
    assert [(f.source, f.reason, f.provides_mandates) for f in result.failures] == [("ssm", "timeout", True)]
    assert result.mandates_unavailable
    assert [p.capacity for p in result.principals] == [Capacity.CITIZEN]
    assert [(s.source, s.ok) for s in result.statuses] == [("citizen", True), ("ssm", False)]
    chain.close()


def test_M03_a_failing_mandate_source_yields_no_mandate_option_and_says_so() -> None:
    chain = ResolverChain(
        [
            StaticResolver.citizen(),
            StaticResolver("idm", Capacity.EMPLOYEE, employers("idm", 2)),
            StaticResolver.failing("ssm", mandates=True),
        ]
    )

    result = chain.resolve_options(SUBJECT, POLICY)

    assert result.mandates_unavailable
    assert [f.source for f in result.failures] == ["ssm"]
    assert {p.capacity for p in result.principals} == {Capacity.CITIZEN, Capacity.EMPLOYEE}
    chain.close()


def test_a_failing_source_of_ordinary_options_does_not_make_mandates_unavailable() -> None:
    mandates = StaticResolver("ssm", Capacity.MANDATE, [sample_mandate_option()])
    chain = ResolverChain([StaticResolver.failing("idm"), mandates])

    result = chain.resolve_options(SUBJECT, POLICY)

    assert not result.mandates_unavailable and [f.source for f in result.failures] == ["idm"]
    assert [p.capacity for p in result.principals] == [Capacity.MANDATE]
    chain.close()


def test_a_plugin_that_raises_fails_its_source_only() -> None:
    broken = StaticResolver("broken", Capacity.EMPLOYEE, error=ZeroDivisionError("bug"))
    chain = ResolverChain([StaticResolver.citizen(), broken])

    result = chain.resolve_options(SUBJECT, POLICY)

    assert [(f.source, f.reason) for f in result.failures] == [("broken", "error")]
    assert "ZeroDivisionError" in result.failures[0].message
    assert len(result.principals) == 1
    chain.close()


def test_options_outside_the_resolvers_namespace_or_capacity_are_refused_as_a_broken_source() -> None:
    intruder = StaticResolver("plugin", Capacity.MANDATE, [sample_mandate_option(namespace="ssm")])
    wrong_capacity = StaticResolver("idm", Capacity.EMPLOYEE, [sample_mandate_option(namespace="idm")])
    chain = ResolverChain([intruder, wrong_capacity])

    result = chain.resolve_options(SUBJECT, POLICY)

    assert not result.principals
    assert sorted((f.source, f.reason) for f in result.failures) == [("idm", "invalid"), ("plugin", "invalid")]
    assert result.mandates_unavailable
    chain.close()


def test_pages_merge_the_sources_in_one_order_without_gaps_or_repeats() -> None:
    # Two sources of the same capacity, with a name both use: the tie is broken by identifier, then source.
    names = ["Zeta", "alpha", "Beta", "delta", "Gamma", "Same", "Same"]
    first = StaticResolver("aaa", Capacity.EMPLOYEE, employers("aaa", 7, names=names))
    second = StaticResolver("bbb", Capacity.EMPLOYEE, employers("bbb", 7, names=names))
    chain = ResolverChain([StaticResolver.citizen(), second, first])

    everything = all_pages(chain, SUBJECT, POLICY, page_size=50)
    paged = all_pages(chain, SUBJECT, POLICY, page_size=3)

    assert [p.sort_key for p in paged] == [p.sort_key for p in everything]
    assert len(everything) == 15
    assert [p.party.name for p in everything[1:5]] == ["alpha", "alpha", "Beta", "Beta"]
    assert [p.source for p in everything[1:3]] == ["aaa", "bbb"]
    chain.close()


def test_the_count_is_capped_and_the_next_cursor_is_absent_on_the_last_page() -> None:
    chain = ResolverChain([StaticResolver("idm", Capacity.EMPLOYEE, employers("idm", 3))])

    first = chain.resolve_options(SUBJECT, POLICY, page_size=2)
    last = chain.resolve_options(SUBJECT, POLICY, page_size=2, after=first.next_cursor)

    assert first.count.value == 3 and not first.count.capped and first.next_cursor
    assert len(last.principals) == 1 and last.next_cursor is None
    chain.close()


def test_a_short_page_from_a_source_with_more_never_lets_the_chain_skip_its_next_principal() -> None:
    class Stingy(StaticResolver):
        """Says "more" after one principal, whatever the page size."""

        def resolve(self, subject, policy, request):  # type: ignore[no-untyped-def]
            page = super().resolve(subject, policy, request)
            return type(page)(page.principals[:1], bool(page.principals[1:]) or page.more, page.count)

    chain = ResolverChain(
        [
            Stingy("aaa", Capacity.EMPLOYEE, employers("aaa", 4)),
            StaticResolver("bbb", Capacity.EMPLOYEE, employers("bbb", 4)),
        ]
    )

    paged = all_pages(chain, SUBJECT, POLICY, page_size=3)

    assert len(paged) == 8
    chain.close()


@pytest.mark.parametrize("cursor", ["", "not base64 at all!", "W10", "WzEsMiwzXQ", "x" * 700])
def test_a_cursor_we_did_not_make_is_refused(cursor: str) -> None:
    chain = ResolverChain([StaticResolver.citizen()])
    if cursor == "":
        assert chain.resolve_options(SUBJECT, POLICY, after=cursor).principals  # empty: the first page
    else:
        with pytest.raises(InvalidCursor):
            chain.resolve_options(SUBJECT, POLICY, after=cursor)
    chain.close()


def test_search_by_number_and_by_the_start_of_a_name() -> None:
    barocy = Party(KboNumber.parse("0806154033"), "BAROCY", "EA")
    option = LegalRepresentativeOption("kbo:kbo:0806154033", barocy, "Zaakvoerder", dt.date(2020, 1, 1), None)
    chain = ResolverChain([StaticResolver("kbo", Capacity.LEGAL_REPRESENTATIVE, [option]), StaticResolver.citizen()])

    assert [p.party.name for p in chain.resolve_options(SUBJECT, POLICY, search="baro").principals] == ["BAROCY"]
    assert [p.party.name for p in chain.resolve_options(SUBJECT, POLICY, search="BE 0806.154.033").principals] == [
        "BAROCY"
    ]
    assert not chain.resolve_options(SUBJECT, POLICY, search="Emmaüs").principals
    chain.close()


def test_check_option_asks_only_the_resolver_that_made_the_key() -> None:
    citizen, mandates = StaticResolver.citizen(), StaticResolver("ssm", Capacity.MANDATE, [sample_mandate_option()])
    chain = ResolverChain([citizen, mandates])

    selection = chain.check_option(SUBJECT, POLICY, sample_mandate_option().key)

    assert selection is not None and selection.mandate_id == sample_mandate_option().mandate_id
    assert (citizen.calls, mandates.calls) == (0, 1)
    chain.close()


@pytest.mark.parametrize(
    "key",
    [
        "",
        "ssm",
        "ssm:",
        "unknown:self",
        "SSM:7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d:kbo:0806154033",
        "ssm:7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d:kbo:0806154033' OR '1'='1",
        "ssm:" + "a" * 300,
        "citizen:self\n",
        None,
        42,
    ],
)
def test_M01_a_posted_key_that_no_resolver_made_is_refused_without_asking_anyone(key: object) -> None:
    mandates = StaticResolver("ssm", Capacity.MANDATE, [sample_mandate_option()])
    chain = ResolverChain([StaticResolver.citizen(), mandates])

    assert chain.check_option(SUBJECT, POLICY, key) is None  # type: ignore[arg-type]
    assert mandates.calls == 0
    chain.close()


def test_check_option_fails_closed_when_the_source_cannot_answer() -> None:
    chain = ResolverChain([StaticResolver.failing("ssm", mandates=True)])

    with pytest.raises(SourceUnavailable):
        chain.check_option(SUBJECT, POLICY, sample_mandate_option().key)
    chain.close()


def test_check_option_refuses_a_resolver_that_confirms_another_option_than_was_posted() -> None:
    class Liar(StaticResolver):
        def check(self, subject, policy, key):  # type: ignore[no-untyped-def]
            return sample_mandate_option()

    chain = ResolverChain([Liar("ssm", Capacity.MANDATE)])

    with pytest.raises(SourceUnavailable):
        chain.check_option(SUBJECT, POLICY, "ssm:00000000-0000-4000-8000-000000000000:kbo:0806154033")
    chain.close()


def test_a_chain_refuses_two_resolvers_with_one_name() -> None:
    with pytest.raises(ValueError, match="unique"):
        ResolverChain([StaticResolver.citizen(), StaticResolver.citizen()])
