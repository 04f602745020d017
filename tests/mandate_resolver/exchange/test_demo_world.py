"""The demo world: valid, idempotent, every mandate state, users that can log in."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pyotp
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import Insz, KboNumber
from mandate_resolver.registry.demo import DEMO_USERS, demo_document, load_demo
from mandate_resolver.registry.lifecycle import effective_status
from mandate_resolver.registry.models import (
    Application,
    Credential,
    LegalRepresentative,
    Mandate,
    Party,
    RightKind,
    User,
    UserRight,
)
from mandate_resolver.registry.passwords import TEST_PROFILE, verify_password
from tests.mandate_resolver.exchange.exchange_world import row_counts

TODAY = dt.date(2026, 3, 2)


def statuses(session: Session, today: dt.date) -> Counter[str]:
    found: Counter[str] = Counter()
    for mandate in session.scalars(select(Mandate)):
        found[effective_status(mandate, today)] += 1
        if mandate.pending_mandatee_id is not None:
            found["transfer_pending"] += 1
        if mandate.state.value == "awaiting_signature":
            found[f"awaiting_{'mandatee' if mandate.mandator_signed_at else 'mandator'}"] += 1
    return found


def test_loading_twice_is_idempotent(session: Session) -> None:
    first = load_demo(session, TODAY, profile=TEST_PROFILE)
    session.commit()
    assert first.report.created > 0 and first.report.updated == 0
    counts = row_counts(session)
    second = load_demo(session, TODAY, profile=TEST_PROFILE)
    session.commit()
    assert not second.report.changed
    assert row_counts(session) == counts


def test_a_later_day_moves_the_dates_without_adding_rows(session: Session) -> None:
    load_demo(session, TODAY, profile=TEST_PROFILE)
    session.commit()
    counts, seen_today = row_counts(session), statuses(session, TODAY)
    later = TODAY + dt.timedelta(days=40)
    report = load_demo(session, later, profile=TEST_PROFILE).report
    session.commit()
    assert report.created == 0
    assert report["mandates"].updated == len(demo_document(later)["mandates"])  # type: ignore[arg-type]
    assert row_counts(session) == counts
    # The demo stays valid: on the later day, the same mandates are active, future, expired ...
    assert statuses(session, later) == seen_today


def test_there_are_mandates_in_every_state(session: Session) -> None:
    world = load_demo(session, TODAY, profile=TEST_PROFILE)
    session.commit()
    found = statuses(session, TODAY)
    for status in (
        "active",
        "awaiting_signature",
        "awaiting_mandator",
        "awaiting_mandatee",
        "future",
        "expired",
        "stopped",
        "refused",
        "transfer_pending",
    ):
        assert found[status] >= 1, (status, found)
    # The guide agrees with the registry.
    by_id = {m.id: m for m in session.scalars(select(Mandate))}
    for demo in world.mandates:
        assert effective_status(by_id[demo.id], TODAY) == demo.status.split(",")[0]


def test_the_seed_parties_and_numbers_are_valid(session: Session) -> None:
    load_demo(session, TODAY, profile=TEST_PROFILE)
    parties = {p.name: p for p in session.scalars(select(Party))}
    assert parties["Emmaüs"].identifier == "0411515075" and parties["Emmaüs"].city == "Mechelen"
    assert parties["BAROCY"].street == "Hundelgemsesteenweg 321" and parties["BAROCY"].postal_code == "9820"
    for name in (
        "Provincialaat der Broeders van Liefde",
        "PARKWIND",
        "Interuniversitair Micro-Electronica Centrum (IMEC)",
        "DELOITTE Belastingconsulenten",
        "PricewaterhouseCoopers Tax Consultants",
    ):
        KboNumber(parties[name].identifier)
    for user in DEMO_USERS:
        Insz(user.insz)


def test_users_log_in_with_the_printed_password_and_totp_secret(session: Session) -> None:
    world = load_demo(session, TODAY, profile=TEST_PROFILE)
    credentials = {
        (user.username, credential.kind): credential.secret
        for credential, user in session.execute(select(Credential, User).join(User, User.id == Credential.user_id))
    }
    for user in world.users:
        assert user.password == f"demo-{user.username}-2026"
        assert verify_password(credentials[(user.username, "password")], user.password)
        assert credentials[(user.username, "totp")] == user.totp_secret
        totp = pyotp.TOTP(user.totp_secret)
        assert totp.verify(totp.now())
    assert world.user("sammy").name == "Sammy Roos"
    assert len({user.totp_secret for user in world.users}) == len(world.users)


def test_imec_is_reachable_through_barocy_and_pwc(session: Session) -> None:
    load_demo(session, TODAY, profile=TEST_PROFILE)
    parties = {p.name: p.id for p in session.scalars(select(Party))}
    imec = parties["Interuniversitair Micro-Electronica Centrum (IMEC)"]
    mandatees = {
        m.mandatee.name
        for m in session.scalars(select(Mandate).where(Mandate.mandator_id == imec))
        if effective_status(m, TODAY) == "active" and m.mandate_type.code == "wse_loket"
    }
    assert mandatees == {"BAROCY", "PricewaterhouseCoopers Tax Consultants"}
    ines = session.scalars(select(User).where(User.username == "ines")).one()
    executor_at = {
        r.organisation_id
        for r in session.scalars(select(UserRight).where(UserRight.user_id == ines.id))
        if r.right is RightKind.MANDATE_EXECUTOR
    }
    assert executor_at == {parties["BAROCY"], parties["PricewaterhouseCoopers Tax Consultants"]}


def test_parkwind_has_a_legal_representative_and_is_a_mandatee(session: Session) -> None:
    load_demo(session, TODAY, profile=TEST_PROFILE)
    parkwind = session.scalars(select(Party).where(Party.name == "PARKWIND")).one()
    representative = session.scalars(select(LegalRepresentative)).one()
    assert representative.organisation_id == parkwind.id
    assert any(
        effective_status(m, TODAY) == "active" and m.mandate_type.code == "wse_loket"
        for m in session.scalars(select(Mandate).where(Mandate.mandatee_id == parkwind.id))
    )


def test_two_demo_relying_parties(session: Session) -> None:
    world = load_demo(session, TODAY, profile=TEST_PROFILE)
    applications = {a.client_id: a for a in session.scalars(select(Application))}
    assert set(applications) == {"demo-rp", "https://demo-sp.example/saml"}
    assert applications["demo-rp"].protocol == "oidc" and applications["demo-rp"].legal_representatives
    assert applications["https://demo-sp.example/saml"].protocol == "saml"
    payload = world.as_dict()
    assert {rp["client_id"] for rp in payload["relying_parties"]} == set(applications)  # type: ignore[attr-defined]
    assert all(user["password"] and user["description"] for user in payload["users"])  # type: ignore[attr-defined]
