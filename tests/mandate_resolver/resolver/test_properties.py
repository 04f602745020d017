"""Property: over random worlds, an option is offered if and only if the rules allow it, a posted key is
accepted under the same condition, and paging never loses or repeats a tile.

The rules are written again below, in plain Python over the world's description (the oracle), so the
SQL can be compared with something that shares no code with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandate_resolver.plugins import build_chain
from mandate_resolver.registry.models import MandateState, RightKind
from mandate_resolver.ssm.sql import SsmSqlBackend
from mandate_resolver.testing import OrganisationRecord, PersonRecord, WorldBuilder
from mandate_resolver.types import AppPolicy, MandateOption, PathKind
from tests.mandate_resolver.resolver.resolver_helpers import SQL_ENTRIES, TODAY, all_pages

TYPES = ("a", "b", "c")
EXAMPLES = itertools.count()
PERSONS, ORGANISATIONS = 3, 3
PARTIES = PERSONS + ORGANISATIONS  # parties 0..2 are persons (0 logs in), 3..5 organisations

days = st.sampled_from([-3, -1, 0, 1, 3]).map(lambda n: TODAY + dt.timedelta(days=n))
until = st.one_of(st.none(), days)
types = st.sets(st.sampled_from(TYPES), min_size=1, max_size=3).map(frozenset)


class _Span:
    """An end date before the start is impossible in the registry (a check constraint): clamp it."""

    def __post_init__(self) -> None:
        start, end = self.valid_from, self.valid_until  # type: ignore[attr-defined]
        if end is not None and end < start:
            object.__setattr__(self, "valid_until", start)


@dataclass(frozen=True)
class Right(_Span):
    person: int
    target: int  # a party: usually an organisation, sometimes (wrongly) a person
    types: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None
    executor: bool
    mandators: frozenset[int]


@dataclass(frozen=True)
class Representation(_Span):
    person: int
    organisation: int
    valid_from: dt.date
    valid_until: dt.date | None


@dataclass(frozen=True)
class MandateSpec(_Span):
    mandator: int
    mandatee: int
    type: str
    valid_from: dt.date
    valid_until: dt.date | None
    state: MandateState
    mandator_signed: bool
    mandatee_signed: bool
    stopped: bool


@dataclass(frozen=True)
class World:
    rights: tuple[Right, ...]
    representations: tuple[Representation, ...]
    mandates: tuple[MandateSpec, ...]
    employments: tuple[tuple[int, int, dt.date, dt.date | None], ...]


def _valid(valid_from: dt.date, valid_until: dt.date | None, today: dt.date) -> bool:
    return valid_from <= today and (valid_until is None or today <= valid_until)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    party = st.integers(0, PARTIES - 1)
    organisation = st.integers(PERSONS, PARTIES - 1)
    person = st.integers(0, PERSONS - 1)
    rights = draw(
        st.lists(
            st.builds(
                Right,
                person,
                st.one_of(organisation, organisation, party),
                types,
                days,
                until,
                st.booleans().map(lambda b: b or True) | st.just(False),
                st.one_of(st.just(frozenset()), st.sets(party, max_size=2).map(frozenset)),
            ),
            max_size=5,
        )
    )
    representations = draw(st.lists(st.builds(Representation, person, organisation, days, until), max_size=3))
    mandate = st.builds(
        MandateSpec,
        party,
        party,
        st.sampled_from(TYPES),
        days,
        until,
        st.sampled_from(
            [MandateState.SIGNED, MandateState.SIGNED, MandateState.AWAITING_SIGNATURE, MandateState.STOPPED]
        ),
        st.booleans() | st.just(True),
        st.booleans() | st.just(True),
        st.booleans() | st.just(False),
    ).filter(lambda m: m.mandator != m.mandatee)
    mandates = draw(st.lists(mandate, max_size=10))
    employments = draw(
        st.lists(st.tuples(person, organisation, days, until), max_size=3).map(
            lambda rows: [(p, o, f, u if u is None or u >= f else f) for p, o, f, u in rows]
        )
    )
    return World(tuple(rights), tuple(representations), tuple(mandates), tuple(employments))


def expected_mandates(world: World, policy: AppPolicy) -> dict[int, PathKind]:
    """DOMAIN.md step 3 for person 0: which mandates (by index) reach them, and by which path."""
    today = policy.today
    found: dict[int, PathKind] = {}
    for index, m in enumerate(world.mandates):
        signed = m.state == MandateState.SIGNED and m.mandator_signed and m.mandatee_signed and not m.stopped
        if not (signed and _valid(m.valid_from, m.valid_until, today) and m.type in policy.accepted_mandate_types):
            continue
        if m.mandatee == 0:
            found[index] = PathKind.PERSON_MANDATEE
        elif m.mandatee >= PERSONS:
            by_right = any(
                r.person == 0
                and r.executor
                and r.target == m.mandatee
                and _valid(r.valid_from, r.valid_until, today)
                and m.type in r.types
                and (not r.mandators or m.mandator in r.mandators)
                for r in world.rights
            )
            by_law = policy.legal_representatives and any(
                rep.person == 0 and rep.organisation == m.mandatee and _valid(rep.valid_from, rep.valid_until, today)
                for rep in world.representations
            )
            if by_right:
                found[index] = PathKind.EXECUTOR_RIGHT
            elif by_law:
                found[index] = PathKind.LEGAL_REPRESENTATIVE
    return found


def write(
    world: World, builder: WorldBuilder, codes: dict[str, str]
) -> tuple[list[PersonRecord | OrganisationRecord], list[str]]:
    for code in TYPES:
        builder.mandate_type(codes[code])
    parties: list[PersonRecord | OrganisationRecord] = [builder.person(f"Persoon {i}") for i in range(PERSONS)]
    parties += [builder.organisation(f"Organisatie {i}") for i in range(ORGANISATIONS)]
    for r in world.rights:
        kind = RightKind.MANDATE_EXECUTOR if r.executor else RightKind.MANDATE_MANAGER
        builder.executor_right(
            parties[r.person],  # type: ignore[arg-type]
            parties[r.target],
            sorted(codes[t] for t in r.types),
            valid_from=r.valid_from,
            valid_until=r.valid_until,
            mandators=[parties[i] for i in sorted(r.mandators)],
            right=kind,
        )
    for rep in world.representations:
        builder.legal_representative(
            parties[rep.person],  # type: ignore[arg-type]
            parties[rep.organisation],  # type: ignore[arg-type]
            valid_from=rep.valid_from,
            valid_until=rep.valid_until,
        )
    for person, organisation, valid_from, valid_until in world.employments:
        builder.work_relation(parties[person], parties[organisation], valid_from=valid_from, valid_until=valid_until)  # type: ignore[arg-type]
    ids = [
        builder.mandate(
            parties[m.mandator],
            parties[m.mandatee],
            codes[m.type],
            valid_from=m.valid_from,
            valid_until=m.valid_until,
            state=m.state,
            mandator_signed=m.mandator_signed,
            mandatee_signed=m.mandatee_signed,
            stopped=m.stopped,
        )
        for m in world.mandates
    ]
    builder.commit()
    return parties, ids


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    world=worlds(),
    accepted=st.sets(st.sampled_from(TYPES), max_size=3).map(frozenset),
    legal=st.booleans(),
    today=days,
    page_size=st.integers(1, 4),
    walk=st.booleans(),
    bare=st.booleans(),
)
def test_an_option_is_offered_and_accepted_if_and_only_if_the_rules_allow_it(  # type: ignore[no-untyped-def]
    db, world: World, accepted: frozenset[str], legal: bool, today: dt.date, page_size: int, walk: bool, bare: bool
) -> None:
    # Every example writes a world of its own (new parties, its own type codes) next to the earlier ones:
    # quicker than emptying the database, and a check that other worlds' rows never leak in.
    codes = {code: f"{code}_{next(EXAMPLES)}" for code in TYPES}
    with db.sessions() as session:
        parties, mandate_ids = write(world, WorldBuilder(session), codes)
    me = parties[0]
    assert isinstance(me, PersonRecord)
    subject = me.bare_subject if bare else me.subject
    rules = AppPolicy(today, accepted, legal_representatives=legal)
    policy = AppPolicy(today, frozenset(codes[c] for c in accepted), legal_representatives=legal)
    chain = build_chain(SQL_ENTRIES, session_factory=db.sessions)
    backend = chain.resolver("ssm").backend  # type: ignore[attr-defined]
    assert isinstance(backend, SsmSqlBackend)
    backend.inline_limit = 0 if walk else None
    try:
        principals = all_pages(chain, subject, policy, page_size=page_size)
        offered = {o.key: o for p in principals for o in p.options if isinstance(o, MandateOption)}
        expected = expected_mandates(world, rules)

        def key(index: int) -> str:
            mandatee = parties[world.mandates[index].mandatee]
            scheme = "insz" if isinstance(mandatee, PersonRecord) else "kbo"
            return f"ssm:{mandate_ids[index]}:{scheme}:{mandatee.identifier.value}"

        assert set(offered) == {key(i) for i in expected}
        assert {k: o.path.kind for k, o in offered.items()} == {key(i): kind for i, kind in expected.items()}
        for index in range(len(world.mandates)):
            selection = chain.check_option(subject, policy, key(index))
            assert (selection is not None) == (index in expected), (index, world.mandates[index])
        # The ordinary choices follow their own rules.
        employers = {
            f"idm:kbo:{parties[o].identifier.value}"
            for p, o, valid_from, valid_until in world.employments
            if p == 0 and _valid(valid_from, valid_until, today)
        }
        represented = {
            f"kbo:kbo:{parties[rep.organisation].identifier.value}"
            for rep in world.representations
            if legal and rep.person == 0 and _valid(rep.valid_from, rep.valid_until, today)
        }
        ordinary = {o.key for p in principals for o in p.options if not isinstance(o, MandateOption)}
        assert ordinary == {"citizen:self"} | employers | represented
        for organisation in parties[PERSONS:]:
            for prefix, allowed in (("idm", employers), ("kbo", represented)):
                candidate = f"{prefix}:kbo:{organisation.identifier.value}"
                assert (chain.check_option(subject, policy, candidate) is not None) == (candidate in allowed)
    finally:
        chain.close()
