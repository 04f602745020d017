"""The ordinary choices (as myself, as employee, as legal representative) and paging through a real registry."""

from __future__ import annotations

import pytest

from mandate_resolver.chain import ResolverChain
from mandate_resolver.ssm.sql import SsmSqlBackend
from mandate_resolver.testing import WorldBuilder
from mandate_resolver.types import Capacity, CitizenOption, EmployeeOption, LegalRepresentativeOption
from tests.mandate_resolver.resolver.resolver_helpers import (
    TODAY,
    TOMORROW,
    YESTERDAY,
    all_pages,
    options,
    policy,
    tiles,
)


def test_as_myself_only_when_the_application_allows_it(chain: ResolverChain, world: WorldBuilder) -> None:
    sammy = world.person("Sammy Roos")
    world.commit()

    [option] = options(chain, sammy.subject, policy()).values()
    selection = chain.check_option(sammy.subject, policy(), "citizen:self")

    assert isinstance(option, CitizenOption) and option.person.identifier == sammy.identifier
    assert selection is not None and selection.capacity is Capacity.CITIZEN and selection.principal == option.person
    assert not options(chain, sammy.subject, policy(allow_citizen=False))
    assert chain.check_option(sammy.subject, policy(allow_citizen=False), "citizen:self") is None
    assert chain.check_option(sammy.subject, policy(), "citizen:someone-else") is None


def test_a_person_unknown_to_the_registry_may_still_act_as_themself(chain: ResolverChain, world: WorldBuilder) -> None:
    stranger = world.person("Nieuwe Burger", user=False)
    world.session.rollback()  # never written

    found = options(chain, stranger.bare_subject, policy("wse_loket", legal_representatives=True))

    assert list(found) == ["citizen:self"]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({}, True),
        ({"valid_until": TODAY}, True),
        ({"valid_until": YESTERDAY}, False),
        ({"valid_from": TOMORROW}, False),
    ],
)
def test_as_employee_of_an_organisation_with_a_valid_work_relation(
    chain: ResolverChain, world: WorldBuilder, dates: dict[str, object], expected: bool
) -> None:
    sammy, emmaus = world.person("Sammy Roos"), world.organisation("Emmaüs")
    world.work_relation(sammy, emmaus, kind="Vaste Medewerker", **dates)  # type: ignore[arg-type]
    world.commit()
    key = f"idm:kbo:{emmaus.identifier.value}"

    found = options(chain, sammy.subject, policy())
    selection = chain.check_option(sammy.subject, policy(), key)

    assert (key in found) is expected and (selection is not None) is expected
    if expected:
        option = found[key]
        assert isinstance(option, EmployeeOption) and option.relation == "Vaste Medewerker"
        assert selection is not None and selection.role == "Vaste Medewerker" and selection.source == "idm"
    assert key not in options(chain, sammy.subject, policy(allow_employee=False))
    assert chain.check_option(sammy.subject, policy(allow_employee=False), key) is None


def test_an_employee_of_several_organisations_gets_one_tile_each(chain: ResolverChain, world: WorldBuilder) -> None:
    sammy = world.person("Sammy Roos")
    for name in ("PARKWIND", "BAROCY", "Emmaüs"):
        organisation = world.organisation(name)
        world.work_relation(sammy, organisation)
        world.work_relation(sammy, organisation, kind="Jobstudent")
    world.commit()

    employers = tiles(chain, sammy.subject, policy(), Capacity.EMPLOYEE)

    assert [tile.party.name for tile in employers] == ["BAROCY", "Emmaüs", "PARKWIND"]
    assert all(len(tile.options) == 1 and tile.options[0].relation == "Vaste Medewerker" for tile in employers)  # type: ignore[union-attr]


def test_M13_as_legal_representative_only_for_applications_with_that_feature_and_only_ones_own(
    chain: ResolverChain, world: WorldBuilder
) -> None:
    sammy, edgard = world.person("Sammy Roos"), world.person("Edgard Tinel")
    emmaus, parkwind = world.organisation("Emmaüs"), world.organisation("PARKWIND")
    world.legal_representative(sammy, emmaus, function="Bestuurder")
    world.legal_representative(edgard, parkwind)
    world.legal_representative(sammy, parkwind, valid_until=YESTERDAY)
    world.commit()
    own, other = f"kbo:kbo:{emmaus.identifier.value}", f"kbo:kbo:{parkwind.identifier.value}"

    found = options(chain, sammy.subject, policy(legal_representatives=True))

    assert own in found and other not in found
    assert isinstance(found[own], LegalRepresentativeOption) and found[own].function == "Bestuurder"  # type: ignore[union-attr]
    assert chain.check_option(sammy.subject, policy(legal_representatives=True), own) is not None
    assert chain.check_option(sammy.subject, policy(legal_representatives=True), other) is None
    assert own not in options(chain, sammy.subject, policy(legal_representatives=False))
    assert chain.check_option(sammy.subject, policy(legal_representatives=False), own) is None


@pytest.mark.parametrize("strategy", ["inline", "walk"])
def test_pages_search_and_counts_over_the_whole_chain(chain: ResolverChain, world: WorldBuilder, strategy: str) -> None:
    backend = chain.resolver("ssm").backend  # type: ignore[attr-defined]
    assert isinstance(backend, SsmSqlBackend)
    backend.inline_limit = 0 if strategy == "walk" else None
    world.mandate_type("wse_loket")
    sammy, firm = world.person("Sammy Roos"), world.organisation("Boekhouding Zuid")
    world.executor_right(sammy, firm, ["wse_loket"])
    world.work_relation(sammy, firm)
    names = ["bakkerij Aerts", "Bakkerij Bosmans", "Brouwerij Claes", "apotheek Dewit", "Émile & Zonen", "Zuid BV"]
    names += [f"Klant {i:02d}" for i in range(14)]
    clients = [world.organisation(name) for name in names]
    for client in clients:
        world.mandate(client, firm, "wse_loket")
    world.commit()
    app = policy("wse_loket")

    everything = all_pages(chain, sammy.subject, app, page_size=50)
    paged = all_pages(chain, sammy.subject, app, page_size=4)
    first = chain.resolve_options(sammy.subject, app, page_size=4)
    bakers = all_pages(chain, sammy.subject, app, page_size=1, search="BAKK")
    by_number = all_pages(chain, sammy.subject, app, search=f"BE {clients[2].identifier.formatted}")

    assert [p.sort_key for p in paged] == [p.sort_key for p in everything]
    assert [p.capacity for p in everything[:2]] == [Capacity.CITIZEN, Capacity.EMPLOYEE]
    mandators = [p.party.name for p in everything if p.capacity is Capacity.MANDATE]
    assert mandators[:4] == ["apotheek Dewit", "bakkerij Aerts", "Bakkerij Bosmans", "Brouwerij Claes"]
    assert sorted(mandators) == sorted(names) and len(mandators) == 20
    assert first.count.value == 22 and not first.count.capped
    assert [p.party.name for p in bakers] == ["bakkerij Aerts", "Bakkerij Bosmans"]
    assert [p.party.name for p in by_number] == ["Brouwerij Claes"]
    assert chain.resolve_options(sammy.subject, app, search="bakk").count.value == 2
    assert not chain.resolve_options(sammy.subject, app, search="Nobody").principals
