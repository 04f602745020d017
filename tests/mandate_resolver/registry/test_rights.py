"""RightsService: a local administrator lists, grants, changes and ends IDM rights of their organisation only."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.demo import DemoWorld
from mandate_resolver.registry.errors import ReadOnly, RegistryError
from mandate_resolver.registry.models import (
    AuditEntry,
    LocalAdministrator,
    MandateType,
    Party,
    RightKind,
    User,
    UserRight,
    WorkRelation,
)
from mandate_resolver.registry.rights import (
    DuplicateRight,
    NewRight,
    NotLocalAdministrator,
    RightAlreadyEnded,
    RightNotOfOrganisation,
    RightsService,
    UserNotInOrganisation,
)

BAROCY = "kbo:0806154033"
EMMAUS = "kbo:0411515075"
EXECUTOR = RightKind.MANDATE_EXECUTOR
MANAGER = RightKind.MANDATE_MANAGER


def user(session: Session, username: str) -> User:
    found = session.scalar(select(User).where(User.username == username))
    assert found is not None
    return found


def actor(session: Session, username: str) -> Actor:
    return Actor.from_user(user(session, username))


def rights_of(session: Session, username: str) -> list[UserRight]:
    return list(
        session.scalars(select(UserRight).where(UserRight.user_id == user(session, username).id).order_by(UserRight.id))
    )


def counts(session: Session) -> tuple[int, int]:
    return (
        session.scalar(select(func.count(UserRight.id))) or 0,
        session.scalar(select(func.count(AuditEntry.id))) or 0,
    )


@pytest.fixture
def service(session: Session, demo: DemoWorld) -> RightsService:
    return RightsService(session)


def test_lotte_administers_barocy_and_sees_its_users_with_their_rights(
    service: RightsService, session: Session
) -> None:
    lotte = actor(session, "lotte")
    assert [p.name for p in service.administered_organisations(lotte)] == ["BAROCY"]
    assert service.administered_organisations(actor(session, "marc")) == []
    page = service.list_users(lotte, BAROCY)
    assert not page.read_only
    assert [m.user.username for m in page.members] == ["bart", "ines", "lotte", "marc"]
    bart = page.members[0]
    assert [r.kind for r in bart.rights] == [EXECUTOR]
    assert sorted(t.code for t in bart.rights[0].mandate_types) == ["subsidy_application", "wse_loket"]
    assert bart.rights[0].granted_by == "Lotte Janssens"
    assert [r.kind for r in page.members[3].rights] == [MANAGER]
    # Ines' PwC right is not BAROCY's business.
    assert len(page.members[1].rights) == 1
    assert [m.user.username for m in service.list_users(lotte, BAROCY, search="CLAES").members] == ["ines"]
    assert service.list_users(lotte, BAROCY, search="%").members == ()


def test_users_come_in_pages(service: RightsService, session: Session) -> None:
    lotte = actor(session, "lotte")
    first = service.list_users(lotte, BAROCY, limit=3)
    assert [m.user.username for m in first.members] == ["bart", "ines", "lotte"]
    assert first.next_after is not None
    second = service.list_users(lotte, BAROCY, limit=3, after=first.next_after)
    assert [m.user.username for m in second.members] == ["marc"]
    assert second.next_after is None


def test_lotte_makes_marc_an_executor_for_the_wse_loket(service: RightsService, session: Session) -> None:
    lotte, marc = actor(session, "lotte"), user(session, "marc")
    today = service.today()
    right = service.grant_right(lotte, BAROCY, NewRight(marc.id, EXECUTOR, today, None, ["wse_loket"]))
    session.commit()
    assert right.right == EXECUTOR and right.valid_from == today and right.valid_until is None
    assert right.granted_by_user_id == lotte.user_id
    entry = service.right_of(lotte, BAROCY, right.id)
    assert [t.code for t in entry.mandate_types] == ["wse_loket"] and entry.mandators == ()
    audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "rights.granted"))
    assert audit is not None
    assert audit.actor_user_id == lotte.user_id and audit.subject_user_id == marc.id
    assert audit.detail["organisation"] == BAROCY
    assert audit.detail["mandate_types"] == ["wse_loket"]
    assert audit.detail["user"] == "marc"


def test_an_executor_right_can_be_limited_to_mandators(service: RightsService, session: Session) -> None:
    lotte, lotte_user = actor(session, "lotte"), user(session, "lotte")
    right = service.grant_right(
        lotte,
        BAROCY,
        NewRight(lotte_user.id, EXECUTOR, service.today(), None, ["wse_loket"], ["BE 0411.515.075", "kbo:0425260668"]),
    )
    assert sorted(p.name for p in service.right_of(lotte, BAROCY, right.id).mandators) == [
        "Emmaüs",
        "Interuniversitair Micro-Electronica Centrum (IMEC)",
    ]


@pytest.mark.parametrize(
    ("kind", "start", "end", "types", "mandators", "code", "field"),
    [
        (EXECUTOR, 0, None, [], [], "rights.mandate_types_required", "mandate_types"),
        (MANAGER, 0, None, ["wse_loket"], [], "rights.context_not_allowed", "mandate_types"),
        (MANAGER, 0, None, [], ["0411515075"], "rights.context_not_allowed", "mandators"),
        ("ssm_admin", 0, None, [], [], "rights.kind_unknown", "kind"),
        (EXECUTOR, -1, None, ["wse_loket"], [], "mandate.start_in_past", "valid_from"),
        (EXECUTOR, 5, 4, ["wse_loket"], [], "mandate.end_before_start", "valid_until"),
        (EXECUTOR, 0, None, ["no_such_type"], [], "mandate_type.unknown", "mandate_types"),
        (EXECUTOR, 0, None, ["tax_return_person_only"], [], "mandate_type.inactive", "mandate_types"),
        (EXECUTOR, 0, None, ["wse_loket"], ["0411515076"], "identifier.checksum", "mandators"),
        (EXECUTOR, 0, None, ["wse_loket"], ["0477777755"], "party.not_found", "mandators"),
        (EXECUTOR, 0, None, ["wse_loket"], ["0806154033"], "rights.mandator_is_organisation", "mandators"),
    ],
)
def test_a_bad_grant_names_its_problem_and_writes_nothing(
    service: RightsService,
    session: Session,
    kind: str,
    start: int,
    end: int | None,
    types: list[str],
    mandators: list[str],
    code: str,
    field: str,
) -> None:
    session.add(MandateType(code="tax_return_person_only", mandatee_organisation=False))
    session.commit()
    lotte, marc = actor(session, "lotte"), user(session, "marc")
    today = service.today()
    new = NewRight(
        marc.id,
        kind,
        today + dt.timedelta(days=start),
        None if end is None else today + dt.timedelta(days=end),
        types,
        mandators,
    )
    before = counts(session)
    problems = service.check_grant(lotte, BAROCY, new)
    assert (problems[0].code, problems[0].field) == (code, field)
    with pytest.raises(RegistryError) as raised:
        service.grant_right(lotte, BAROCY, new)
    assert raised.value.code == code
    session.rollback()
    assert counts(session) == before


def test_no_two_rights_of_one_kind_overlap_and_rights_stay_within_the_work_relation(
    service: RightsService, session: Session
) -> None:
    lotte, bart = actor(session, "lotte"), user(session, "bart")
    today = service.today()
    with pytest.raises(DuplicateRight):
        service.grant_right(
            lotte, BAROCY, NewRight(bart.id, EXECUTOR, today + dt.timedelta(days=30), None, ["wse_loket"])
        )
    # A manager right is another kind: no overlap.
    service.grant_right(lotte, BAROCY, NewRight(bart.id, MANAGER, today))
    relation = session.scalar(select(WorkRelation).where(WorkRelation.user_id == bart.id))
    assert relation is not None
    relation.valid_until = today + dt.timedelta(days=10)
    session.flush()
    problems = service.check_grant(
        lotte, BAROCY, NewRight(user(session, "marc").id, EXECUTOR, today, None, ["wse_loket"])
    )
    assert problems == []
    with pytest.raises(RegistryError) as raised:
        service.change_right(lotte, BAROCY, rights_of(session, "bart")[-1].id, valid_from=today, valid_until=None)
    assert raised.value.code == "rights.outside_work_relation"


@pytest.mark.parametrize("who", ["marc", "sammy", "bart"])
def test_only_a_local_administrator_of_the_organisation_grants(
    service: RightsService, session: Session, who: str
) -> None:
    before = counts(session)
    with pytest.raises(NotLocalAdministrator):
        service.grant_right(actor(session, who), BAROCY, NewRight(user(session, "marc").id, MANAGER, service.today()))
    assert counts(session) == before


def test_an_ended_local_administrator_no_longer_grants(service: RightsService, session: Session) -> None:
    lotte = actor(session, "lotte")
    for row in session.scalars(select(LocalAdministrator).where(LocalAdministrator.user_id == lotte.user_id)):
        row.valid_from = service.today() - dt.timedelta(days=30)
        row.valid_until = service.today() - dt.timedelta(days=1)
    session.commit()
    assert service.administered_organisations(lotte) == []
    with pytest.raises(NotLocalAdministrator):
        service.list_users(lotte, BAROCY)


def test_other_organisations_users_and_rights_are_out_of_reach(service: RightsService, session: Session) -> None:
    """SECURITY.md M05: edited organisation, user and right ids are refused, and nothing is written."""
    lotte, sammy = actor(session, "lotte"), user(session, "sammy")
    before = counts(session)
    with pytest.raises(NotLocalAdministrator):
        service.list_users(lotte, EMMAUS)
    with pytest.raises(NotLocalAdministrator):
        service.grant_right(lotte, EMMAUS, NewRight(sammy.id, MANAGER, service.today()))
    with pytest.raises(UserNotInOrganisation):
        service.grant_right(lotte, BAROCY, NewRight(sammy.id, MANAGER, service.today()))
    with pytest.raises(UserNotInOrganisation):
        service.check_grant(lotte, BAROCY, NewRight(999_999, MANAGER, service.today()))
    sammys_right = rights_of(session, "sammy")[0]
    with pytest.raises(RightNotOfOrganisation):
        service.end_right(lotte, BAROCY, sammys_right.id)
    with pytest.raises(RightNotOfOrganisation):
        service.change_right(lotte, BAROCY, sammys_right.id, valid_from=sammys_right.valid_from, valid_until=None)
    # Ines' PwC right, through BAROCY where Ines works too.
    ines_rights = rights_of(session, "ines")
    barocy = session.scalar(select(Party).where(Party.identifier == "0806154033"))
    assert barocy is not None
    pwc_right = next(r for r in ines_rights if r.organisation_id != barocy.id)
    with pytest.raises(RightNotOfOrganisation):
        service.end_right(lotte, BAROCY, pwc_right.id)
    session.rollback()
    assert counts(session) == before
    assert sammys_right.valid_until is None and pwc_right.valid_until is None


def test_the_helpdesk_reads_every_organisation_and_writes_nothing(service: RightsService, session: Session) -> None:
    helpdesk = actor(session, "helpdesk")
    page = service.list_users(helpdesk, BAROCY)
    assert page.read_only and len(page.members) == 4
    assert service.list_users(helpdesk, EMMAUS).members[0].user.username == "sammy"
    right = rights_of(session, "bart")[0]
    with pytest.raises(ReadOnly):
        service.end_right(helpdesk, BAROCY, right.id)
    with pytest.raises(ReadOnly):
        service.grant_right(helpdesk, BAROCY, NewRight(user(session, "marc").id, MANAGER, service.today()))


def test_ending_takes_effect_at_once(service: RightsService, session: Session) -> None:
    lotte = actor(session, "lotte")
    today = service.today()
    bart_right = rights_of(session, "bart")[0]
    ended = service.end_right(lotte, BAROCY, bart_right.id)
    assert ended is not None and ended.valid_until == today - dt.timedelta(days=1)
    assert service.right_of(lotte, BAROCY, bart_right.id).status == "ended"
    with pytest.raises(RightAlreadyEnded):
        service.end_right(lotte, BAROCY, bart_right.id)
    with pytest.raises(RightAlreadyEnded):
        service.change_right(lotte, BAROCY, bart_right.id, valid_from=bart_right.valid_from, valid_until=today)
    audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "rights.ended"))
    assert audit is not None and audit.detail["before"] == {"valid_from": "2022-09-01", "valid_until": ""}
    # A right that has not been valid before today is withdrawn: it never counts.
    marc = user(session, "marc")
    future = service.grant_right(lotte, BAROCY, NewRight(marc.id, EXECUTOR, today, None, ["wse_loket"]))
    future_id = future.id
    assert service.end_right(lotte, BAROCY, future_id) is None
    session.commit()
    assert session.get(UserRight, future_id) is None
    withdrawn = session.scalar(select(AuditEntry).where(AuditEntry.action == "rights.withdrawn"))
    assert withdrawn is not None and withdrawn.detail["right_id"] == future_id


def test_changing_dates_and_context(service: RightsService, session: Session) -> None:
    lotte, marc = actor(session, "lotte"), user(session, "marc")
    today = service.today()
    bart_right = rights_of(session, "bart")[0]
    later = today + dt.timedelta(days=90)
    changed = service.change_right(
        lotte,
        BAROCY,
        bart_right.id,
        valid_from=bart_right.valid_from,
        valid_until=later,
        mandate_type_codes=["wse_loket"],
    )
    assert changed.valid_until == later
    assert [t.code for t in service.right_of(lotte, BAROCY, bart_right.id).mandate_types] == ["wse_loket"]
    with pytest.raises(RegistryError) as raised:
        service.change_right(lotte, BAROCY, bart_right.id, valid_from=today, valid_until=later)
    assert raised.value.code == "rights.start_fixed"
    with pytest.raises(RegistryError) as raised:
        service.change_right(
            lotte, BAROCY, bart_right.id, valid_from=bart_right.valid_from, valid_until=today - dt.timedelta(days=1)
        )
    assert raised.value.code == "rights.end_in_past"
    with pytest.raises(RegistryError) as raised:
        service.change_right(
            lotte, BAROCY, bart_right.id, valid_from=bart_right.valid_from, valid_until=None, mandate_type_codes=[]
        )
    assert raised.value.code == "rights.mandate_types_required"
    # A right that has not started may move its start, to today or later.
    future = service.grant_right(
        lotte, BAROCY, NewRight(marc.id, EXECUTOR, today + dt.timedelta(days=10), None, ["wse_loket"])
    )
    moved = service.change_right(lotte, BAROCY, future.id, valid_from=today + dt.timedelta(days=5), valid_until=None)
    assert moved.valid_from == today + dt.timedelta(days=5)
    assert [t.code for t in service.right_of(lotte, BAROCY, future.id).mandate_types] == ["wse_loket"]
    changes = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "rights.changed")))
    assert len(changes) == 2
    assert changes[0].detail["before"] == {"valid_from": "2022-09-01", "valid_until": ""}


def test_my_profile_shows_my_rights_and_my_local_administrators(service: RightsService, session: Session) -> None:
    profile = service.profile(user(session, "ines"))
    names = [place.organisation.name for place in profile.organisations]
    assert names == ["BAROCY", "PricewaterhouseCoopers Tax Consultants"]
    barocy, pwc = profile.organisations
    assert [a.username for a in barocy.local_administrators] == ["lotte"]
    assert pwc.local_administrators == ()
    assert [r.kind for r in barocy.rights] == [EXECUTOR]
    # At PwC she also manages the mandates (the demo's transfer to PwC is accepted by her).
    assert sorted(r.kind for r in pwc.rights) == sorted([MANAGER, EXECUTOR])
    assert barocy.rights[0].right.valid_until is not None
    assert [r.kind for r in barocy.relations] == ["Vaste Medewerker"]
    assert [r.kind for r in pwc.relations] == ["Externe Medewerker"]
    assert profile.administers == ()
    assert [p.name for p in service.profile(user(session, "lotte")).administers] == ["BAROCY"]
    assert service.profile(user(session, "carla")).organisations == ()


def test_the_rights_service_imports_no_framework() -> None:
    # STYLE rule 3: mandate_resolver never imports Flask or Werkzeug.
    code = (
        "import sys, mandate_resolver.registry.rights; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'werkzeug'}); "
        "sys.exit(str(bad) if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
