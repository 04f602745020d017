"""The single-mandate story of the seeds through the portal's pages, as people click it (no JavaScript):
Sammy creates a WSE Loket mandate for Emmaüs to BAROCY, Marc signs it for BAROCY, both see it in the right
lists; it is extended, transferred to PwC (accepted there), signed again by Emmaüs, and stopped."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from idp.settings import Settings
from mandate_resolver.registry.demo import PWC, DemoWorld
from mandate_resolver.registry.models import MandateState, Party, RightKind, User, UserRight
from tests.idp.portal.pages import DASHBOARD, act, check, confirm, create_form, done, mandate_id_of, section, state
from tests.portal_support import enter, sign_in


def _demo_mandate(demo: DemoWorld, slug: str) -> str:
    return next(m.id for m in demo.mandates if m.slug == slug)


def _make_pwc_manager(session: Session, username: str) -> None:
    """Nobody manages PwC in the demo: give a user the IDM right for it (as PwC's local administrator would)."""
    user = session.scalar(select(User).where(User.username == username))
    pwc = session.scalar(select(Party).where(Party.identifier == PWC.value))
    assert user is not None and pwc is not None
    session.add(
        UserRight(
            organisation_id=pwc.id, user_id=user.id, right=RightKind.MANDATE_MANAGER, valid_from=dt.date(2020, 1, 1)
        )
    )
    session.commit()


def test_the_whole_story(
    demo: DemoWorld, app: Flask, client: FlaskClient, session: Session, settings: Settings
) -> None:
    today = demo.today
    sammy = client
    sign_in(sammy, "sammy")
    enter(sammy, "Emmaüs")

    # Emmaüs already lets BAROCY use the WSE Loket (the demo's open-ended mandate): a second one is a duplicate.
    refused = check(sammy, create_form(today, "BE 0806.154.033"))
    assert refused.status_code == 422
    assert "Er bestaat al een mandaat van dit type" in refused.get_data(as_text=True)

    # Sammy stops the old one first: the stop page shows the type's stop text.
    old = _demo_mandate(demo, "emmaus-barocy-wse")
    stop_page = sammy.get(f"/portal/mandates/{old}/stop").get_data(as_text=True)
    assert "Ik beëindig dit mandaat met onmiddellijke ingang" in stop_page
    done(sammy, act(sammy, old, "stop"))
    assert state(session, old).state == MandateState.STOPPED

    # The counterparty by name: the form lists the parties found, Sammy picks BAROCY.
    data = create_form(
        today,
        "barocy",
        valid_until=(today + dt.timedelta(days=365)).strftime("%d/%m/%Y"),
        reference="EMM-WSE-002",
        language="fr",
        own_email="sammy@emmaus.example",
        counterparty_email="info@barocy.example",
    )
    choices = check(sammy, data)
    assert choices.status_code == 422
    assert 'name="counterparty_choice"' in choices.get_data(as_text=True)
    page = check(sammy, {**data, "counterparty_choice": "0806154033"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # The confirmation page: both parties, the period and the contract text to accept.
    assert "Hundelgemsesteenweg 321" in html and "Edgard Tinellaan 1" in html
    assert "Ik machtig de mandaatnemer" in html
    unaccepted = confirm(sammy, page, accept=False)
    assert unaccepted.status_code == 422
    assert "U moet de voorwaarden aanvaarden." in unaccepted.get_data(as_text=True)
    created = done(sammy, confirm(sammy, page))
    mandate_id = mandate_id_of(created)
    detail = created.get_data(as_text=True)
    assert "Het mandaat werd aangemaakt" in detail
    assert "aangemaakt door Sammy Roos (Emmaüs)" in detail
    assert "Wacht op ondertekening" in detail
    mandate = state(session, mandate_id)
    assert (mandate.reference, mandate.language, mandate.mandator.name, mandate.mandatee.name) == (
        "EMM-WSE-002",
        "fr",
        "Emmaüs",
        "BAROCY",
    )

    # The notification, in the mandate's language, to both addresses.
    mails = sorted(Path(settings.outbox_dir).glob("*.eml"))
    assert len(mails) == 1
    mail = message_from_bytes(mails[0].read_bytes(), policy=policy.default)
    assert mail["Subject"].startswith("Création d'un mandat Guichet WSE")
    assert "info@barocy.example" in mail["To"] and "sammy@emmaus.example" in mail["To"]

    dashboard = sammy.get(DASHBOARD).get_data(as_text=True)
    assert mandate_id in section(dashboard, "awaiting_other")
    assert mandate_id not in section(dashboard, "to_sign")

    # Marc, for BAROCY: the mandate is his to sign; signing without accepting the contract is refused.
    marc = app.test_client()
    sign_in(marc, "marc")
    enter(marc, "BAROCY")
    dashboard = marc.get(DASHBOARD).get_data(as_text=True)
    assert mandate_id in section(dashboard, "to_sign")
    unsigned = act(marc, mandate_id, "sign")
    assert unsigned.status_code == 422
    assert state(session, mandate_id).state == MandateState.AWAITING_SIGNATURE
    signed = done(marc, act(marc, mandate_id, "sign", {"accept_contract": "yes"}))
    assert "Het mandaat is nu getekend." in signed.get_data(as_text=True)
    assert state(session, mandate_id).state == MandateState.SIGNED
    for who in (sammy, marc):
        dashboard = who.get(DASHBOARD).get_data(as_text=True)
        assert mandate_id in section(dashboard, "active")
        assert mandate_id not in section(dashboard, "to_sign") + section(dashboard, "awaiting_other")

    # Marc extends it by a year.
    new_end = today + dt.timedelta(days=730)
    extended = done(marc, act(marc, mandate_id, "extend", {"valid_until": new_end.isoformat()}))
    assert "verlengd door Marc Verhoeven (BAROCY)" in extended.get_data(as_text=True)
    assert state(session, mandate_id).valid_until == new_end

    # BAROCY hands it over to PwC; PwC's manager accepts; Emmaüs must then sign again.
    requested = done(marc, act(marc, mandate_id, "transfer", {"new_mandatee": "BE " + PWC.formatted}))
    assert "overdracht aangevraagd door Marc Verhoeven (BAROCY)" in requested.get_data(as_text=True)
    assert mandate_id in section(marc.get(DASHBOARD).get_data(as_text=True), "awaiting_transfer")
    _make_pwc_manager(session, "ines")
    ines = app.test_client()
    sign_in(ines, "ines")
    enter(ines, "PricewaterhouseCoopers")
    assert mandate_id in section(ines.get(DASHBOARD).get_data(as_text=True), "awaiting_transfer")
    accepted = done(ines, act(ines, mandate_id, "transfer/accept", {"accept_contract": "yes"}))
    assert "overdracht aanvaard door Ines Claes" in accepted.get_data(as_text=True)
    mandate = state(session, mandate_id)
    assert mandate.mandatee.identifier == PWC.value and mandate.state == MandateState.AWAITING_SIGNATURE
    assert mandate_id in section(sammy.get(DASHBOARD).get_data(as_text=True), "to_sign")
    done(sammy, act(sammy, mandate_id, "sign", {"accept_contract": "yes"}))
    assert state(session, mandate_id).state == MandateState.SIGNED

    # Sammy stops it, with immediate effect; nothing more can be done with it.
    stopped = done(sammy, act(sammy, mandate_id, "stop"))
    page_text = stopped.get_data(as_text=True)
    assert "stopgezet door Sammy Roos (Emmaüs)" in page_text
    assert "U kunt met dit mandaat nu niets doen." in page_text
    assert state(session, mandate_id).state == MandateState.STOPPED
    assert mandate_id not in section(ines.get(DASHBOARD).get_data(as_text=True), "active")
