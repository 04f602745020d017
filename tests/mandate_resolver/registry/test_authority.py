"""Who may manage the mandates of which party (DOMAIN.md, "Who may act in SSM for an organisation")."""

from __future__ import annotations

import datetime as dt

import pytest

from mandate_resolver.registry.authority import Actor, manageable_parties, may_manage_mandates, require_manage
from mandate_resolver.registry.errors import Forbidden, ReadOnly
from mandate_resolver.registry.models import LegalRepresentative, RightKind, User, UserRight

TODAY = dt.date(2024, 3, 15)


# (actor, party, allowed): one world for all of them, each case named in the failure message.
CASES = [
    ("piet", "piet", True),  # a person acts for themself
    ("sammy", "emmaus", True),  # SSM Mandaatbeheerder for Emmaüs
    ("bart", "barocy", True),
    ("pieter", "pwc", True),  # a right ending today still counts today
    ("lena", "imec", True),  # legal representative (KBO)
    ("sammy", "barocy", False),  # another enterprise (M05/M17)
    ("sammy", "piet", False),  # another person
    ("eva", "emmaus", False),  # right ended yesterday
    ("frank", "parkwind", False),  # right starts tomorrow
    ("piet", "parkwind", False),  # legal representation ended last year
    ("nora", "emmaus", False),  # an executor right is no manager right
    ("hilde", "hilde", False),  # the helpdesk never writes, not even for itself
    ("hilde", "emmaus", False),
]


def test_may_manage_mandates(kit) -> None:
    for actor, party, allowed in CASES:
        assert may_manage_mandates(kit.session, kit.actor(actor), kit.id(party), TODAY) is allowed, (actor, party)


def test_validity_follows_the_date(kit) -> None:
    assert may_manage_mandates(kit.session, kit.actor("eva"), kit.id("emmaus"), TODAY - dt.timedelta(days=1))
    assert may_manage_mandates(kit.session, kit.actor("frank"), kit.id("parkwind"), TODAY + dt.timedelta(days=1))
    assert not may_manage_mandates(kit.session, kit.actor("pieter"), kit.id("pwc"), TODAY + dt.timedelta(days=1))
    assert not may_manage_mandates(kit.session, kit.actor("sammy"), kit.id("emmaus"), dt.date(2018, 12, 31))


def test_require_manage_raises_forbidden_with_codes(kit) -> None:
    require_manage(kit.session, kit.actor("sammy"), kit.id("emmaus"), TODAY)
    with pytest.raises(Forbidden) as caught:
        require_manage(kit.session, kit.actor("sammy"), kit.id("barocy"), TODAY)
    assert (caught.value.status, caught.value.code, caught.value.field) == (403, "authority.not_allowed", "acting_for")
    with pytest.raises(ReadOnly) as read_only:
        require_manage(kit.session, kit.actor("hilde"), kit.id("hilde"), TODAY)
    assert (read_only.value.status, read_only.value.code) == (403, "authority.read_only")


def test_manageable_parties_own_person_first_then_organisations_by_name(kit) -> None:
    session = kit.session
    assert [p.name for p in manageable_parties(session, kit.actor("sammy"), TODAY)] == ["Sammy Roos", "Emmaüs"]
    assert [p.name for p in manageable_parties(session, kit.actor("lena"), TODAY)] == [
        "Lena Maes",
        "Interuniversitair Micro-Electronica Centrum",
    ]
    assert [p.name for p in manageable_parties(session, kit.actor("eva"), TODAY)] == ["Eva Janssens"]
    assert manageable_parties(session, kit.actor("hilde"), TODAY) == []


def test_manageable_parties_sorted_by_name_and_without_duplicates(kit) -> None:
    sammy = kit.actor("sammy")
    # Sammy also manages BAROCY and represents Emmaüs by law: Emmaüs appears once.
    kit.session.add_all(
        [
            UserRight(
                user_id=sammy.user_id,
                organisation_id=kit.id("barocy"),
                right=RightKind.MANDATE_MANAGER,
                valid_from=dt.date(2020, 1, 1),
            ),
            LegalRepresentative(
                person_id=sammy.person_id,
                organisation_id=kit.id("emmaus"),
                function="voorzitter",
                valid_from=dt.date(2020, 1, 1),
            ),
        ]
    )
    kit.session.flush()
    names = [p.name for p in manageable_parties(kit.session, sammy, TODAY)]
    assert names == ["Sammy Roos", "BAROCY", "Emmaüs"]


def test_actor_from_user(kit) -> None:
    user = kit.session.get(User, kit.actor("hilde").user_id)
    assert Actor.from_user(user) == kit.actor("hilde")
    assert Actor.from_user(user).is_helpdesk
