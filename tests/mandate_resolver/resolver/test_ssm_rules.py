"""DOMAIN.md, login step 3, one test per rule, each with the case that must be refused.

Every test runs twice: with the page sorted in memory and with the keyset walk of the name index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import update

from mandate_resolver.chain import ResolverChain
from mandate_resolver.plugins import build_chain
from mandate_resolver.registry.models import Mandate, MandateState, Party, RightKind
from mandate_resolver.ssm.sql import SsmSqlBackend
from mandate_resolver.testing import OrganisationRecord, PersonRecord, WorldBuilder
from mandate_resolver.types import Capacity, PathKind
from tests.mandate_resolver.resolver.resolver_helpers import (
    SQL_ENTRIES,
    TODAY,
    TOMORROW,
    YESTERDAY,
    mandate_key,
    mandate_options,
    policy,
    tiles,
)

WSE = "wse_loket"


@pytest.fixture(params=["inline", "walk"])
def chain(request: pytest.FixtureRequest, db) -> Iterator[ResolverChain]:  # type: ignore[no-untyped-def]
    built = build_chain(SQL_ENTRIES, session_factory=db.sessions)
    backend = built.resolver("ssm").backend  # type: ignore[attr-defined]
    assert isinstance(backend, SsmSqlBackend)
    backend.inline_limit = 0 if request.param == "walk" else None
    yield built
    built.close()


@dataclass
class Seeds:
    """The parties of the seeds: Sammy executes for BAROCY, which Emmaüs mandated."""

    world: WorldBuilder
    sammy: PersonRecord
    emmaus: OrganisationRecord
    barocy: OrganisationRecord


@pytest.fixture
def seeds(world: WorldBuilder) -> Seeds:
    world.mandate_type(WSE, "WSE Loket", number=104)
    world.mandate_type("fisc", "Fiscale aangifte")
    return Seeds(world, world.person("Sammy Roos"), world.organisation("Emmaüs"), world.organisation("BAROCY"))


def offered(chain: ResolverChain, person: PersonRecord, *types: str, **changes: object) -> set[str]:
    return set(mandate_options(chain, person.subject, policy(*types or (WSE,), **changes)))


def accepted(chain: ResolverChain, person: PersonRecord, key: str, *types: str, **changes: object) -> bool:
    return chain.check_option(person.subject, policy(*types or (WSE,), **changes), key) is not None


def assert_offered(chain: ResolverChain, person: PersonRecord, key: str, **changes: object) -> None:
    assert key in offered(chain, person, **changes)
    assert accepted(chain, person, key, **changes)


def assert_refused(chain: ResolverChain, person: PersonRecord, key: str, **changes: object) -> None:
    assert key not in offered(chain, person, **changes)
    assert not accepted(chain, person, key, **changes)


# --- the mandate itself: signed by both, within its dates, not stopped, of an accepted type -------------


def test_a_signed_mandate_reaches_the_executor_with_everything_the_claims_need(
    chain: ResolverChain, seeds: Seeds
) -> None:
    w = seeds.world
    right = w.executor_right(seeds.sammy, seeds.barocy, [WSE], valid_until=dt.date(2030, 12, 31))
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE, valid_from=dt.date(2024, 1, 1))
    w.commit()
    key = mandate_key(mandate_id, seeds.barocy)

    [option] = mandate_options(chain, seeds.sammy.subject, policy(WSE)).values()
    selection = chain.check_option(seeds.sammy.subject, policy(WSE), key)

    assert option.key == key and right
    assert (option.mandator.name, option.mandatee.name) == ("Emmaüs", "BAROCY")
    assert (option.mandate_type.code, option.mandate_type.name, option.mandate_type.number) == (WSE, "WSE Loket", 104)
    assert option.path.kind is PathKind.EXECUTOR_RIGHT and option.path.valid_until == dt.date(2030, 12, 31)
    assert selection is not None
    assert selection.capacity is Capacity.MANDATE and selection.source == "ssm"
    assert selection.mandate_id == mandate_id and selection.valid_from == dt.date(2024, 1, 1)
    assert selection.mandator == option.mandator and selection.principal == option.mandator
    assert selection.mandatee == option.mandatee
    assert selection.executor.identifier == seeds.sammy.identifier and selection.checked_on == TODAY
    assert selection.mandator.id_type == "kbo" and selection.mandator.target_group == "EA"


@pytest.mark.parametrize(
    ("state", "mandator_signed", "mandatee_signed"),
    [
        (MandateState.AWAITING_SIGNATURE, True, False),  # M10: only the creator signed
        (MandateState.AWAITING_SIGNATURE, False, True),
        (MandateState.REFUSED, True, False),
        (MandateState.SIGNED, True, False),  # an inconsistent row: "signed" without the second signature
    ],
)
def test_M10_a_mandate_not_signed_by_both_parties_is_refused(
    chain: ResolverChain, seeds: Seeds, state: MandateState, mandator_signed: bool, mandatee_signed: bool
) -> None:
    w = seeds.world
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    mandate_id = w.mandate(
        seeds.emmaus, seeds.barocy, WSE, state=state, mandator_signed=mandator_signed, mandatee_signed=mandatee_signed
    )
    w.commit()

    assert_refused(chain, seeds.sammy, mandate_key(mandate_id, seeds.barocy))


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "expected"),
    [
        (TOMORROW, None, False),  # M11: starts tomorrow
        (dt.date(2024, 1, 1), YESTERDAY, False),  # M11: past its end date
        (TODAY, None, True),  # starts today
        (dt.date(2024, 1, 1), TODAY, True),  # its last day: "expires after its end date"
    ],
)
def test_M11_a_mandate_counts_only_within_its_dates(
    chain: ResolverChain, seeds: Seeds, valid_from: dt.date, valid_until: dt.date | None, expected: bool
) -> None:
    w = seeds.world
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE, valid_from=valid_from, valid_until=valid_until)
    w.commit()
    key = mandate_key(mandate_id, seeds.barocy)

    (assert_offered if expected else assert_refused)(chain, seeds.sammy, key)


def test_M11_M08_a_stopped_mandate_is_refused_even_when_it_was_listed_a_moment_ago(
    chain: ResolverChain, seeds: Seeds, db
) -> None:  # type: ignore[no-untyped-def]
    w = seeds.world
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()
    key = mandate_key(mandate_id, seeds.barocy)
    assert_offered(chain, seeds.sammy, key)

    with db.sessions.begin() as session:
        session.execute(
            update(Mandate)
            .where(Mandate.id == mandate_id)
            .values(state=MandateState.STOPPED, stopped_at=dt.datetime.now(dt.UTC), version=Mandate.version + 1)
        )

    assert_refused(chain, seeds.sammy, key)


def test_a_mandate_of_a_type_the_application_does_not_accept_is_refused(chain: ResolverChain, seeds: Seeds) -> None:
    w = seeds.world
    w.executor_right(seeds.sammy, seeds.barocy, [WSE, "fisc"])
    fisc = w.mandate(seeds.emmaus, seeds.barocy, "fisc")
    w.commit()
    key = mandate_key(fisc, seeds.barocy)

    assert key not in offered(chain, seeds.sammy, WSE)
    assert not accepted(chain, seeds.sammy, key, WSE)
    assert key in offered(chain, seeds.sammy, "fisc")
    # An application that accepts no mandate type gets no mandate option at all.
    assert not mandate_options(chain, seeds.sammy.subject, policy())
    assert not accepted(chain, seeds.sammy, key, "unknown_type")


# --- how it reaches the person: executor right, legal representation, or the person as mandatee --------


@pytest.mark.parametrize(
    "right",
    [
        {"types": ["fisc"]},  # M12: the context does not hold the accepted type
        {"valid_until": YESTERDAY},  # M12: the right has ended
        {"valid_from": TOMORROW},  # a right that starts tomorrow
        {"kind": RightKind.MANDATE_MANAGER},  # a manager manages mandates; only an executor executes them
        {"other_organisation": True},  # M12: a right of another organisation
    ],
    ids=["context", "ended", "future", "manager", "other-organisation"],
)
def test_M12_an_organisation_mandate_needs_a_valid_executor_right_of_that_organisation_for_its_type(
    chain: ResolverChain, seeds: Seeds, right: dict[str, object]
) -> None:
    w = seeds.world
    organisation = w.organisation("DELOITTE Belastingconsulenten") if right.get("other_organisation") else seeds.barocy
    w.executor_right(
        seeds.sammy,
        organisation,
        right.get("types", [WSE]),  # type: ignore[arg-type]
        valid_from=right.get("valid_from", dt.date(2020, 1, 1)),  # type: ignore[arg-type]
        valid_until=right.get("valid_until"),  # type: ignore[arg-type]
        right=right.get("kind", RightKind.MANDATE_EXECUTOR),  # type: ignore[arg-type]
    )
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()

    assert_refused(chain, seeds.sammy, mandate_key(mandate_id, seeds.barocy))


def test_an_executor_right_counts_on_its_last_day(chain: ResolverChain, seeds: Seeds) -> None:
    w = seeds.world
    w.executor_right(seeds.sammy, seeds.barocy, [WSE], valid_until=TODAY)
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()

    assert_offered(chain, seeds.sammy, mandate_key(mandate_id, seeds.barocy))


def test_an_executor_right_limited_to_certain_mandators_reaches_only_theirs(chain: ResolverChain, seeds: Seeds) -> None:
    w = seeds.world
    imec = w.organisation("Interuniversitair Micro-Electronica Centrum (IMEC)")
    w.executor_right(seeds.sammy, seeds.barocy, [WSE], mandators=[imec])
    listed = w.mandate(imec, seeds.barocy, WSE)
    not_listed = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()

    assert_offered(chain, seeds.sammy, mandate_key(listed, seeds.barocy))
    assert_refused(chain, seeds.sammy, mandate_key(not_listed, seeds.barocy))


def test_two_rights_on_one_organisation_add_up(chain: ResolverChain, seeds: Seeds) -> None:
    w = seeds.world
    imec = w.organisation("IMEC")
    w.executor_right(seeds.sammy, seeds.barocy, [WSE], mandators=[imec])
    w.executor_right(seeds.sammy, seeds.barocy, ["fisc"])
    wse_from_emmaus = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    fisc_from_emmaus = w.mandate(seeds.emmaus, seeds.barocy, "fisc")
    w.commit()

    found = offered(chain, seeds.sammy, WSE, "fisc")

    assert mandate_key(fisc_from_emmaus, seeds.barocy) in found
    assert mandate_key(wse_from_emmaus, seeds.barocy) not in found  # the WSE right lists IMEC only


def test_M13_a_legal_representative_reaches_the_mandates_of_the_enterprise_only_when_the_application_says_so(
    chain: ResolverChain, seeds: Seeds
) -> None:
    w = seeds.world
    w.legal_representative(seeds.sammy, seeds.barocy, function="Zaakvoerder")
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()
    key = mandate_key(mandate_id, seeds.barocy)

    assert_offered(chain, seeds.sammy, key, legal_representatives=True)
    [option] = mandate_options(chain, seeds.sammy.subject, policy(WSE, legal_representatives=True)).values()
    assert option.path.kind is PathKind.LEGAL_REPRESENTATIVE and option.path.function == "Zaakvoerder"
    assert_refused(chain, seeds.sammy, key, legal_representatives=False)


@pytest.mark.parametrize("case", ["other-enterprise", "ended", "future"])
def test_M13_a_legal_representation_of_another_enterprise_or_out_of_its_dates_is_refused(
    chain: ResolverChain, seeds: Seeds, case: str
) -> None:
    w = seeds.world
    if case == "other-enterprise":
        w.legal_representative(seeds.sammy, w.organisation("PARKWIND"))
    else:
        dates = {"valid_until": YESTERDAY} if case == "ended" else {"valid_from": TOMORROW}
        w.legal_representative(seeds.sammy, seeds.barocy, **dates)  # type: ignore[arg-type]
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()

    assert_refused(chain, seeds.sammy, mandate_key(mandate_id, seeds.barocy), legal_representatives=True)


def test_an_executor_right_is_preferred_to_a_legal_representation_as_the_path(
    chain: ResolverChain, seeds: Seeds
) -> None:
    w = seeds.world
    w.legal_representative(seeds.sammy, seeds.barocy)
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()

    [option] = mandate_options(chain, seeds.sammy.subject, policy(WSE, legal_representatives=True)).values()
    selection = chain.check_option(seeds.sammy.subject, policy(WSE, legal_representatives=True), option.key)

    assert option.path.kind is PathKind.EXECUTOR_RIGHT
    assert selection is not None and selection.path == option.path


def test_a_person_mandatee_reaches_the_mandate_directly_and_nobody_else_does(
    chain: ResolverChain, seeds: Seeds
) -> None:
    w = seeds.world
    edgard = w.person("Edgard Tinel")
    for_sammy = w.mandate(edgard, seeds.sammy, WSE)
    for_edgard = w.mandate(seeds.emmaus, edgard, WSE)
    # An executor right "for" a person is no way into that person's mandates.
    w.executor_right(seeds.sammy, edgard, [WSE])
    w.commit()

    assert_offered(chain, seeds.sammy, mandate_key(for_sammy, seeds.sammy))
    [option] = mandate_options(chain, seeds.sammy.subject, policy(WSE)).values()
    assert option.path.kind is PathKind.PERSON_MANDATEE and option.mandatee.is_person
    assert_refused(chain, seeds.sammy, mandate_key(for_edgard, edgard))
    assert_offered(chain, edgard, mandate_key(for_edgard, edgard))


def test_the_subject_is_found_by_its_insz_when_the_login_does_not_know_its_ids(
    chain: ResolverChain, seeds: Seeds
) -> None:
    w = seeds.world
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()
    key = mandate_key(mandate_id, seeds.barocy)

    assert key in mandate_options(chain, seeds.sammy.bare_subject, policy(WSE))
    assert chain.check_option(seeds.sammy.bare_subject, policy(WSE), key) is not None


# --- one tile per mandator, the second dialog when several mandatees lead to it -------------------------


def test_a_mandator_reached_through_several_mandatees_is_one_tile_with_several_options(
    chain: ResolverChain, seeds: Seeds
) -> None:
    w = seeds.world
    imec = w.organisation("Interuniversitair Micro-Electronica Centrum (IMEC)")
    pwc = w.organisation("PricewaterhouseCoopers Tax Consultants")
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    w.executor_right(seeds.sammy, pwc, [WSE])
    via_barocy = w.mandate(imec, seeds.barocy, WSE)
    via_pwc = w.mandate(imec, pwc, WSE)
    w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()

    mandators = tiles(chain, seeds.sammy.subject, policy(WSE), Capacity.MANDATE)

    assert [tile.party.name for tile in mandators] == ["Emmaüs", "Interuniversitair Micro-Electronica Centrum (IMEC)"]
    emmaus, imec_tile = mandators
    assert not emmaus.several and imec_tile.several
    assert [o.key for o in imec_tile.options] == [mandate_key(via_barocy, seeds.barocy), mandate_key(via_pwc, pwc)]


def test_a_mandate_transferred_to_another_mandatee_is_refused_through_the_old_one(
    chain: ResolverChain, seeds: Seeds, db
) -> None:  # type: ignore[no-untyped-def]
    w = seeds.world
    pwc = w.organisation("PricewaterhouseCoopers Tax Consultants")
    w.executor_right(seeds.sammy, seeds.barocy, [WSE])
    w.executor_right(seeds.sammy, pwc, [WSE])
    mandate_id = w.mandate(seeds.emmaus, seeds.barocy, WSE)
    w.commit()
    old_key = mandate_key(mandate_id, seeds.barocy)
    assert_offered(chain, seeds.sammy, old_key)

    with db.sessions.begin() as session:
        pwc_id = session.get_one(Party, pwc.party_id).id
        session.execute(
            update(Mandate).where(Mandate.id == mandate_id).values(mandatee_id=pwc_id, version=Mandate.version + 1)
        )

    assert_refused(chain, seeds.sammy, old_key)
    assert_offered(chain, seeds.sammy, mandate_key(mandate_id, pwc))
