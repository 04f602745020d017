"""explain.py: one test per reason a mandate is (not) offered to a person at an application."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import make_insz, make_kbo
from mandate_resolver.registry.explain import MandateExplanation, Reason, explain_mandates
from mandate_resolver.registry.models import (
    LegalRepresentative,
    Mandate,
    MandateState,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    RightKind,
    User,
    UserRight,
    UserRightMandateType,
    UserRightMandator,
)
from mandate_resolver.types import AppPolicy, PathKind

TODAY = dt.date(2025, 6, 2)
SIGNED_AT = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
_serial = itertools.count(1)


@dataclass
class Small:
    """A person (a user), organisations by name, mandate types by code, and one more mandator."""

    session: Session
    person: Party
    user: User
    mandator: Party
    other_mandator: Party
    organisations: dict[str, Party] = field(default_factory=dict)
    types: dict[str, MandateType] = field(default_factory=dict)

    def organisation(self, name: str) -> Party:
        party = Party(
            kind=PartyKind.ORGANISATION,
            scheme="kbo",
            identifier=make_kbo(1_000_000 + next(_serial)).value,
            name=name,
            target_group="EA",
        )
        self.session.add(party)
        self.session.flush()
        self.organisations[name] = party
        return party

    def right(
        self,
        organisation: Party,
        *codes: str,
        valid_until: dt.date | None = None,
        mandators: tuple[Party, ...] = (),
    ) -> None:
        right = UserRight(
            organisation_id=organisation.id,
            user_id=self.user.id,
            right=RightKind.MANDATE_EXECUTOR,
            valid_from=dt.date(2020, 1, 1),
            valid_until=valid_until,
        )
        right.mandate_types = [UserRightMandateType(mandate_type_id=self.types[code].id) for code in codes]
        right.mandators = [UserRightMandator(mandator_id=m.id) for m in mandators]
        self.session.add(right)
        self.session.flush()

    def representation(self, organisation: Party, *, valid_until: dt.date | None = None) -> None:
        self.session.add(
            LegalRepresentative(
                person_id=self.person.id,
                organisation_id=organisation.id,
                function="Zaakvoerder",
                valid_from=dt.date(2020, 1, 1),
                valid_until=valid_until,
            )
        )
        self.session.flush()

    def mandate(
        self,
        mandatee: Party,
        code: str = "wse",
        *,
        state: MandateState = MandateState.SIGNED,
        valid_from: dt.date = dt.date(2025, 1, 1),
        valid_until: dt.date | None = None,
        countersigned: bool = True,
        mandator: Party | None = None,
    ) -> Mandate:
        mandate = Mandate(
            mandate_type_id=self.types[code].id,
            mandator_id=(mandator or self.mandator).id,
            mandatee_id=mandatee.id,
            valid_from=valid_from,
            valid_until=valid_until,
            state=state,
            initiator="mandator",
            mandator_signed_at=SIGNED_AT,
            mandatee_signed_at=SIGNED_AT if countersigned else None,
            stopped_at=SIGNED_AT if state == MandateState.STOPPED else None,
        )
        self.session.add(mandate)
        self.session.flush()
        return mandate

    def explain(self, mandate: Mandate, *, legal_representatives: bool = False) -> MandateExplanation:
        policy = AppPolicy(
            today=TODAY,
            accepted_mandate_types=frozenset({"wse", "retired"}),
            legal_representatives=legal_representatives,
        )
        result = explain_mandates(self.session, person_id=self.person.id, user_id=self.user.id, policy=policy)
        return next(m for m in result.mandates if m.mandate_id == mandate.id)


@pytest.fixture
def small(session: Session) -> Small:
    types = {}
    for code, active in (("wse", True), ("other", True), ("retired", False)):
        types[code] = MandateType(
            code=code,
            active=active,
            texts=[MandateTypeText(language="nl", name=code, creation_text="x", stop_text="y")],
        )
        session.add(types[code])
    insz = make_insz(dt.date(1980, 5, 17), 33).value
    person = Party(kind=PartyKind.PERSON, scheme="insz", identifier=insz, name="Bart Baert", target_group="BUR")
    session.add(person)
    session.flush()
    user = User(person_id=person.id, username="bart-explained")
    session.add(user)
    world = Small(session, person, user, mandator=person, other_mandator=person, types=types)
    world.mandator = world.organisation("Emmaüs")
    world.other_mandator = world.organisation("IMEC")
    return world


def test_a_person_mandatee_needs_no_right(small: Small) -> None:
    explained = small.explain(small.mandate(small.person))
    assert explained.offered and explained.path is PathKind.PERSON_MANDATEE and explained.reasons == ()


def test_an_executor_right_with_the_type_reaches_the_organisations_mandate(small: Small) -> None:
    barocy = small.organisation("BAROCY")
    small.right(barocy, "wse")
    explained = small.explain(small.mandate(barocy))
    assert explained.offered and explained.path is PathKind.EXECUTOR_RIGHT


@pytest.mark.parametrize(
    ("code", "reason"),
    [("other", Reason.TYPE_NOT_ACCEPTED), ("retired", Reason.TYPE_INACTIVE)],
)
def test_the_type(small: Small, code: str, reason: Reason) -> None:
    explained = small.explain(small.mandate(small.person, code))
    assert not explained.offered and explained.reasons == (reason,)


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"state": MandateState.AWAITING_SIGNATURE, "countersigned": False}, Reason.UNSIGNED),
        ({"state": MandateState.REFUSED, "countersigned": False}, Reason.REFUSED),
        ({"state": MandateState.STOPPED}, Reason.STOPPED),
        ({"valid_from": TODAY + dt.timedelta(days=1)}, Reason.NOT_STARTED),
        ({"valid_until": TODAY - dt.timedelta(days=1)}, Reason.EXPIRED),
        ({"countersigned": False}, Reason.INCONSISTENT),
    ],
)
def test_the_state_and_dates(small: Small, kwargs: dict[str, object], reason: Reason) -> None:
    explained = small.explain(small.mandate(small.person, **kwargs))  # type: ignore[arg-type]
    assert not explained.offered and explained.reasons == (reason,)


def test_the_last_day_still_counts(small: Small) -> None:
    assert small.explain(small.mandate(small.person, valid_until=TODAY)).offered


def test_a_right_without_the_type(small: Small) -> None:
    barocy = small.organisation("BAROCY")
    small.right(barocy, "other")
    explained = small.explain(small.mandate(barocy))
    assert explained.path is None and explained.reasons == (Reason.RIGHT_WITHOUT_TYPE,)


def test_a_right_that_ended(small: Small) -> None:
    barocy = small.organisation("BAROCY")
    small.right(barocy, "wse", valid_until=TODAY - dt.timedelta(days=1))
    assert small.explain(small.mandate(barocy)).reasons == (Reason.RIGHT_NOT_VALID,)


def test_a_right_listing_other_mandators(small: Small) -> None:
    barocy = small.organisation("BAROCY")
    small.right(barocy, "wse", mandators=(small.other_mandator,))
    assert small.explain(small.mandate(barocy)).reasons == (Reason.RIGHT_OTHER_MANDATORS,)
    assert small.explain(small.mandate(barocy, mandator=small.other_mandator)).offered


def test_a_legal_representative_only_with_the_feature_on(small: Small) -> None:
    parkwind = small.organisation("PARKWIND")
    small.representation(parkwind)
    mandate = small.mandate(parkwind)
    explained = small.explain(mandate)
    assert explained.reasons == (Reason.NO_EXECUTOR_RIGHT, Reason.LEGAL_REPRESENTATIVE_FEATURE_OFF)
    with_feature = small.explain(mandate, legal_representatives=True)
    assert with_feature.offered and with_feature.path is PathKind.LEGAL_REPRESENTATIVE


def test_a_representation_that_ended(small: Small) -> None:
    parkwind = small.organisation("PARKWIND")
    small.representation(parkwind, valid_until=TODAY - dt.timedelta(days=1))
    explained = small.explain(small.mandate(parkwind), legal_representatives=True)
    assert explained.reasons == (Reason.NO_EXECUTOR_RIGHT, Reason.REPRESENTATION_NOT_VALID)


def test_several_reasons_at_once(small: Small) -> None:
    barocy = small.organisation("BAROCY")
    small.right(barocy, "wse")
    explained = small.explain(small.mandate(barocy, "other", state=MandateState.STOPPED))
    assert explained.reasons == (Reason.TYPE_NOT_ACCEPTED, Reason.STOPPED, Reason.RIGHT_WITHOUT_TYPE)


def test_mandates_of_unrelated_organisations_are_not_listed(small: Small) -> None:
    stranger = small.organisation("Stranger")
    mine = small.mandate(small.person)
    small.mandate(stranger)
    policy = AppPolicy(today=TODAY, accepted_mandate_types=frozenset({"wse"}))
    result = explain_mandates(small.session, person_id=small.person.id, user_id=small.user.id, policy=policy, limit=5)
    assert [m.mandate_id for m in result.mandates] == [mine.id] and not result.truncated
