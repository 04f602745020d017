"""A small world from the seeds for the lifecycle tests; today is Friday 15 March 2024 (Belgian time).

Organisations: Emmaüs, BAROCY, IMEC, PwC, PARKWIND. People, each a user:
- sammy: "SSM Mandaatbeheerder" of Emmaüs; bart: of BAROCY; pieter: of PwC, until today;
- lena: legal representative of IMEC (no IDM right); piet: was PARKWIND's, until 2023; a citizen;
- eva: Emmaüs' manager right ended yesterday; frank: PARKWIND's starts tomorrow;
- nora: executor (not manager) for Emmaüs; hilde: helpdesk.
Mandate types: wse_loket (any parties), org_only, person_only, retired (inactive).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import make_insz, make_kbo
from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import (
    LegalRepresentative,
    Mandate,
    MandateEvent,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    RightKind,
    User,
    UserRight,
    UserRightMandateType,
    UserRole,
)
from mandate_resolver.registry.notify import Notifier, RecordingNotifier

TODAY = dt.date(2024, 3, 15)
NOW = dt.datetime(2024, 3, 15, 9, 30, tzinfo=dt.UTC)
TOMORROW = TODAY + dt.timedelta(days=1)
YESTERDAY = TODAY - dt.timedelta(days=1)

EMMAUS_KBO = "0411515075"
BAROCY_KBO = "0806154033"
IMEC_KBO = "0425260668"
PWC_KBO = make_kbo(4_736_820).value
PARKWIND_KBO = "0844796259"


def fixed_clock(now: dt.datetime = NOW) -> Callable[[], dt.datetime]:
    return lambda: now


@dataclass
class World:
    """Party ids and actors by short name ("emmaus", "sammy"), and the INSZ of each person."""

    party: dict[str, int] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    person_insz: dict[str, str] = field(default_factory=dict)


def _organisation(session: Session, name: str, kbo: str) -> Party:
    party = Party(kind=PartyKind.ORGANISATION, scheme="kbo", identifier=kbo, name=name, target_group="EA")
    session.add(party)
    return party


def _person(session: Session, world: World, key: str, name: str, birth: dt.date, serial: int) -> Party:
    insz = make_insz(birth, serial).value
    given, family = name.split(" ", 1)
    party = Party(
        kind=PartyKind.PERSON,
        scheme="insz",
        identifier=insz,
        name=name,
        given_name=given,
        family_name=family,
        target_group="BUR",
    )
    session.add(party)
    world.person_insz[key] = insz
    return party


def _mandate_type(session: Session, code: str, name: str, **kinds: bool) -> MandateType:
    mandate_type = MandateType(
        code=code,
        texts=[
            MandateTypeText(language="nl", name=name, creation_text="Ik ga akkoord.", stop_text="Gestopt."),
            MandateTypeText(language="en", name=f"{name} (en)", creation_text="I agree.", stop_text="Stopped."),
        ],
        **kinds,
    )
    session.add(mandate_type)
    return mandate_type


def build_world(session: Session) -> World:
    world = World()
    organisations = {
        "emmaus": _organisation(session, "Emmaüs", EMMAUS_KBO),
        "barocy": _organisation(session, "BAROCY", BAROCY_KBO),
        "imec": _organisation(session, "Interuniversitair Micro-Electronica Centrum", IMEC_KBO),
        "pwc": _organisation(session, "PricewaterhouseCoopers Tax Consultants", PWC_KBO),
        "parkwind": _organisation(session, "PARKWIND", PARKWIND_KBO),
    }
    people = {
        "sammy": _person(session, world, "sammy", "Sammy Roos", dt.date(1980, 5, 17), 33),
        "bart": _person(session, world, "bart", "Bart Claes", dt.date(1975, 1, 2), 45),
        "pieter": _person(session, world, "pieter", "Pieter Wouters", dt.date(1969, 11, 30), 101),
        "lena": _person(session, world, "lena", "Lena Maes", dt.date(2001, 2, 3), 124),
        "hilde": _person(session, world, "hilde", "Hilde Peeters", dt.date(1990, 7, 7), 2),
        "eva": _person(session, world, "eva", "Eva Janssens", dt.date(1985, 12, 24), 66),
        "piet": _person(session, world, "piet", "Piet Peeters", dt.date(1950, 4, 1), 11),
        "frank": _person(session, world, "frank", "Frank Wouters", dt.date(1972, 9, 9), 13),
        "nora": _person(session, world, "nora", "Nora Vos", dt.date(1995, 6, 6), 28),
    }
    session.flush()
    users = {}
    for key, person in people.items():
        user = User(person_id=person.id, username=key, email=f"{key}@example.be")
        if key == "hilde":
            user.roles = [UserRole(role="helpdesk")]
        session.add(user)
        users[key] = user
    wse = _mandate_type(session, "wse_loket", "WSE Loket")
    _mandate_type(session, "org_only", "Alleen organisaties", mandator_person=False, mandatee_person=False)
    _mandate_type(session, "person_only", "Alleen personen", mandator_organisation=False, mandatee_organisation=False)
    _mandate_type(session, "retired", "Niet meer gebruikt", active=False)
    session.flush()

    def right(user: str, organisation: str, valid_from: dt.date, valid_until: dt.date | None = None) -> None:
        session.add(
            UserRight(
                user_id=users[user].id,
                organisation_id=organisations[organisation].id,
                right=RightKind.MANDATE_MANAGER,
                valid_from=valid_from,
                valid_until=valid_until,
            )
        )

    right("sammy", "emmaus", dt.date(2019, 1, 1))
    right("bart", "barocy", dt.date(2019, 1, 1))
    right("pieter", "pwc", dt.date(2020, 1, 1), TODAY)  # its last day is today: still valid today
    right("eva", "emmaus", dt.date(2020, 1, 1), YESTERDAY)  # ended yesterday
    right("frank", "parkwind", TOMORROW)  # starts tomorrow
    # An executor right is no manager right: Nora may execute Emmaüs' mandates, not manage them.
    session.add(
        UserRight(
            user_id=users["nora"].id,
            organisation_id=organisations["emmaus"].id,
            right=RightKind.MANDATE_EXECUTOR,
            valid_from=dt.date(2020, 1, 1),
            mandate_types=[UserRightMandateType(mandate_type_id=wse.id)],
        )
    )
    session.add_all(
        [
            LegalRepresentative(
                person_id=people["lena"].id,
                organisation_id=organisations["imec"].id,
                function="bestuurder",
                valid_from=dt.date(2015, 1, 1),
            ),
            # Piet represented PARKWIND until last year.
            LegalRepresentative(
                person_id=people["piet"].id,
                organisation_id=organisations["parkwind"].id,
                function="zaakvoerder",
                valid_from=dt.date(2010, 1, 1),
                valid_until=dt.date(2023, 12, 31),
            ),
        ]
    )
    session.flush()
    world.party = {key: party.id for key, party in {**organisations, **people}.items()}
    world.actors = {
        key: Actor(
            user_id=users[key].id,
            person_id=people[key].id,
            name=people[key].name,
            roles=frozenset({"helpdesk"}) if key == "hilde" else frozenset(),
        )
        for key in people
    }
    session.commit()
    return world


Snapshot = tuple[tuple[tuple[object, ...], ...], tuple[tuple[object, ...], ...]]


@dataclass
class Kit:
    """The world, a service on a fixed clock over the test session, and helpers to build mandates."""

    session: Session
    world: World
    notifier: RecordingNotifier
    service: MandateService = field(init=False)
    today: dt.date = TODAY

    def __post_init__(self) -> None:
        self.service = self.service_at(NOW)

    def service_at(self, now: dt.datetime, notifier: Notifier | None = None) -> MandateService:
        return MandateService(self.session, clock=fixed_clock(now), notifier=notifier or self.notifier)

    def service_on(self, day: dt.date) -> MandateService:
        """A service for another day (10:00 UTC), on the same session."""
        return self.service_at(dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC))

    def actor(self, name: str) -> Actor:
        return self.world.actors[name]

    def id(self, name: str) -> int:
        return self.world.party[name]

    def create(
        self,
        *,
        by: str = "sammy",
        acting_for: str = "emmaus",
        role: str = "mandator",
        counterparty: str = "barocy",
        mandate_type_code: str = "wse_loket",
        valid_from: dt.date = TODAY,
        valid_until: dt.date | None = None,
        **kwargs: Any,
    ) -> Mandate:
        """Create and commit a mandate: Emmaüs (Sammy) gives BAROCY a WSE Loket mandate, unless told."""
        mandate = self.service.create_mandate(
            self.actor(by),
            self.id(acting_for),
            role=role,  # type: ignore[arg-type]
            counterparty=self.id(counterparty),
            mandate_type_code=mandate_type_code,
            valid_from=valid_from,
            valid_until=valid_until,
            accept_contract=True,
            **kwargs,
        )
        self.service.commit()
        return mandate

    def create_signed(self, *, signer: str = "bart", signer_for: str = "barocy", **kwargs: Any) -> Mandate:
        """Create (as :meth:`create`), then sign as the counterparty and commit."""
        mandate = self.create(**kwargs)
        self.service.sign_mandate(self.actor(signer), self.id(signer_for), mandate.id, accept_contract=True)
        self.service.commit()
        return mandate

    def snapshot(self) -> Snapshot:
        """Every row of the mandate tables as this session sees them (committed or only flushed)."""
        mandates = self.session.execute(text("SELECT * FROM mandates ORDER BY number")).all()
        events = self.session.execute(text("SELECT * FROM mandate_events ORDER BY id")).all()
        return tuple(tuple(row) for row in mandates), tuple(tuple(row) for row in events)

    def events(self, mandate: Mandate) -> list[str]:
        statement = select(MandateEvent.action).where(MandateEvent.mandate_id == mandate.id).order_by(MandateEvent.id)
        return list(self.session.scalars(statement))

    def reload(self, mandate: Mandate) -> Mandate:
        """The mandate as committed, read again."""
        self.session.expire_all()
        fresh = self.session.scalar(select(Mandate).where(Mandate.id == mandate.id))
        assert fresh is not None
        return fresh


@pytest.fixture
def kit(session: Session) -> Kit:
    return Kit(session, build_world(session), RecordingNotifier())
